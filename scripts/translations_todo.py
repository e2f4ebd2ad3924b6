"""What the Qt catalogues still lack, and a way to fill them from a table.

    python scripts/translations_todo.py                 # unfinished French entries, as TSV
    python scripts/translations_todo.py --lang nl       # the same for Dutch
    python scripts/translations_todo.py --apply new.tsv # write a TSV's translations into twin_fr.ts
    python scripts/translations_todo.py --lang en --identity   # English: the source is the text

A TSV line is ``context<TAB>English source<TAB>translation``; tabs and newlines inside a text
are written ``\\t`` and ``\\n``. A plural entry (``%n`` in the source) takes its forms
separated by `` || `` (French: singular || plural); one form serves all. Run
scripts/translations.sh afterwards: it keeps the translations and compiles the .qm files.
Exit status 1 when entries are left unfinished (or a TSV line matches no entry)."""

from __future__ import annotations

import argparse
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TRANSLATIONS = Path(__file__).resolve().parents[1] / "assets" / "translations"
HEADER = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


def _unescape(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            out.append({"t": "\t", "n": "\n", "\\": "\\"}.get(text[i + 1], "\\" + text[i + 1]))
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def messages(tree: ET.ElementTree):
    """(context, source, message element) of every entry."""
    for ctx in tree.getroot().iter("context"):
        for msg in ctx.iter("message"):
            yield ctx.findtext("name") or "", msg.findtext("source") or "", msg


def unfinished(msg: ET.Element) -> bool:
    translation = msg.find("translation")
    if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
        return True
    forms = translation.findall("numerusform")
    return not all(f.text for f in forms) if forms else not translation.text


def set_translation(msg: ET.Element, text: str) -> None:
    translation = msg.find("translation")
    if translation is None:
        translation = ET.SubElement(msg, "translation")
    translation.attrib.pop("type", None)
    if msg.get("numerus") == "yes":
        forms = [f.strip() for f in text.split(" || ")]
        for child in list(translation):
            translation.remove(child)
        for form in forms if len(forms) > 1 else forms * 2:
            ET.SubElement(translation, "numerusform").text = form
        translation.text = None
    else:
        translation.text = text


def read_tsv(path: Path) -> dict[tuple[str, str], str]:
    table = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            raise SystemExit(f"{path}:{number}: expected context<TAB>source<TAB>translation, got {len(parts)} "
                             f"field(s)")
        table[(parts[0], _unescape(parts[1]))] = _unescape(parts[2])
    return table


def write(tree: ET.ElementTree, path: Path) -> None:
    """Written aside, then renamed: a failure never leaves half a catalogue."""
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(HEADER + body + "\n", encoding="utf-8")
    tmp.replace(path)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--lang", default="fr", help="the catalogue, twin_LANG.ts (default fr)")
    p.add_argument("--apply", type=Path, metavar="TSV", help="write these translations into the catalogue")
    p.add_argument("--identity", action="store_true", help="translate every unfinished entry by its source "
                                                           "(the English catalogue)")
    p.add_argument("--ts", type=Path, help="another catalogue than assets/translations/twin_LANG.ts")
    args = p.parse_args(argv)
    path = args.ts or TRANSLATIONS / f"twin_{args.lang}.ts"

    tree = ET.parse(path)
    if args.apply or args.identity:
        table = read_tsv(args.apply) if args.apply else {}
        used = set()
        for context, source, msg in messages(tree):
            if (context, source) in table:
                set_translation(msg, table[(context, source)])
                used.add((context, source))
            elif args.identity and unfinished(msg):
                set_translation(msg, source)
        write(tree, path)
        missing = set(table) - used
        for context, source in sorted(missing):
            print(f"not in {path.name} (run scripts/translations.sh first?): {context}\t{_escape(source)}",
                  file=sys.stderr)
        print(f"{path.name}: {len(used)} translation(s) written; now run scripts/translations.sh", file=sys.stderr)
        tree = ET.parse(path)
        if missing:
            return 1
    todo = [(c, s) for c, s, m in messages(tree) if unfinished(m)]
    if not (args.apply or args.identity):
        for context, source in todo:
            print(f"{context}\t{_escape(source)}\t")
    print(f"{path.name}: {len(todo)} unfinished", file=sys.stderr)
    return 1 if todo else 0


if __name__ == "__main__":
    sys.exit(main())
