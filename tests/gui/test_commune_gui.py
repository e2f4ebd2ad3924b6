"""The Commune wizard on a département's delivery: the outlines are found in the BD TOPO
archive, the commune is picked by name, and the scene of that commune opens."""

import pyogrio
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from tests.delivered import ARCHIVE


def test_the_wizard_picks_a_commune_and_opens_its_scene(demo_window, qtbot, delivered, tmp_path):
    window = demo_window((900, 600), data="none")
    folder = tmp_path / "d012"
    folder.mkdir()
    for name in (f"archives/{ARCHIVE}", "mnt/RGEALTI_FXX_0661_6363_MNT_LAMB93_IGN69.tif"):
        (folder / name.rsplit("/", 1)[-1]).symlink_to(delivered / name)
    out = tmp_path / "olemps.toml"
    wizard = window.new_scene_from_folder(str(folder), str(out))
    qtbot.waitUntil(lambda: wizard.dialog is not None and wizard.dialog.isVisible(), timeout=60000)
    dialog = wizard.dialog
    items = [dialog.commune.itemText(i) for i in range(dialog.commune.count())]
    assert items[1:] == ["12145 — Luc-la-Primaube", "12174 — Olemps", "12202 — Rodez",
                         "12300 — Villefranche-de-Rouergue"]
    dialog.commune.setEditText("Arras")                         # not in this folder: said, not built
    dialog.buffer.setValue(150)
    build = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.Ok)
    build.click()
    assert "Arras" in dialog.problem.text() and dialog.isVisible()
    dialog.commune.setEditText("olemps")                        # a name, any case
    build.click()
    qtbot.waitUntil(lambda: out.is_file() and getattr(window, "_other", None) is not None, timeout=120000)
    other = window._other
    qtbot.addWidget(other)
    assert other.scene.name == "Olemps"
    # the files not used are listed beside the new scene, which stays usable (not behind a modal box)
    assert other.skipped_box.isVisible() and QApplication.activeModalWidget() is None
    buildings = other.scene.layers.find("Bâtiments (LoD1)")
    assert buildings.clip == tmp_path / "olemps.data" / "commune-12174.geojson"
    assert pyogrio.read_dataframe(buildings.clip)["tampon_m"].tolist() == [150.0]
    qtbot.waitUntil(lambda: other.loader is None, timeout=120000)
    assert all(layer.error is None for layer in other.scene.data_layers())
    assert len(buildings.data.table.frame) == 2273
    other.close()
