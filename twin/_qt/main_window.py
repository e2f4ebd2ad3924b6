"""The planner's main window: 3D view, layer tree, properties, attributes, status bar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QLocale, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget, QFileDialog, QInputDialog, QLabel, QMainWindow, QMenu, QMessageBox, QProgressBar, QSplitter,
)
from twin._qt.view import SceneView

from twin._qt.compare import CompareView
from twin._qt.history import HistoryPanel
from twin._qt.i18n import language_menu
from twin._qt.layer_menu import LayerActions
from twin._qt.layer_tree import LayerTreeView

from twin._qt.loader import SceneLoader
from twin._qt.motion import MotionWatch
from twin._qt.plugins_ui import AlgorithmDialog, PluginManagerDialog, PythonConsole
from twin._qt.processing_ui import install as install_processing
from twin._qt.projects_panel import ProjectsPanel
from twin._qt.properties import AttributesPanel, PropertiesPanel
from twin._qt.quality import FollowMachine, quality_menu
from twin._qt.sun_panel import SunPanel
from twin._qt.timeline import TimelineBar
from twin._qt.tours_panel import ToursPanel
from twin._qt.view_tools import ViewTool
from twin._vtk.mirror import SceneMirror
from twin._vtk.offscreen import theme
from twin.core.camera import Bookmark
from twin.core.crs import to_wgs84
from twin.core.errors import TwinError
from twin.io.autoscene import layer_for_file, merge_tiles
from twin.core.layers import DataLayer, TemporalLayer, TerrainLayer
from twin.io.loading import Preload, apply_results, load_batches
from twin.lod import AdaptiveBudget
from twin.lod.cache import BackgroundPreparer, auto_prepare_enabled
from twin.core.plugins import plugins, resolve
from twin.io.registry import file_info, registry
from twin.core.scene import Scene
from twin.core.settings import Settings
from twin.io.scene_file import save_scene
from twin.present.tours import Tours
from twin.projects.model import Projects


class MainWindow(QMainWindow):
    def __init__(self, scene: Scene, load: bool = True, preload: Preload | None = None):
        """``preload``: the scene's first batch, already reading (run_app starts it before
        importing this module); else, with ``load``, the window starts reading."""
        super().__init__()
        self.scene = scene
        self.loader: SceneLoader | None = None
        self.resize(1400, 900)
        # the overlays, then the hidden layers: each batch loaded once the one before is drawn
        self._later: list[list[DataLayer]] = []
        if preload is not None:
            self._later = preload.batches[1:]
            self.load_layers(None, preload=preload)
        elif load:      # read in a worker thread while the view and the panels are made
            batches = load_batches(scene)
            self._later = batches[1:]
            self.load_layers(batches[0] if batches else None)
        # no auto-update timer: its 5 renders a second cost a core on software GL while
        # nothing moves; the mirror asks for a frame whenever the picture changes
        self.view = SceneView(self, theme=theme(), auto_update=False)
        self.splitter = QSplitter()              # a second view joins it to compare two states
        self.splitter.addWidget(self.view)
        self.setCentralWidget(self.splitter)
        self.compare_view: CompareView | None = None
        # coalesce: many model events in one event-loop turn cost one render
        self._render_timer = QTimer(self, singleShot=True, interval=0)
        self._render_timer.timeout.connect(self.view.render)
        self.mirror = SceneMirror(scene, self.view, on_render=self._request_render)
        self.motion = MotionWatch(self.view, self.mirror)
        self.quality = FollowMachine(self.view, self.mirror, Settings.load().view_quality)

        self._docks: dict[str, QDockWidget] = {}
        self.tree = LayerTreeView(scene.layers)
        self.properties = PropertiesPanel(view_centre=self._view_centre, reload=lambda layer: self.load_layers([layer]))
        self.attributes = AttributesPanel()
        self.tree.layer_selected.connect(self.properties.set_layer)
        self._dock("Layers", self.tree, Qt.LeftDockWidgetArea)
        self._dock("Properties", self.properties, Qt.RightDockWidgetArea)
        self._dock("Attributes", self.attributes, Qt.RightDockWidgetArea)
        self.timeline_bar = TimelineBar(scene.timeline, scene)
        self._dock("Timeline", self.timeline_bar, Qt.BottomDockWidgetArea)
        self.history = HistoryPanel(scene)
        self.history_dock = self._dock("History", self.history, Qt.RightDockWidgetArea)
        self.history_dock.hide()      # shown by the first pick on a time-aware layer
        self.tool = ViewTool(self.view, self.mirror, self._display_xy, status=self.statusBar().showMessage)
        self.projects_panel = ProjectsPanel(scene, self.tool)
        self.projects_panel.message.connect(self._project_message)
        self.projects_panel.compare.connect(self.compare_with)
        self.projects_panel.report_done.connect(
            lambda path: self.statusBar().showMessage(self.tr("Report written: {}").format(path), 10000))
        self.projects_dock = self._dock("Projects", self.projects_panel, Qt.RightDockWidgetArea)
        self.projects_dock.hide()
        self.sun_panel = SunPanel(scene)
        self.sun_dock = self._dock("Sun and shadow", self.sun_panel, Qt.RightDockWidgetArea)
        self.sun_dock.hide()
        import twin.api
        self.console = PythonConsole({"scene": scene, "api": twin.api, "window": self,
                                      "algorithms": plugins().algorithms()})
        self.console_dock = self._dock("Python console", self.console, Qt.BottomDockWidgetArea)
        self.console_dock.hide()
        self.plugin_docks = self._plugin_panels()
        self.tours_panel = ToursPanel(scene, self.mirror.current_view)
        self.tours_dock = self._dock("Tours", self.tours_panel, Qt.RightDockWidgetArea)
        self.tours_dock.hide()
        self.tours_panel.play_requested.connect(self.play_tour)
        self.tours_panel.present_requested.connect(self.present_tour)
        self._tour_playback = None

        self.coords = QLabel("")
        self.points_label = QLabel("")
        self.statusBar().addPermanentWidget(self.points_label)
        self.load_bar = QProgressBar(maximum=1000, textVisible=False, maximumWidth=120)   # batches after the first
        self.load_bar.hide()
        self.statusBar().addPermanentWidget(self.load_bar)
        self.statusBar().addPermanentWidget(self.coords)
        # point clouds refine off the GUI thread; this timer asks for what the camera needs,
        # takes in decoded nodes and keeps the budget to what this machine draws fluidly
        self.point_budget = AdaptiveBudget()
        self._frames_seen = 0
        self._points_timer = QTimer(self, interval=100)
        self._points_timer.timeout.connect(self.update_points)
        self._points_timer.start()
        self._live_timer = QTimer(self, interval=1000)   # live overlays follow their feeds
        self._live_timer.timeout.connect(self.mirror.poll_live)
        self._live_timer.timeout.connect(self.history.poll_live)
        self._live_timer.start()
        # plain LAS/LAZ shown thinned are turned into COPC in the background, then reloaded
        self.preparer: BackgroundPreparer | None = None
        self._preparing: dict[int, tuple[DataLayer, set]] = {}
        self._prepare_timer = QTimer(self, interval=500)
        self._prepare_timer.timeout.connect(self._check_prepared)
        self._mouse = QPoint()
        self._press = QPoint()
        self._coord_timer = QTimer(self, singleShot=True, interval=50)  # ≤ 20 z-buffer reads/s
        self._coord_timer.timeout.connect(self._update_coords)
        self.view.installEventFilter(self)
        self.layer_actions = LayerActions(self)      # the tree's right-click menu, Edit ▸ Undo
        self.scene.bookmarks_changed.connect(self._fill_bookmarks)
        self.menu_hooks: list = []     # tools adding their menu entries, again after a language switch
        self.retranslate()
        from twin._qt import attribute_table, measure, search
        attribute_table.install(self)     # Tools: attribute table, selection ↔ 3D highlight
        search.install(self)              # Tools: search (addresses, parcels, coordinates)
        measure.install(self)             # Tools: measure distances, heights, areas
        install_processing(self)
        scene.events.name.connect(self._update_title)
        self._update_title()

    # -- layout -----------------------------------------------------------------------------
    def _dock(self, title, widget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(title)       # English: the saved layout does not depend on the language
        self._docks[title] = dock

        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def retranslate(self) -> None:
        """Every text of the window in the application's language (again after a switch)."""
        for name, title in (("Layers", self.tr("Layers")), ("Properties", self.tr("Properties")),
                            ("Attributes", self.tr("Attributes")), ("Timeline", self.tr("Timeline")),
                            ("History", self.tr("History")), ("Projects", self.tr("Projects")),
                            ("Sun and shadow", self.tr("Sun and shadow")), ("Python console", self.tr("Python console")),
                            ("Tours", self.tr("Tours"))):
            self._docks[name].setWindowTitle(title)
        for menu in self.menuBar().findChildren(QMenu, options=Qt.FindDirectChildrenOnly):
            menu.setParent(None)          # out of findChild's reach before it is gone
            menu.deleteLater()
        self.menuBar().clear()
        self._build_menus()
        self._update_title()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _build_menus(self) -> None:
        file = self.menuBar().addMenu(self.tr("&File"))
        for text, key, slot in ((self.tr("&Open scene…"), QKeySequence.Open, self.open_scene),
                                (self.tr("New scene from a co&mmune…"), "Ctrl+Shift+D",
                                 self.new_scene_from_commune),
                                (self.tr("New scene from a &commune's folder…"), "Ctrl+Shift+N",
                                 self.new_scene_from_folder),
                                (self.tr("&Add data…"), "Ctrl+Shift+A", self.add_data),
                                (self.tr("&Save scene"), QKeySequence.Save, self.save),
                                (self.tr("Save scene &as…"), QKeySequence.SaveAs, self.save_as),
                                (self.tr("Export &image…"), "Ctrl+Shift+E", self.export_image),
                                (self.tr("&Quit"), QKeySequence.Quit, self.close)):
            action = QAction(text, self, shortcut=key)
            action.triggered.connect(slot)
            file.addAction(action)
        self.menuBar().addMenu(self.layer_actions.edit_menu(self))
        self.bookmarks_menu = self.menuBar().addMenu(self.tr("&View"))
        self._fill_bookmarks()
        project = self.menuBar().addMenu(self.tr("P&roject"))
        for dock, key in ((self.projects_dock, "Ctrl+Shift+R"), (self.sun_dock, "Ctrl+Shift+S")):
            action = dock.toggleViewAction()
            action.setShortcut(key)
            project.addAction(action)
        before_after = QAction(self.tr("&Before / after"), self, shortcut="F8")
        before_after.setToolTip(self.tr("The town today ↔ the last variant shown"))
        before_after.triggered.connect(self.projects_panel.toggle_before_after)
        project.addAction(before_after)
        self.processing_menu = self.menuBar().addMenu(self.tr("&Processing"))
        for algorithm in plugins().algorithms().values():
            action = QAction(algorithm.title + "…", self)
            action.triggered.connect(lambda _=False, a=algorithm: self.run_algorithm(a))
            self.processing_menu.addAction(action)
        self.processing_menu.setEnabled(not self.processing_menu.isEmpty())
        tours = self.menuBar().addMenu(self.tr("&Tours"))
        for text, key, slot in ((self.tr("&Tours panel"), "Ctrl+Shift+T",
                                 lambda: self.tours_dock.setVisible(not self.tours_dock.isVisible())),
                                (self.tr("&Play tour"), "Ctrl+F5", lambda: self.play_tour(None)),
                                (self.tr("P&resent…"), "F5", lambda: self.present_tour(None))):
            action = QAction(text, self, shortcut=key)
            action.triggered.connect(slot)
            tours.addAction(action)
        self.menuBar().addMenu(quality_menu(self, self.quality))
        tools = self.menuBar().addMenu(self.tr("&Plugins"))
        manager = QAction(self.tr("Plugin &manager…"), self)
        manager.triggered.connect(self.show_plugin_manager)
        tools.addAction(manager)
        console = QAction(self.tr("Python &console"), self, shortcut="Ctrl+Shift+P")
        console.triggered.connect(lambda: self.console_dock.setVisible(not self.console_dock.isVisible()))
        tools.addAction(console)
        self.menuBar().addMenu(language_menu(self))
        for hook in self.menu_hooks:
            hook()

    def _fill_bookmarks(self) -> None:
        menu = self.bookmarks_menu
        menu.clear()
        home = QAction(self.tr("&Home view"), self, shortcut="Home")
        home.triggered.connect(lambda: self.go_to(None))
        menu.addAction(home)
        add = QAction(self.tr("Add &bookmark…"), self, shortcut="Ctrl+B")
        add.triggered.connect(self.add_bookmark)
        menu.addAction(add)
        menu.addSeparator()
        for i, name in enumerate(self.scene.bookmarks):
            action = QAction(name, self, shortcut=f"Ctrl+{i + 1}" if i < 9 else "")
            action.triggered.connect(lambda _=False, n=name: self.go_to_bookmark(n))
            menu.addAction(action)

    def _plugin_panels(self) -> list[QDockWidget]:
        """One dock per plugin panel; a panel that fails to build switches its plugin off."""
        docks = []
        for record, panel in plugins().panels():
            try:
                widget = resolve(panel.widget)(self.scene)
            except Exception as exc:
                plugins().fail_record(record, f"panel '{panel.title}' raised {type(exc).__name__}: {exc}")
                self.statusBar().showMessage(self.tr("Plugin '{}' failed: {}").format(record.name, record.reason),
                                             10000)
                continue
            docks.append(self._dock(panel.title, widget, Qt.RightDockWidgetArea))
        return docks

    def run_algorithm(self, algorithm) -> AlgorithmDialog:
        dialog = AlgorithmDialog(algorithm, self.scene, self)
        dialog.show()
        return dialog

    def show_plugin_manager(self) -> PluginManagerDialog:
        dialog = PluginManagerDialog(plugins(), self)
        dialog.show()
        return dialog

    def _update_title(self, *_):
        path = f" — {self.scene.path.name}" if self.scene.path else ""
        self.setWindowTitle(f"twin — {self.scene.name}{path}")

    def _request_render(self) -> None:
        self._render_timer.start()

    def update_points(self) -> None:
        self.mirror.update_terrain()      # tiled terrains refine with the camera too
        if self.compare_view is not None:  # what its mirror read after its first frame
            self.compare_view.mirror.update_deferred()
        if not any(layer.effectively_visible for layer in self.mirror.point_layers()):
            self.points_label.setText("")
            return
        if self.mirror.frames != self._frames_seen:   # one measure per frame drawn
            self._frames_seen = self.mirror.frames
            self.point_budget.record(self.mirror.frame_ms, self.mirror.points_drawn())
        busy = self.mirror.update_points(self.point_budget.points)
        pending = sum(layer.data.stream.pending for layer in self.mirror.point_layers())
        locale = QLocale()
        text = self.tr("{} points (budget {})").format(locale.toString(self.mirror.points_drawn()),
                                                       locale.toString(self.point_budget.points))
        self.points_label.setText(text + (self.tr(" · loading {} nodes").format(pending) if busy else ""))

    # -- loading ----------------------------------------------------------------------------
    def load_layers(self, layers: list[DataLayer] | None, show_dialog: bool = True,
                    preload: Preload | None = None) -> None:
        if self.loader is not None:
            self.statusBar().showMessage(self.tr("Still loading; try again when it is done"), 4000)
            return
        self.loader = SceneLoader(self.scene, layers, parent=self, show_dialog=show_dialog, preload=preload)
        self.loader.finished.connect(self._loaded)
        self.loader.failed.connect(self._load_failed)
        if not show_dialog:
            self.loader.progress.connect(lambda fraction, _text: self.load_bar.setValue(int(fraction * 1000)))
            self.load_bar.setValue(0)
            self.load_bar.show()
            self.statusBar().showMessage(self.tr("Loading the other layers in the background…"))
        self.loader.start()

    def _loaded(self, results) -> None:
        self.loader = None
        self.load_bar.hide()
        first = self.scene.bounds() is None
        for res in results:   # a reloaded layer's old stream stops decoding
            if getattr(res.layer.data, "stream", None) is not None:
                res.layer.data.stream.close()
        apply_results(results)
        self._prepare_in_background(results)
        if first:
            self.go_to(self.scene.camera.view)
        problems = [f"{r.layer.name}: {r.error}" for r in results if r.error]
        notes = [w for r in results for w in r.warnings]
        if problems:
            QMessageBox.warning(self, self.tr("Some layers could not be loaded"), "\n\n".join(problems))
        self.statusBar().showMessage(notes[-1] if notes else self.tr("%n layer(s) loaded", "", len(results)), 10000)
        if self._later and results:     # drawn at the next turn of the event loop, while the next batch reads
            self.load_layers(self._later.pop(0), show_dialog=False)

    def _prepare_in_background(self, results) -> None:
        if not auto_prepare_enabled():
            return
        for res in results:
            thinned = getattr(res.data, "thinned", None)
            if not thinned or id(res.layer) in self._preparing:
                continue
            if self.preparer is None:
                self.preparer = BackgroundPreparer()
            queued = {p.resolve() for p in thinned if self.preparer.submit(p)}
            if queued:
                self._preparing[id(res.layer)] = (res.layer, queued)
                self._prepare_timer.start()
                self.statusBar().showMessage(self.tr(
                    "{}: turning %n plain LAS/LAZ file(s) into COPC in the background; the layer will then "
                    "refine as you zoom", "", len(queued)).format(res.layer.name), 10000)

    def _check_prepared(self) -> None:
        for tile in self.preparer.finished():
            if tile.error:
                self.statusBar().showMessage(self.tr("Could not prepare {}: {}").format(tile.source.name, tile.error),
                                             10000)
            for _layer, waiting in self._preparing.values():
                waiting.discard(tile.source)
        ready = [layer for layer, waiting in self._preparing.values() if not waiting]
        if ready and self.loader is None:
            for layer in ready:
                del self._preparing[id(layer)]
            self.load_layers(ready)
        if not self._preparing:
            self._prepare_timer.stop()

    def _load_failed(self, message: str) -> None:
        self.loader = None
        self.load_bar.hide()
        QMessageBox.critical(self, self.tr("Loading failed"), message)

    # -- actions ----------------------------------------------------------------------------
    def go_to(self, view) -> None:
        self.mirror.apply_view(view)
        self._request_render()

    def go_to_bookmark(self, name: str) -> None:
        """The bookmark's view, and what it recalls (layers, time, variant) when it does."""
        from twin.present.tours import apply_state, state_of_bookmark
        bookmark = self.scene.bookmark(name)
        apply_state(self.scene, state_of_bookmark(bookmark), camera=False)
        self.go_to(bookmark.view)

    def add_bookmark(self) -> None:
        from twin.present.tours import visible_layer_names
        name, ok = QInputDialog.getText(self, self.tr("Add bookmark"), self.tr("Name of this view:"))
        if ok and name.strip():
            self.scene.add_bookmark(Bookmark(name.strip(), self.mirror.current_view(),
                                             layers=visible_layer_names(self.scene), time=self.scene.timeline.current,
                                             variant=Projects.of(self.scene).active))

    def _tour_named(self, name: str | None):
        from twin._qt.present import bookmarks_tour
        tours = Tours.of(self.scene)
        if name is None and self.tours_panel.tour() is not None:
            return self.tours_panel.tour()
        if name in tours:
            return tours[name]
        try:
            return next(iter(tours.values()), None) or bookmarks_tour(self.scene)
        except TwinError as exc:
            QMessageBox.information(self, self.tr("Tours"), exc.message)
            return None

    def play_tour(self, name: str | None = None) -> None:
        """Play a tour once in this window's view (again: stop it)."""
        from twin._qt.present import TourPlayback
        if self._tour_playback is not None and self._tour_playback.isActive():
            self._tour_playback.stop()
            return
        tour = self._tour_named(name)
        if tour is not None:
            self._tour_playback = TourPlayback(self.mirror, tour, self._request_render, self)
            self._tour_playback.start()

    def present_tour(self, name: str | None = None):
        """The council presentation of a tour, full screen over this window."""
        from twin._qt.present import PresentWindow
        tour = self._tour_named(name)
        if tour is None:
            return None
        self._presentation = PresentWindow(self.scene, tour)
        self._presentation.hold.show()
        self._presentation.setFocus()
        return self._presentation

    def add_data(self) -> None:
        patterns = " ".join(f"*{s}" for s in registry().suffixes())
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Add data"), "",
                                                self.tr("Data files ({});;All files (*)").format(patterns))
        added, new = [], []
        terrains = [layer for layer in self.scene.data_layers() if isinstance(layer, TerrainLayer)]
        for path in map(Path, paths):
            try:
                layer = layer_for_file(path, file_info(path))
            except TwinError as exc:
                QMessageBox.warning(self, self.tr("Cannot add this file"), exc.message)
                continue
            if layer is not None:
                new.append(layer)
            elif terrains:  # an orthophoto: drape it on the first terrain
                terrains[0].texture = path
                added.append(terrains[0])
            else:
                QMessageBox.warning(self, self.tr("Cannot add this file"),
                                    self.tr("{}: is an image; add a DTM first to drape it on the terrain").format(path))
        added += [self.scene.add_layer(layer) for layer in merge_tiles(new)]
        if added:
            self.load_layers(added)

    def open_scene(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open scene"), "", self.tr("twin scenes (*.toml)"))
        if path:
            from twin.io.scene_file import load_scene
            try:
                scene = load_scene(path)
            except TwinError as exc:
                QMessageBox.warning(self, self.tr("Cannot open this scene"), exc.message)
                return
            window = MainWindow(scene)
            window.show()
            self._other = window

    def new_scene_from_folder(self, folder: str | None = None, out: str | None = None):
        """The Commune wizard: a folder of LiDAR, DTM, cadastre, BD TOPO… (loose or in IGN's
        archives) → the commune picked from its outlines → a scene file, opened."""
        folder = folder or QFileDialog.getExistingDirectory(self, self.tr("The commune's folder"))
        if not folder:
            return None
        out = out or QFileDialog.getSaveFileName(self, self.tr("Save the new scene as"),
                                                 str(Path(folder) / f"{Path(folder).name}.toml"),
                                                 self.tr("twin scenes (*.toml)"))[0]
        if not out:
            return None
        from twin._qt.commune_dialog import CommuneWizard
        self.commune_wizard = CommuneWizard(Path(folder), Path(out), self)
        self.commune_wizard.built.connect(self._scene_built)
        self.commune_wizard.start()
        return self.commune_wizard

    def new_scene_from_commune(self, folder: str | None = None):
        """A commune's open data downloaded (twin fetch) into ``folder``/INSEE, then its
        scene built beside it and opened."""
        from twin._qt.commune_dialog import FetchWizard
        self.commune_wizard = FetchWizard(Path(folder) if folder else Path.home() / "twin" / "communes", self)
        self.commune_wizard.built.connect(self._scene_built)
        self.commune_wizard.start()
        return self.commune_wizard

    def _scene_built(self, result, out: Path) -> None:
        from twin.io.scene_file import load_scene
        scene, found = result
        try:
            save_scene(scene, out)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Cannot save"), f"{out}: {exc.strerror}")
            return
        skipped = [f"{f.path.name}: {f.reason}" for f in found if f.role == "skipped"]
        window = MainWindow(load_scene(out))
        window.show()
        self._other = window
        window.statusBar().showMessage(
            self.tr("{}: {} layers from {} files").format(out.name, len(scene.data_layers()), len(found))
            + (self.tr(", {} skipped").format(len(skipped)) if skipped else ""), 15000)
        if skipped:     # not modal: the new scene is loading behind it
            window.skipped_box = QMessageBox(QMessageBox.Information, self.tr("Files not used"), "\n".join(skipped[:30]),
                                             QMessageBox.Ok, window)
            window.skipped_box.setWindowModality(Qt.NonModal)   # a message box is application-modal by default
            window.skipped_box.show()

    def export_image(self, path: str | None = None):
        """File ▸ Export image (twin._qt.image_export): the view at a size and DPI, PNG or PDF."""
        from twin._qt.image_export import export_from_window
        return export_from_window(self, path)


    def save(self) -> None:

        if self.scene.path is None:
            self.save_as()
        else:
            self._save_to(self.scene.path)

    def save_as(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save scene"), "", self.tr("twin scenes (*.toml)"))
        if path:
            self._save_to(Path(path).with_suffix(".toml"))

    def _save_to(self, path: Path) -> None:
        self.scene.camera.view = self.mirror.current_view()
        try:
            save_scene(self.scene, path)
        except OSError as exc:
            QMessageBox.warning(self, self.tr("Cannot save"), f"{path}: {exc.strerror}")
            return
        self._update_title()
        self.statusBar().showMessage(self.tr("Saved {}").format(path), 5000)

    # -- mouse: coordinates and picking -----------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.MouseMove:
            self._mouse = event.position().toPoint()
            self._coord_timer.start()
        elif kind == QEvent.MouseButtonPress and event.button() == Qt.LeftButton:
            self._press = event.position().toPoint()
        elif kind == QEvent.MouseButtonRelease and event.button() == Qt.LeftButton:
            if (event.position().toPoint() - self._press).manhattanLength() < 4 and not self.tool.active:
                self.pick_at(self._press)
        return False

    def _display_xy(self, pos: QPoint) -> tuple[int, int]:
        ratio = self.view.devicePixelRatioF()
        return int(pos.x() * ratio), int((self.view.height() - pos.y()) * ratio)

    def _view_centre(self):
        ratio = self.view.devicePixelRatioF()
        return self.mirror.world_at(int(self.view.width() * ratio / 2), int(self.view.height() * ratio / 2))

    def _update_coords(self) -> None:
        world = self.mirror.world_at(*self._display_xy(self._mouse))
        if world is None:
            self.coords.setText("")
            return
        lon, lat = to_wgs84(world[0], world[1], self.scene.crs)
        locale = QLocale()
        self.coords.setText(self.tr("{}  E {}  N {}  z {} m   |   WGS84  {}° N  {}° E").format(
            self.scene.crs, locale.toString(float(world[0]), "f", 2), locale.toString(float(world[1]), "f", 2),
            locale.toString(float(world[2]), "f", 1), locale.toString(float(lat), "f", 6),
            locale.toString(float(lon), "f", 6)))

    def pick_at(self, pos: QPoint) -> None:
        if self.mirror.legends.contains(*self._display_xy(pos)):    # a click on the legend folds it
            self.mirror.legends.toggle()
            self._request_render()
            return
        picked = self.mirror.pick(*self._display_xy(pos))
        if picked is None:
            return
        if picked.attributes:
            self.attributes.show_attributes(picked.layer.name, picked.attributes)
        if isinstance(picked.layer, TemporalLayer) and picked.feature is not None:
            self.history_dock.show()
            self.history_dock.raise_()
            self.history.show_feature(picked.layer, picked.feature)

    def compare_with(self, variant) -> None:
        """A second view beside the main one showing ``variant`` (None: the town today),
        cameras linked; "off" closes it."""
        if variant == "off":
            if self.compare_view is not None:
                self.motion.unfollow(self.compare_view.mirror)
                self.compare_view.close()
                self.compare_view.setParent(None)
                self.compare_view = None
            return
        if self.compare_view is None:
            self.compare_view = CompareView(self.view, self.mirror, variant)
            self.motion.follow(self.compare_view.mirror)
            self.splitter.addWidget(self.compare_view)
            self.splitter.setSizes([1, 1])
        else:
            self.compare_view.show_state(variant)

    def _project_message(self, text: str) -> None:
        """A refused project edit, told without blocking (the model did not change)."""
        self.project_box = QMessageBox(QMessageBox.Warning, self.tr("Project"), text, QMessageBox.Ok, self)

        self.project_box.open()

    def closeEvent(self, event) -> None:
        self.compare_with("off")
        self.timeline_bar.ticker.stop()
        if self._tour_playback is not None:
            self._tour_playback.stop()
        self.history.close_panel()
        self._points_timer.stop()
        self._live_timer.stop()
        self._prepare_timer.stop()
        if self.preparer is not None:
            self.preparer.shutdown()
        for layer in [*self.mirror.point_layers(), *self.mirror.terrain_layers()]:
            layer.data.stream.close()
        if self.loader is not None:
            self.loader.cancel()
            self.loader._stop()
        self.tree.model().close()
        self.layer_actions.close()
        self.properties.set_layer(None)
        self.mirror.close()
        self.view.close()
        super().closeEvent(event)
