"""Labels written by an expression (``label_field`` is a field or an expression): the
demo's parcels labelled "section numéro", drawn in an offscreen view."""

import numpy as np
import pytest

from twin._vtk.labels import LabelPlacer
from twin._vtk.mirror import SceneMirror
from twin._vtk.offscreen import make_plotter
from twin.io.autoscene import load_scene_or_files
from twin.io.loading import apply_results, load_scene_data
from twin.io.scene_file import DEMO_SCENE


@pytest.fixture(scope="module")
def demo():
    scene = load_scene_or_files([str(DEMO_SCENE)])
    apply_results(load_scene_data(scene))
    for layer in scene.layers.leaves():
        layer.visible = layer.name in ("Terrain (MNT 2 m)", "Parcelles")
    return scene


def test_parcels_labelled_by_an_expression(demo, tmp_path):
    plotter = make_plotter((1000, 700))
    mirror = SceneMirror(demo, plotter)
    try:
        mirror.apply_view(demo.bookmark("Grand Place").view)
        parcels = demo.layers.find("Parcelles")
        plotter.ren_win.Render()
        bare = plotter.screenshot(return_img=True).astype(int)
        parcels.style = parcels.style.replace(label_field="\"section\" || ' ' || to_int(\"numero\")")
        plotter.ren_win.Render()
        labelled = plotter.screenshot(str(tmp_path / "labels.png"), return_img=True).astype(int)
        texts = [a.GetInput() for s in LabelPlacer.of(plotter.renderer).sets for a, on in zip(s.actors, s.shown) if on]
        frame = parcels.data.table.frame
        expected = set(frame["section"] + " " + frame["numero"].astype(int).astype(str))
        assert len(texts) > 10 and set(texts) <= expected
        assert np.count_nonzero(np.abs(labelled - bare).sum(axis=2) > 60) > 2000      # the labels are drawn
        # an expression that cannot be evaluated leaves the parcels drawn, unlabelled
        parcels.style = parcels.style.replace(label_field="\"nothing here\" || 'x'")
        plotter.ren_win.Render()
        again = plotter.screenshot(return_img=True).astype(int)
        assert np.count_nonzero(np.abs(again - bare).sum(axis=2) > 60) < 200
    finally:
        mirror.close()
        plotter.close()
