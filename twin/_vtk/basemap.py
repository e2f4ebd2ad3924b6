"""A basemap's visual: the ground drawn again over the terrain with the service's
pictures as texture, piece by piece.

On a tiled terrain the pieces are the terrain's own chunks (``twin.lod.terrain``): the
basemap asks for the textures of the chunks shown and of their ancestors, coarse first,
and a chunk whose picture has not come yet wears its nearest ancestor's (texture
coordinates reach into the ancestor's box), so a lower zoom level shows while the finer
one streams in. A terrain of one mesh is one piece; a scene without terrain gets a flat
ground at its lowest height. The pieces are pulled towards the eye (polygon offset) so
that they cover the terrain they lie on; opacity lets the terrain show through."""

from __future__ import annotations

from typing import Any, Hashable

import numpy as np
from twin._vtk import classes as vtk

from twin._vtk.convert import to_polydata
from twin._vtk.terrain import north_up_texture
from twin._vtk.visuals import LayerVisual, register_visual
from twin.core.layers import BasemapLayer, TerrainLayer
from twin.geometry.mesh import Mesh
from twin.lod.basemap.pieces import FlatGround, MeshGround, parent, select_pieces
from twin.lod.basemap.stream import TEXTURE_PX, BasemapStream

LIGHTING = {"ambient": 0.5, "diffuse": 0.6}     # a map stays legible; the relief still shows
WAIT_S = 60.0                                    # an offscreen render waits this long for tiles


@register_visual(BasemapLayer.kind)
class BasemapVisual(LayerVisual):
    layer: BasemapLayer

    def __init__(self, layer: BasemapLayer, plotter, on_change):
        self.stream: BasemapStream | None = None
        self._pieces: dict[Hashable, tuple[Any, Hashable]] = {}    # piece → (actor, texture key)
        self._boxes: dict[Hashable, tuple] = {}
        self._meshes: dict[Hashable, Any] = {}
        self._ground_key = None
        self._cut = None                 # a ground that is not a tiled terrain, cut in pieces
        self.texture_px = TEXTURE_PX
        super().__init__(layer, plotter, on_change)

    def close(self) -> None:
        if self.stream is not None:
            self.stream.close()
        super().close()

    def clear(self) -> None:
        for actor, _ in self._pieces.values():
            self.plotter.renderer.RemoveActor(actor)
        self._pieces, self.actors = {}, []

    def _layer_event(self, info) -> None:
        if info.signal.name not in ("opacity", "visible", "name"):    # a new service
            if self.stream is not None:
                self.stream.close()
            self.stream, self._ground_key = None, None
            self.clear()
        super()._layer_event(info)

    def build(self, data) -> None:
        """Nothing to build from data: pieces come as the ground and the tiles do."""

    # -- the mirror's deferred work -----------------------------------------------------------
    def take_deferred(self, wait: bool = False) -> bool:
        """Follow the ground shown, take in the textures made; ``wait``: for them."""
        scene = getattr(self, "scene", None)
        if scene is None or not self.layer.effectively_visible:
            return False
        ground = self._ground(scene)
        if ground is None:
            return False
        key, boxes, meshes = ground
        if self.stream is not None and key[0] != self._ground_key[0]:    # another ground: pieces anew
            self.stream.close()
            self.stream = None
            self.clear()
        if self.stream is None:
            self.stream = BasemapStream(self.layer.service(), scene.crs, texture_px=self.texture_px)
        if key != self._ground_key:
            self._ground_key, self._boxes, self._meshes = key, boxes, meshes
            self.stream.request(boxes)
        if wait:
            self.stream.wait(timeout=WAIT_S)
        if self.stream.poll() or wait or self._stale():
            self._sync()
            self._on_change()
        return self.stream.busy

    def credit_line(self) -> str:
        """The credit shown in the view's corner, with the stream's status when not all is well."""
        if not self.layer.effectively_visible:
            return ""
        credit = self.layer.credit() or (self.stream.attribution if self.stream is not None else "")
        status = self.stream.status if self.stream is not None else ""
        return f"{credit} ({status})" if status and credit else credit or status

    # -- the ground --------------------------------------------------------------------------
    def _ground(self, scene):
        """(a key that changes with the pieces, {piece: texture box} coarse first, piece → mesh)."""
        for terrain in scene.layers.leaves():
            if isinstance(terrain, TerrainLayer) and terrain.data is not None:
                stream = getattr(terrain.data, "stream", None)
                if stream is not None:
                    return self._chunks(stream)
                mesh = terrain.data.mesh
                return self._pieces_of(("mesh", id(mesh)), lambda: MeshGround(mesh, scene.origin or (0.0, 0.0, 0.0)))
        bounds = scene.bounds()
        if bounds is None:
            return None
        box = (bounds[0], bounds[1], bounds[3], bounds[4])
        return self._pieces_of(("flat", box, bounds[2]), lambda: FlatGround(box, bounds[2], scene.origin or (0.0, 0.0, 0.0)))

    def _chunks(self, stream):
        """A tiled terrain's chunks shown, and their ancestors to stand in."""
        lat = stream.tree.tiles.lattice
        boxes = {}
        for key in sorted(_with_ancestors(stream.shown)):          # coarse first
            cols, rows = stream.tree.cols(key), stream.tree.rows(key)
            boxes[key] = (lat.xs(cols[0]), lat.ys(rows[-1]), lat.xs(cols[-1]), lat.ys(rows[0]))
        meshes = {key: (lambda k=key: stream.mesh(k)) for key in stream.shown}
        return (("chunks", id(stream)), tuple(stream.shown), tuple(stream.stitch(k) for k in stream.shown)), boxes, meshes

    def _pieces_of(self, identity, make):
        """Another ground (made by ``make`` when it is new) cut into the pieces this view
        needs (``twin.lod.basemap.pieces``)."""
        if self._cut is None or self._cut.identity != identity:
            self._cut = make()
        ground = self._cut
        frustum = self.frustum() if callable(getattr(self, "frustum", None)) else None
        shown = select_pieces(ground.tree, frustum, self.texture_px)
        boxes = {key: ground.texture_box(key) for key in sorted(_with_ancestors(shown))}
        meshes = {key: (lambda k=key: ground.mesh(k)) for key in shown}
        return (ground.identity, tuple(shown)), boxes, meshes

    # -- actors --------------------------------------------------------------------------------
    def _best(self, piece) -> Hashable | None:
        """The piece's own texture, else its nearest ancestor's that has come."""
        key = piece
        while key is not None:
            if self.stream.texture(key) is not None:
                return key
            key = parent(key)
        return None

    def _stale(self) -> bool:
        return set(self._pieces) != set(self._meshes) or any(
            self._best(p) != tex for p, (_, tex) in self._pieces.items())

    def _sync(self) -> None:
        renderer = self.plotter.renderer
        for piece in list(self._pieces):
            actor, tex = self._pieces[piece]
            if piece not in self._meshes or self._best(piece) != tex:
                renderer.RemoveActor(actor)
                del self._pieces[piece]
        for piece, mesh_of in self._meshes.items():
            if piece in self._pieces:
                continue
            tex = self._best(piece)
            if tex is None:
                continue
            actor = self._actor(mesh_of(), self._boxes[tex], self.stream.texture(tex).rgba)
            renderer.AddActor(actor)
            self._pieces[piece] = (actor, tex)
        self.actors = [actor for actor, _ in self._pieces.values()]
        self.update_visibility()

    def _actor(self, mesh: Mesh, box, rgba: np.ndarray) -> vtk.vtkActor:
        origin = np.asarray(self.scene.origin or (0.0, 0.0, 0.0), float)
        poly = to_polydata(Mesh(points=mesh.points, faces=mesh.faces))
        x = mesh.points[:, 0] + origin[0]
        y = mesh.points[:, 1] + origin[1]
        poly.active_texture_coordinates = np.c_[(x - box[0]) / (box[2] - box[0]),
                                                (y - box[1]) / (box[3] - box[1])].astype(np.float32)
        mapper = vtk.vtkPolyDataMapper()
        mapper.SetInputData(poly)
        mapper.ScalarVisibilityOff()
        mapper.SetResolveCoincidentTopologyToPolygonOffset()
        mapper.SetRelativeCoincidentTopologyPolygonOffsetParameters(-1.0, -4.0)
        actor = vtk.vtkActor()
        actor.SetMapper(mapper)
        actor.SetTexture(north_up_texture(rgba))
        actor.PickableOff()
        prop = actor.GetProperty()
        prop.BackfaceCullingOn()
        prop.SetAmbient(LIGHTING["ambient"])
        prop.SetDiffuse(LIGHTING["diffuse"])
        prop.SetSpecular(0.0)
        prop.SetOpacity(self.layer.opacity)
        return actor

    def update_visibility(self) -> None:
        visible = self.layer.effectively_visible
        for actor in self.actors:
            actor.SetVisibility(visible)
            actor.SetPickable(False)


def _with_ancestors(keys) -> set:
    out: set = set()
    for key in keys:
        while key is not None and key not in out:
            out.add(key)
            key = parent(key)
    return out
