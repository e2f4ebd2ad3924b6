"""LiDAR classification codes: ASPRS LAS 1.4 (0-18) and IGN LiDAR HD (64-67).

Colours follow the usual viewer conventions (ground brown, vegetation greens, buildings
red, water blue) so a planner reads them without a legend; unknown codes get a neutral
grey and break nothing."""

from __future__ import annotations

import numpy as np

UNKNOWN_COLOR = "#9e9e9e"

CLASSES: dict[int, tuple[str, str, str]] = {  # code: (français, English, colour)
    0: ("Jamais classé", "Never classified", "#bdbdbd"),
    1: ("Non classé", "Unclassified", "#a0a0a0"),
    2: ("Sol", "Ground", "#a8804f"),
    3: ("Végétation basse", "Low vegetation", "#c5e384"),
    4: ("Végétation moyenne", "Medium vegetation", "#7cc653"),
    5: ("Végétation haute", "High vegetation", "#2f8a2a"),
    6: ("Bâtiment", "Building", "#e0533f"),
    7: ("Bruit bas", "Low noise", "#ff00ff"),
    8: ("Point clé", "Model key point", "#ffd700"),
    9: ("Eau", "Water", "#3a7bd5"),
    10: ("Rail", "Rail", "#8d6e63"),
    11: ("Chaussée", "Road surface", "#5c5c5c"),
    12: ("Recouvrement", "Overlap", "#e6e6e6"),
    13: ("Câble (garde)", "Wire guard", "#f0e68c"),
    14: ("Câble (conducteur)", "Wire conductor", "#ffa500"),
    15: ("Pylône", "Transmission tower", "#b22222"),
    16: ("Connecteur", "Wire connector", "#daa520"),
    17: ("Pont", "Bridge deck", "#9370db"),
    18: ("Bruit haut", "High noise", "#ff1493"),
    64: ("Sursol pérenne", "Permanent above-ground", "#00a5a8"),
    65: ("Artefacts", "Artefacts", "#ff77b4"),
    66: ("Points virtuels", "Virtual points", "#d0d0d0"),
    67: ("Divers bâtis", "Miscellaneous built", "#cd853f"),
}


def class_name(code: int, lang: str = "fr") -> str:
    names = CLASSES.get(int(code))
    if names is None:
        return f"Classe {code}" if lang == "fr" else f"Class {code}"
    return names[0] if lang == "fr" else names[1]


def class_color(code: int) -> str:
    return CLASSES.get(int(code), (None, None, UNKNOWN_COLOR))[2]


def class_lut() -> np.ndarray:
    """(256, 3) uint8: the colour of every possible code, for one vectorised lookup."""
    lut = np.tile(np.array([int(UNKNOWN_COLOR[i:i + 2], 16) for i in (1, 3, 5)], np.uint8), (256, 1))
    for code, (_fr, _en, color) in CLASSES.items():
        lut[code] = [int(color[i:i + 2], 16) for i in (1, 3, 5)]
    return lut
