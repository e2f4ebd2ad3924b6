"""The VTK mirror of a scene: listens to the model, never imports Qt."""

import os

# Without an X server, go straight to EGL instead of letting VTK try X first and warn.
if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("VTK_DEFAULT_OPENGL_WINDOW", "vtkEGLRenderWindow")
