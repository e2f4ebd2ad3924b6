"""Basemaps streamed from WMTS and XYZ tile services and draped on the ground: the tile
grids (``grid``), the services and their presets (``sources``), polite HTTP (``http``),
the disk and memory caches (``cache``), a ground box's texture warped from tiles
(``texture``) and the stream that makes the textures the view needs (``stream``). No Qt,
no VTK."""
