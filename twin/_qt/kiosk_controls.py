"""What the kiosk offers visitors beyond the town: pausing a tour they started (RGAA 13.8:
moving content can be paused; the attract loop stops at any touch or key) and the
high-contrast theme at a touch (RGAA 3.3, 10.x), also chosen by the scene's
``[kiosk] theme``. A mixin of ``KioskWindow``, which holds the buttons and the tour clock."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize

from twin._qt.themes import HIGH_CONTRAST, Theme


class VisitorControls:
    """Needs ``pause_button``, ``contrast_button``, ``playing``, ``attract``, ``_play_start``,
    ``_paused_at``, ``clock``, ``tour_timer``, ``motion``, the toggles and ``caption``."""

    def set_paused(self, paused: bool) -> None:
        """A visitor's tour held where it is, or played on from there (RGAA 13.8)."""
        if self.playing is None or paused == (self._paused_at is not None):
            return
        if paused:
            self._paused_at = self.clock() - self._play_start
            self.tour_timer.stop()
            self.motion.still()
        else:
            self._play_start, self._paused_at = self.clock() - self._paused_at, None
            self.tour_timer.start()
        self.pause_button.setChecked(paused)
        self._pause_text()

    def _tour_changed(self) -> None:
        """Pause is offered while a visitor's tour plays (the attract loop stops at a touch)."""
        self._paused_at = None
        self.pause_button.blockSignals(True)
        self.pause_button.setChecked(False)
        self.pause_button.blockSignals(False)
        self.pause_button.setVisible(self.playing is not None and not self.attract)
        self._pause_text()

    def _pause_text(self) -> None:
        """In its own translation context (a mixin), whatever the window's class."""
        if self._paused_at is not None:
            self.pause_button.setText(QCoreApplication.translate("VisitorControls", "Resume"))
            self.pause_button.setAccessibleName(QCoreApplication.translate("VisitorControls", "Play the tour on"))
        else:
            self.pause_button.setText(QCoreApplication.translate("VisitorControls", "Pause"))
            self.pause_button.setAccessibleName(QCoreApplication.translate("VisitorControls", "Pause the tour"))

    def set_theme(self, theme: Theme) -> None:
        """Colours, sizes and the toggles' ticks of ``theme`` (a visitor's high contrast): a
        ticked or empty box, so a toggle's state is never told by colour alone."""
        self.theme = theme
        theme.apply(self)
        icon = theme.check_icon()
        for button in [*(b for b, _entry in self.layer_buttons.values()), *self.need_buttons.values(),
                       self.contrast_button]:
            button.setIcon(icon)
            button.setIconSize(QSize(28, 28))
        self.caption.ensurePolished()    # a tour's caption: three lines at most, the town keeps the screen
        self.caption.setMaximumHeight(3 * self.caption.fontMetrics().lineSpacing() + 2 * 10 + 4)
        if self.contrast_button.isChecked() != (theme is HIGH_CONTRAST):
            self.contrast_button.blockSignals(True)
            self.contrast_button.setChecked(theme is HIGH_CONTRAST)
            self.contrast_button.blockSignals(False)
