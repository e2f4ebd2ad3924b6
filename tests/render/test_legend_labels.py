"""The demo's legend and labels in an offscreen view: the legend keeps to its share of the
screen and speaks the overlays' language, labels never overlap each other nor the legend
and the furniture."""

import numpy as np
import pytest

from twin._vtk.labels import CELL_PX, GAP_PX, LabelPlacer, add_labels, declutter
from twin._vtk.legend import SHARE, Measure, fit
from twin._vtk.mirror import SceneMirror
from twin._vtk.offscreen import make_plotter
from twin.core import i18n
from twin.core.camera import View
from twin.core.layers.temporal import Legend
from twin.io.autoscene import load_scene_or_files
from twin.io.loading import apply_results, load_scene_data
from twin.io.scene_file import DEMO_SCENE

SIZE = (1280, 720)


@pytest.fixture(scope="module")
def demo():
    scene = load_scene_or_files([str(DEMO_SCENE)])
    apply_results(load_scene_data(scene))
    return scene


@pytest.fixture
def view(demo):
    plotter = make_plotter(SIZE)
    mirror = SceneMirror(demo, plotter)
    mirror.apply_view(None)
    yield mirror
    mirror.close()
    plotter.close()
    i18n.set_language("en")


def _shot(mirror) -> np.ndarray:
    mirror.plotter.ren_win.Render()
    return mirror.plotter.screenshot(return_img=True).astype(int)


def _intersect(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _legend_props(mirror):
    return [mirror.legends.shapes, *mirror.legends.texts]


def test_the_demo_legend_keeps_to_its_share_of_the_view(view):
    with_legend = _shot(view)
    x0, y0, x1, y1 = view.legends.box
    assert (x1 - x0) * (y1 - y0) <= SHARE * SIZE[0] * SIZE[1]
    assert len(view.legends.shown) >= 3 and view.legends.layout.dropped == 0
    shown = [p.GetVisibility() for p in _legend_props(view)]
    for prop in _legend_props(view):
        prop.SetVisibility(False)
    without = _shot(view)
    for prop, visible in zip(_legend_props(view), shown):
        prop.SetVisibility(visible)
    rows, cols = np.nonzero((with_legend != without).any(axis=2))
    # the pixels it changed: a box in the lower right corner within its share of the view
    top, bottom, left, right = rows.min(), rows.max(), cols.min(), cols.max()
    assert (bottom - top + 1) * (right - left + 1) <= SHARE * SIZE[0] * SIZE[1]
    assert right > SIZE[0] - 30 and bottom > SIZE[1] - 30
    assert left >= x0 - 1 and SIZE[1] - 1 - top <= y1 + 1


def test_the_legend_speaks_french_with_french_numbers(view):
    i18n.set_language("fr")
    _shot(view)
    texts = [row.text for row in view.legends.layout.rows]
    assert "nouveau" in texts and "ouvert" in texts and "muet depuis plus de 30 min" in texts
    assert "Bruit (capteurs LoRa), en dB(A)" in texts
    assert not {"new", "open", "closed", "vacant ", "in progress"} & set(texts)
    assert not any("noise" in t or "silent" in t or "labels:" in t for t in texts)
    labels = [a.GetInput() for s in view.labels.sets for a in s.actors]
    assert any(t.strip().endswith("\u00a0% vacants") for t in labels)     # "Rue Ronville : 43 % vacants"


def test_the_legend_collapses_to_its_titles_and_back(view):
    _shot(view)
    open_box, rows = view.legends.box, len(view.legends.layout.rows)
    view.legends.toggle()
    _shot(view)
    titles = [row.text for row in view.legends.layout.rows]
    assert titles == [legend.title for legend in view.legends.shown] and len(titles) < rows
    assert view.legends.box[3] - view.legends.box[1] < (open_box[3] - open_box[1]) / 2
    assert view.legends.contains((view.legends.box[0] + view.legends.box[2]) / 2, view.legends.box[1] + 2)
    view.legends.toggle()
    _shot(view)
    assert len(view.legends.layout.rows) == rows


def test_legends_that_do_not_fit_shrink_then_fold_the_least_important():
    legends = [Legend(f"Layer {i} with a rather long name", [((200, 30 * j, 0), f"class {j} of layer {i}")
                                                            for j in range(7)], note="a note under it")
               for i in range(5)]
    measure = Measure(72)
    roomy = fit(legends[:1], 1920, 1080, measure, 1.5)
    assert roomy.folded == 0 and roomy.rows[-1].text == "a note under it"
    tight = fit(legends, 1280, 720, measure, 1.0)
    assert tight.width * tight.height <= SHARE * 1280 * 720
    assert 0 < tight.folded < 5 and tight.dropped == 0
    folded = [r.text for r in tight.rows if r.bold and len(r.colors) > 1]      # titles with a colour strip
    assert folded == [f"Layer {i} with a rather long name" for i in range(5 - tight.folded, 5)]
    assert min(r.size for r in tight.rows) >= 10                               # still readable
    small = fit(legends, 640, 400, measure, 0.75)
    assert small.width * small.height <= SHARE * 640 * 400


def test_declutter_keeps_the_higher_priority_and_never_overlaps():
    rng = np.random.default_rng(3)
    xy = rng.uniform(0, 500, (400, 2))
    size = rng.uniform([20, 8], [120, 20], (400, 2))
    boxes = np.c_[xy - size / 2, xy + size / 2]
    priority = rng.uniform(0, 1, 400)
    blocked = [(300, 0, 500, 150)]
    shown = declutter(boxes, priority, np.ones(400, bool), 520, 520, blocked)
    kept = boxes[shown]
    assert 10 < len(kept) < 400
    for i in range(len(kept)):
        assert not _intersect(kept[i], blocked[0])
        for j in range(i + 1, len(kept)):
            assert not _intersect(kept[i], kept[j])
    best = int(np.argmax(priority))
    assert shown[best]
    # every box left out comes near (grid cells and gaps: 2 × 6 px) one shown with a higher
    # priority, or the blocked corner
    for i in np.flatnonzero(~shown):
        near = np.r_[boxes[i, :2] - 2 * (CELL_PX + GAP_PX), boxes[i, 2:] + 2 * (CELL_PX + GAP_PX)]
        assert _intersect(near, blocked[0]) or any(
            priority[j] > priority[i] and _intersect(near, boxes[j]) for j in np.flatnonzero(shown))


def _drawn_boxes(mirror):
    """The pixel boxes VTK itself gives the label actors shown."""
    out = []
    for label_set in mirror.labels.sets:
        for actor in label_set.actors:
            if actor.GetVisibility() and label_set.assembly.GetVisibility():
                box = [0.0] * 4
                actor.GetBoundingBox(mirror.plotter.renderer, box)        # around its position
                x, y = actor.GetPosition()
                out.append((x + box[0], y + box[2], x + box[1], y + box[3]))
    return out


@pytest.mark.parametrize("distance", [1.0, 2.5, 5.0])
def test_labels_never_overlap_each_other_the_legend_or_the_furniture(view, distance):
    start = view.current_view()
    focal = np.asarray(start.focal_point)
    far = View(position=tuple(focal + (np.asarray(start.position) - focal) * distance),
               focal_point=start.focal_point, view_up=start.view_up, view_angle=start.view_angle)
    view.apply_view(far)
    _shot(view)
    drawn = _drawn_boxes(view)
    candidates = sum(len(s.actors) for s in view.labels.sets if s.assembly.GetVisibility())
    assert 0 < len(drawn) <= candidates
    if distance == 5.0:
        assert len(drawn) < candidates          # far away, street labels collide: some give way
    others = [view.legends.box, *view.furniture.boxes]
    for i, a in enumerate(drawn):
        assert 0 <= a[0] and a[2] <= SIZE[0] and 0 <= a[1] and a[3] <= SIZE[1]
        assert not any(_intersect(a, b) for b in others)
        assert not any(_intersect(a, b) for b in drawn[i + 1:])


def test_labels_follow_the_camera_and_leave_with_what_is_behind_it():
    plotter = make_plotter((640, 480))
    placer = LabelPlacer.of(plotter.renderer)
    plotter.camera.position, plotter.camera.focal_point, plotter.camera.up = (0, -100, 50), (0, 0, 0), (0, 0, 1)
    prop = add_labels(plotter, np.array([[0, 0, 0], [0, -200, 0], [30, 10, 0]]), ["here", "behind", "there"],
                      [1, 3, 2])
    placer.place()
    label_set = placer.sets[0]
    assert label_set.shown.tolist() == [True, False, True]
    before = label_set.actors[0].GetPosition()
    plotter.camera.position = (60, -100, 50)
    placer.place()
    assert label_set.actors[0].GetPosition() != before
    plotter.remove_actor(prop, render=False)        # removed with the visual's actors
    placer.place()
    assert placer.sets == [] and len(placer.boxes) == 0
    plotter.close()


def test_labels_rebuilt_between_frames_are_let_go():
    """A kiosk's tour rebuilds overlays many times between two frames: the labels removed
    from the view are not held until the next frame."""
    plotter = make_plotter((640, 480))
    placer = LabelPlacer.of(plotter.renderer)
    for i in range(50):
        prop = add_labels(plotter, np.zeros((3, 3)), [f"{i}", "b", "c"])
        plotter.remove_actor(prop, render=False)
    add_labels(plotter, np.zeros((1, 3)), ["kept"])
    assert len(placer.sets) == 1 and placer.sets[0].actors[0].GetInput() == "kept"
    plotter.close()
