"""The trees layer kind: real LiDAR tiles (plain LAZ and COPC), vegetation polygons,
the scene file, and the inputs it refuses."""

import geopandas as gpd
import laspy
import numpy as np
import pytest
import shapely

from twin.core.errors import SceneFileError
from twin.core.layers import TreesLayer
from twin.core.layers.trees import TreeStyle
from twin.core.scene import Scene
from twin.io.loading import load_scene_data
from twin.io.scene_file import load_scene, save_scene

TILE = "lidar/ignpdaltools__test_semis_2023_0292_6833_LA93_IGN69.laz"      # 1 km², decimated, Brittany
COPC = "lidar/ctview__test_data_77050_627755_LA93_IGN69_buildings.copc.laz"  # 50 m, Montpellier


def _load(layer, scene=None):
    scene = scene or Scene(crs="EPSG:2154")
    scene.add_layer(layer)
    (result,) = load_scene_data(scene)
    return result


def _vegetation_range(path):
    """Lowest ground and highest vegetation point of a file."""
    las = laspy.read(path)
    c, z = np.asarray(las.classification), np.asarray(las.z)
    return float(z[c == 2].min()), float(z[np.isin(c, (3, 4, 5))].max())


def test_a_real_lidar_tile_gives_a_plausible_wood(shared):
    result = _load(TreesLayer("arbres", source=shared / TILE))
    assert result.error is None and result.data.from_lidar
    trees = result.data.trees
    assert 300 < len(trees) < 20_000                        # hedgerows and copses of a rural km²
    low, high = _vegetation_range(shared / TILE)
    assert trees.height.min() >= 3.0 and trees.height.max() <= high - low
    assert 5 < np.median(trees.height) < 25 and (trees.radius > 0).all()
    assert ((trees.x >= 292000) & (trees.x <= 293000) & (trees.y >= 6832000) & (trees.y <= 6833000)).all()
    assert (trees.z >= low - 1).all() and (trees.z <= high).all()


def test_a_copc_tile_is_read_by_its_coarse_levels(shared):
    trees = _load(TreesLayer("arbres", source=shared / COPC)).data.trees
    low, high = _vegetation_range(shared / COPC)
    assert 5 <= len(trees) <= 40 and (trees.height <= high - low).all() and trees.height.max() > 15
    # a bbox (a commune's window) keeps only the trees in it
    box = (770500.0, 6277500.0, 770520.0, 6277550.0)
    inside = _load(TreesLayer("arbres", source=shared / COPC, bbox=box)).data.trees
    assert 0 < len(inside) < len(trees) and (inside.x <= 770520).all()


def test_vegetation_polygons_get_trees_by_their_nature(tmp_path):
    woods = gpd.GeoDataFrame({"nature": ["Bois", "Haie", "Vigne", "Zone arborée"]},
                             geometry=[shapely.box(0, 0, 100, 100), shapely.box(200, 0, 300, 5),
                                       shapely.box(400, 0, 500, 100), shapely.box(600, 0, 700, 100)],
                             crs="EPSG:2154")
    path = tmp_path / "zone_de_vegetation.gpkg"
    woods.to_file(path, layer="zone_de_vegetation")
    trees = _load(TreesLayer("arbres", source=path, layer="zone_de_vegetation", density=100)).data.trees
    wood = trees.x < 150
    hedge = (trees.x > 150) & (trees.x < 350)
    assert wood.sum() == 100 and hedge.sum() == 8             # a hedge: a tree every dozen metres
    assert not ((trees.x > 350) & (trees.x < 550)).any()                  # vines are no trees
    assert (trees.x > 550).sum() == 100
    assert (trees.height[hedge] <= 8).all() and (trees.height[wood] >= 10).all()


def test_the_trees_layer_round_trips_in_a_scene_file(shared, tmp_path):
    scene = Scene(crs="EPSG:2154")
    scene.add_layer(TreesLayer("Arbres", source=shared / TILE, bbox=(292000, 6832000, 292500, 6832500),
                               style=TreeStyle(crown_color="#336633")))
    scene.add_layer(TreesLayer("Parcs", source=tmp_path / "veg.gpkg", layer="zone_de_vegetation",
                               clip=tmp_path / "commune.geojson", density=80, visible=False))
    out = tmp_path / "s.toml"
    save_scene(scene, out)
    text = out.read_text(encoding="utf-8")
    assert 'kind = "trees"' in text and "density = 80.0" in text
    a, b = load_scene(out).layers
    assert (a.kind, a.source, a.bbox, a.style.crown_color) == ("trees", (shared / TILE).resolve(),
                                                               (292000, 6832000, 292500, 6832500), "#336633")
    assert (b.layer, b.clip, b.density, b.visible) == ("zone_de_vegetation", tmp_path / "commune.geojson", 80.0,
                                                      False)


def test_bad_trees_layers_say_what_is_wrong(shared, tmp_path):
    missing = _load(TreesLayer("arbres", source=tmp_path / "nowhere.laz"))
    assert "LiDAR file not found" in missing.error and "nowhere.laz" in missing.error
    cut = tmp_path / "cut.laz"
    cut.write_bytes((shared / TILE).read_bytes()[:300_000])
    broken = _load(TreesLayer("arbres", source=cut))
    assert broken.error and "cut.laz" in broken.error and "Traceback" not in broken.error
    ground_only = _load(TreesLayer("arbres", source=shared / "lidar/ctview__test_data_77050_627755_LA93_IGN69.las"))
    assert ground_only.error is None and len(ground_only.data.trees) == 0
    assert any("no tree found" in w for w in ground_only.warnings)
    lines = tmp_path / "haies.geojson"
    gpd.GeoDataFrame(geometry=[shapely.LineString([(0, 0), (50, 0)])], crs="EPSG:2154").to_file(lines)
    no_polygon = _load(TreesLayer("arbres", source=lines))
    assert no_polygon.error is None and any("no polygon" in w for w in no_polygon.warnings)
    raster = _load(TreesLayer("arbres", source=shared / "dtm/ldm__DTM_test_data_77055_627760_LA93_IGN69_50CM.tif"))
    assert "is a raster, which a trees layer cannot show" in raster.error
    with pytest.raises(ValueError, match="density must be between"):
        TreesLayer("arbres", source=lines, density=0)
    scene_file = tmp_path / "bad.toml"
    scene_file.write_text('format = 1\n[[layers]]\nname = "a"\nkind = "trees"\nsource = "x.laz"\ndensity = 5000\n')
    with pytest.raises(SceneFileError) as err:
        load_scene(scene_file)
    assert err.value.line == 2 and "density must be between" in err.value.message
    scene_file.write_text('format = 1\n[[layers]]\nname = "a"\nkind = "trees"\nsource = "x.laz"\nbudget = 5\n')
    with pytest.raises(SceneFileError, match="'budget' does not apply to a trees layer"):
        load_scene(scene_file)


def test_trees_found_once_then_taken_from_the_cache(shared, tmp_path, monkeypatch):
    """build-scene finds a commune's trees once; its openings read them back, and a damaged
    cache file is found again rather than trusted."""
    from twin.io.kinds import trees as kind
    monkeypatch.setenv("TWIN_CACHE_DIR", str(tmp_path / "cache"))
    first = _load(TreesLayer("arbres", source=shared / TILE)).data.trees
    (cached,) = (tmp_path / "cache" / "trees").glob("*.npz")

    def no_decoding(*_args):
        raise AssertionError("the tile was decoded again")
    monkeypatch.setattr(kind, "_tile_trees", no_decoding)
    again = _load(TreesLayer("arbres", source=shared / TILE)).data.trees
    assert len(again) == len(first) and np.array_equal(again.height, first.height)
    assert np.array_equal(again.x, first.x) and np.array_equal(again.radius, first.radius)

    cached.write_bytes(cached.read_bytes()[:100])                  # truncated
    monkeypatch.undo()
    monkeypatch.setenv("TWIN_CACHE_DIR", str(tmp_path / "cache"))
    found = _load(TreesLayer("arbres", source=shared / TILE)).data.trees
    assert np.array_equal(found.height, first.height)
    assert cached.stat().st_size > 1000                            # written whole again
