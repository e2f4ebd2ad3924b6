"""The evented model, without Qt or VTK."""

from datetime import datetime, timezone

import numpy as np
import pytest

from twin.core.camera import View
from twin.core.layers import LayerGroup, TerrainLayer, VectorLayer
from twin.core.scene import Scene
from twin.core.timeline import Timeline


def test_layer_events_and_effective_visibility():
    root = LayerGroup("root")
    group = LayerGroup("g")
    layer = VectorLayer("v", source=None)
    root.append(group)
    group.append(layer)
    seen = []
    layer.events.opacity.connect(seen.append)
    layer.opacity = 0.5
    assert seen == [0.5]
    assert layer.effectively_visible
    group.visible = False
    assert not layer.effectively_visible and layer.visible


def test_tree_changes_bubble_up_and_move_reorders():
    root = LayerGroup("root")
    a, b, g = TerrainLayer("a"), TerrainLayer("b"), LayerGroup("g")
    for layer in (a, b, g):
        root.append(layer)
    count = []
    root.tree_changed.connect(lambda: count.append(1))
    root.move(a, g, 0)
    assert [layer.name for layer in root.walk()] == ["b", "g", "a"]
    g.remove(a)
    assert a.parent is None and len(count) == 2
    with pytest.raises(ValueError):
        g.append(g)
    with pytest.raises(ValueError):
        root.append(b)  # already in a group


def test_data_changed_fires_on_assignment():
    layer = TerrainLayer("t")
    got = []
    layer.data_changed.connect(got.append)
    layer.data = "x"
    assert got == ["x"] and layer.data == "x"


def test_scene_rejects_geographic_crs_and_frames_a_view():
    with pytest.raises(ValueError, match="projected"):
        Scene(crs="EPSG:4326")
    view = View.looking_at((0, 0, 0, 100, 100, 10))
    assert view.position[2] > 10
    assert np.allclose(view.focal_point, (50, 50, 5))


def test_timeline_is_utc_and_clamped():
    tl = Timeline(current="2026-06-21T12:00:00+02:00", start="2026-06-01T00:00:00Z",
                  end="2026-06-30T00:00:00Z")
    assert tl.current == datetime(2026, 6, 21, 10, tzinfo=timezone.utc)
    assert tl.local.hour == 12
    tl.set_current("2027-01-01T00:00:00Z")
    assert tl.current == tl.end
    with pytest.raises(ValueError, match="timezone"):
        Timeline(current=datetime(2026, 1, 1))
