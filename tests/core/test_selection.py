"""The selection held by a layer: set, add, toggle, by expression, cleared with new data,
and its extent, from geometries or from a 3D model's triangles."""

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import box

from twin.core.data import VectorTable
from twin.core.layers import ModelLayer, VectorLayer
from twin.core.selection import Selection
from twin.geometry.mesh import Mesh


class _Data:            # what a kind's loader hands a layer: a table (and a model's mesh)
    def __init__(self, frame, mesh=None):
        self.table, self.mesh = VectorTable(frame, "EPSG:2154"), mesh


def _parcels():
    frame = gpd.GeoDataFrame({"section": ["AB", "AB", "AC", "AD"], "contenance": [120, 800, 450, None]},
                             geometry=[box(i * 10, 0, i * 10 + 8, 8) for i in range(4)], crs="EPSG:2154")
    layer = VectorLayer("Parcelles")
    layer.data = _Data(frame)
    return layer


def test_rows_set_added_toggled_and_events():
    layer = _parcels()
    selection = Selection.of(layer)
    assert Selection.of(layer) is selection and not selection
    seen = []
    selection.changed.connect(lambda s: seen.append(s.rows.tolist()))
    selection.set([2, 0, 2, 9, -1])            # sorted, unique, in range
    selection.add([3])
    selection.toggle([0, 1])
    selection.set([1, 2, 3])                    # no change: no event
    assert seen == [[0, 2], [0, 2, 3], [1, 2, 3]]
    assert selection.mask(4).tolist() == [False, True, True, True]
    assert selection.bounds() == (10.0, 0.0, 38.0, 8.0)


def test_select_where_and_new_data_clears():
    layer = _parcels()
    selection = Selection.of(layer)
    assert selection.select_where("\"section\" = 'AB'") == 2 and selection.rows.tolist() == [0, 1]
    selection.select_where("\"contenance\" > 400", mode="within")
    assert selection.rows.tolist() == [1]
    selection.select_where("\"contenance\" IS NULL", mode="add")
    assert selection.rows.tolist() == [1, 3]
    layer.data = layer.data                     # reloaded: rows may mean other features now
    assert len(selection) == 0


def test_a_model_s_objects_are_framed_by_their_triangles():
    layer = ModelLayer("Maquette")
    points = np.array([[0, 0, 0], [4, 0, 0], [0, 4, 0], [10, 10, 5], [12, 10, 5], [10, 13, 5]], np.float32)
    faces = np.array([3, 0, 1, 2, 3, 3, 4, 5])
    layer.data = _Data(pd.DataFrame({"id": ["a", "b"]}), Mesh(points, faces, cell_data={"feature": np.array([0, 1])}))
    selection = Selection.of(layer)
    selection.set([1])
    assert selection.bounds(origin=(1000.0, 2000.0, 0.0)) == (1010.0, 2010.0, 1012.0, 2013.0)
