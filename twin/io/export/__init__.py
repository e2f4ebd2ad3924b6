"""Export the maquette for the web: one glTF binary (GLB), or 3D Tiles 1.1 with glTF content.

Every layer whose data holds a twin ``Mesh`` (terrain, LoD1 buildings, 3D models) is
exported as it is drawn: polygons fanned into triangles, coloured per face (the mesh's
own ``rgb``, else the layer's style: walls and roofs apart), one mesh per layer (per tile)
with a per-vertex feature id. Thousands of buildings as thousands of glTF nodes would make
the JSON alone megabytes and slow every viewer; instead ``EXT_mesh_features`` points each
vertex at a row of an ``EXT_structural_metadata`` property table holding the building's
id (BD TOPO ``cleabs``, CityJSON id...) and height, which CesiumJS and other 3D Tiles
clients pick and style by.

The GLB stays in the scene's frame (metres relative to the scene origin, turned Y-up as
glTF wants) with the CRS and origin in ``asset.extras.georeference`` to place it again.
3D Tiles content lives in the east-north-up frame at the scene origin, which the root
tile's transform puts on the globe: every vertex is reprojected (scene CRS → ECEF → ENU)
rather than offset, since a projected CRS is neither north-aligned nor true to scale
(Lambert-93: up to 5° off north in Brittany, 1–2 mm/m off scale) and the globe curves
(8 cm at 1 km). Heights are written as the scene holds them (NGF-IGN69 altitudes in the
demo) and read as ellipsoidal heights: no geoid model is applied, so on a globe with
ellipsoidal terrain the maquette sits ~45–50 m low in France unless the viewer applies
the geoid.

Outputs are written beside their destination and renamed into place, so a failure never
leaves half a tileset or a truncated GLB behind."""

from twin.io.export.choose import load_for_export
from twin.io.export.glb import Y_UP_TO_Z_UP, georeference, glb_bytes, write_glb
from twin.io.export.output import Written, check_outputs
from twin.io.export.tiles3d import MAX_FEATURES, MAX_TRIANGLES, EnuFrame, kd_leaves, write_3dtiles
from twin.io.export.triangles import SRGB_TO_LINEAR, cell_starts, face_colors, mesh_of, triangulate, weld

__all__ = ["EnuFrame", "MAX_FEATURES", "MAX_TRIANGLES", "SRGB_TO_LINEAR", "Written", "Y_UP_TO_Z_UP",
           "cell_starts", "check_outputs", "face_colors", "georeference", "glb_bytes", "kd_leaves",
           "load_for_export", "mesh_of", "triangulate", "weld", "write_3dtiles", "write_glb"]
