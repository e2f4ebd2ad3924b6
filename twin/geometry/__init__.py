"""Scene-ready geometry built with numpy and shapely (no VTK): terrain, drapes, LoD1."""
