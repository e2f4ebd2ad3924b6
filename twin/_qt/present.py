"""The council presentation: a tour full screen, no chrome, large captions, driven by a
clicker (PageDown/PageUp send Next/Previous on most of them).

Keys: PageDown, →, ↓, Space next stop · PageUp, ←, ↑ previous · Home first · P play/pause ·
B blank screen · A before/after of the project · [ ] sun time −/+ 30 min · L caption
language · H high contrast · Esc leave."""

from __future__ import annotations

import sys
import time
from datetime import timedelta

from PySide6.QtCore import QLocale, Qt, QTimer
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QStackedLayout, QVBoxLayout, QWidget
from twin._qt.view import SceneView

from twin._qt.quality import FollowMachine
from twin._qt.screen_hold import ScreenHold
from twin._qt.view_description import ViewDescription
from twin._vtk.mirror import SceneMirror
from twin._vtk.offscreen import theme as vtk_theme
from twin._vtk.tour_playback import show_state
from twin.core.errors import TwinError
from twin.core.scene import Scene
from twin.core.timeline import DISPLAY_TZ
from twin.present.tours import Stop, Tour, TourPlayer, Tours, TourState, terrain_ground
from twin.projects.model import Projects
from twin.core.i18n import message as _message

FPS = 25
SCRUB = timedelta(minutes=30)
CAPTION_PT = 30


def bookmarks_tour(scene: Scene) -> Tour:
    """A scene without tours is presented bookmark by bookmark, their descriptions as captions."""
    if not scene.bookmarks:
        raise TwinError(_message("scene '{}' has neither tours nor bookmarks to present").format(scene.name),
                        hint=_message("add [[tours]] or [[bookmarks]] to the scene file, or record a tour "
                                      "in the app"))
    return Tour(scene.name, [Stop(b.view, caption={"fr": b.description} if b.description else {},
                                  layers=b.layers, time=b.time, variant=b.variant, bookmark=b.name)
                             for b in scene.bookmarks.values()])


class PresentWindow(QWidget):
    def __init__(self, scene: Scene, tour: Tour, language: str | None = None, parent=None):
        super().__init__(parent)
        self.scene = scene
        self.tour = tour
        self.player = TourPlayer(tour, terrain_ground(scene))
        self.setObjectName("presentation")
        self.setWindowTitle(self.tr("twin — presentation"))
        self.setFocusPolicy(Qt.StrongFocus)
        self.hold = ScreenHold(self)      # hold.show(): the whole screen, window manager or not
        langs = [lang for stop in tour.stops for lang in stop.caption] or ["fr"]
        self.languages = list(dict.fromkeys(langs))
        wanted = language or QLocale.system().name()[:2]
        self.language = wanted if wanted in self.languages else self.languages[0]
        self._remembered_variant = None
        self._shown: TourState | None = None

        self.view = SceneView(self, theme=vtk_theme(), auto_update=False)
        self.view.setFocusPolicy(Qt.NoFocus)      # keys are the presenter's, not the camera's
        self.view.setAccessibleName(self.tr("3D view of the town"))
        self.description = ViewDescription(self.view, scene, lambda: self.mirror.current_view())
        self._render_timer = QTimer(self, singleShot=True, interval=0)
        self._render_timer.timeout.connect(self.view.render)
        self.mirror = SceneMirror(scene, self.view, on_render=self._render_timer.start)
        self.quality = FollowMachine(self.view, self.mirror)     # the best level at its frame rate

        self.caption = QLabel()
        self.caption.setObjectName("caption")
        self.caption.setWordWrap(True)
        self.caption.setAlignment(Qt.AlignCenter)
        self.status = QLabel()          # before/after, sun time, paused: a short note on the right
        self.status.setObjectName("presentStatus")
        self.status.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.bar = QWidget()
        self.bar.setObjectName("presentBar")
        self.bar.setAttribute(Qt.WA_StyledBackground)
        row = QHBoxLayout(self.bar)
        row.setContentsMargins(24, 12, 24, 12)
        row.addWidget(self.caption, 1)
        row.addWidget(self.status)
        self.blank = QWidget()
        self.blank.setObjectName("blank")
        self.blank.setAttribute(Qt.WA_StyledBackground)
        picture = QWidget()
        column = QVBoxLayout(picture)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.view, 1)
        column.addWidget(self.bar)
        self.stack = QStackedLayout(self)
        self.stack.addWidget(picture)
        self.stack.addWidget(self.blank)
        self.high_contrast = False
        self._style()

        self._clock = time.monotonic()
        self.timer = QTimer(self, interval=1000 // FPS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self.show_state(self.player.state())

    def _style(self) -> None:
        from twin._qt.themes import HIGH_CONTRAST, PRESENTATION
        theme = HIGH_CONTRAST if self.high_contrast else PRESENTATION
        theme.apply(self)
        sheet = self.styleSheet()
        caption, text, window = theme.caption, theme.caption_text, theme.window
        self.setStyleSheet(sheet + f"""
QWidget#presentBar {{ background: {window}; }}
QLabel#caption {{ background: {caption}; color: {text}; font-size: {CAPTION_PT}pt; padding: 8px 16px; }}
QLabel#presentStatus {{ color: {text}; font-size: {CAPTION_PT * 2 // 3}pt; }}
QWidget#blank {{ background: #000000; }}
""")

    # -- playback -----------------------------------------------------------------------------
    def _tick(self) -> None:
        now = time.monotonic()
        elapsed, self._clock = min(now - self._clock, 0.2), now   # a stalled frame never leaps
        self.mirror.update_deferred()          # the roofs' orthophoto, read after the first frame
        self.advance(elapsed)

    def advance(self, seconds: float) -> None:
        """Move the tour clock on and show where it is (the timer calls it ~25 times a second)."""
        self.show_state(self.player.tick(seconds))

    def show_state(self, state: TourState) -> None:
        shown = self._shown
        moved = shown is None or state.view != shown.view
        self.mirror.interacting = state.in_flight and moved    # a paused flight is still
        if moved or state.stop != shown.stop:
            show_state(self.mirror, state)
            self._render_timer.start()
            self.description.changed()     # what the view shows, told to screen readers
        if shown is None or state.stop != shown.stop:
            self._show_caption()
        self._shown = state

    def _show_caption(self) -> None:
        text = self.tour.caption(self.player.stop, self.language)
        self.caption.setText(text or self.tour.title.get(self.language, self.tour.name))

    # -- keys ----------------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key in (Qt.Key_PageDown, Qt.Key_Right, Qt.Key_Down, Qt.Key_Space):
            self.player.next()
        elif key in (Qt.Key_PageUp, Qt.Key_Left, Qt.Key_Up):
            self.player.previous()
        elif key == Qt.Key_Home:
            self.player.first()
        elif key == Qt.Key_P:
            self.player.set_playing(not self.player.playing)
            self.status.setText("" if self.player.playing else self.tr("Paused"))
        elif key == Qt.Key_H:
            self.high_contrast = not self.high_contrast
            self._style()
            self.status.setText(self.tr("High contrast") if self.high_contrast else "")
        elif key == Qt.Key_B:
            self.set_blank(not self.blanked)
        elif key == Qt.Key_A:
            self.toggle_before_after()
        elif key in (Qt.Key_BracketLeft, Qt.Key_BracketRight):
            self.scrub(-SCRUB if key == Qt.Key_BracketLeft else SCRUB)
        elif key == Qt.Key_L:
            self.language = self.languages[(self.languages.index(self.language) + 1) % len(self.languages)]
            from twin._qt.i18n import install_language
            install_language(QApplication.instance(), self.language)     # the screen's words follow
            self._show_caption()
            self.description.update()
        elif key == Qt.Key_Escape:
            self.close()
        else:
            super().keyPressEvent(event)
            return
        self._clock = time.monotonic()
        self.advance(0.0)

    @property
    def blanked(self) -> bool:
        return self.stack.currentWidget() is self.blank

    def set_blank(self, blank: bool) -> None:
        self.stack.setCurrentWidget(self.blank if blank else self.stack.widget(0))

    def toggle_before_after(self) -> None:
        """Baseline (no variant) ↔ the project variant last shown."""
        current = Projects.of(self.scene).active
        if current is not None:
            self._remembered_variant = current
            Projects.of(self.scene).active = None
            self.status.setText(self.tr("Before"))
        elif self._remembered_variant is not None or self.tour.stops[self.player.stop].variant:
            Projects.of(self.scene).active = self._remembered_variant or self.tour.stops[self.player.stop].variant
            self.status.setText(self.tr("After"))
        else:
            self.status.setText(self.tr("No project variant to compare"))

    def scrub(self, step: timedelta) -> None:
        timeline = self.scene.timeline
        timeline.set_current(timeline.current + step)
        local = timeline.current.astimezone(DISPLAY_TZ)
        self.status.setText(self.tr("Sun: %1").replace("%1", local.strftime("%d/%m %H:%M")))

    def closeEvent(self, event) -> None:
        self.timer.stop()
        self.description.close()
        self.mirror.close()
        self.view.close()
        super().closeEvent(event)


def run_present(scene_path: str, tour_name: str | None = None, language: str | None = None) -> int:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication, QMessageBox

    from twin._qt.i18n import install_language

    from twin._qt.loader import SceneLoader
    from twin.io.loading import apply_results
    from twin.io.scene_file import load_scene

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("twin")
    try:
        scene = load_scene(scene_path)
        tour = Tours.of(scene)[tour_name] if tour_name else next(iter(Tours.of(scene).values()), None) or bookmarks_tour(scene)
    except (TwinError, KeyError) as exc:
        message = exc.message if isinstance(exc, TwinError) else exc.args[0]
        print(f"twin: {message}", file=sys.stderr)
        return 2
    window = PresentWindow(scene, tour, language=language)
    install_language(app, window.language)      # the window's own words in the captions' language
    window.hold.show()
    window.setFocus()

    def loaded(results) -> None:
        apply_results(results)
        window.player.ground = terrain_ground(scene)
        window._shown = None
        window.advance(0.0)
        problems = [f"{r.layer.name}: {r.error}" for r in results if r.error]
        if problems:
            QMessageBox.warning(window, QCoreApplication.translate("PresentWindow", "Some layers could not be loaded"),
                                "\n\n".join(problems))
    loader = SceneLoader(scene, None, parent=window)
    loader.finished.connect(loaded)
    loader.failed.connect(lambda message: QMessageBox.critical(window, "twin", message))
    loader.start()
    return app.exec()



class TourPlayback(QTimer):
    """Plays a tour once in another window's view (the planner's "Play tour"): the same
    states as the presentation, on that window's mirror; ``render`` asks it for a frame."""

    def __init__(self, mirror: SceneMirror, tour: Tour, render, parent=None):
        super().__init__(parent, interval=1000 // FPS)
        self.mirror, self.render = mirror, render
        self.player = TourPlayer(tour, terrain_ground(mirror.scene))
        self.player.set_playing(True)
        self._clock = time.monotonic()
        self.timeout.connect(self._tick)
        show_state(mirror, self.player.state())
        render()

    def _tick(self) -> None:
        now = time.monotonic()
        elapsed, self._clock = min(now - self._clock, 0.2), now
        state = self.player.tick(elapsed)
        self.mirror.interacting = state.in_flight and self.player.playing
        show_state(self.mirror, state)
        self.render()
        if not self.player.playing:
            self.stop()

    def stop(self) -> None:
        self.mirror.interacting = False       # stopped in flight: the full picture again
        super().stop()
