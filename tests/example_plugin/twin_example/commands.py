"""``twin stations FILE``."""

from pathlib import Path

from twin_example.importer import StationsImporter


def configure(parser) -> None:
    parser.add_argument("file", type=Path)


def run(args) -> int:
    info = StationsImporter().info(args.file)
    print(f"{info.count} stations, lon/lat bounds {tuple(round(v, 4) for v in info.bounds)}")
    return 0
