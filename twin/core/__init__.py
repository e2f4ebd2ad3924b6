"""The model's core: the scene (CRS and origin, layer tree, camera, bookmarks, timeline), layers, plugins, errors. Imports neither Qt nor VTK, and nothing else of twin."""
