"""Buildings as an architect's maquette: sober tones for walls and roofs that vary gently
with the building's use and age, a baked ambient-occlusion term that darkens walls
toward the ground, thin outlines at roof edges and corners, and roof texture
coordinates into an orthophoto.

Everything is per vertex of an extruded mesh (``twin.geometry.extrude``: each wall quad
and roof triangle has vertices of its own, so a vertex belongs to one face), computed
with numpy from the mesh's ``feature`` and ``part`` cell arrays."""

from __future__ import annotations

import unicodedata

import numpy as np
import pandas as pd

from twin.geometry.extrude import ROOF, WALL
from twin.geometry.heights import find_column
from twin.geometry.mesh import Mesh

# BD TOPO ``usage_1`` → (walls, roofs) as factors on the style's two colours: residential
# is the reference, the others lean a little cooler, greyer or warmer, never far
USAGE_TONES = {
    "residentiel": ((1.00, 1.00, 1.00), (1.00, 1.00, 1.00)),
    "commercial": ((0.98, 0.99, 1.01), (0.95, 0.97, 1.00)),
    "industriel": ((0.95, 0.97, 0.99), (0.90, 0.93, 0.97)),
    "agricole": ((1.00, 0.97, 0.90), (1.00, 0.95, 0.85)),
    "religieux": ((1.01, 0.99, 0.94), (0.86, 0.88, 0.92)),
    "sportif": ((0.96, 0.99, 0.96), (0.93, 0.97, 0.92)),
    "annexe": ((0.93, 0.92, 0.90), (0.92, 0.91, 0.89)),
    "indifferencie": ((0.97, 0.97, 0.97), (0.96, 0.96, 0.96)),
}
USAGE_FIELDS = ("usage_1", "usage1", "usage")
DATE_FIELDS = ("date_d_apparition", "date_app", "annee_construction", "annee_de_construction",
               "date_de_construction", "year_built")
OLD, NEW = 1800, 2020                      # the ages the tone spans
AGED = ((1.00, 0.98, 0.94), (1.00, 1.00, 1.02))   # factors at OLD and NEW, with ±3 % lightness
OCCLUSION = 0.38                           # how dark the foot of a wall gets (0: not at all)
OCCLUSION_HEIGHT = 4.0                     # metres above the ground where it has mostly faded
CORNER_DEGREES = 30.0                      # outlines draw a wall corner turning more than this


def feature_tones(frame: pd.DataFrame, wall_rgb, roof_rgb, vary: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """(walls, roofs): (n, 3) float colours 0–255 per building, the style's colours
    varied by use and age where the table says (and ``vary``)."""
    n = len(frame)
    walls = np.tile(np.asarray(wall_rgb, float), (n, 1))
    roofs = np.tile(np.asarray(roof_rgb, float), (n, 1))
    if not vary or not n:
        return walls, roofs
    wall_f, roof_f = usage_factors(frame)
    age = age_factors(frame)
    return np.clip(walls * wall_f * age, 0, 255), np.clip(roofs * roof_f * age, 0, 255)


def usage_factors(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Per building, the (walls, roofs) factors of its use; 1 where it is unknown."""
    n = len(frame)
    walls, roofs = np.ones((n, 3)), np.ones((n, 3))
    col = next((c for c in map(lambda f: find_column(frame, f), USAGE_FIELDS) if c is not None), None)
    if col is None:
        return walls, roofs
    codes, names = pd.factorize(frame[col].astype("string").fillna(""))
    table_w, table_r = np.ones((len(names) + 1, 3)), np.ones((len(names) + 1, 3))
    for i, name in enumerate(names):          # a handful of distinct uses, not the buildings
        tone = _usage_tone(str(name))
        if tone is not None:
            table_w[i], table_r[i] = tone
    return table_w[codes], table_r[codes]     # code -1 (missing) takes the last row: ones


def _usage_tone(name: str):
    key = _plain(name)
    return next((tone for prefix, tone in USAGE_TONES.items() if key.startswith(prefix[:6])), None)


def _plain(text: str) -> str:
    """Lowercase ASCII, read back as UTF-8 when a shapefile's Latin-1 decoding garbled it
    ("RÃ©sidentiel")."""
    try:
        text = text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        pass
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().strip().lower()


def construction_year(frame: pd.DataFrame) -> np.ndarray:
    """The year each building appeared (NaN where unknown): a date or a year column."""
    col = next((c for c in map(lambda f: find_column(frame, f), DATE_FIELDS) if c is not None), None)
    if col is None:
        return np.full(len(frame), np.nan)
    values = frame[col]
    if pd.api.types.is_datetime64_any_dtype(values):
        year = values.dt.year.to_numpy(dtype=float, na_value=np.nan)
    elif pd.api.types.is_numeric_dtype(values):
        year = values.to_numpy(dtype=float, na_value=np.nan)
    else:                     # text: the year leads ("1982-01-01", "1982"); few distinct values
        codes, uniques = pd.factorize(values.astype("string"))
        digits = pd.Series(uniques, dtype="string").str.extract(r"^\s*(\d{4})", expand=False)
        known = np.r_[pd.to_numeric(digits, errors="coerce").to_numpy(dtype=float, na_value=np.nan), np.nan]
        year = known[codes]           # code -1 (missing) takes the NaN at the end
    with np.errstate(invalid="ignore"):
        return np.where((year >= 1000) & (year <= 2100), year, np.nan)


def age_factors(frame: pd.DataFrame) -> np.ndarray:
    """(n, 3) factors: older buildings a little warmer and darker, newer ones a little
    cooler and lighter; 1 where the age is unknown."""
    t = np.clip((construction_year(frame) - OLD) / (NEW - OLD), 0.0, 1.0)
    old, new = np.array(AGED[0]) * 0.97, np.array(AGED[1]) * 1.03
    out = old + t[:, None] * (new - old)
    return np.where(np.isfinite(t)[:, None], out, 1.0)


def vertex_cells(mesh: Mesh) -> np.ndarray:
    """The cell each vertex belongs to (−1 for none), from the flat cell array."""
    faces = mesh.faces
    owner = np.full(mesh.n_points, -1, np.int64)
    if faces is None or not len(faces):
        return owner
    sizes = np.where(mesh.cell_data["part"] == ROOF, 3, 4) if "part" in mesh.cell_data else None
    if sizes is None or int(sizes.sum() + len(sizes)) != len(faces):
        raise ValueError("not an extruded mesh: its cells are not walls (4) and roofs (3)")
    heads = np.concatenate([[0], np.cumsum(sizes + 1)[:-1]])
    ids = np.ones(len(faces), bool)
    ids[heads] = False
    owner[faces[ids]] = np.repeat(np.arange(len(sizes)), sizes)
    return owner


def occlusion(above_ground: np.ndarray) -> np.ndarray:
    """Ambient light reaching a point this high above the ground next to its building:
    ``1 − OCCLUSION`` at the foot, fading to 1 a few metres up."""
    return 1.0 - OCCLUSION * np.exp(-np.maximum(np.asarray(above_ground, float), 0.0) / OCCLUSION_HEIGHT * 1.5)


def maquette_colors(mesh: Mesh, walls: np.ndarray, roofs: np.ndarray, occlude: bool = True) -> np.ndarray:
    """(N, 3) uint8 per vertex: its face's tone (wall or roof of its building), darkened
    toward the ground when ``occlude``."""
    owner = vertex_cells(mesh)
    cell = np.maximum(owner, 0)
    feature = mesh.cell_data["feature"][cell]
    is_roof = (mesh.cell_data["part"][cell] == ROOF)
    rgb = np.where(is_roof[:, None], roofs[feature], walls[feature])
    if occlude:
        z = mesh.points[:, 2].astype(float)
        ground = np.full(len(walls), np.inf)
        np.minimum.at(ground, feature, z)           # a building's lowest vertex: its ground
        rgb = rgb * occlusion(z - ground[feature])[:, None]
    return np.clip(rgb, 0, 255).astype(np.uint8)


def roof_tcoords(mesh: Mesh, box: tuple[float, float, float, float], origin) -> np.ndarray:
    """(N, 2) float32 texture coordinates of every vertex into an image over ``box``
    (xmin, ymin, xmax, ymax, scene coordinates): a roof vertex at its plan position."""
    xmin, ymin, xmax, ymax = box
    u = (mesh.points[:, 0] + origin[0] - xmin) / max(xmax - xmin, 1e-9)
    v = (mesh.points[:, 1] + origin[1] - ymin) / max(ymax - ymin, 1e-9)
    return np.column_stack([u, v]).astype(np.float32)


def outlines(mesh: Mesh, keep: np.ndarray | None = None) -> Mesh:
    """Line segments along every roof edge (the top of each wall) and up each corner
    where the wall turns by more than ``CORNER_DEGREES``: what a maquette's cut edges
    show. ``keep`` (per cell) leaves out the walls of hidden buildings."""
    part = mesh.cell_data["part"]
    n_seg = int((part == WALL).sum())
    if n_seg == 0 or not np.array_equal(np.flatnonzero(part == WALL), np.arange(n_seg)):
        return Mesh(points=np.empty((0, 3), np.float32))
    quad = mesh.points[:4 * n_seg].reshape(n_seg, 4, 3)      # a, b at the foot; b, a on top
    a, b = quad[:, 0, :2], quad[:, 1, :2]
    cont = np.zeros(n_seg, bool)
    cont[1:] = np.all(a[1:] == b[:-1], axis=1) & (mesh.cell_data["feature"][1:n_seg] == mesh.cell_data["feature"][:n_seg - 1])
    ring = np.cumsum(~cont) - 1
    last = np.zeros(ring[-1] + 1, np.int64)
    last[ring] = np.arange(n_seg)                           # the last segment of each ring
    prev = np.where(cont, np.arange(n_seg) - 1, last[ring])
    d, dp = b - a, b[prev] - a[prev]
    norm = np.linalg.norm(d, axis=1) * np.linalg.norm(dp, axis=1)
    cos = np.einsum("ij,ij->i", d, dp) / np.maximum(norm, 1e-12)
    corner = (cos < np.cos(np.radians(CORNER_DEGREES))) & (norm > 0)
    wanted = np.ones(n_seg, bool) if keep is None else np.asarray(keep[:n_seg], bool)
    top = np.flatnonzero(wanted)
    up = np.flatnonzero(wanted & corner)
    starts = np.concatenate([4 * top + 3, 4 * up])
    ends = np.concatenate([4 * top + 2, 4 * up + 3])
    pairs = np.column_stack([starts, ends])
    points = mesh.points[pairs.ravel()]
    lines = np.hstack([np.full((len(pairs), 1), 2), np.arange(2 * len(pairs)).reshape(-1, 2)]).ravel()
    feature = mesh.cell_data["feature"][np.concatenate([top, up])]       # picked like the walls
    return Mesh(points=points.astype(np.float32), lines=lines.astype(np.int64),
                cell_data={"feature": feature.astype(np.int32)})
