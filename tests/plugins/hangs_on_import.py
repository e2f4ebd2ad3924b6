"""A plugin module whose import never ends (until the tests release it)."""

from tests.plugins import hanging

hanging.RELEASE.wait()

plugin = hanging.plugin      # what it would have offered
