"""Property-based tests of the importers' header readers (what `twin info` and the
loader's first look at a file do): real files of ../shared/data cut short, with bytes
overwritten or inserted, mostly in their headers, and random bytes under every suffix.
Each file is described or refused with a TwinError naming it, never a traceback."""

from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tests.conftest import SHARED  # noqa: E402
from twin.core.data import FileInfo  # noqa: E402
from twin.core.errors import TwinError  # noqa: E402
from twin.io.registry import file_info, registry  # noqa: E402

SEEDS = ["dtm/ctview__test_data_0000_0000_LA93_IGN69_ground_DTM_1M_Laplace.tif",
         "lidar/laspy__simple.copc.laz", "lidar/ctview__Semis_2021_0785_6378_LA93_IGN69_water.laz",
         "lidar/udsample__ExampleDataDenseVegetation.las",
         "buildings/cityjson/cjio__DH_01_subs.city.json", "buildings/cityjson/cjio__rotterdam_subset.json",
         "buildings/lyon_obj/cloche_hopital_charite.obj", "sensors/footfall_auckland/locations.csv"]
HEAD = 1024          # most mutations land in the first KiB: the header
pytestmark = pytest.mark.skipif(not SHARED.is_dir(), reason=f"real test data not found at {SHARED}")


def _seed(name: str) -> bytes:
    return (SHARED / name).read_bytes()


@st.composite
def damaged(draw) -> tuple[str, bytes]:
    name = draw(st.sampled_from(SEEDS))
    data = bytearray(_seed(name))
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["cut", "overwrite", "overwrite", "insert"]))
        at = draw(st.integers(0, min(len(data), HEAD) if draw(st.integers(0, 9)) else len(data)))
        if action == "cut":
            del data[at:]
        elif action == "overwrite":
            chunk = draw(st.binary(min_size=1, max_size=8) | st.sampled_from(
                [b"\x00" * 4, b"\xff" * 4, b"\x7f\xff\xff\xff", b"\x00\x00\x00\x80", b"-1", b"1e308", b"NaN"]))
            data[at:at + len(chunk)] = chunk
        else:
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
    return name, bytes(data)


def _describe(path: Path) -> None:
    try:
        info = file_info(path)
    except TwinError as exc:
        assert path.name in exc.message, exc.message
        return
    assert isinstance(info, FileInfo)


@given(case=damaged())
def test_fuzz_damaged_real_files(case, tmp_path_factory):
    name, data = case
    path = tmp_path_factory.mktemp("damaged") / Path(name).name
    path.write_bytes(data)
    _describe(path)


@given(suffix=st.sampled_from(sorted(registry().suffixes())), data=st.binary(max_size=600))
def test_fuzz_random_bytes_under_every_suffix(suffix, data, tmp_path_factory):
    path = tmp_path_factory.mktemp("random") / f"tile{suffix}"
    path.write_bytes(data)
    _describe(path)


def test_the_seeds_themselves_are_described():
    for name in SEEDS:
        assert isinstance(file_info(SHARED / name), FileInfo), name


WATER = "lidar/ctview__Semis_2021_0785_6378_LA93_IGN69_water.laz"


@pytest.mark.parametrize("at, byte, what", [
    (734, 0xFF, "chunk size"),           # found by fuzzing: lazrs aborted the process (SIGABRT)
    (771, 0x00, "its chunk table"),      # found by fuzzing: a chunk table offset moved, SIGABRT
    (754, 0x2A, "unknown item type"),
])
def test_damaged_laszip_records_are_refused_before_lazrs(at, byte, what, tmp_path):
    """Run in a child: what lazrs does with such a file is abort the whole process."""
    import subprocess
    import sys
    data = bytearray(_seed(WATER))
    data[at] = byte
    path = tmp_path / "water.laz"
    path.write_bytes(bytes(data))
    out = subprocess.run([sys.executable, "-m", "twin", "info", str(path)], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 2, (out.returncode, out.stderr[-400:])
    assert "water.laz: is a damaged LAZ file" in out.stderr and what in out.stderr
