"""twin's built-in importers, registered through the public plugin API like any other."""

from twin.api import Plugin, Registrar


def _register(reg: Registrar) -> None:
    from importers.pointcloud import PointCloudImporter
    from importers.raster import RasterImporter
    from importers.vector import VectorImporter
    for importer in (RasterImporter(), VectorImporter(), PointCloudImporter()):
        reg.importer(importer)


plugin = Plugin(name="builtin-importers", register=_register, api="1.0",
                description="GeoTIFF/ASCII grids, OGR vectors, LAS/LAZ/COPC point clouds")
