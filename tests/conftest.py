from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("TWIN_SHARED_DATA", ROOT.parent / "shared" / "data"))
DEMO_SCENE = ROOT / "scenes" / "arras-centre.toml"


@pytest.fixture
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"real test data not found at {SHARED} (CI has ../shared/data beside the clone)")
    return SHARED


def needs_display():
    return pytest.mark.skipif(not os.environ.get("DISPLAY"),
                              reason="needs an X server: run under Xvfb (scripts/test.sh starts one)")
