"""Style by attribute: classification methods against known breaks, categories stable
across reloads, legends, scene-file round trip, and the colours in a rendered image."""

import numpy as np
import pandas as pd
import pytest

from tests.conftest import DEMO_SCENE
from twin.core.errors import SceneFileError
from twin.core.layers.style import BuildingStyle, VectorStyle
from twin.io.loading import apply_results, load_scene_data
from twin.io.scene_file import load_scene, save_scene
from twin.analysis.thematic import MAX_CATEGORIES, breaks_of, classify, layer_legend


def test_natural_breaks_of_a_published_example():
    # jenkspy's documented example: three natural classes
    data = np.array([1.3, 7.1, 7.3, 2.3, 3.9, 4.1, 7.8, 1.2, 4.3, 7.3, 5.0, 4.3])
    assert breaks_of(data, "jenks", 3).tolist() == [1.2, 2.3, 5.0, 7.8]
    clusters = np.r_[np.full(50, 10.0), np.full(50, 100.0), np.full(50, 1000.0)] + np.tile(np.arange(50) / 10, 3)
    b = breaks_of(clusters, "jenks", 3)
    assert b[1] < 20 and 100 < b[2] < 110               # the gaps between clusters are found


def test_quantiles_and_equal_intervals():
    v = np.arange(1.0, 101.0)
    assert breaks_of(v, "quantile", 4).tolist() == [1.0, 25.75, 50.5, 75.25, 100.0]
    assert breaks_of(v, "equal", 3).tolist() == pytest.approx([1, 34, 67, 100])
    c = classify(pd.Series([1, 50, 100, None, "n/a"]), "equal", 3)
    assert c.index.tolist() == [0, 1, 2, -1, -1] and c.labels[0] == "1 – 34"
    assert (c.feature_colors()[3] == [0xb0, 0xb0, 0xb0]).all()
    one = classify(pd.Series([5.0, 5.0, None]), "quantile", 5)   # a constant column: one class
    assert one.index.tolist() == [0, 0, -1] and one.labels == ["5"]
    with pytest.raises(ValueError, match="scheme must be one of"):
        breaks_of(v, "pretty", 3)


def test_categories_are_stable_and_capped():
    a = classify(pd.Series(["Résidentiel", "Commerce", "Résidentiel", None, " Annexe "]), "categorized")
    b = classify(pd.Series(["Annexe", "Résidentiel", "Commerce"]), "categorized")
    assert a.labels == b.labels == ["Annexe", "Commerce", "Résidentiel"]      # sorted, whatever the row order
    assert (a.colors == b.colors).all() and a.index.tolist() == [2, 1, 2, -1, 0]
    many = classify(pd.Series([f"v{i:02d}" for i in range(30)] + ["v00"] * 5), "categorized")
    assert len(many.labels) == MAX_CATEGORIES and many.labels[-1] == "other (11 values)"
    assert (many.index >= 0).all()


def test_styles_round_trip_and_legends(tmp_path):
    scene = load_scene(DEMO_SCENE)
    parcels = scene.layers.find("Parcelles")
    buildings = scene.layers.find("Bâtiments (LoD1)")
    parcels.style = VectorStyle(color_field="contenance", classify="jenks", classes=4, palette="Blues")
    buildings.style = BuildingStyle(color_by="attribute", color_field="usage_1", classify="categorized")
    save_scene(scene, tmp_path / "s.toml")
    again = load_scene(tmp_path / "s.toml")
    assert again.layers.find("Parcelles").style == parcels.style
    assert again.layers.find("Bâtiments (LoD1)").style == buildings.style
    apply_results(load_scene_data(again, layers=[again.layers.find("Parcelles"), again.layers.find("Bâtiments (LoD1)")]))
    legend = layer_legend(again.layers.find("Parcelles"))
    assert legend.title == "Parcelles: contenance" and len(legend.entries) == 4
    lows = [float(label.split(" – ")[0].replace(",", "")) for _, label in legend.entries]
    assert lows == sorted(lows, reverse=True)                  # highest class on top
    usage = layer_legend(again.layers.find("Bâtiments (LoD1)"))
    assert "Résidentiel" in [label for _, label in usage.entries]
    text = (tmp_path / "s.toml").read_text(encoding="utf-8")
    (tmp_path / "bad.toml").write_text(text.replace('classify = "jenks"', 'classify = "natural"'), encoding="utf-8")
    with pytest.raises(SceneFileError, match="classify must be one of categorized, quantile, equal, jenks"):
        load_scene(tmp_path / "bad.toml")
    with pytest.raises(ValueError, match="needs a color_field"):
        BuildingStyle(color_by="attribute")


def test_a_graduated_map_shows_its_classes():
    from twin._vtk.mirror import SceneMirror
    from twin._vtk.offscreen import make_plotter
    from twin.analysis.thematic import layer_classes
    scene = load_scene(DEMO_SCENE)
    for name in ("Bâtiments (LoD1)", "Données en direct", "Ville participative"):
        scene.layers.find(name).visible = False
    parcels = scene.layers.find("Parcelles")
    apply_results(load_scene_data(scene, layers=[scene.layers.find("Terrain (MNT 2 m)"), parcels]))
    plotter = make_plotter((900, 600))
    mirror = SceneMirror(scene, plotter)
    try:
        mirror.apply_view(scene.bookmark("Grand Place").view)
        plotter.render()
        plain = plotter.screenshot(return_img=True).astype(int)
        parcels.style = VectorStyle(color_field="contenance", classify="quantile", classes=5, fill_opacity=1.0)
        plotter.render()
        img = plotter.screenshot(return_img=True).astype(int)
        colors = layer_classes(parcels).colors.astype(int)
        shown = [(np.abs(img - c).max(axis=2) < 12).sum() for c in colors]
        assert sum(s > 300 for s in shown) >= 4, shown              # most classes visible
        assert all((np.abs(plain - c).max(axis=2) < 12).sum() < 50 for c in colors[2:])
        assert mirror.legends.shown[-1].title == "Parcelles: contenance"
    finally:
        mirror.close()
        plotter.close()


def test_polygons_extruded_by_an_attribute():
    from twin._vtk.mirror import SceneMirror
    from twin._vtk.offscreen import make_plotter
    scene = load_scene(DEMO_SCENE)
    parcels = scene.layers.find("Parcelles")
    apply_results(load_scene_data(scene, layers=[scene.layers.find("Terrain (MNT 2 m)"), parcels]))
    parcels.style = VectorStyle(color_field="contenance", extrude_field="contenance", extrude_scale=0.1)
    plotter = make_plotter((300, 200))
    mirror = SceneMirror(scene, plotter)
    try:
        blocks = mirror.visuals[id(parcels)].actors[0].GetBounds()
        area = parcels.data.table.frame["contenance"].astype(float)
        ground = parcels.data.polygons[2]
        top = float((ground + area.to_numpy() * 0.1).max()) - scene.origin[2]
        assert blocks[5] == pytest.approx(top, abs=0.5)           # the largest parcel, 10 cm per m²
        assert blocks[4] == pytest.approx(float(ground.min()) - scene.origin[2], abs=0.5)
    finally:
        mirror.close()
        plotter.close()
    with pytest.raises(ValueError, match="extrude_scale must be positive"):
        VectorStyle(extrude_field="contenance", extrude_scale=0)
