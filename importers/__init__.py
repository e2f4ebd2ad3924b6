"""twin's built-in importers, registered through the public plugin API like any other."""

from twin.api import Plugin, Registrar


def _register(reg: Registrar) -> None:
    from importers.cityjson import CityJSONImporter
    from importers.csv_points import CsvPointsImporter
    from importers.mesh import MeshImporter
    from importers.pointcloud import PointCloudImporter
    from importers.raster import RasterImporter
    from importers.vector import VectorImporter
    # CityJSON before the vector importer: both read .json, and GeoJSON's sniff is looser
    for importer in (RasterImporter(), CityJSONImporter(), VectorImporter(), PointCloudImporter(),
                     MeshImporter(), CsvPointsImporter()):
        reg.importer(importer)


plugin = Plugin(name="builtin-importers", register=_register, api="1.0",
                description="GeoTIFF/ASCII grids, OGR vectors, LAS/LAZ/COPC point clouds, "
                            "CityJSON, OBJ/PLY/STL/glTF meshes, CSV points")
