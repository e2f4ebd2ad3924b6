"""``twin fetch``: a commune's open data into a folder, then (``--open``) its scene."""

from __future__ import annotations

import sys
from pathlib import Path

from twin.cli.common import progress
from twin.core.i18n import message


def configure(p) -> None:
    p.add_argument("--commune", required=True, metavar="INSEE", help="the commune's INSEE code, e.g. 62041 (Arras)")
    p.add_argument("--out", required=True, type=Path, help="the folder to fill (created; a rerun fetches only "
                                                           "what is missing or changed)")
    p.add_argument("--what", help="bdtopo,cadastre,batiments,lidar,mnt,ortho (default: bdtopo,cadastre,lidar,"
                                  "mnt,ortho)")
    p.add_argument("--buffer", type=float, default=200.0, metavar="M",
                   help="metres fetched around the commune's outline (default 200)")
    p.add_argument("--ortho-resolution", type=float, default=0.2, metavar="M",
                   help="the orthophoto's pixel, metres (default 0.2, BD ORTHO's)")
    p.add_argument("--dry-run", action="store_true", help="list what would be fetched, with sizes, and stop")
    p.add_argument("--open", action="store_true", help="then build the scene (OUT.toml beside the folder) and "
                                                       "open it in the app")


def human(size: int | None) -> str:
    if size is None:
        return "?"
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} B"


def cmd_fetch(args) -> int:
    from twin.core.feedback import Feedback
    from twin.io.fetch.commune import fetch, parse_what, plan
    fb = Feedback(on_progress=progress,
                  on_warning=lambda t: print("twin: " + message("warning: {}").format(t), file=sys.stderr))
    wanted = parse_what(args.what)
    job_plan = plan(args.commune, args.out, wanted, args.buffer, args.ortho_resolution, fb, sizes=args.dry_run)
    box = job_plan.box
    print(f"{job_plan.code} — {job_plan.name}: {(box[2] - box[0]) / 1000:.1f} × {(box[3] - box[1]) / 1000:.1f} km "
          f"(outline + {args.buffer:g} m)")
    if args.dry_run:
        for job in job_plan.jobs:
            what = f"{job.features:,} features" if job.features is not None else \
                ("≈ " if job.approx else "") + human(job.size)
            print(f"  {job.dest.relative_to(args.out).as_posix():<56} {job.what:<9} {what}")
        unknown = sum(1 for job in job_plan.jobs if job.size is None and job.features is None)
        print(f"  total: {len(job_plan.jobs)} files, ≈ {human(job_plan.size)}"
              + (f" (+ {unknown} of unknown size)" if unknown else ""))
        return 0

    def done(job) -> None:
        if sys.stderr.isatty():
            sys.stderr.write("\r" + " " * 66 + "\r")
        print(f"  {job.dest.relative_to(args.out).as_posix():<56} {job.status:<10} {human(job.size)}")

    fetch(job_plan, fb, on_done=done)
    print(f"{args.out}: {len(job_plan.jobs)} files, {human(job_plan.size)}")
    scene = args.out.parent / f"{args.out.name}.toml"
    if not args.open:
        print(f"build the scene with: twin build-scene --from {args.out} --commune {job_plan.code} --out {scene}")
        return 0
    from twin.cli.data import cmd_build_scene, cmd_open
    args.folder, args.out, args.crs, args.name, args.force = args.out, scene, None, None, True
    cmd_build_scene(args)
    args.scene, args.lang = [str(scene)], None
    return cmd_open(args)
