"""The layering of DESIGN.md, enforced: the model imports neither Qt nor VTK, the VTK
mirror never imports Qt (import-linter contracts in pyproject.toml), and no module
imports, directly or through others, one that imports it back."""

import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_hold():
    exe = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or "lint-imports"
    proc = subprocess.run([exe], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "BROKEN" not in proc.stdout and "KEPT" in proc.stdout


def test_model_imports_without_qt_or_vtk():
    code = ("import sys, twin.core.scene, twin.io.scene_file, twin.io.loading, twin.io.autoscene, importers.raster, "
            "importers.vector; bad = [m for m in sys.modules if m.split('.')[0] in "
            "('PySide6', 'vtk', 'vtkmodules', 'pyvista', 'pyvistaqt')]; print(bad); sys.exit(bool(bad))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def strongly_connected(successors: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's components of more than one module (iterative: no recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for root in sorted(successors):
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root), on_stack.add(root)
        work = [(root, iter(successors[root]))]
        while work:
            node, todo = work[-1]
            for nxt in todo:
                if nxt not in index:
                    index[nxt] = low[nxt] = len(index)
                    stack.append(nxt), on_stack.add(nxt)
                    work.append((nxt, iter(successors[nxt])))
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while not component or component[-1] != node:
                        component.append(stack.pop())
                        on_stack.discard(component[-1])
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def describe_cycles(graph, component: list[str], most: int = 8) -> str:
    """The shortest cycle through each module of the component (each cycle once), written
    out with the line of every import in it."""
    members, seen, lines = set(component), set(), [f"{', '.join(component)}:"]
    for start in component:
        cycle = min(((start, *graph.find_shortest_chain(importer=nxt, imported=start))
                     for nxt in sorted(graph.find_modules_directly_imported_by(start) & members)), key=len)
        steps = frozenset(zip(cycle, cycle[1:]))
        if steps in seen or len(seen) == most:
            continue
        seen.add(steps)
        lines.append("  " + " -> ".join(cycle))
        for importer, imported in zip(cycle, cycle[1:]):
            detail = graph.get_import_details(importer=importer, imported=imported)[0]
            lines.append(f"      {importer}:{detail['line_number']}  {detail['line_contents']}")
    return "\n".join(lines)


def test_no_import_cycles():
    graph = grimp.build_graph("twin", "importers", "plugins", exclude_type_checking_imports=True,
                              cache_dir=None)
    successors = {m: sorted(graph.find_modules_directly_imported_by(m)) for m in graph.modules}
    cycles = [describe_cycles(graph, c) for c in strongly_connected(successors)]
    if cycles:
        pytest.fail("modules that import each other, directly or through others (imports inside "
                    "functions count too):\n" + "\n".join(cycles), pytrace=False)


def test_the_cycle_finder_finds_each_cycle_once():
    graph = {"a": ["b"], "b": ["c"], "c": ["a", "d"], "d": ["e"], "e": ["d"], "f": ["a"], "g": []}
    assert sorted(strongly_connected(graph)) == [["a", "b", "c"], ["d", "e"]]
    assert strongly_connected({"a": ["b"], "b": [], "c": ["a"]}) == []
