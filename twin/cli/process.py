"""``twin process``: every algorithm of the registry from the command line, like
``qgis_process`` — ``list [--json]``, ``help ALGO``, and ``ALGO --param value…`` with
the options generated from the algorithm's typed parameters. Bad parameters exit 2 with
a message naming the parameter."""

from __future__ import annotations

import argparse
import json
import sys

from twin.core.errors import TwinError
from twin.cli.common import progress
from twin.core.i18n import message as _message

TRUE, FALSE = {"1", "true", "yes", "on", "oui", "vrai"}, {"0", "false", "no", "off", "non", "faux"}


def configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("what", metavar="ALGO|list|help", help="an algorithm's id, 'list' or 'help ALGO'")
    p.add_argument("rest", nargs=argparse.REMAINDER, help="the algorithm's parameters: --name value …")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):   # exit 2 through twin's own error path, not argparse's usage dump
        raise TwinError(_message("{}: {}").format(self.prog, message), hint=_message("see `twin process help {}`").format(
                                                            self.prog.split()[-1]))


def _type_name(p) -> str:
    from twin.core.params import TYPE_NAMES
    from twin.core.layers import Layer
    if p.type is Layer:
        return "layer"
    return TYPE_NAMES.get(p.type, getattr(p.type, "__name__", str(p.type)))


def describe(algorithm) -> dict:
    from twin.core.plugins import plugins
    owner = plugins().owner(algorithm)
    return {"id": algorithm.name, "title": algorithm.title, "group": algorithm.group,
            "description": algorithm.description, "provider": owner.name if owner else None,
            "parameters": [{"name": p.name, "type": _type_name(p), "label": p.label or p.name,
                            "default": p.default, "required": p.default is None and not p.optional,
                            "minimum": p.minimum, "maximum": p.maximum, "help": p.help,
                            **({"suffixes": list(p.suffixes)} if p.suffixes else {}),
                            **({"choices": list(p.choices)} if p.choices else {})}
                           for p in algorithm.parameters]}


def _find(name: str):
    from twin.core.plugins import plugins
    algorithms = plugins().algorithms()
    if name not in algorithms:
        raise TwinError(_message("no algorithm '{}'").format(name), hint=_message("`twin process list` shows them: {}").format(
                                                           ', '.join(sorted(algorithms))))
    return algorithms[name]


def option(name: str) -> str:
    return "--" + name.replace("_", "-")


def _help(algorithm) -> str:
    d = describe(algorithm)
    lines = [f"{d['id']}: {d['title']}", d["description"], "", "usage: twin process " + d["id"] + " " + " ".join(
        f"{option(p['name'])} {p['type'].upper().replace(' ', '_')}" if p["required"]
        else f"[{option(p['name'])} {p['type'].upper().replace(' ', '_')}]" for p in d["parameters"]), ""]
    for p in d["parameters"]:
        extra = []
        if p["default"] is not None:
            extra.append(f"default {p['default']}")
        if p["minimum"] is not None:
            extra.append(f"≥ {p['minimum']:g}")
        if p["maximum"] is not None:
            extra.append(f"≤ {p['maximum']:g}")
        if p.get("suffixes"):
            extra.append(" ".join(p["suffixes"]))
        lines.append(f"  {option(p['name']):<14} {p['label']} ({p['type']}{'; ' + ', '.join(extra) if extra else ''})"
                     f"{': ' + p['help'] if p['help'] else ''}")
    return "\n".join(lines)


def _values(algorithm, rest: list[str]) -> tuple[dict, bool]:
    parser = _Parser(prog=f"twin process {algorithm.name}", add_help=False)
    for p in algorithm.parameters:
        parser.add_argument(option(p.name), dest=p.name, metavar=_type_name(p).upper())
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(rest)
    values = {}
    for p in algorithm.parameters:
        text = getattr(args, p.name)
        if text is None:
            continue
        if p.type is bool:
            if text.lower() not in TRUE | FALSE:
                raise TwinError(_message("parameter '{}' is true or false, got {!r}").format(p.name, text))
            text = text.lower() in TRUE
        values[p.name] = text
    return values, args.json


def _layers(algorithm, values: dict):
    """Layer parameters take a file on the command line: a scene is made around them and
    loaded, and the parameter gets its layer."""
    from twin.core.layers import Layer
    names = [p.name for p in algorithm.parameters if p.type is Layer and p.name in values]
    if not names:
        return None
    from twin.io.autoscene import load_scene_or_files
    from twin.io.loading import apply_results, load_scene_data
    scene = load_scene_or_files([values[n] for n in names])
    results = load_scene_data(scene)
    apply_results(results)
    for r in results:
        if r.error:
            raise TwinError(_message("layer '{}': {}").format(r.layer.name, r.error))
    layers = scene.data_layers()
    for name, layer in zip(names, layers):
        values[name] = layer
    return scene


def _shown(value):
    from pathlib import Path
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return None      # objects (the Profile, a legend) are for the app


def cmd_process(args) -> int:
    from twin.core.feedback import Feedback
    from twin.core.plugins import plugins
    if args.what == "list":
        algorithms = sorted(plugins().algorithms().values(), key=lambda a: (a.group, a.name))
        if "--json" in args.rest:
            print(json.dumps([describe(a) for a in algorithms], ensure_ascii=False, indent=1, default=str))
        else:
            for a in algorithms:
                print(f"{a.name:<20} {a.title}" + (f"  [{a.group}]" if a.group else ""))
        return 0
    if args.what == "help":
        if not args.rest:
            raise TwinError(_message("twin process help ALGO: which algorithm?"), hint=_message("`twin process list` shows them"))
        print(_help(_find(args.rest[0])))
        return 0
    algorithm = _find(args.what)
    values, as_json = _values(algorithm, args.rest)
    scene = _layers(algorithm, values)
    fb = Feedback(on_progress=progress, on_warning=lambda t: print(f"twin: warning: {t}", file=sys.stderr))
    try:
        results = algorithm(scene, fb, **values)
    except TwinError:
        raise
    except Exception as exc:
        record = plugins().owner(algorithm)
        if record is None or record.builtin:
            raise
        reason = f"algorithm '{algorithm.name}' raised {type(exc).__name__}: {exc}"
        plugins().fail(algorithm, reason)
        print(f"twin: plugin '{record.name}' failed: {reason}", file=sys.stderr)
        return 3
    finally:
        if sys.stderr.isatty():
            sys.stderr.write("\n")
    shown = {k: _shown(v) for k, v in results.items() if _shown(v) is not None}
    if as_json:
        print(json.dumps(shown, ensure_ascii=False))
    else:
        for k, v in shown.items():
            print(f"{k}: {v}")
    return 0
