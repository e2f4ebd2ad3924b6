"""A tour as a video (H.264 MP4) and/or stills (one PNG per stop, at mid-hold), rendered
offscreen frame by frame from :meth:`twin.present.tours.Tour.state_at`, so the video shows exactly
what the presentation plays. Files are written aside and renamed when complete: a cancel
or a crash leaves nothing half-written."""

from __future__ import annotations

import os
import re
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from twin._vtk.mirror import SceneMirror
from twin._vtk.offscreen import VTK_LOCK, make_plotter
from twin._vtk.tour_playback import show_state
from twin.core.errors import TwinError
from twin.core.feedback import Feedback
from twin.core.scene import Scene
from twin.present.tours import Ground, Tour, terrain_ground
from twin.core.i18n import message

SIZES = {"720p": (1280, 720), "1080p": (1920, 1080), "4k": (3840, 2160)}


def parse_size(text: str) -> tuple[int, int]:
    """"1080p", "4k" or "WIDTHxHEIGHT" (even numbers: H.264 in yuv420p halves colour)."""
    key = text.strip().lower()
    if key in SIZES:
        return SIZES[key]
    try:
        w, h = (int(v) for v in key.split("x"))
    except ValueError:
        raise TwinError(message("video size must be 1080p, 4k or WIDTHxHEIGHT, got {!r}").format(text)) from None
    if not (16 <= w <= 8192 and 16 <= h <= 8192) or w % 2 or h % 2:
        raise TwinError(message("video size {}x{}: width and height must be even, between 16 and 8192").format(
                            w, h))
    return w, h


@dataclass
class TourExport:
    video: Path | None
    stills: list[Path] = field(default_factory=list)
    frames: int = 0
    seconds: float = 0.0          # wall time spent rendering and encoding

    @property
    def seconds_per_frame(self) -> float:
        return self.seconds / max(self.frames + len(self.stills), 1)


def frame_count(tour: Tour, fps: float) -> int:
    return int(round(tour.duration * fps))


def _slug(text: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")[:40] or "stop"


def export_tour(scene: Scene, tour: Tour, video: str | Path | None = None,
                stills: str | Path | None = None, size: tuple[int, int] = (1920, 1080),
                fps: float = 25.0, feedback: Feedback | None = None,
                ground: Ground | None = None, language: str = "fr", captions: bool = False) -> TourExport:
    """Render ``tour`` (its data loaded) to ``video`` (.mp4) and/or PNG stills in the folder
    ``stills``; ``captions`` burns each stop's caption (in ``language``) into the frames
    held at it, for a video shown without the app. The scene's layer visibility and time
    are put back afterwards."""
    import imageio_ffmpeg
    if video is None and stills is None:
        raise TwinError(message("say what to write: a video (.mp4) and/or a folder of stills"))
    if not 1 <= fps <= 120:
        raise TwinError(message("fps must be between 1 and 120, got {}").format(fps))
    w, h = size
    if w % 2 or h % 2:
        raise TwinError(message("video size {}x{}: width and height must be even").format(w, h))
    feedback = feedback or Feedback()
    ground = ground or terrain_ground(scene)
    video = Path(video) if video is not None else None
    stills_dir = Path(stills) if stills is not None else None
    n = frame_count(tour, fps) if video is not None else 0
    still_times = [(start + end) / 2 for start, end in tour.stop_times()] if stills_dir else []
    total = max(n + len(still_times), 1)
    visible = {id(layer): layer.visible for layer in scene.layers.walk()}
    instant = scene.timeline.current
    result = TourExport(video=None)
    written: list[Path] = []
    tmp: Path | None = None
    started = time.perf_counter()
    with VTK_LOCK:
        plotter = make_plotter((w, h))
        mirror = SceneMirror(scene, plotter)
    try:
        with VTK_LOCK:
            caption = _caption_actor(plotter, h) if captions else None

        def frame(t: float) -> np.ndarray:
            with VTK_LOCK:
                state = tour.state_at(t, ground)
                show_state(mirror, state)
                if caption is not None:
                    text = "" if state.in_flight else tour.caption(state.stop, language)
                    caption.SetInput(text or "")
                    caption.SetVisibility(bool(text))
                mirror.settle()
                plotter.render()
                return np.ascontiguousarray(plotter.screenshot(return_img=True)[:, :, :3])

        if video is not None:
            video.parent.mkdir(parents=True, exist_ok=True)
            tmp = video.with_name(f".{video.stem}.{os.getpid()}.partial.mp4")
            writer = imageio_ffmpeg.write_frames(
                str(tmp), (w, h), fps=fps, codec="libx264", pix_fmt_out="yuv420p", quality=None,
                macro_block_size=2, output_params=["-crf", "18", "-preset", "fast", "-movflags", "+faststart"])
            writer.send(None)
            try:
                for i in range(n):
                    feedback.progress(i / total, f"Frame {i + 1} of {n}")
                    writer.send(frame(i / fps))
            finally:
                writer.close()
            feedback.check()
            os.replace(tmp, video)
            tmp, result.video, result.frames = None, video, n
        if stills_dir is not None:
            stills_dir.mkdir(parents=True, exist_ok=True)
            for k, t in enumerate(still_times):
                feedback.progress((n + k) / total, f"Still {k + 1} of {len(still_times)}")
                image = frame(t)
                path = stills_dir / f"{k + 1:02d}-{_slug(tour.caption(k, language) or tour.name)}.png"
                aside = path.with_name(f".{path.stem}.partial.png")
                _write_png(aside, image)
                os.replace(aside, path)
                written.append(path)
            result.stills = written
        feedback.progress(1.0, "Done")
    except BaseException:      # canceled, interrupted or failed: no output of this run is left
        for path in [tmp, result.video, *written]:
            if path is not None:
                path.unlink(missing_ok=True)
        raise
    finally:
        with VTK_LOCK:
            mirror.close()
            plotter.close()
        for layer in scene.layers.walk():
            if id(layer) in visible and layer.visible != visible[id(layer)]:
                layer.visible = visible[id(layer)]
        scene.timeline.set_current(instant)
    result.seconds = time.perf_counter() - started
    return result


def _caption_actor(plotter, height: int):
    """A caption band at the bottom centre: white on near-black (contrast 15:1), sized
    with the frame so 1080p and 4K read the same."""
    import vtk
    actor = vtk.vtkTextActor()
    prop = actor.GetTextProperty()
    prop.SetFontSize(max(12, height // 28))
    prop.SetColor(1.0, 1.0, 1.0)
    prop.SetBackgroundColor(0.125, 0.13, 0.14)
    prop.SetBackgroundOpacity(0.85)
    prop.SetJustificationToCentered()
    prop.SetVerticalJustificationToBottom()
    actor.GetPositionCoordinate().SetCoordinateSystemToNormalizedViewport()
    actor.GetPositionCoordinate().SetValue(0.5, 0.04)
    actor.SetVisibility(False)
    plotter.renderer.AddViewProp(actor)
    return actor


def _write_png(path: Path, image: np.ndarray) -> None:
    import imageio.v3 as iio
    iio.imwrite(path, image, extension=".png")
