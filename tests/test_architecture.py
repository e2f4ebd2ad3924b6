"""The layering of DESIGN.md, enforced: the model imports neither Qt nor VTK, the VTK
mirror never imports Qt (import-linter contracts in pyproject.toml)."""

import shutil
import subprocess
import sys
from pathlib import Path

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
