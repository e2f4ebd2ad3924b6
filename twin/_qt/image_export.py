"""File ▸ Export image: the current view rendered offscreen at the size asked (pixels, or
millimetres at a DPI), with a title, a legend of the visible layers, a scale bar and a north
arrow drawn over it with QPainter; PNG (its DPI in the file) or PDF (a page of that size).

The render uses the window's camera and loaded layers (twin._vtk.offscreen.render_scene),
without the window's own overlays; what is written over it scales with the DPI, as on a
printed map."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPageLayout, QPageSize, QPainter, QPainterPath, QPdfWriter, QPen
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFileDialog, QFormLayout, QLineEdit, QSpinBox,
)

from twin.core.errors import TwinError

translate = QCoreApplication.translate
MAX_PIXELS = 8192 
         # a side: what an offscreen render on a machine without GPU affords
LEGEND_COLOURS = ("fill_color", "color", "roof_color")


@dataclass
class Furniture:
    """What is drawn over the view."""

    title: str = ""
    legend: list[tuple[str, str]] | None = None     # (layer name, colour)
    metres_per_pixel: float | None = None           # at the view's centre: the scale bar
    north: float | None = None                      # screen angle of the north, degrees clockwise from up


def view_geometry(view, height_px: int) -> tuple[float, float]:
    """(metres per pixel at the focal point, north's angle on screen, clockwise from up)."""
    position, focal = np.asarray(view.position, float), np.asarray(view.focal_point, float)
    forward = focal - position
    distance = float(np.linalg.norm(forward))
    forward /= distance
    right = np.cross(forward, np.asarray(view.view_up, float))
    if np.linalg.norm(right) < 1e-9:
        right = np.array([1.0, 0.0, 0.0])
    right /= np.linalg.norm(right)
    up = np.cross(right, forward)
    north = np.array([0.0, 1.0, 0.0])
    x, y = float(north @ right), float(north @ up)
    if abs(x) + abs(y) < 1e-9:          # looking straight along the north: use the ground's
        x, y = 0.0, 1.0
    metres = 2 * distance * math.tan(math.radians(view.view_angle) / 2) / height_px
    return metres, math.degrees(math.atan2(x, y))


def legend_of(scene) -> list[tuple[str, str]]:
    """The visible data layers with the colour they are drawn in."""
    out = []
    for layer in scene.data_layers():
        if not layer.effectively_visible or layer.data is None:
            continue
        style = getattr(layer, "style", None)
        colour = next((getattr(style, name) for name in LEGEND_COLOURS if getattr(style, name, None)), "#888888")
        out.append((layer.name, colour))
    return out


def compose(rgb: np.ndarray, dpi: float, furniture: Furniture) -> QImage:
    """The rendered view with the furniture painted over it; the DPI in the image."""
    h, w = rgb.shape[:2]
    image = QImage(np.ascontiguousarray(rgb[:, :, :3]).data, w, h, 3 * w, QImage.Format_RGB888).copy()
    image.setDotsPerMeterX(round(dpi / 0.0254))
    image.setDotsPerMeterY(round(dpi / 0.0254))
    p = QPainter(image)
    p.setRenderHint(QPainter.Antialiasing)
    unit = max(dpi / 72.0, w / 1600.0)          # one typographic point in pixels (at least screen-like)
    margin = 12 * unit
    box = QColor(255, 255, 255, 225)
    if furniture.title:
        font = QFont("DejaVu Sans", 1)
        font.setPixelSize(round(16 * unit))
        font.setBold(True)
        p.setFont(font)
        height = p.fontMetrics().height() + 12 * unit
        rect = QRectF(0, 0, w, height)
        p.fillRect(rect, box)
        p.setPen(QColor("#1a1a1a"))
        p.drawText(rect, Qt.AlignCenter, furniture.title)
        top = height
    else:
        top = 0
    font = QFont("DejaVu Sans", 1)
    font.setPixelSize(round(9 * unit))
    p.setFont(font)
    metrics = p.fontMetrics()
    if furniture.legend:
        line = metrics.height() * 1.3
        width = max(metrics.horizontalAdvance(name) for name, _c in furniture.legend) + 30 * unit
        height = line * len(furniture.legend) + 10 * unit
        rect = QRectF(margin, h - margin - height, width, height)
        p.fillRect(rect, box)
        for i, (name, colour) in enumerate(furniture.legend):
            y = rect.top() + 5 * unit + i * line
            p.fillRect(QRectF(rect.left() + 6 * unit, y + line * 0.2, 12 * unit, line * 0.6), QColor(colour))
            p.setPen(QColor("#1a1a1a"))
            p.drawText(QRectF(rect.left() + 24 * unit, y, width, line), Qt.AlignVCenter | Qt.AlignLeft, name)
    if furniture.metres_per_pixel:
        _scale_bar(p, w, h, margin, unit, furniture.metres_per_pixel, box)
    if furniture.north is not None:
        _north_arrow(p, QPointF(w - margin - 22 * unit, top + margin + 26 * unit), 18 * unit, furniture.north, box)
    p.end()
    return image


def _scale_bar(p: QPainter, w: int, h: int, margin: float, unit: float, mpp: float, box: QColor) -> None:
    """A round length about a fifth of the width, in m or km as a French map writes it."""
    target = mpp * w / 5
    step = 10 ** math.floor(math.log10(target))
    length = max(s for s in (step, 2 * step, 5 * step) if s <= target)
    pixels = length / mpp
    from twin.core.i18n import number
    label = f"{number(length / 1000)} km" if length >= 1000 else f"{number(length)} m"
    # bottom centre: the legend of the layers is bottom left, the view's own legends bottom right
    bar = QRectF((w - pixels) / 2 - 10 * unit, h - margin - 30 * unit, pixels + 20 * unit, 30 * unit)

    p.fillRect(bar, box)
    y = bar.bottom() - 8 * unit
    x0 = bar.left() + 10 * unit
    p.setPen(QPen(QColor("#1a1a1a"), max(1.0, 1.5 * unit)))
    for i in range(4):                 # alternate black and white quarters
        part = QRectF(x0 + i * pixels / 4, y - 4 * unit, pixels / 4, 4 * unit)
        p.fillRect(part, QColor("#1a1a1a") if i % 2 == 0 else QColor("#ffffff"))
    p.drawRect(QRectF(x0, y - 4 * unit, pixels, 4 * unit))
    p.drawText(QRectF(x0, bar.top(), pixels, y - 6 * unit - bar.top()), Qt.AlignCenter, label)


def _north_arrow(p: QPainter, centre: QPointF, size: float, angle: float, box: QColor) -> None:
    p.save()
    p.setPen(Qt.NoPen)
    p.setBrush(box)
    p.drawEllipse(centre, size * 1.35, size * 1.35)
    p.translate(centre)
    p.rotate(angle)
    path = QPainterPath(QPointF(0, -size))
    path.lineTo(size * 0.45, size * 0.7)
    path.lineTo(0, size * 0.35)
    path.lineTo(-size * 0.45, size * 0.7)
    path.closeSubpath()
    p.setBrush(QColor("#1a1a1a"))
    p.drawPath(path)
    p.setPen(QColor("#ffffff"))
    font = QFont("DejaVu Sans", 1)
    font.setPixelSize(max(1, round(size * 0.5)))
    font.setBold(True)
    p.setFont(font)
    p.drawText(QRectF(-size, -size * 0.2, 2 * size, size * 0.75), Qt.AlignCenter, "N")
    p.restore()


def export_image(window, path: str | Path, size: tuple[int, int], dpi: float = 96.0, title: str = "",
                 legend: bool = True, scale_bar: bool = True, north_arrow: bool = True) -> QImage:
    """Renders ``window``'s current view at ``size`` pixels and writes it (PNG or PDF, by
    the suffix), written aside and renamed when whole."""
    from twin._vtk.offscreen import VTK_LOCK, render_scene
    path = Path(path)
    w, h = map(int, size)
    if not (16 <= w <= MAX_PIXELS and 16 <= h <= MAX_PIXELS):
        raise TwinError(translate("ImageExport", "{}×{} pixels: each side must be between 16 and {}").format(
            w, h, MAX_PIXELS), path=path, hint=translate("ImageExport", "lower the size or the DPI"))
    if path.suffix.lower() not in (".png", ".pdf"):
        raise TwinError(translate("ImageExport", "cannot write '{}' images").format(path.suffix), path=path,
                        hint=translate("ImageExport", "use .png or .pdf"))
    view = window.mirror.current_view()
    with VTK_LOCK:
        rgb = render_scene(window.scene, None, size=(w, h), view=view, furniture=False)
    metres, north = view_geometry(view, h)
    image = compose(rgb, dpi, Furniture(title=title, legend=legend_of(window.scene) if legend else None,
                                        metres_per_pixel=metres if scale_bar else None,
                                        north=north if north_arrow else None))
    tmp = path.with_name(f".{path.stem}.part{os.getpid()}{path.suffix}")
    try:
        if path.suffix.lower() == ".png":
            if not image.save(str(tmp), "PNG"):
                raise TwinError(translate("ImageExport", "cannot write this file"), path=path,
                                hint=translate("ImageExport", "choose a folder you can write to"))
        else:
            _write_pdf(image, tmp, dpi)
        os.replace(tmp, path)
    except OSError as exc:
        raise TwinError(translate("ImageExport", "cannot write ({})").format(exc.strerror), path=path) from exc
    finally:
        tmp.unlink(missing_ok=True)
    return image


def _write_pdf(image: QImage, path: Path, dpi: float) -> None:
    writer = QPdfWriter(str(path))
    writer.setResolution(round(dpi))
    size_mm = QSizeF(image.width() / dpi * 25.4, image.height() / dpi * 25.4)
    writer.setPageLayout(QPageLayout(QPageSize(size_mm, QPageSize.Millimeter), QPageLayout.Portrait,
                                     QMarginsF(0, 0, 0, 0)))
    p = QPainter(writer)
    if not p.isActive():
        raise TwinError(translate("ImageExport", "cannot write this file"), path=path,
                        hint=translate("ImageExport", "choose a folder you can write to"))
    p.drawImage(QRectF(0, 0, writer.width(), writer.height()), image)
    p.end()


class ImageExportDialog(QDialog):
    """Size (pixels, or millimetres at a DPI), title, what goes on the picture, the file."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.setWindowTitle(self.tr("Export image"))
        form = QFormLayout(self)
        self.title = QLineEdit(window.scene.name)
        self.unit = QComboBox()
        self.unit.addItem(self.tr("pixels"), "px")
        self.unit.addItem(self.tr("millimetres"), "mm")
        self.width_edit, self.height_edit = QDoubleSpinBox(), QDoubleSpinBox()
        for spin, value in ((self.width_edit, 1920), (self.height_edit, 1080)):
            spin.setRange(1, 100000)
            spin.setDecimals(0)
            spin.setValue(value)
        self.dpi = QSpinBox()
        self.dpi.setRange(36, 1200)
        self.dpi.setValue(150)
        self.legend = QCheckBox(self.tr("Legend"), checked=True)
        self.scale = QCheckBox(self.tr("Scale bar"), checked=True)
        self.north = QCheckBox(self.tr("North arrow"), checked=True)
        for label, widget in ((self.tr("Title"), self.title), (self.tr("Size in"), self.unit),
                              (self.tr("Width"), self.width_edit), (self.tr("Height"), self.height_edit),
                              (self.tr("Resolution (DPI)"), self.dpi)):
            widget.setAccessibleName(label)
            form.addRow(label, widget)
        for box in (self.legend, self.scale, self.north):
            form.addRow("", box)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def pixels(self) -> tuple[int, int]:
        w, h = self.width_edit.value(), self.height_edit.value()
        if self.unit.currentData() == "mm":
            w, h = w / 25.4 * self.dpi.value(), h / 25.4 * self.dpi.value()
        return round(w), round(h)

    def export(self, path: str | None = None) -> QImage | None:
        path = path or QFileDialog.getSaveFileName(self, self.tr("Export image"), f"{self.window.scene.name}.png",
                                                   self.tr("PNG image (*.png);;PDF document (*.pdf)"))[0]
        if not path:
            return None
        return export_image(self.window, path, self.pixels(), self.dpi.value(), self.title.text().strip(),
                            self.legend.isChecked(), self.scale.isChecked(), self.north.isChecked())


def export_from_window(window, path: str | None = None) -> QImage | None:
    """The dialog (unless ``path`` is given: its defaults), the export, what it did said in
    the status bar or why it could not in a message box."""
    from PySide6.QtWidgets import QMessageBox
    window.image_dialog = dialog = ImageExportDialog(window)
    if path is None and dialog.exec() != QDialog.Accepted:
        return None
    try:
        image = dialog.export(path)
    except TwinError as exc:
        QMessageBox.warning(window, translate("ImageExportDialog", "Cannot export the image"), exc.message)
        return None
    if image is not None:
        text = translate("ImageExportDialog", "Image written ({}×{} pixels)")
        window.statusBar().showMessage(text.format(image.width(), image.height()), 10000)
    return image
