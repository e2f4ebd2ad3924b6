"""A commune's data as IGN and Etalab deliver it (tests/delivered.py): BD TOPO's département
GeoPackage layer by layer, Etalab's .json.gz, 7z archives (split, incomplete), and a
commune's scene that reads only its window — outline plus buffer — through the files'
spatial index."""

import shutil

import pyogrio
import pytest
import shapely

from tests.delivered import ARCHIVE, GPKG_NAME, write_bdtopo
from twin.core.errors import Canceled, DataError, SceneFileError
from twin.core.feedback import Feedback
from twin.core.layers import BuildingsLayer, PointCloudLayer, VectorLayer
from twin.io.archives import Archive, group_archives
from twin.io.commune import build_scene, report
from twin.io.loading import apply_results, load_scene_data
from twin.io.registry import file_info
from twin.io.scene_file import load_scene, save_scene
from twin.io.survey import survey


def commune_folder(tmp_path, delivered, *names):
    """A planner's download folder: links to the delivered files named."""
    folder = tmp_path / "telechargements"
    folder.mkdir()
    for name in names:
        (folder / (delivered / name).name).symlink_to(delivered / name)
    return folder


def loaded(scene):
    results = load_scene_data(scene)
    apply_results(results)
    return {r.layer.name: r for r in results}


def test_bdtopo_geopackage_is_read_layer_by_layer(delivered, tmp_path, recwarn):
    gpkg = delivered / "bdtopo" / GPKG_NAME
    info = file_info(gpkg)
    assert info.details["layer"] == "batiment" and info.count == 3 * 2273       # not 'aerodrome', its first
    layers = {entry["name"]: entry for entry in info.details["layers"]}
    assert list(layers)[0] == "aerodrome" and layers["commune"]["count"] == 4
    assert layers["troncon_de_route"]["geometry_type"] == "LineString"
    assert {"hauteur", "nombre_d_etages", "altitude_maximale_toit", "usage_1"} <= set(info.details["fields"])
    roads = file_info(gpkg, layer="TRONCON_DE_ROUTE")                            # any case
    assert (roads.details["layer"], roads.count) == ("troncon_de_route", 5)
    with pytest.raises(DataError, match="has no layer 'bati'.*its layers: aerodrome, batiment"):
        file_info(gpkg, layer="bati")
    found, _ = survey(commune_folder(tmp_path, delivered, f"bdtopo/{GPKG_NAME}"))
    roles = {f.layer: f.role for f in found if f.layer}
    assert roles == {"batiment": "buildings", "commune": "outline", "zone_de_vegetation": "context",
                     "surface_hydrographique": "context", "troncon_de_route": "context"}
    other = next(f for f in found if f.layer is None)
    assert other.role == "skipped" and "2 other layers not used (aerodrome, equipement_de_transport)" in other.reason
    assert not [w for w in recwarn if "More than one layer" in str(w.message)]     # pyogrio's, never shown


def test_etalab_gzip_is_read_as_its_uncompressed_self(delivered, tmp_path):
    path = delivered / "cadastre-75118-parcelles.json.gz"
    info = file_info(path)
    assert (info.kind, info.count, info.crs) == ("vector", 6821, "EPSG:4326")
    found, _ = survey(commune_folder(tmp_path, delivered, "cadastre-75118-parcelles.json.gz"))
    assert [f.role for f in found] == ["parcels"]
    truncated = tmp_path / "cadastre-62041-parcelles.json.gz"
    truncated.write_bytes(path.read_bytes()[:200_000])
    with pytest.raises(DataError, match="cadastre-62041-parcelles.json.gz: is truncated.*download it again"):
        file_info(truncated)
    not_gzip = tmp_path / "cadastre-62041-batiments.json.gz"
    not_gzip.write_text('{"type": "FeatureCollection"}')
    with pytest.raises(DataError, match="cadastre-62041-batiments.json.gz: is not a valid .gz file"):
        file_info(not_gzip)


def test_a_commune_scene_reads_only_its_window(delivered, shared, tmp_path):
    folder = commune_folder(tmp_path, delivered, f"bdtopo/{GPKG_NAME}", "cadastre-75118-parcelles.json.gz",
                            "mnt/RGEALTI_FXX_0661_6363_MNT_LAMB93_IGN69.tif")
    (folder / "mnt-ailleurs.tif").symlink_to(shared / "dtm/ldm__DTM_test_data_77055_627760_LA93_IGN69_50CM.tif")
    work = tmp_path / "olemps.data"
    scene, found = build_scene(folder, commune="12174", workdir=work)
    assert scene.name == "Olemps"
    outside = {f.path.name for f in found if "outside the commune (12174 Olemps)" in f.reason}
    assert outside == {"cadastre-75118-parcelles.json.gz", "mnt-ailleurs.tif"}   # Paris 18e, Hérault
    clip = work / "commune-12174.geojson"
    buildings = scene.layers.find("Bâtiments (LoD1)")
    assert isinstance(buildings, BuildingsLayer) and (buildings.layer, buildings.clip) == ("batiment", clip)
    assert {layer.name for layer in scene.data_layers()} == {
        "Terrain", "Végétation", "Eau", "Routes", "Bâtiments (LoD1)", "Limites communales", "Arbres"}
    trees_layer = scene.layers.find("Arbres")        # no LiDAR here: trees in the vegetation zones
    assert (trees_layer.layer, trees_layer.clip) == ("zone_de_vegetation", clip)
    assert all(layer.clip == clip for layer in scene.data_layers() if isinstance(layer, (VectorLayer, BuildingsLayer)))
    out = tmp_path / "olemps.toml"
    save_scene(scene, out)
    text = out.read_text(encoding="utf-8")
    assert 'clip = "olemps.data/commune-12174.geojson"' in text and 'layer = "batiment"' in text
    again = load_scene(out)
    results = loaded(again)
    assert all(r.error is None for r in results.values()), [r.error for r in results.values()]
    frame = results["Bâtiments (LoD1)"].data.table.frame
    assert len(frame) == 2273                                       # Olemps's own, none of the neighbours'
    assert (frame["height_source"] == "attribute").sum() > 1900     # BD TOPO's hauteur
    window = pyogrio.read_dataframe(clip).geometry.values[0]
    for name in ("Végétation", "Routes"):                           # draped context cut to the window
        geoms = results[name].data.table.frame.geometry.values
        assert len(geoms) and shapely.covers(shapely.buffer(window, 0.01), geoms).all()
    whole = file_info(delivered / "bdtopo" / GPKG_NAME, layer="zone_de_vegetation").count
    assert 0 < len(results["Végétation"].data.table.frame) < whole
    trees = results["Arbres"].data.trees             # woods ("Bois"): within them, standing on the terrain
    woods = shapely.union_all(results["Végétation"].data.table.frame.geometry.values)
    assert len(trees) > 10 and shapely.contains_xy(shapely.buffer(woods, 0.01), trees.x, trees.y).all()
    assert (10 <= trees.height).all() and (trees.height <= 20).all()


def test_the_buffer_reaches_the_neighbours_buildings(delivered, tmp_path):
    folder = commune_folder(tmp_path, delivered, f"bdtopo/{GPKG_NAME}")
    scene, _ = build_scene(folder, commune="Olemps", buffer=5000, workdir=tmp_path / "w")
    buildings = scene.layers.find("Bâtiments (LoD1)")
    frame = loaded(scene)["Bâtiments (LoD1)"].data.table.frame
    neighbours = frame["cleabs"].str.extract(r"_(\d{5})$")[0]
    assert neighbours.isna().sum() == 2273 and set(neighbours.dropna()) == {"12202", "12145"}
    assert buildings.clip.is_file()


def test_bad_communes_are_named(delivered, tmp_path):
    folder = commune_folder(tmp_path, delivered, f"bdtopo/{GPKG_NAME}")
    with pytest.raises(DataError) as err:
        build_scene(folder, commune="62041", workdir=tmp_path / "w")
    assert "no commune 62041 in the outlines found here" in err.value.message
    assert ("12145 — Luc-la-Primaube, 12174 — Olemps, 12202 — Rodez, 12300 — Villefranche-de-Rouergue"
            in err.value.message)
    assert not (tmp_path / "w").exists()                            # nothing half-written
    bare = tmp_path / "bare"
    bare.mkdir()
    gpkg = bare / "BDT_3-3_GPKG_LAMB93_D062.gpkg"
    for i, name in enumerate(("batiment", "zone_de_vegetation")):
        pyogrio.write_dataframe(pyogrio.read_dataframe(delivered / "bdtopo" / GPKG_NAME, layer=name), gpkg,
                                layer=name, append=i > 0)
    with pytest.raises(DataError) as err:
        build_scene(bare, commune="62041", workdir=tmp_path / "w")
    assert "BDT_3-3_GPKG_LAMB93_D062.gpkg has no 'commune' layer" in err.value.message
    assert "BD TOPO" in err.value.message and "ADMIN EXPRESS" in err.value.message


def test_an_empty_batiment_layer_is_said(shared, tmp_path):
    folder = tmp_path / "d012"
    write_bdtopo(shared, folder / "BDT_3-3_GPKG_LAMB93_D012.gpkg", batiment=False)
    scene, found = build_scene(folder)
    empty = next(f for f in found if f.layer == "batiment")
    assert empty.role == "skipped" and "'batiment' layer is empty" in empty.reason
    assert "BDT_3-3_GPKG_LAMB93_D012.gpkg › batiment" in "\n".join(report(found, folder))
    assert not any(isinstance(layer, BuildingsLayer) for layer in scene.data_layers())


def test_archives_are_extracted_for_what_is_used_and_once(delivered, tmp_path):
    folder = commune_folder(tmp_path, delivered, f"archives/{ARCHIVE}", "archives/LIDARHD_1-0_LAZ_OLEMPS.7z",
                            "mnt/RGEALTI_FXX_0661_6363_MNT_LAMB93_IGN69.tif")
    work = tmp_path / "olemps.data"
    steps = []
    scene, found = build_scene(folder, commune="12174", workdir=work,
                               feedback=Feedback(on_progress=lambda f, t: steps.append(t)))
    assert any(t.startswith(f"Extracting {GPKG_NAME}") for t in steps)
    files = sorted(p.name for p in work.rglob("*") if p.is_file())
    assert files == sorted([GPKG_NAME, "LHD_FXX_0663_6360_PTS_C_LAMB93_IGN69.laz", "commune-12174.geojson"])
    lines = "\n".join(report(found, folder))
    assert f"{ARCHIVE}" in lines and "3 files not used — documentation or metadata" in lines
    assert "1 file not used — outside the commune (Olemps): LHD_FXX_0770_6278" in lines   # never extracted
    assert f"{ARCHIVE} › {GPKG_NAME} › batiment" in lines
    cloud = next(layer for layer in scene.data_layers() if isinstance(layer, PointCloudLayer))
    assert cloud.bbox == pytest.approx(tuple(pyogrio.read_dataframe(work / "commune-12174.geojson").total_bounds))
    gpkg = next(work.rglob(GPKG_NAME))
    stamp = gpkg.stat().st_mtime_ns
    steps.clear()
    build_scene(folder, commune="12174", workdir=work, feedback=Feedback(on_progress=lambda f, t: steps.append(t)))
    assert gpkg.stat().st_mtime_ns == stamp and not any(t.startswith("Extracting") for t in steps)   # once
    out = tmp_path / "olemps.toml"
    save_scene(scene, out)
    results = loaded(load_scene(out))
    assert all(r.error is None for r in results.values()), [r.error for r in results.values()]
    assert len(results["Bâtiments (LoD1)"].data.table.frame) == 2273


def test_split_and_broken_archives(delivered, tmp_path):
    split = group_archives(sorted((delivered / "split").iterdir()))
    (name, parts), = split.items()
    archive = Archive(name, parts)
    assert archive.label == f"{ARCHIVE}.001…002" and any(m.name.endswith(GPKG_NAME) for m in archive.members)
    (broken_name, broken_parts), = group_archives(sorted((delivered / "broken").iterdir())).items()
    with pytest.raises(DataError, match=f"{ARCHIVE}: is incomplete or damaged .*last part may be missing"):
        Archive(broken_name, broken_parts)
    gap = tmp_path / "gap"
    gap.mkdir()
    shutil.copy(parts[0], gap / parts[0].name)
    shutil.copy(parts[1], gap / f"{ARCHIVE}.003")
    with pytest.raises(DataError, match=r"part \.002 is missing"):
        Archive(*next(iter(group_archives(sorted(gap.iterdir())).items())))
    corrupt = tmp_path / "corrupt" / ARCHIVE
    corrupt.parent.mkdir()
    data = bytearray((delivered / "archives" / ARCHIVE).read_bytes())
    data[5000:5100] = bytes(100)
    corrupt.write_bytes(bytes(data))
    bad = Archive(corrupt)
    with pytest.raises(DataError, match=f"{ARCHIVE}: is damaged or incomplete"):
        bad.extract([m for m in bad.members if m.name.endswith(".gpkg")], tmp_path / "out")
    assert not list((tmp_path / "out").rglob("*.gpkg*"))                   # nothing half-written
    folder = commune_folder(tmp_path, delivered, f"broken/{ARCHIVE}.001", f"bdtopo/{GPKG_NAME}")
    found, _ = survey(folder, tmp_path / "w")
    assert any(f.role == "skipped" and "last part may be missing" in f.reason for f in found)


def test_extraction_can_be_cancelled(delivered, tmp_path):
    archive = Archive(delivered / "archives" / ARCHIVE)
    gpkg = [m for m in archive.members if m.name.endswith(".gpkg")]
    fb = Feedback(on_progress=lambda f, t: fb.cancel() if f > 0 else None)
    with pytest.raises(Canceled):
        archive.extract(gpkg, tmp_path, fb)
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]


def test_window_keys_in_the_scene_file(tmp_path):
    from twin.io.scene_file import scene_from_toml
    text = ('format = 1\n[[layers]]\nname = "LiDAR"\nkind = "pointcloud"\nsource = "tiles"\n'
            'bbox = [1.0, 2.0, 3.0]\n')
    with pytest.raises(SceneFileError, match="line 6, key 'layers\\[0\\].bbox': bbox must be four numbers"):
        scene_from_toml(text, tmp_path / "s.toml")
    with pytest.raises(SceneFileError, match="'bbox' does not apply to a vector layer"):
        scene_from_toml('format = 1\n[[layers]]\nname = "x"\nkind = "vector"\nsource = "x.gpkg"\nbbox = [0, 0, 1, 1]\n',
                        tmp_path / "s.toml")


def test_point_cloud_tiles_outside_the_bbox_are_not_opened(shared, tmp_path):
    from twin.core.scene import Scene
    tiles = tmp_path / "tiles"
    tiles.mkdir()
    for name in ("ignpdaltools__test_data_77050_627755_LA93_IGN69.laz",
                 "ignpdaltools__test_data_77055_627760_LA93_IGN69.laz"):
        (tiles / name).symlink_to(shared / "lidar" / name)
    scene = Scene(name="t")
    layer = scene.add_layer(PointCloudLayer("LiDAR", source=tiles, bbox=(770540.0, 6277590.0, 770600.0, 6277650.0)))
    (res,) = load_scene_data(scene)
    assert res.error is None and len(res.data.stream.tiles) == 1
    layer.bbox = (0.0, 0.0, 10.0, 10.0)
    (res,) = load_scene_data(scene)
    assert "none of its 2 tiles meets the layer's bbox" in res.error


def test_a_zip_of_shapefiles_with_admin_express_outlines(shared, tmp_path):
    """BD TOPO's older shapefile delivery zipped: each .shp comes out with its .dbf, .shx,
    .prj (and .cpg); COMMUNE.shp's INSEE_COM and NOM are ADMIN EXPRESS's field names."""
    import zipfile
    folder = tmp_path / "zip"
    folder.mkdir()
    source = shared / "cadastre/bdtopo_v3_sample_12174"
    with zipfile.ZipFile(folder / "BDTOPO_SHP_D012.zip", "w") as zf:
        for path in sorted(source.iterdir()):
            zf.write(path, f"BDTOPO/{path.name}")
        zf.writestr("BDTOPO/LISEZ-MOI.txt", "BD TOPO")
    scene, found = build_scene(folder, commune="12174", buffer=0, workdir=tmp_path / "w")
    extracted = sorted(p.name for p in (tmp_path / "w").rglob("*") if p.is_file())
    assert extracted == sorted([*(p.name for p in source.iterdir()), "commune-12174.geojson"])
    roles = {f.path.name: f.role for f in found if f.archive}
    assert roles == {"BATIMENT.shp": "buildings", "COMMUNE.shp": "outline", "BDTOPO_SHP_D012.zip": "skipped"}
    results = loaded(scene)
    assert len(results["Bâtiments (LoD1)"].data.table.frame) == 2273
    assert "Indifférenciée" in set(results["Bâtiments (LoD1)"].data.table.frame["NATURE"])   # UTF-8 kept
