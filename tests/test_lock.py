"""The lock covers what pyproject.toml asks for: every dependency, the test extra and the
build requirements pinned in constraints.txt at a version their specifiers accept, so
that an install from the lock never takes a version the tests did not pass with."""

import re
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.conftest import ROOT


def pins() -> dict[str, Version]:
    text = (ROOT / "constraints.txt").read_text(encoding="utf-8")
    return {canonicalize_name(name): Version(version)
            for name, version in re.findall(r"^([A-Za-z0-9._-]+)==([^\s;]+)", text, re.M)}


def test_the_lock_pins_every_requirement_at_a_version_it_accepts():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    project = pyproject["project"]
    wanted = [Requirement(r) for r in (*project["dependencies"], *project["optional-dependencies"]["test"],
                                      *pyproject["build-system"]["requires"], "pip")]
    locked = pins()
    missing = [str(r) for r in wanted if canonicalize_name(r.name) not in locked]
    assert not missing, f"{missing} not in constraints.txt: run scripts/lock.sh"
    refused = [f"{r} (locked {locked[canonicalize_name(r.name)]})" for r in wanted
               if locked[canonicalize_name(r.name)] not in r.specifier]
    assert not refused, f"{refused}: run scripts/lock.sh"
    # an extra's own packages are locked too (psycopg[binary] installs psycopg-binary)
    assert "psycopg-binary" in locked
