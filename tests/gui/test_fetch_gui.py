"""File → New scene from a commune, against the local Géoplateforme (tests/geopf_server.py):
the commune found by its name, what it comes to, the download with its progress, then the
scene opened; the UI answers all along."""

from PySide6.QtWidgets import QDialogButtonBox, QProgressDialog, QPushButton

from tests.geopf_server import serving


def test_a_commune_found_by_name_is_downloaded_and_its_scene_opens(demo_window, qtbot, delivered, shared,
                                                                  monkeypatch, tmp_path):
    window = demo_window((900, 600), data="none")
    with serving(delivered, shared, monkeypatch, tmp_path / "server") as server:
        wizard = window.new_scene_from_commune(str(tmp_path / "communes"))
        dialog = wizard.fetch_dialog
        qtbot.waitUntil(dialog.isVisible)
        ok = dialog.buttons.button(QDialogButtonBox.Ok)
        assert not dialog.estimate.isEnabled() and not ok.isEnabled()
        qtbot.keyClicks(dialog.commune, "olem")                       # suggestions from ADMIN EXPRESS
        qtbot.waitUntil(lambda: dialog.names.stringList() == ["12174 — Olemps"], timeout=10000)
        assert any("ILIKE" in path for _, path, _ in server.seen)
        dialog.commune.setText("12174 — Olemps")
        dialog.kinds["ortho"].setChecked(False)
        dialog.estimate.click()
        qtbot.waitUntil(ok.isEnabled, timeout=30000)
        assert dialog.summary.text().startswith("12174 — Olemps:") and "Cadastre parcels (Etalab)" in dialog.summary.text()
        dialog.buffer.setValue(150)                                    # a change: estimate again first
        assert not ok.isEnabled()
        dialog.estimate.click()
        qtbot.waitUntil(ok.isEnabled, timeout=30000)
        server.faults["/mnt/"] = ["slow"]                              # the UI stays responsive meanwhile
        ok.click()
        qtbot.waitUntil(lambda: wizard.task is not None and wizard.task.dialog.isVisible(), timeout=10000)
        assert isinstance(wizard.task.dialog, QProgressDialog)
        out = tmp_path / "communes" / "12174.toml"
        qtbot.waitUntil(lambda: out.is_file() and getattr(window, "_other", None) is not None, timeout=180000)
    other = window._other
    qtbot.addWidget(other)
    assert other.scene.name == "Olemps"
    assert (tmp_path / "communes" / "12174" / "bdtopo" / "BDTOPO_12174.gpkg").is_file()
    qtbot.waitUntil(lambda: other.loader is None, timeout=120000)
    assert all(layer.error is None for layer in other.scene.data_layers())
    assert len(other.scene.layers.find("Bâtiments (LoD1)").data.table.frame) == 2273
    assert other.scene.layers.find("Parcelles").data is not None
    other.close()


def test_a_download_canceled_leaves_no_scene(demo_window, qtbot, delivered, shared, monkeypatch, tmp_path):
    window = demo_window((900, 600), data="none")
    with serving(delivered, shared, monkeypatch, tmp_path / "server") as server:
        wizard = window.new_scene_from_commune(str(tmp_path / "communes"))
        dialog = wizard.fetch_dialog
        dialog.commune.setText("12174")
        for kind in ("bdtopo", "ortho", "mnt"):
            dialog.kinds[kind].setChecked(False)
        dialog.estimate.click()
        qtbot.waitUntil(dialog.buttons.button(QDialogButtonBox.Ok).isEnabled, timeout=30000)
        server.faults["cadastre-12174"] = ["slow"]
        dialog.buttons.button(QDialogButtonBox.Ok).click()
        task = wizard.task
        qtbot.wait(500)                                                # the server still thinking
        task.dialog.findChild(QPushButton).click()                     # the progress dialog's Cancel
        assert task.worker.feedback.canceled
        qtbot.waitUntil(lambda: not task.thread.isRunning(), timeout=30000)
        qtbot.wait(200)
        assert wizard.task is task                                     # no build after a cancel
    assert not (tmp_path / "communes" / "12174.toml").exists()
    assert not (tmp_path / "communes" / "12174" / "cadastre" / "cadastre-12174-parcelles.json.gz").exists()
