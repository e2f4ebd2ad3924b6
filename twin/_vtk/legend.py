"""The legends of the visible overlays, drawn in a corner of the 3D view, so that the
app, the presentation screen and a rendered PNG all say what the colours mean."""

from __future__ import annotations

import textwrap

from twin._vtk import classes as vtk

from twin.core.layers.temporal import Legend

ROW_PX, CHAR_PX = 20, 8
WRAP = 34                 # characters per legend line


def _swatch(rgb) -> vtk.vtkPolyData:
    """A square coloured by its own scalars, so the label keeps the text colour."""
    square = vtk.vtkPlaneSource()
    square.Update()
    poly = square.GetOutput()
    colors = vtk.vtkUnsignedCharArray()
    colors.SetNumberOfComponents(3)
    colors.InsertNextTuple3(*rgb)
    poly.GetCellData().SetScalars(colors)
    return poly


class LegendOverlay:
    """One box in the lower right corner: each legend's title, then its swatches."""

    def __init__(self, renderer: vtk.vtkRenderer):
        self.renderer = renderer
        self.actor: vtk.vtkLegendBoxActor | None = None
        self.shown: list[Legend] = []

    def show(self, legends: list[Legend]) -> None:
        if legends == self.shown:
            return
        self.shown = list(legends)
        if self.actor is not None:
            self.renderer.RemoveViewProp(self.actor)
            self.actor = None
        rows = []
        for legend in legends:      # long texts wrap: the box's width sets its font size
            rows += [(None, line) for line in textwrap.wrap(legend.title, WRAP)]
            for color, label in legend.entries:
                lines = textwrap.wrap(label, WRAP) or [""]
                rows += [(color, lines[0])] + [(None, "  " + line) for line in lines[1:]]
            if legend.note:
                rows += [(None, line) for line in textwrap.wrap(legend.note, WRAP)]
        if not rows:
            return
        box = vtk.vtkLegendBoxActor()
        box.SetNumberOfEntries(len(rows))
        for i, (color, label) in enumerate(rows):
            if color is None:
                box.SetEntryString(i, label)
                box.SetEntryColor(i, 0.1, 0.1, 0.1)
            else:
                box.SetEntry(i, _swatch(color), label, (-1.0, -1.0, -1.0))
        text = box.GetEntryTextProperty()
        text.SetFontSize(14)
        text.SetColor(0.1, 0.1, 0.1)
        text.SetShadow(False)
        box.UseBackgroundOn()
        box.SetBackgroundColor(1.0, 1.0, 1.0)
        box.SetBackgroundOpacity(0.85)
        box.SetBorder(False)
        box.ScalarVisibilityOn()
        box.SetPadding(4)
        box.LockBorderOn()
        box.GetPositionCoordinate().SetCoordinateSystemToNormalizedViewport()
        box.GetPosition2Coordinate().SetCoordinateSystemToDisplay()
        self.actor = box
        self.place()
        self.renderer.AddViewProp(box)

    def place(self) -> None:
        """Keep the box in the corner when the window is resized (called before frames);
        a view too small to hold it beside the scene (a thumbnail) goes without."""
        if self.actor is None:
            return
        w, h = self.renderer.GetSize()
        rows = self.actor.GetNumberOfEntries()
        longest = max(len(self.actor.GetEntryString(i) or "") for i in range(rows))
        width, height = CHAR_PX * longest + 40, ROW_PX * rows + 10
        self.actor.GetPositionCoordinate().SetCoordinateSystemToDisplay()
        self.actor.GetPositionCoordinate().SetValue(max(0, w - width - 10), 10)
        self.actor.GetPosition2Coordinate().SetCoordinateSystemToDisplay()
        self.actor.GetPosition2Coordinate().SetValue(width, height)
        self.actor.SetVisibility(w >= width + 160 and h >= height + 20)

    def close(self) -> None:
        if self.actor is not None:
            self.renderer.RemoveViewProp(self.actor)
        self.actor, self.shown = None, []
