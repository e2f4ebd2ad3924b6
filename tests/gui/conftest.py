import os

import pytest

if not os.environ.get("DISPLAY"):
    pytest.skip("GUI tests need an X server: run them under Xvfb (scripts/test.sh starts one)",
                allow_module_level=True)
