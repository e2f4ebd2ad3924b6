"""Files in and out: the importer registry, sniffing, loading layers, scene files, automatic and commune scenes, export. Below analysis, above core, geometry and lod."""
