"""What the command groups share: argument types, progress on the terminal, a store's name
without its password."""

from __future__ import annotations

import argparse
import sys


def size_arg(text: str) -> tuple[int, int]:
    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"size must look like 1920x1080, got {text!r}") from None
    if not (16 <= w <= 8192 and 16 <= h <= 8192):
        raise argparse.ArgumentTypeError("width and height must be between 16 and 8192 pixels")
    return w, h


def progress(fraction: float, text: str) -> None:
    if sys.stderr.isatty():
        sys.stderr.write(f"\r{fraction:4.0%} {text:<60}")
        sys.stderr.flush()


def date_arg(text: str):
    import datetime as dt
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"date must look like 2026-06-21, got {text!r}") from None


def dates_arg(text: str):
    return [date_arg(part.strip()) for part in text.split(",") if part.strip()]


def shown(store: str) -> str:
    """A store's address fit to print: no user or password."""
    return store.split("@")[-1] if "://" in store else store
