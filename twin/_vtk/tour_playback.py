"""Showing a tour state on a mirrored view: the scene takes the state (layers, time,
variant), the mirror's camera takes its view. Used by the presentation, the kiosk and the
video export, so the three show the same thing."""

from __future__ import annotations

from twin._vtk.mirror import SceneMirror
from twin.present.tours import TourState, apply_state


def show_state(mirror: SceneMirror, state: TourState) -> None:
    apply_state(mirror.scene, state)
    mirror.apply_view(state.view)
