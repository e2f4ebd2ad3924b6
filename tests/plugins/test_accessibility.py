"""Accessibility pictograms (plugins/accessibility): flags from yes/no columns, the
kiosk's filter, the markers drawn above the demo's public buildings, bad input."""

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from plugins.accessibility.layer import AccessibilityLayer, truthy
from tests.conftest import DEMO_SCENE
from twin.loading import apply_results, load_scene_data
from twin.scene import Scene
from twin.scene_file import load_scene


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


def test_markers_stand_above_the_demo_public_buildings():
    from twin._vtk.mirror import SceneMirror
    from twin._vtk.offscreen import make_plotter
    scene = load_scene(DEMO_SCENE)
    layer = scene.layers.find("Accessibilité des bâtiments publics")
    layer.visible = True                                # off in the demo: shown on demand
    for name in ("Données en direct", "Signalements citoyens", "Cadastre"):
        scene.layers.find(name).visible = False
    apply_results(load_scene_data(scene, layers=[scene.layers.find("Terrain (MNT 2 m)"), layer]))
    assert len(layer.data.flags) == 12 and layer.data.flags.any(axis=0).all()
    plotter = make_plotter((900, 600))
    mirror = SceneMirror(scene, plotter)
    try:
        mirror.apply_view(scene.bookmark("Grand Place").view)

        def blues():
            plotter.render()
            img = plotter.screenshot(return_img=True).astype(int)
            r, g, b = img[..., 0], img[..., 1], img[..., 2]
            return int(((b > 120) & (b > r + 60) & (b > g + 30)).sum())   # the wheelchair markers
        everything = blues()
        layer.require = "mental"                        # only what suits mental needs: fewer blue markers
        fewer = blues()
        assert everything > 100 and fewer < everything
        assert "Accessibilité des bâtiments publics — suits: mental" in [l.title for l in mirror.legends.shown]
        points, rows, _ = mirror.visuals[id(layer)].point_targets()
        assert set(rows.tolist()) == set(np.flatnonzero(layer.data.flags[:, 3]).tolist())
    finally:
        mirror.close()
        plotter.close()

