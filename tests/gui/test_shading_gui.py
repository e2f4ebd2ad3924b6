"""The properties panel's shading switches: the terrain's relief, the buildings' maquette."""

from PySide6.QtWidgets import QCheckBox


def _select(win, name):
    layer = win.scene.layers.find(name)
    win.tree.setCurrentIndex(win.tree.model().index_of(layer))
    assert win.properties.layer is layer
    return layer, win.mirror.visuals[id(layer)]


def test_outlines_switch_restyles_the_buildings(demo_window):
    win = demo_window((900, 600), data="now")
    layer, visual = _select(win, "Bâtiments (LoD1)")
    with_lines = len(visual.actors)
    box = win.properties.findChild(QCheckBox, "style_outlines")
    assert box.isChecked() and layer.style.outlines
    box.setChecked(False)
    assert layer.style.outlines is False
    assert len(visual.actors) == with_lines - 1            # the outlines' actor is gone
    occlusion = win.properties.findChild(QCheckBox, "style_occlusion")
    occlusion.setChecked(False)
    assert layer.style.occlusion is False and layer.style.outlines is False


def test_relief_switch_turns_the_terrains_shading_off(demo_window):
    win = demo_window((900, 600), data="now")
    layer, visual = _select(win, "Terrain (MNT 2 m)")
    poly = visual.actors[0].GetMapper().GetInput()
    assert poly.GetPointData().GetArray("rgb") is not None     # relief colours per vertex
    box = win.properties.findChild(QCheckBox, "style_relief")
    box.setChecked(False)
    assert layer.style.relief is False
    poly = visual.actors[0].GetMapper().GetInput()
    assert poly.GetPointData().GetArray("rgb") is None
