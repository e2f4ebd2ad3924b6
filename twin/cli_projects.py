"""The commands of projects, sun and presentation: ``twin sun``, ``sun-hours``,
``report``, ``present``, ``tour-export`` and ``kiosk`` (their arguments are declared with
the others in ``twin.cli.build_parser``)."""

from __future__ import annotations

import json
import sys

from twin.cli import DEMO_SCENE, _progress, load_scene_or_files
from twin.errors import TwinError


def cmd_sun(args) -> int:
    import datetime as dt
    from twin.sun import PARIS, Site, day_times, site_of, sun_position
    try:
        when = dt.datetime.fromisoformat(args.at)
    except ValueError:
        raise TwinError(f"--at {args.at!r} is not an ISO time", hint="write it like 2026-06-21T14:00") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=PARIS)
    if (args.lat is None) != (args.lon is None):
        raise TwinError("give both --lat and --lon, or neither")
    if args.lat is not None and args.scene is not None:
        raise TwinError("give either --lat/--lon or --scene, not both")
    if args.lat is not None:
        site, where = Site(args.lat, args.lon), "the point given"
    else:
        scene = load_scene_or_files([str(args.scene)]) if args.scene is not None else None
        site = site_of(scene)
        where = scene.name if scene is not None and scene.origin is not None else "Arras (Beffroi)"
    pos = sun_position(when, site)
    local = when.astimezone(PARIS)
    rise, transit, set_ = day_times(local.date(), site)

    def shown(t):
        return None if t is None else t.astimezone(PARIS).isoformat(timespec="seconds")

    out = {"time_utc": when.astimezone(dt.timezone.utc).isoformat(timespec="seconds"),
           "time_local": local.isoformat(timespec="seconds"), "lat": site.lat, "lon": site.lon,
           "altitude": site.altitude, "azimuth": round(float(pos.azimuth[0]), 4),
           "elevation": round(float(pos.elevation[0]), 4), "sunrise": shown(rise), "transit": shown(transit),
           "sunset": shown(set_),
           "day_length_h": None if rise is None else round((set_ - rise).total_seconds() / 3600, 4)}
    if args.json:
        print(json.dumps(out, ensure_ascii=False))
        return 0
    print(f"Sun at {where} ({site.lat:.4f}, {site.lon:.4f}) on {local:%Y-%m-%d %H:%M %Z} "
          f"({when.astimezone(dt.timezone.utc):%H:%M} UTC)\n"
          f"  azimuth:   {out['azimuth']:8.3f}° (from true north, clockwise)\n"
          f"  elevation: {out['elevation']:8.3f}° (apparent, with refraction)")
    if rise is None:
        print("  no sunrise or sunset that day (polar day or night)")
    else:
        print(f"  sunrise {rise.astimezone(PARIS):%H:%M}, transit {transit.astimezone(PARIS):%H:%M}, "
              f"sunset {set_.astimezone(PARIS):%H:%M} (Europe/Paris); day length {out['day_length_h']:.2f} h")
    return 0


def cmd_sun_hours(args) -> int:
    from twin.feedback import Feedback
    from twin.sunhours import compare, public_space, sun_hours_of_scene, write_geotiff
    if (args.project is None) != (args.variant is None):
        raise TwinError("give both --project and --variant, or neither")
    if args.loss is not None and args.project is None:
        raise TwinError("--loss needs --project and --variant: the loss is theirs against the town as it is")
    fb = Feedback(on_progress=_progress, on_warning=lambda t: print(f"twin: warning: {t}", file=sys.stderr))
    scene = load_scene_or_files([str(args.scene)])
    base, errors = sun_hours_of_scene(scene, args.date, args.resolution, bbox=args.bbox,
                                      step_minutes=args.step, feedback=fb)
    result = base
    if args.project is not None:
        result, _ = sun_hours_of_scene(scene, args.date, args.resolution, bbox=base.grid.bounds,
                                       step_minutes=args.step, project=args.project, variant=args.variant,
                                       feedback=fb)
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    for text in errors:
        print(f"twin: error: {text} (left out)", file=sys.stderr)
    write_geotiff(result.grid, args.out)
    h, w = result.grid.shape
    open_cells = result.hours[result.hours == result.hours]   # NaN (buildings) left out
    print(f"{args.out}: {w}×{h} cells of {args.resolution:g} m, {args.date}, {result.steps} sun steps; "
          f"day length {result.day_length_h:.2f} h, open cells get {open_cells.mean():.2f} h on average")
    if args.project is not None:
        lost = compare(base, result)
        totals = public_space(lost, [])
        print(f"{args.project} / {args.variant}: {totals['lost_h_m2']:,.0f} h·m² of direct sun lost over "
              f"{totals['area_m2']:,.0f} m² of open ground ({totals['lost_h_per_m2']:.3f} h per m²); "
              f"{totals['affected_m2']:,.0f} m² lose more than a minute")
        if args.loss is not None:
            write_geotiff(lost, args.loss)
            print(f"{args.loss}: hours lost per cell (negative where the variant gives sun back)")
    return 1 if errors else 0


def cmd_report(args) -> int:
    from twin.feedback import Feedback
    from twin.loading import apply_results, load_scene_data
    from twin.report import build_report
    scene = load_scene_or_files([str(args.scene)])
    fb = Feedback(on_progress=_progress, on_warning=lambda t: print(f"twin: warning: {t}", file=sys.stderr))
    results = load_scene_data(scene, fb)
    apply_results(results)
    failed = [r for r in results if r.error]
    for r in failed:
        print(f"twin: error: layer '{r.layer.name}': {r.error} (left out)", file=sys.stderr)
    out = build_report(scene, args.project, args.out, fb, sun_dates=args.dates, resolution=args.resolution)
    if sys.stderr.isatty():
        sys.stderr.write("\n")
    print(f"{out}: report of '{args.project}'")
    return 1 if failed else 0


def cmd_kiosk(args) -> int:
    from twin import kiosk
    if args.set_pin:
        import getpass
        pin = getpass.getpass("New kiosk PIN (digits, 4 to 12): ")
        if not (pin.isdigit() and 4 <= len(pin) <= 12):
            raise TwinError("the PIN must be 4 to 12 digits (the kiosk's pad has only digits)")
        if getpass.getpass("Same PIN again: ") != pin:
            raise TwinError("the two PINs differ; nothing was stored")
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
    from twin.errors import Canceled
    from twin.feedback import Feedback
    from twin.loading import apply_results, load_scene_data
    from twin.scene_file import load_scene
    size = parse_size(args.size)
    scene = load_scene(args.scene)
    tour = scene.tour(args.tour)
    video = args.out if args.out.suffix.lower() == ".mp4" else None
    stills = args.out.with_name(f"{args.out.stem}-stills") if video and args.stills else (None if video else args.out)
    fb = Feedback(on_progress=_progress, on_warning=lambda t: print(f"twin: warning: {t}", file=sys.stderr))
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
