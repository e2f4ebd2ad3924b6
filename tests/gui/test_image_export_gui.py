"""File ▸ Export image: the view at the size and DPI asked, with its title, legend, scale bar
and north arrow where they belong, and the view itself not empty."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from twin._qt.image_export import view_geometry


def _dark(rgb: np.ndarray) -> float:
    """Share of dark pixels (text, bars, arrow) in a region."""
    return float((rgb[..., :3].max(axis=-1) < 80).mean())


def test_png_with_title_legend_scale_bar_and_north_arrow(demo_window, tmp_path):
    from twin._qt.image_export import ImageExportDialog, export_image
    window = demo_window(data="now")
    dialog = ImageExportDialog(window)
    dialog.title.setText("Arras — Grand Place")
    dialog.unit.setCurrentIndex(dialog.unit.findData("mm"))
    dialog.width_edit.setValue(200)
    dialog.height_edit.setValue(120)
    dialog.dpi.setValue(150)
    assert dialog.pixels() == (1181, 709)
    image = dialog.export(str(tmp_path / "vue.png"))
    assert (image.width(), image.height()) == (1181, 709)
    png = Image.open(tmp_path / "vue.png")
    assert png.size == (1181, 709)
    assert png.info["dpi"] == pytest.approx((150, 150), abs=0.1)
    full = np.asarray(png.convert("RGB")).astype(np.int16)
    export_image(window, tmp_path / "nue.png", (1181, 709), dpi=150, legend=False, scale_bar=False,
                 north_arrow=False)
    bare = np.asarray(Image.open(tmp_path / "nue.png").convert("RGB")).astype(np.int16)
    h, w = full.shape[:2]
    drawn = np.abs(full - bare).max(axis=-1) > 40          # what the furniture changed

    def share(rows, cols):
        return float(drawn[rows, cols].mean())
    assert share(slice(0, h // 14), slice(w // 3, 2 * w // 3)) > 0.1            # the title's letters
    assert share(slice(0, h // 14), slice(0, w // 4)) < 0.05                    # centred
    assert (full[: h // 14].min(axis=-1) > 200).mean() > 0.7                    # on a white band

    assert share(slice(h - h // 4, h - h // 20), slice(w // 40, w // 5)) > 0.3  # the legend, bottom left
    assert share(slice(h - h // 12, h), slice(w // 2 - w // 20, w // 2 + w // 20)) > 0.3   # scale bar
    assert share(slice(h // 10, h // 4), slice(w - w // 12, w - w // 40)) > 0.3          # north arrow
    assert share(slice(h // 4, 3 * h // 4), slice(w // 4, 3 * w // 4)) < 0.05   # the view left alone (live markers move)
    middle = bare[h // 4: 3 * h // 4, w // 4: 3 * w // 4]
    assert middle.std() > 20                    # the town, not a blank
    assert len(np.unique(middle.reshape(-1, 3) // 16, axis=0)) > 50


def test_pdf_and_bad_requests(demo_window, tmp_path, monkeypatch):
    window = demo_window(data="now")
    from twin._qt.image_export import ImageExportDialog, export_image
    out = tmp_path / "vue.pdf"
    export_image(window, out, (800, 500), dpi=100, title="Arras")
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and b"/Image" in data or b"/XObject" in data
    from twin.core.errors import TwinError
    with pytest.raises(TwinError, match="between 16 and 8192"):
        export_image(window, tmp_path / "a.png", (20000, 100))
    with pytest.raises(TwinError, match="cannot write '.jpg'"):
        export_image(window, tmp_path / "a.jpg", (100, 100))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["vue.pdf"]
    warnings = []
    from PySide6.QtWidgets import QMessageBox
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    monkeypatch.setattr(ImageExportDialog, "pixels", lambda self: (9000, 100))
    assert window.export_image(str(tmp_path / "b.png")) is None and "between 16" in warnings[0]


def test_view_geometry_north_and_scale():
    from twin.core.camera import View
    from_south = View(position=(0, -100, 100), focal_point=(0, 0, 0))
    metres, north = view_geometry(from_south, 1000)
    assert north == pytest.approx(0, abs=1e-6)          # looking north: north is up
    assert metres == pytest.approx(2 * np.sqrt(2) * 100 * np.tan(np.radians(15)) / 1000)
    from_west = View(position=(-100, 0, 100), focal_point=(0, 0, 0))
    assert view_geometry(from_west, 1000)[1] == pytest.approx(-90)   # looking east: north on the left
