"""Analyses of the town as it is or as a project leaves it: sun, shadows, sun hours, viewshed, thematic classes, urban metrics."""
