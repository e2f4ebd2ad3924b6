"""twin — a desktop 3D twin of a territory."""

__version__ = "0.1.0"
