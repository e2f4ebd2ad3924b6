"""The search box in the window: a parcel id lands on the parcel and pins it; an address
comes from the geocoder (a local server shaped like the national address service);
with the service down, the loaded layers still answer."""

import numpy as np
import pytest

from tests.geocoder_server import nothing_listening, serving


@pytest.fixture
def server(monkeypatch):
    with serving(monkeypatch) as handler:
        yield handler


@pytest.fixture
def closed_port(monkeypatch):
    nothing_listening(monkeypatch)


@pytest.fixture
def window(demo_window):
    win = demo_window((900, 600), data="now")
    next(a for a in win.findChildren(type(win.select_action)) if a.shortcut().toString() == "Ctrl+F").trigger()
    return win


def _yellow_or_red(image, red=True):
    r, g, b = (image[..., i].astype(int) for i in range(3))
    return int(np.count_nonzero((r > 180) & (g < 70) & (b < 70)))


def test_a_parcel_id_flies_to_the_parcel_and_pins_it(window, qtbot):
    panel = window.search_panel
    assert window.search_dock.isVisible()
    before = _yellow_or_red(window.mirror.plotter.screenshot(return_img=True))
    panel.box.setText("62041000AA0002")
    panel.search()
    window.search_flight.finish()
    frame = window.scene.layers.find("Parcelles").data.table.frame
    parcel = frame[frame["id"] == "62041000AA0002"].geometry.iloc[0]
    focal = np.asarray(window.mirror.current_view().focal_point)
    assert np.hypot(*(focal[:2] - np.asarray(parcel.centroid.coords[0]))) < 30
    assert window.place_marker.where is not None
    assert parcel.buffer(1).contains(__import__("shapely").Point(*window.place_marker.where[:2]))
    window.view.render()
    image = window.mirror.plotter.screenshot(return_img=True)
    assert _yellow_or_red(image) > before + 50          # the red pin is on screen


def test_an_address_from_the_geocoder(window, qtbot, server):
    panel = window.search_panel
    with qtbot.waitSignal(panel.searched, timeout=10000):
        panel.search("Grand'Place Arras")
    labels = [p.label for p in panel.places]
    assert "Grand'Place 62000 Arras" in labels
    panel.choose(labels.index("Grand'Place 62000 Arras"))
    window.search_flight.finish()
    assert tuple(window.place_marker.where[:2]) == (684181.43, 7021573.8)


def test_an_address_that_matches_nothing(window, qtbot, server):
    panel = window.search_panel
    with qtbot.waitSignal(panel.searched, timeout=10000):
        panel.search("zzzz qqqq")
    assert panel.places == [] and "Nothing matches" in panel.status.text()


def test_without_network_the_loaded_layers_still_answer(window, qtbot, closed_port):
    panel = window.search_panel
    with qtbot.waitSignal(panel.searched, timeout=15000):
        panel.search("rue gambetta")
    assert "unavailable" in panel.status.text()
    assert panel.places and panel.places[0].label == "Rue Gambetta"
    assert panel.results.count() == len(panel.places)
