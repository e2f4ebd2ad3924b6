"""The locked touch kiosk of a tourist office: full screen, no menus, a few large buttons.

Visitors get the scene's curated tours, some layer toggles, a language switch and a home
button; one finger orbits, two pan, a pinch zooms, always through ``clamp_view`` so the
camera never leaves the territory or goes under ground. After ``idle_seconds`` without
input the kiosk goes home and loops its attract tour until touched. Everything that
could leave the app (Esc, Alt+F4, Ctrl+Q, right-click, window close) is swallowed; five
taps in the top-left corner within 3 s open a PIN pad for the administrator.
"""

from __future__ import annotations

import sys
import time
from functools import partial

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPointF, QRect, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from twin._qt.view import SceneView

from twin._qt.i18n import LANGUAGE_NAMES, available_languages, current_language, install_language
from twin._qt.kiosk_controls import VisitorControls
from twin._qt.kiosk_countdown import Countdown
from twin._qt.kiosk_layout import MARGINS, arrange, strip
from twin._qt.kiosk_pin import EXIT_RELOAD, PinPad, big_button
from twin._qt.loader import SceneLoader
from twin._qt.motion import MotionWatch
from twin._qt.themes import HIGH_CONTRAST, KIOSK, THEMES, Theme
from twin._qt.view_description import ViewDescription
from twin._qt.quality import FollowMachine
from twin._qt.screen_hold import ScreenHold
from twin._vtk.mirror import SceneMirror
from twin._vtk.offscreen import theme as vtk_theme
from twin.present.kiosk import (
    EXIT_ADMIN, CameraBounds, KioskConfig, KioskLayer, clamp_view,
    metres_per_pixel, orbit, pan, zoom,
)
from twin.io.loading import apply_results
from twin.lod import AdaptiveBudget
from twin.core.scene import Scene
from twin.present.tours import Tour, apply_state, terrain_ground
from twin.present.tours import Tours

ADMIN_TAPS, ADMIN_WINDOW_S, ADMIN_CORNER_PX = 5, 3.0, 96
DEG_PER_PX = 0.3          # one-finger orbit speed

# the Picto Access needs an accessibility layer filters on (its ``require`` setting)
NEEDS = ("wheelchair", "hearing", "sight", "mental")
_INPUT = {QEvent.MouseButtonPress, QEvent.MouseButtonRelease, QEvent.MouseMove, QEvent.Wheel,
          QEvent.KeyPress, QEvent.TouchBegin, QEvent.TouchUpdate, QEvent.TouchEnd}
_MODIFIERS = Qt.ControlModifier | Qt.AltModifier | Qt.MetaModifier
_REFUSED_KEYS = {Qt.Key_Escape, Qt.Key_Menu, Qt.Key_Meta, Qt.Key_Super_L, Qt.Key_Super_R, Qt.Key_Close,
                 Qt.Key_Exit, Qt.Key_Back, *(getattr(Qt, f"Key_F{i}") for i in range(1, 13))}


class KioskWindow(VisitorControls, QWidget):
    """``left(code)`` fires when an administrator leaves (EXIT_ADMIN) or reloads (EXIT_RELOAD)."""

    left = Signal(int)

    def __init__(self, scene: Scene, pin_hash: str | None, lang: str | None = None, locked: bool = True,
                 config: KioskConfig | None = None, theme: Theme = KIOSK, load: bool = True, clock=time.monotonic):
        super().__init__(None, Qt.FramelessWindowHint | Qt.WindowStaysOnTopHint)
        self.scene = scene
        scene.public = True       # a kiosk shows only aggregated, non-personal figures
        self.config = config or KioskConfig.of(scene)
        self.pin_hash = pin_hash
        self.locked = locked
        self.base_theme = THEMES[self.config.theme] if self.config.theme != KIOSK.name else theme
        self.theme = self.base_theme      # until a visitor asks for high contrast
        self.clock = clock
        self.pin_failures = 0
        self.pin_locked_until = 0.0
        self.pin_pad: PinPad | None = None
        self._may_close = False
        self._taps: list[float] = []
        self._drag = None                # last mouse position of a drag
        self._touch = None               # (centroid, spread) of the last two-finger frame
        self.bounds: CameraBounds | None = self.config.bounds
        self.ground = None
        self.playing: Tour | None = None
        self.attract = False
        self._play_start = 0.0
        self._paused_at: float | None = None      # seconds into the tour where a visitor paused it
        self.loader: SceneLoader | None = None
        self.setObjectName("kiosk")
        self.setAttribute(Qt.WA_AcceptTouchEvents)
        self.hold = ScreenHold(self, on_top=True)    # hold.show(): the whole screen, window manager or not

        self.view = SceneView(self, theme=vtk_theme(), auto_update=False)
        self.view.setAttribute(Qt.WA_AcceptTouchEvents)
        self.view.setFocusPolicy(Qt.NoFocus)    # keys reach the window's own handling
        self.description = ViewDescription(self.view, scene, self.current_view)
        self._render_timer = QTimer(self, singleShot=True, interval=0)
        self._render_timer.timeout.connect(self.view.render)
        # the application-wide event filter below takes every input, the view's included
        self.mirror = SceneMirror(scene, self.view, on_render=self._request_render)
        self.motion = MotionWatch(self.view, self.mirror)
        self.quality = FollowMachine(self.view, self.mirror)     # the best level at its frame rate

        self.caption = QLabel()
        self.caption.setObjectName("caption")
        self.caption.setWordWrap(True)
        self.caption.setAlignment(Qt.AlignCenter)
        self.bar, self.drawer = QWidget(), QWidget()
        bar = QHBoxLayout()
        strip(self.bar, "kioskBar").addLayout(bar)
        drawer_rows = strip(self.drawer, "kioskDrawer")
        for band in (self.bar, self.drawer):
            band.setAttribute(Qt.WA_StyledBackground)
        self.home_button = big_button(QPushButton(), "home")
        self.home_button.clicked.connect(self.go_home)
        self.pause_button = big_button(QPushButton(), "pause")     # shown while a visitor's tour plays
        self.pause_button.setCheckable(True)
        self.pause_button.toggled.connect(self.set_paused)
        self.pause_button.hide()
        self.contrast_button = big_button(QPushButton(), "contrast")
        self.contrast_button.setCheckable(True)
        self.contrast_button.setChecked(self.theme is HIGH_CONTRAST)
        self.contrast_button.toggled.connect(lambda on: self.set_theme(HIGH_CONTRAST if on else theme))
        self.tour_buttons: dict[str, QPushButton] = {}
        tours = Tours.of(scene)
        for name in self.config.tours if self.config.tours is not None else list(tours):
            button = big_button(QPushButton(), f"tour:{name}")
            button.clicked.connect(lambda _=False, t=tours[name]: self.play(t))
            self.tour_buttons[name] = button
        # the drawer's handle: the layer toggles open above the bar, over the view's bottom
        self.drawer_button = big_button(QPushButton(), "drawer")
        self.drawer_button.setCheckable(True)
        self.drawer_button.toggled.connect(self._drawer_toggled)
        self.layer_buttons: dict[str, tuple[QPushButton, KioskLayer]] = {}
        self._connections = []
        for entry in self._offered_layers():
            layer = scene.layers.find(entry.name)
            button = big_button(QPushButton(), f"layer:{entry.name}")
            button.setCheckable(True)
            button.setChecked(layer.visible)
            button.toggled.connect(lambda on, lay=layer: setattr(lay, "visible", on))
            shown = partial(self._layer_shown, button, entry)
            layer.events.visible.connect(shown)
            self._connections.append((layer.events.visible, shown))
            self.layer_buttons[entry.name] = (button, entry)
        # an accessibility layer offered: a visitor can ask for the buildings that suit them
        self.need_buttons: dict[str, QPushButton] = {}
        self.needs_layer = next((scene.layers.find(e.name) for e in self._offered_layers()
                                 if hasattr(scene.layers.find(e.name), "require")), None)
        if self.needs_layer is not None:
            for need in NEEDS:
                button = big_button(QPushButton(), f"need:{need}")
                button.setCheckable(True)
                button.toggled.connect(self._needs_changed)
                self.need_buttons[need] = button
        self.language_buttons: dict[str, QPushButton] = {}
        offered = available_languages()
        for code in [c for c in self.config.languages if c in offered] + \
                [c for c in offered if c not in self.config.languages and c != "en"]:
            button = big_button(QPushButton(LANGUAGE_NAMES.get(code, code.upper()), self.bar), f"lang:{code}")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, c=code: self.set_language(c))
            self.language_buttons[code] = button

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.countdown = Countdown(lambda: self.clock(), self)
        self.countdown.expired.connect(self.start_attract)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.countdown)
        layout.addWidget(self.caption)
        layout.addWidget(self.drawer)
        layout.addWidget(self.bar)
        self.set_theme(self.theme)

        self._initial_visibility = {layer: layer.visible for layer in [*scene.layers.walk()]}
        self._initial_time = scene.timeline.current
        self.idle_timer = QTimer(self, singleShot=True)
        self.idle_timer.setInterval(int((self.config.idle_seconds - self.config.countdown) * 1000))
        self.idle_timer.timeout.connect(lambda: self.countdown.start(self.config.countdown))
        self.tour_timer = QTimer(self, interval=50)
        self.tour_timer.timeout.connect(self._tour_tick)
        self.point_budget = AdaptiveBudget()
        self._points_timer = QTimer(self, interval=150)
        self._points_timer.timeout.connect(self._update_points)
        self._points_timer.start()
        QApplication.instance().installEventFilter(self)
        self.set_language(lang or self.config.languages[0])
        room = self.screen().geometry().width() - MARGINS[0] - MARGINS[2]
        if not arrange(bar, drawer_rows, self.home_button, list(self.tour_buttons.values()), self.drawer_button,
                       [[b for b, _entry in self.layer_buttons.values()], list(self.need_buttons.values())],
                       [self.contrast_button, *self.language_buttons.values()], room, [self.pause_button]):
            self.drawer_button.hide()
        self.drawer.hide()
        self.idle_timer.start()
        if load:
            self.loader = SceneLoader(scene, None, parent=self, show_dialog=False)
            self.loader.finished.connect(self._loaded)
            self.loader.failed.connect(lambda message: self.caption.setText(message))
            self.loader.start()

    # -- model ------------------------------------------------------------------------------
    def _offered_layers(self) -> list[KioskLayer]:
        if self.config.layers is not None:
            return list(self.config.layers)
        return [KioskLayer(layer.name) for layer in self.scene.layers if layer.visible]

    def _loaded(self, results) -> None:
        self.loader = None
        apply_results(results)
        self.data_ready()

    def data_ready(self) -> None:
        """Bounds and ground from the loaded data, then the home view."""
        box = self.scene.bounds()
        if self.bounds is None and box is not None:
            self.bounds = CameraBounds.around(box)
        self.ground = terrain_ground(self.scene)
        self.go_home()

    def home_view(self):
        if self.config.home:
            return self.scene.bookmark(self.config.home).view
        return self.scene.camera.view or self.mirror.default_view()

    def current_view(self):
        return self.mirror.current_view()

    def set_view(self, view, clamp: bool = True) -> None:
        if clamp and self.bounds is not None:
            view = clamp_view(view, self.bounds, self.ground)
        self.mirror.apply_view(view)
        self.motion.moved()
        self._request_render()

    def _request_render(self) -> None:
        self._render_timer.start()
        self.description.changed()        # what it shows, told to screen readers

    def _update_points(self) -> None:
        self.mirror.update_terrain()      # tiled terrains refine with the camera too
        if self.mirror.point_layers():
            self.point_budget.record(self.mirror.frame_ms, self.mirror.points_drawn())
            self.mirror.update_points(self.point_budget.points)

    # -- visitors' actions ------------------------------------------------------------------
    def go_home(self) -> None:
        self.stop_tour()
        self.drawer_button.setChecked(False)     # the next visitor finds the town, not the toggles
        for layer, visible in self._initial_visibility.items():
            layer.visible = visible
        if self.scene.timeline.current != self._initial_time:
            self.scene.timeline.set_current(self._initial_time)
        view = self.home_view()
        if view is not None:   # clamped too, so the first touch does not jump
            self.set_view(view)
        self.caption.setText(self._hint())

    def play(self, tour: Tour, attract: bool = False) -> None:
        self.playing, self.attract = tour, attract
        self._play_start = self.clock()
        self._tour_changed()
        self.show_tour_state(0.0)
        self.tour_timer.start()

    def stop_tour(self) -> None:
        self.tour_timer.stop()
        self.motion.still()
        self.playing, self.attract = None, False
        self._tour_changed()

    def _tour_tick(self) -> None:
        if self.playing is None or self._paused_at is not None:
            return
        t = self.clock() - self._play_start
        if not (self.attract or self.playing.loop) and t >= self.playing.duration:
            self.show_tour_state(self.playing.duration)
            self.tour_timer.stop()
            self.playing = None
            self._tour_changed()
            return
        self.show_tour_state(t)

    def show_tour_state(self, t: float) -> None:
        """The playing tour's state ``t`` seconds in (the attract loop wraps around)."""
        tour = self.playing
        if self.attract:
            t %= tour.duration
        state = tour.state_at(t, self.ground)
        apply_state(self.scene, state, camera=False)
        self.mirror.apply_view(state.view)
        self.motion.flying(state.in_flight)
        self._request_render()
        text = tour.caption(state.stop, self.language) if state.caption else ""
        if text != self.caption.text():
            self.caption.setText(text)

    def start_attract(self) -> None:
        if self.pin_pad is not None and self.pin_pad.isVisible():
            self.pin_pad.reject()     # an admin page left open must not wait for the next visitor
        name = self.config.attract_tour
        if self.theme is not self.base_theme:
            self.set_theme(self.base_theme)   # the next visitor finds the scene's theme
        self.go_home()
        if name and name in Tours.of(self.scene):
            self.play(Tours.of(self.scene)[name], attract=True)

    def set_language(self, code: str) -> None:
        install_language(QApplication.instance(), code)
        self.language = current_language(QApplication.instance())
        self.retranslate()

    def _drawer_toggled(self, open_: bool) -> None:
        """The handle says which way the drawer goes, not only by its colour."""
        self.drawer.setVisible(open_)
        self.drawer_button.setText(self.tr("Layers") + (" ▾" if open_ else " ▴"))

    def _layer_shown(self, button: QPushButton, entry: KioskLayer, on: bool) -> None:
        if button.isChecked() != on:
            button.blockSignals(True)
            button.setChecked(on)
            button.blockSignals(False)

    def _needs_changed(self, *_args) -> None:
        """The buildings shown are those meeting every need ticked (all without one);
        asking for a need shows the layer."""
        wanted = [need for need, button in self.need_buttons.items() if button.isChecked()]
        self.needs_layer.require = ", ".join(wanted)
        if wanted and not self.needs_layer.visible:
            self.needs_layer.visible = True

    def _need_texts(self) -> dict[str, str]:
        return {"wheelchair": self.tr("Wheelchair access"), "hearing": self.tr("Hearing"),
                "sight": self.tr("Sight"), "mental": self.tr("Mental disability")}

    def _layer_text(self, button: QPushButton, entry: KioskLayer) -> None:
        title = entry.title_in(self.language)
        button.setText(title)
        button.setAccessibleName(self.tr("Show or hide: {}").format(title))
        button.setToolTip(self.tr("Show or hide: {}").format(title))

    def _hint(self) -> str:
        return self.tr("Touch to explore: one finger turns, two fingers move, pinch to zoom")

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Tourist information"))
        self.home_button.setText(self.tr("Home"))
        self.home_button.setAccessibleName(self.tr("Back to the start view"))
        self.home_button.setToolTip(self.tr("Back to the start view"))
        self._drawer_toggled(self.drawer_button.isChecked())
        self.drawer_button.setAccessibleName(self.tr("Show or hide the layers' buttons"))
        self.drawer_button.setToolTip(self.tr("Show or hide the layers' buttons"))
        for name, button in self.tour_buttons.items():
            title = Tours.of(self.scene)[name].title
            text = title.get(self.language) or title.get("en") or name
            button.setText(text)
            button.setAccessibleName(self.tr("Play the tour: {}").format(text))
            button.setToolTip(self.tr("Play the tour: {}").format(text))
        for button, entry in self.layer_buttons.values():
            self._layer_text(button, entry)
        for need, text in self._need_texts().items():
            if need in self.need_buttons:
                self.need_buttons[need].setText(text)
                self.need_buttons[need].setAccessibleName(self.tr("Only places suited to: {}").format(text))
                self.need_buttons[need].setToolTip(self.tr("Only places suited to: {}").format(text))
        for code, button in self.language_buttons.items():
            button.setChecked(code == self.language)
            # each language is named in itself, so a visitor finds theirs
            button.setAccessibleName(LANGUAGE_NAMES.get(code, code))
        self.view.setAccessibleName(self.tr("3D view of the town"))
        self.description.update()
        self._pause_text()
        self.contrast_button.setText(self.tr("High contrast"))
        self.contrast_button.setAccessibleName(self.tr("High contrast: white and yellow on black, larger text"))
        self.contrast_button.setToolTip(self.contrast_button.accessibleName())
        self.countdown.retranslate()
        if self.playing is None or not self.caption.text():
            self.caption.setText(self._hint())
        elif self.playing is not None:
            state = self.playing.state_at((self.clock() - self._play_start) % self.playing.duration)
            self.caption.setText(self.playing.caption(state.stop, self.language))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.WindowStateChange and self.locked and self.isVisible() \
                and not self.isFullScreen():
            QTimer.singleShot(0, self.hold.show)     # minimising or restoring is refused
        super().changeEvent(event)

    # -- input --------------------------------------------------------------------------------
    def poke(self) -> None:
        """Any input: the visitor is here (stops the attract loop, restarts the idle count)."""
        self.idle_timer.start()
        if self.countdown.active:
            self.countdown.cancel()       # the visitor is still there: nothing starts again
        if self.attract:
            self.stop_tour()
            self.caption.setText(self._hint())

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if obj is QApplication.instance() or not isinstance(obj, QWidget):
            return False
        if kind in _INPUT:
            self.poke()
            if kind in (QEvent.MouseButtonPress, QEvent.TouchBegin):
                self._corner_tap(event)
        if kind in (QEvent.KeyPress, QEvent.ShortcutOverride):
            if self._refused(event):
                event.accept()    # an accepted ShortcutOverride stops shortcuts too
                if not self.locked and event.key() == Qt.Key_Escape and kind == QEvent.KeyPress:
                    self.leave(EXIT_ADMIN)
                return True
            if kind == QEvent.KeyPress and self._navigation_key(event):
                return True
        if kind == QEvent.ContextMenu:
            return True
        if kind in (QEvent.MouseButtonPress, QEvent.MouseButtonRelease, QEvent.MouseButtonDblClick) \
                and event.button() != Qt.LeftButton:
            return True
        if obj is self.view:
            return self._view_event(event)
        return False

    @staticmethod
    def _refused(event) -> bool:
        return bool(event.modifiers() & _MODIFIERS) or event.key() in _REFUSED_KEYS

    def _navigation_key(self, event) -> bool:
        """Arrows orbit, +/- zoom, when no dialog is up (the 3D view by keyboard)."""
        if self.pin_pad is not None and self.pin_pad.isVisible():
            return False
        key = event.key()
        moves = {Qt.Key_Left: (-10, 0), Qt.Key_Right: (10, 0), Qt.Key_Up: (0, 5), Qt.Key_Down: (0, -5)}
        if key in moves:
            self.set_view(orbit(self.current_view(), *moves[key]))
        elif key in (Qt.Key_Plus, Qt.Key_Equal):
            self.set_view(zoom(self.current_view(), 1.25))
        elif key == Qt.Key_Minus:
            self.set_view(zoom(self.current_view(), 0.8))
        else:
            return False
        return True

    def _corner_tap(self, event) -> None:
        if not self.isVisible():
            return
        if event.type() == QEvent.TouchBegin:
            if not event.points():
                return
            where = event.points()[0].globalPosition().toPoint()
        else:
            where = event.globalPosition().toPoint()
        if not QRect(self.mapToGlobal(self.rect().topLeft()), self.rect().size()) \
                .adjusted(0, 0, ADMIN_CORNER_PX - self.width(), ADMIN_CORNER_PX - self.height()).contains(where):
            return
        now = self.clock()
        if self._taps and now - self._taps[-1] < 0.05:
            return      # one physical tap reaches several widgets (child then parent)
        self._taps = [t for t in self._taps if now - t <= ADMIN_WINDOW_S] + [now]
        if len(self._taps) >= ADMIN_TAPS:
            self._taps.clear()
            self.open_pin_pad()

    def open_pin_pad(self) -> PinPad:
        if self.pin_pad is None:
            self.pin_pad = PinPad(self)
        self.pin_pad.pages.setCurrentIndex(0)
        self.pin_pad.message.clear()
        self.pin_pad.entry.clear()
        self.pin_pad.open()
        self.pin_pad.entry.setFocus()
        return self.pin_pad

    def _view_event(self, event) -> bool:
        """One finger (or the left mouse button) orbits, two pan and pinch; wheel zooms.
        Everything is eaten: VTK's own interactor never moves the camera."""
        kind = event.type()
        if kind in (QEvent.TouchBegin, QEvent.TouchUpdate, QEvent.TouchEnd):
            self._touch_event(event)
            event.accept()
            return True
        if kind == QEvent.MouseButtonPress:
            self._drag = event.position()
        elif kind == QEvent.MouseMove and self._drag is not None and event.buttons() & Qt.LeftButton:
            pos = event.position()
            self._orbit_by(pos - self._drag)
            self._drag = pos
        elif kind == QEvent.MouseButtonRelease:
            self._drag = None
        elif kind == QEvent.Wheel:
            steps = event.angleDelta().y() / 120
            self.set_view(zoom(self.current_view(), 1.15 ** steps))
        return kind in (QEvent.MouseButtonPress, QEvent.MouseButtonRelease, QEvent.MouseMove,
                        QEvent.MouseButtonDblClick, QEvent.Wheel, QEvent.KeyPress, QEvent.KeyRelease)

    def _orbit_by(self, delta: QPointF) -> None:
        self.set_view(orbit(self.current_view(), -delta.x() * DEG_PER_PX, delta.y() * DEG_PER_PX))

    def _touch_event(self, event) -> None:
        points = [p for p in event.points() if p.state() != p.State.Released]
        if event.type() == QEvent.TouchEnd or not points:
            self._touch = None
            return
        if len(points) == 1:
            self._touch = None
            p = points[0]
            if event.type() == QEvent.TouchUpdate:
                self._orbit_by(p.position() - p.lastPosition())
            return
        a, b = points[0].position(), points[1].position()
        centre = (a + b) / 2
        spread = max(((a.x() - b.x()) ** 2 + (a.y() - b.y()) ** 2) ** 0.5, 1.0)
        if self._touch is not None:
            last_centre, last_spread = self._touch
            view = self.current_view()
            step = metres_per_pixel(view, self.view.height())
            moved = centre - last_centre
            view = pan(view, -moved.x() * step, moved.y() * step)
            self.set_view(zoom(view, spread / last_spread))
        self._touch = (centre, spread)

    # -- locking ------------------------------------------------------------------------------
    def leave(self, code: int) -> None:
        """Unlock and close (an administrator's choice, after the PIN)."""
        self._may_close = True
        if self.pin_pad is not None:
            self.pin_pad.done(0)
        self.close()
        self.left.emit(code)

    def closeEvent(self, event) -> None:
        if self.locked and not self._may_close:
            event.ignore()        # Alt+F4, the window manager's close: refused
            return
        QApplication.instance().removeEventFilter(self)
        for signal, slot in self._connections:
            signal.disconnect(slot)
        self._connections.clear()
        for timer in (self.idle_timer, self.tour_timer, self._points_timer):
            timer.stop()
        self.countdown.cancel()
        self.hold.stop()
        self.description.close()
        for layer in [*self.mirror.point_layers(), *self.mirror.terrain_layers()]:
            layer.data.stream.close()
        if self.loader is not None:
            self.loader.cancel()
            self.loader._stop()
        self.mirror.close()
        self.view.close()
        super().closeEvent(event)


def run_kiosk(scene_path: str, lang: str | None, locked: bool) -> int:
    """The kiosk's event loop; reloads the scene in place when the admin asks for it."""
    from twin.core.errors import TwinError
    from twin.present.kiosk import load_pin_hash
    from twin.io.scene_file import load_scene

    app = QApplication.instance() or QApplication([])
    app.setApplicationName("twin kiosk")
    app.setAttribute(Qt.AA_SynthesizeMouseForUnhandledTouchEvents, False)
    while True:
        try:
            scene = load_scene(scene_path)
            pin = load_pin_hash()
        except TwinError as exc:
            print(f"twin: {exc.message}", file=sys.stderr)
            return 2
        window = KioskWindow(scene, pin, lang=lang, locked=locked)
        window.left.connect(app.exit)
        window.hold.show()
        code = app.exec()
        window.deleteLater()
        QCoreApplication.processEvents()
        if code != EXIT_RELOAD:
            return code

