"""The commands of projects and the sun: ``twin sun``, ``sun-hours`` and ``report``."""

from __future__ import annotations

import json
import sys

from twin.cli.common import progress
from twin.io.autoscene import load_scene_or_files
from twin.core.errors import TwinError
from twin.core.i18n import message


def cmd_sun(args) -> int:
    import datetime as dt
    from twin.analysis.sun import PARIS, Site, day_times, site_of, sun_position
    try:
        when = dt.datetime.fromisoformat(args.at)
    except ValueError:
        raise TwinError(message("--at {!r} is not an ISO time").format(args.at), hint=message("write it like 2026-06-21T14:00")) from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=PARIS)
    if (args.lat is None) != (args.lon is None):
        raise TwinError(message("give both --lat and --lon, or neither"))
    if args.lat is not None and args.scene is not None:
        raise TwinError(message("give either --lat/--lon or --scene, not both"))
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
    from twin.core.feedback import Feedback
    from twin.analysis.sunhours import compare, public_space, sun_hours_of_scene, write_geotiff
    if (args.project is None) != (args.variant is None):
        raise TwinError(message("give both --project and --variant, or neither"))
    if args.loss is not None and args.project is None:
        raise TwinError(message("--loss needs --project and --variant: the loss is theirs against the town as it is"))
    fb = Feedback(on_progress=progress, on_warning=lambda t: print("twin: " + message("warning: {}").format(t), file=sys.stderr))
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
        print("twin: " + message("error: {} (left out)").format(text), file=sys.stderr)
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
    from twin.core.feedback import Feedback
    from twin.io.loading import apply_results, load_scene_data
    from twin.report.build import build_report
    scene = load_scene_or_files([str(args.scene)])
    fb = Feedback(on_progress=progress, on_warning=lambda t: print("twin: " + message("warning: {}").format(t), file=sys.stderr))
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
