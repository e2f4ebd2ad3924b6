"""The credits of the basemaps shown (« © IGN – Plan IGN »), in small type in the lower
right corner, under the legend: IGN's licence asks for them wherever its maps appear, so
they are drawn in the app and in every render alike (with or without the furniture).
A basemap's status (offline, from the cache) follows its credit."""

from __future__ import annotations

from twin._vtk import classes as vtk

from twin._vtk.screen import screen_scale, text_size

FONT_PX, EDGE_PX = 10, 2       # at 1280×720: below the legend's margin


class Attribution:
    def __init__(self, renderer: vtk.vtkRenderer):
        self.renderer = renderer
        self.text = ""
        self.box: tuple[float, float, float, float] | None = None
        self.actor = vtk.vtkTextActor()
        self.actor.SetTextScaleModeToNone()
        self.actor.PickableOff()
        prop = self.actor.GetTextProperty()
        prop.SetColor(0.13, 0.13, 0.13)
        prop.SetBackgroundColor(1.0, 1.0, 1.0)
        prop.SetBackgroundOpacity(0.75)
        prop.SetJustificationToRight()
        prop.SetShadow(False)
        self.actor.SetVisibility(False)
        renderer.AddViewProp(self.actor)
        self._key = None

    def show(self, lines: list[str]) -> None:
        self.text = " · ".join(dict.fromkeys(line for line in lines if line))

    def update(self) -> None:
        """Placed before each frame (nothing is done while the view and the text stay)."""
        w, h = self.renderer.GetSize()
        window = self.renderer.GetRenderWindow()
        dpi = window.GetDPI() if window is not None else 72
        key = (w, h, dpi, self.text)
        if key == self._key:
            return
        self._key = key
        if not self.text:
            self.actor.SetVisibility(False)
            self.box = None
            return
        s = screen_scale(w, h, dpi)
        prop = self.actor.GetTextProperty()
        prop.SetFontSize(max(8, round(FONT_PX * s)))
        self.actor.SetInput(f" {self.text} ")
        tw, th = text_size(prop, f" {self.text} ", dpi)
        x, y = w - EDGE_PX * s, EDGE_PX * s
        self.actor.SetPosition(x, y)
        self.box = (x - tw, y, x, y + th)
        self.actor.SetVisibility(True)

    def close(self) -> None:
        self.renderer.RemoveViewProp(self.actor)
