"""Accessibility pictograms (plugins/accessibility): flags from yes/no columns, the
kiosk's filter, the markers drawn above the demo's public buildings, bad input."""

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from plugins.accessibility.layer import AccessibilityLayer, truthy
from tests.conftest import DEMO_SCENE
from twin.io.loading import apply_results, load_scene_data
from twin.core.scene import Scene
from twin.io.scene_file import load_scene


def test_yes_words_and_the_filter(tmp_path):
    assert truthy(pd.Series(["oui", "Non", " X ", None, "1", "accessible", "0"])).tolist() == \
        [True, False, True, False, True, True, False]
    frame = gpd.GeoDataFrame({"nom": ["a", "b", "c"], "Fauteuil": ["oui", "oui", "non"], "visuel": ["oui", "non", "oui"]},
                             geometry=[shapely.box(i * 30, 0, i * 30 + 20, 20) for i in range(3)], crs="EPSG:2154")
    frame.to_file(tmp_path / "erp.geojson", driver="GeoJSON")
    scene = Scene(crs="EPSG:2154")
    layer = scene.add_layer(AccessibilityLayer("ERP", source=tmp_path / "erp.geojson"))
    [result] = load_scene_data(scene)
    assert result.error is None, result.error
    apply_results([result])
    assert layer.data.flags.tolist() == [[True, False, True, False], [True, False, False, False],
                                         [False, False, True, False]]          # no hearing nor mental column
    assert layer.shown().tolist() == [True, True, True]
    layer.require = "wheelchair, sight"                                        # a kiosk visitor's needs
    assert layer.shown().tolist() == [True, False, False]
    assert layer.legend(False).title == "ERP — suits: sight, wheelchair"
    with pytest.raises(ValueError, match="require may name wheelchair, hearing, sight, mental; not stairs"):
        AccessibilityLayer("x", require="stairs")
    layer.wheelchair_field, layer.sight_field = "ramp", "braille"
    [result] = load_scene_data(scene)
    assert "has none of the accessibility columns ramp, auditif, braille, mental" in result.error


def _display(plotter, points: np.ndarray) -> np.ndarray:
    """(N, 2) pixel (column, row from the top) where origin-relative points land."""
    import vtk
    coord = vtk.vtkCoordinate()
    coord.SetCoordinateSystemToWorld()
    height = plotter.renderer.GetSize()[1]
    out = []
    for p in points:
        coord.SetValue(*map(float, p))
        x, y = coord.GetComputedDoubleDisplayValue(plotter.renderer)
        out.append((x, height - 1 - y))
    return np.array(out)


def test_pictograms_stand_above_the_demo_public_buildings():
    from plugins.accessibility.layer import COLORS
    from plugins.accessibility.visual import ICON_PX
    from twin._vtk.mirror import SceneMirror
    from twin._vtk.offscreen import make_plotter
    scene = load_scene(DEMO_SCENE)
    layer = scene.layers.find("Accessibilité des bâtiments publics")
    layer.visible = True                                # off in the demo: shown on demand
    for name in ("Données en direct", "Signalements citoyens", "Cadastre", "Commerces (observatoire)"):
        scene.layers.find(name).visible = False
    apply_results(load_scene_data(scene, layers=[scene.layers.find("Terrain (MNT 2 m)"), layer]))
    assert len(layer.data.flags) == 12 and layer.data.flags.any(axis=0).all()
    plotter = make_plotter((900, 600))
    mirror = SceneMirror(scene, plotter)
    try:
        mirror.apply_view(scene.bookmark("Vue d'ensemble").view)
        plotter.render()
        img = plotter.screenshot(return_img=True).astype(int)
        visual = mirror.visuals[id(layer)]
        centres, rows, radius = visual.point_targets()
        expected_rows, need = np.nonzero(layer.data.flags)
        assert rows.tolist() == expected_rows.tolist() and radius == ICON_PX / 2
        pixels = np.round(_display(plotter, centres)).astype(int)
        inside = (pixels[:, 0] > radius) & (pixels[:, 0] < 900 - radius) & (pixels[:, 1] > radius) \
            & (pixels[:, 1] < 600 - radius)
        assert inside.sum() >= 15
        seen = 0
        for (x, y), k in zip(pixels[inside], need[inside]):
            box = img[y - 10:y + 11, x - 10:x + 11].reshape(-1, 3)      # inside the pictogram
            coloured = (np.abs(box - COLORS[k].astype(int)).max(axis=1) < 40).mean()
            white = (box.min(axis=1) > 215).mean()
            seen += coloured > 0.3 and white > 0.1                     # the need's colour and its white glyph
        assert seen >= inside.sum() - 2                                # a nearer building may hide one or two
        corners = _display(plotter, np.asarray(visual._poly.points))
        width = np.ptp(corners.reshape(-1, 4, 2)[:, :, 0], axis=1)     # facing the viewer: squares of ICON_PX
        assert np.allclose(width, ICON_PX, atol=1.5)
        mirror.apply_view(scene.bookmark("Grand Place").view)          # nearer: the same size on screen
        plotter.render()
        corners = _display(plotter, np.asarray(visual._poly.points)).reshape(-1, 4, 2)
        assert np.allclose(np.ptp(corners[:, :, 0], axis=1), ICON_PX, atol=1.5)
        assert np.allclose(np.ptp(corners[:, :, 1], axis=1), ICON_PX, atol=1.5)
        centres, rows, _ = visual.point_targets()
        xy = _display(plotter, centres)
        k = int(np.flatnonzero((xy[:, 0] > 20) & (xy[:, 0] < 880) & (xy[:, 1] > 20) & (xy[:, 1] < 580))[0])
        picked = mirror.pick(int(round(xy[k, 0])), int(round(599 - xy[k, 1])))   # clicking a pictogram
        assert picked.layer is layer and picked.feature == rows[k]             # picks its building

        def blues():
            plotter.render()
            img = plotter.screenshot(return_img=True).astype(int)
            return int((np.abs(img - COLORS[0].astype(int)).max(axis=2) < 30).sum())   # wheelchair pictograms
        everything = blues()
        layer.require = "mental"                        # only what suits mental needs: fewer wheelchairs
        fewer = blues()
        assert everything > 500 and 0 < fewer < 0.75 * everything     # one of the two wheelchairs stays
        assert "Accessibilité des bâtiments publics — suits: mental" in [l.title for l in mirror.legends.shown]
        points, rows, _ = visual.point_targets()
        assert set(rows.tolist()) == set(np.flatnonzero(layer.data.flags[:, 3]).tolist())
    finally:
        mirror.close()
        plotter.close()


def test_the_pictogram_atlas():
    from plugins.accessibility.icons import ICON, atlas
    from plugins.accessibility.layer import COLORS
    image = atlas().astype(int)
    assert image.shape == (ICON, 4 * ICON, 3)
    for k in range(4):
        icon = image[:, k * ICON:(k + 1) * ICON].reshape(-1, 3)
        coloured = (np.abs(icon - COLORS[k].astype(int)).max(axis=1) < 10).mean()
        white = (icon.min(axis=1) > 245).mean()
        assert 0.45 < coloured < 0.85 and 0.15 < white < 0.5, (k, coloured, white)   # a white glyph on colour
    assert not np.array_equal(image[:, :ICON] > 245, image[:, ICON:2 * ICON] > 245)
