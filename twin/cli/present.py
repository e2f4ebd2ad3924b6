"""The commands that show a scene to others: ``twin present``, ``kiosk`` and ``tour-export``."""

from __future__ import annotations

import sys

from twin.cli.common import progress
from twin.core.errors import TwinError
from twin.io.scene_file import DEMO_SCENE
from twin.core.i18n import message


def cmd_kiosk(args) -> int:
    from twin.present import kiosk
    if args.set_pin:
        import getpass
        pin = getpass.getpass("New kiosk PIN (digits, 4 to 12): ")
        if not (pin.isdigit() and 4 <= len(pin) <= 12):
            raise TwinError(message("the PIN must be 4 to 12 digits (the kiosk's pad has only digits)"))
        if getpass.getpass("Same PIN again: ") != pin:
            raise TwinError(message("the two PINs differ; nothing was stored"))
        print(f"PIN hash stored in {kiosk.save_pin_hash(kiosk.hash_pin(pin))} (mode 0600)")
        return 0
    scene = args.scene or str(DEMO_SCENE)
    if not args.unlocked_demo and kiosk.load_pin_hash() is None:
        print(f"twin: no kiosk PIN is set ({kiosk.kiosk_config_path()}): a locked kiosk could never "
              f"be left. Set one with: twin kiosk --set-pin (or try a scene with --unlocked-demo)",
              file=sys.stderr)
        return kiosk.EXIT_NO_PIN
    if args.supervise:
        return kiosk.supervise(kiosk.kiosk_command(scene, args.lang, args.unlocked_demo),
                               log=lambda line: print(line, file=sys.stderr, flush=True))
    from twin._qt.app import _no_screen
    if _no_screen():
        print("twin: no display found; the kiosk needs a screen", file=sys.stderr)
        return 2
    from twin._qt.kiosk import run_kiosk
    return run_kiosk(scene, args.lang, locked=not args.unlocked_demo)


def cmd_present(args) -> int:
    from twin._qt.app import _no_screen
    if _no_screen():
        print("twin: no display found; the presentation needs a screen", file=sys.stderr)
        return 2
    from twin._qt.present import run_present
    return run_present(args.scene or str(DEMO_SCENE), args.tour, args.lang)


def cmd_tour_export(args) -> int:
    import signal

    from twin._vtk.tour_video import export_tour, parse_size
    from twin.core.errors import Canceled
    from twin.core.feedback import Feedback
    from twin.io.loading import apply_results, load_scene_data
    from twin.io.scene_file import load_scene
    from twin.present.tours import Tours
    size = parse_size(args.size)
    scene = load_scene(args.scene)
    tour = Tours.of(scene)[args.tour]
    video = args.out if args.out.suffix.lower() == ".mp4" else None
    stills = args.out.with_name(f"{args.out.stem}-stills") if video and args.stills else (None if video else args.out)
    fb = Feedback(on_progress=progress, on_warning=lambda t: print("twin: " + message("warning: {}").format(t), file=sys.stderr))
    # Ctrl-C cancels between frames: raised inside a render, VTK would exit on the spot and
    # leave the partial video behind
    previous = signal.signal(signal.SIGINT, lambda *_: fb.cancel())
    try:
        results = load_scene_data(scene, fb)
        for r in results:
            if r.error:
                print(f"twin: warning: layer '{r.layer.name}' left out: {r.error}", file=sys.stderr)
        apply_results(results)
        done = export_tour(scene, tour, video, stills, size=size, fps=args.fps, feedback=fb, language=args.lang,
                           captions=not args.no_captions)
    except Canceled:
        print("\ntwin: canceled; nothing written", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGINT, previous)
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    if done.video:
        print(f"{done.video}: {done.frames} frames, {tour.duration:g} s at {args.fps:g} fps, {size[0]}×{size[1]}")
    if done.stills:
        print(f"{stills}: {len(done.stills)} stills")
    print(f"{done.seconds:.1f} s ({done.seconds_per_frame:.2f} s per frame)")
    return 0
