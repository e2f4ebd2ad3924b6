"""The report of an urban project that an élu can read: views of each state, the metrics
and the PLU check, the sun a variant takes away, and what it hides from the street — in
French, as a PDF (fpdf2) or one self-contained HTML file.

Not a model module: it renders the 3D views offscreen with VTK (imported when a report
is built). Everything is computed first into a list of blocks (titles, paragraphs,
images, tables, verdicts); the PDF and HTML writers only lay them out, so both say the
same. The file is written aside and renamed at the end: a cancelled or failed report
leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely

from twin.core.errors import DataError, TwinError
from twin.core.feedback import Feedback
from twin.projects.states import variant_buildings
from twin.projects.edits import BASELINE
from twin.projects.model import Projects
from twin.report.document import NOT_OK, OK, Document, write_html, write_pdf
from twin.analysis.sun import PARIS
from twin.analysis.sunlight import SunLight
from twin.core.i18n import message

VIEW_SIZE = (1600, 900)
VIEW_TIME = dt.time(15, 0)            # 21 June 15:00 in Paris: long shadows toward the north-east
NEIGHBOURHOOD_M = 80.0                # around the project's footprints, for the sun
VIEWPOINT_RANGE_M = 600.0             # bookmarks nearer than this become viewpoints
VIEW_RADIUS_M = 300.0
VIEW_MARGIN_M = 45.0                  # context around the project in the 3D views
# From the south-east: in the afternoon the sun stands in the south-west, so seen from
# there the shadows would hide behind the buildings that cast them.
VIEW_AZIMUTH = 135.0
VIEW_ELEVATION = 40.0
VIEW_KINDS = ("terrain", "vector", "buildings", "model", "pointcloud")   # the town; live overlays left out
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre")


def _fr(x: float, digits: int = 0) -> str:
    """A number as French reads it: thin spaces between thousands, a decimal comma."""
    if x is None or not np.isfinite(x):
        return "—"
    return f"{x:,.{digits}f}".replace(",", "\u202f").replace(".", ",")


def _date_fr(d: dt.date) -> str:
    return f"{d.day}{'er' if d.day == 1 else ''} {MONTHS[d.month - 1]} {d.year}"


def default_dates(scene) -> tuple[dt.date, ...]:
    """Equinox and solstices of the year of the scene's instant (Paris time)."""
    year = scene.timeline.current.astimezone(PARIS).year
    return dt.date(year, 3, 21), dt.date(year, 6, 21), dt.date(year, 12, 21)


class _Steps:
    """The report's progress: it never goes back; a sub-task reports into a slice of it,
    under its own French text (``text``) or its inner one."""

    def __init__(self, fb: Feedback):
        self.fb, self.done = fb, 0.0

    def at(self, fraction: float, text: str) -> None:
        self.done = max(self.done, fraction)
        self.fb.progress(self.done, text)

    def slice(self, lo: float, hi: float, text: str | None = None) -> Feedback:
        """A sub-task's "done" (1.0) is left out: one that loads data first says done
        before it starts, which would pin the bar at the slice's end."""
        self.at(lo, text or "")

        def inner(f, t):
            if f < 1.0:
                self.at(lo + f * (hi - lo), text or t)
            else:
                self.fb.check()
        return Feedback(on_progress=inner, on_warning=self.fb.warn)


# -- what the project touches ------------------------------------------------------------------

@dataclass
class _Footprint:
    """The project's ground: what its variants build, raise or demolish."""

    changed: np.ndarray           # footprints built or changed, over all variants
    demolished: np.ndarray        # footprints removed, over all variants
    zmin: float
    zmax: float

    @property
    def all(self) -> np.ndarray:
        return np.concatenate([self.changed, self.demolished])

    def bounds(self, margin: float = 0.0) -> tuple[float, float, float, float]:
        x0, y0, x1, y1 = shapely.total_bounds(self.all)
        return x0 - margin, y0 - margin, x1 + margin, y1 + margin

    @property
    def centre(self) -> tuple[float, float]:
        x0, y0, x1, y1 = self.bounds()
        return (x0 + x1) / 2, (y0 + y1) / 2


def _project_footprint(scene, project) -> _Footprint:
    base = variant_buildings(scene)
    changed, demolished, zs = [], [], []
    for v in project.variants:      # a handful of variants
        bs = variant_buildings(scene, project.name, v.name)
        changed.append(bs.footprints[bs.changed])
        zs += [bs.base_z[bs.changed], (bs.base_z + bs.heights)[bs.changed]]
        gone = np.isin(base.ids, list(bs.demolished))
        demolished.append(base.footprints[gone])
        zs += [base.base_z[gone], (base.base_z + base.heights)[gone]]
    changed_all = np.concatenate(changed) if changed else np.empty(0, object)
    demolished_all = np.concatenate(demolished) if demolished else np.empty(0, object)
    if not len(changed_all) and not len(demolished_all):
        raise TwinError(message("project {!r} changes no building in any variant").format(project.name),
                        hint=message("add a variant with a new building, a demolition or a change of height"))
    z = np.concatenate(zs)
    return _Footprint(changed_all, demolished_all, float(np.nanmin(z)), float(np.nanmax(z)))


def _states(project) -> list:
    return [None] + [(project.name, v.name) for v in project.variants]


def _state_label(state) -> str:
    return BASELINE if state is None else state[1]


# -- the 3D views ------------------------------------------------------------------------------

def render_states(scene, project, fp: _Footprint, size=VIEW_SIZE, when: dt.datetime | None = None,
                  feedback: Feedback | None = None) -> list[np.ndarray]:
    """One RGB image per state (baseline first), all from the same camera: south-east of
    the project, lit by the sun at ``when`` with its ground shadows, the town without its
    live overlays (sensors, reports...). The scene's sun switch, instant and layer
    visibility are given back as they were."""
    from twin._vtk.mirror import SceneMirror
    from twin._vtk.offscreen import VTK_LOCK, make_plotter
    from twin.core.camera import View
    fb = feedback or Feedback()
    x0, y0, x1, y1 = fp.bounds(VIEW_MARGIN_M)
    view = View.looking_at((x0, y0, fp.zmin, x1, y1, fp.zmax), azimuth=VIEW_AZIMUTH, elevation=VIEW_ELEVATION)
    sun = SunLight.of(scene)
    saved = (sun.enabled, scene.timeline.current)
    overlays = [layer for layer in scene.data_layers() if layer.visible and layer.kind not in VIEW_KINDS]
    images = []
    try:
        for layer in overlays:
            layer.visible = False
        sun.enabled = True
        if when is not None:
            scene.timeline.current = when.astimezone(dt.timezone.utc)
        states = _states(project)
        for i, state in enumerate(states):   # a handful of states
            fb.progress(i / len(states), f"Vue 3D : {_state_label(state)}")
            with VTK_LOCK:                   # the window, if any, skips its frames meanwhile
                plotter = make_plotter(size)
                mirror = SceneMirror(scene, plotter, variant=state)
                try:
                    mirror.pin(state)
                    mirror.sun.update()
                    mirror.apply_view(view)
                    mirror.settle()
                    plotter.render()
                    images.append(plotter.screenshot(None, return_img=True))
                finally:
                    mirror.close()
                    plotter.close()
    finally:
        sun.enabled, scene.timeline.current = saved
        for layer in overlays:
            layer.visible = True
    return images


def _png(image: np.ndarray) -> bytes:
    from PIL import Image
    buf = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(image[..., :3])).save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def _figure_png(fig) -> tuple[bytes, tuple[int, int]]:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    canvas = FigureCanvasAgg(fig)
    buf = io.BytesIO()
    canvas.print_png(buf)
    w, h = canvas.get_width_height()
    return buf.getvalue(), (w, h)


def _outline(ax, geoms, **style) -> None:
    """The project's few footprints as outlines (a building or two per variant)."""
    for g in shapely.get_parts(np.asarray(geoms, dtype=object)):
        if g is None or g.is_empty:
            continue
        xy = shapely.get_coordinates(g.exterior)
        ax.plot(xy[:, 0], xy[:, 1], **style)


def _scale_bar(ax, bounds) -> None:
    x0, y0, x1, y1 = bounds
    span = x1 - x0
    length = next((v for v in (500, 200, 100, 50, 20, 10) if v <= span / 3), 5)
    px, py = x0 + 0.05 * span, y0 + 0.05 * (y1 - y0)
    ax.plot([px, px + length], [py, py], color="black", lw=3, solid_capstyle="butt")
    ax.text(px + length / 2, py + 0.02 * (y1 - y0), f"{length} m", ha="center", va="bottom", fontsize=8)
    ax.annotate("N", xy=(x1 - 0.06 * span, y1 - 0.05 * (y1 - y0)), xytext=(x1 - 0.06 * span, y1 - 0.16 * (y1 - y0)),
                ha="center", fontsize=9, fontweight="bold", arrowprops={"arrowstyle": "-|>", "color": "black"})


def _map_axes(ax, bounds) -> None:
    ax.set_xlim(bounds[0], bounds[2])
    ax.set_ylim(bounds[1], bounds[3])
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])


# -- sun ---------------------------------------------------------------------------------------

def _sun_section(doc, scene, project, fp, dates, resolution, step_minutes, steps: _Steps, lo, hi) -> None:
    import matplotlib as mpl
    from matplotlib.figure import Figure
    from twin.analysis.sunhours import compare, per_zone, public_space, sun_hours_of_scene
    from twin.analysis.urban_metrics import parcels_frame
    from twin.projects.plu import PluRules
    bbox = fp.bounds(NEIGHBOURHOOD_M)
    rules = Projects.of(scene).plu or PluRules()
    parcels = parcels_frame(scene, rules)
    if parcels is not None:
        near = shapely.intersects(parcels.geometry.to_numpy(), shapely.box(*bbox))
        parcels = parcels[near]
        zones = shapely.force_2d(parcels.geometry.to_numpy())
        ids = (parcels["id"] if "id" in parcels.columns else parcels.index.to_series()).astype(str).to_numpy()
    else:
        zones, ids = np.empty(0, object), np.empty(0, object)
    doc.h1("Ensoleillement : le soleil que le projet prend aux voisins")
    doc.p(f"Heures de soleil direct reçues au sol, calculées toutes les {_fr(step_minutes)} minutes du lever au "
          f"coucher du soleil, sur le voisinage du projet (le rectangle qui l'entoure, élargi de "
          f"{_fr(NEIGHBOURHOOD_M)} m), en cellules de {_fr(resolution, 1 if resolution % 1 else 0)} m. "
          f"Les cartes montrent, pour chaque variante, les heures perdues par rapport à l'existant : en rouge "
          f"le sol qui perd du soleil, en bleu celui qui en gagne (là où un bâtiment est démoli), en gris les "
          f"bâtiments. Le contour bleu foncé est le projet.")
    n = len(dates) * (1 + len(project.variants))
    done = 0

    def stage(text):
        nonlocal done
        done += 1
        return steps.slice(lo + (hi - lo) * (done - 1) / n, lo + (hi - lo) * done / n, text)

    base = {d: sun_hours_of_scene(scene, d, resolution, bbox=bbox, step_minutes=step_minutes,
                                  feedback=stage(f"Ensoleillement du {_date_fr(d)} : {BASELINE}"))[0]
            for d in dates}
    for v in project.variants:
        losses = {}
        for d in dates:
            result, _ = sun_hours_of_scene(scene, d, resolution, bbox=bbox, step_minutes=step_minutes,
                                           project=project.name, variant=v.name,
                                           feedback=stage(f"Ensoleillement du {_date_fr(d)} : {v.name}"))
            losses[d] = compare(base[d], result)
        bs = variant_buildings(scene, project.name, v.name)
        doc.h2(f"{v.name} : heures de soleil perdues")
        peak = max(float(np.nanmax(np.abs(lost.values))) if np.isfinite(lost.values).any() else 0.0
                   for lost in losses.values())
        peak = max(peak, 0.25)
        fig = Figure(figsize=(3.6 * len(dates) + 1.2, 4.2), dpi=110, layout="constrained")
        axes = fig.subplots(1, len(dates), squeeze=False)[0]
        cmap = mpl.colormaps["RdBu_r"].with_extremes(bad="#8c8c8c")
        for ax, d in zip(axes, dates):
            lost = losses[d]
            gx0, gy0, gx1, gy1 = lost.bounds
            im = ax.imshow(lost.values, extent=(gx0, gx1, gy0, gy1), cmap=cmap, vmin=-peak, vmax=peak,
                           interpolation="nearest")
            _outline(ax, bs.footprints[bs.changed], color="#0b2c6b", lw=1.8)
            _map_axes(ax, (gx0, gy0, gx1, gy1))
            _scale_bar(ax, (gx0, gy0, gx1, gy1))
            ax.set_title(_date_fr(d), fontsize=10)
        bar = fig.colorbar(im, ax=list(axes), shrink=0.85)
        bar.set_label("heures de soleil perdues (négatif : gagnées)")
        png, size = _figure_png(fig)
        doc.image(png, f"{v.name} : heures de soleil direct perdues au sol par rapport à l'existant.", size)
        rows = []
        for d in dates:
            pub = public_space(losses[d], zones)
            rows.append([_date_fr(d), _fr(base[d].day_length_h, 1), _fr(pub["lost_h_per_m2"], 3),
                         _fr(pub["affected_m2"]), _fr(pub["area_m2"])])
        where = "espace public (hors parcelles)" if len(zones) else "sol non bâti"
        doc.table(["Date", "Durée du jour (h)", f"Heures perdues par m² d'{where}",
                   "Surface qui perd plus d'une minute (m²)", f"Surface de l'{where} étudiée (m²)"], rows)
        if len(zones):
            frames = {d: per_zone(losses[d], zones, ids) for d in dates}
            total = sum(f["lost_h_m2"].to_numpy() for f in frames.values())
            order = np.argsort(-total, kind="stable")
            order = order[total[order] > 1e-6][:10]
            if len(order):
                affected = np.max([f["affected_m2"].to_numpy() for f in frames.values()], axis=0)
                rows = [[str(ids[i]), _fr(frames[dates[0]]["area_m2"].iloc[i])]
                        + [_fr(frames[d]["mean_lost_h"].iloc[i], 2) for d in dates] + [_fr(affected[i])]
                        for i in order]
                doc.p(f"Les {len(order)} parcelles voisines qui perdent le plus de soleil (perte moyenne par m² de "
                      f"terrain non bâti de la parcelle) :", small=True)
                doc.table(["Parcelle", "Surface non bâtie (m²)"]
                          + [f"Perte moyenne le {_date_fr(d)} (h)" for d in dates]
                          + ["Surface qui perd plus d'une minute, au pire (m²)"], rows)
            else:
                doc.verdict(True, "Aucune parcelle voisine ne perd de soleil aux dates étudiées.")


# -- views ---------------------------------------------------------------------------------------

def default_viewpoints(scene, centre) -> list[tuple[str, tuple[float, float]]]:
    """The scene's bookmarks whose focal point (where the view looks: a square, a street)
    lies within 600 m of the project, as street-level viewpoints; else a point 150 m south
    of the project."""
    out = []
    for name, bm in scene.bookmarks.items():
        x, y = float(bm.view.focal_point[0]), float(bm.view.focal_point[1])
        if np.hypot(x - centre[0], y - centre[1]) <= VIEWPOINT_RANGE_M:
            out.append((name, (x, y)))
    return out or [("150 m au sud du projet", (centre[0], centre[1] - 150.0))]


def _views_section(doc, scene, project, fp, viewpoints, resolution, radius, steps: _Steps, lo, hi) -> None:
    from matplotlib.colors import ListedColormap
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch
    from twin.core.layers import TerrainLayer
    from twin.analysis.sunhours import surface_grid
    from twin.analysis.viewshed import EYE_HEIGHT, compare_views, viewshed
    terrain = [layer.data.grid for layer in scene.data_layers()
               if isinstance(layer, TerrainLayer) and layer.data is not None]
    ground = terrain[0] if terrain else None
    doc.h1("Vues depuis l'espace public : ce que le projet cache et ce qu'il dévoile")
    doc.p(f"Depuis chaque point de vue, à hauteur d'yeux ({_fr(EYE_HEIGHT, 2)} m au-dessus du sol), on calcule "
          f"tout ce que l'on voit dans un rayon de {_fr(radius)} m : le sol et les toits, "
          f"bâtiments en volumes simples. En rouge ce que la variante cache par rapport à l'existant, en vert ce "
          f"qu'elle dévoile ; en jaune pâle ce que l'on voit dans les deux cas. Les surfaces comptées sont le "
          f"sol et les toits vus d'en haut : une variante plus haute ne cache davantage que si elle masque plus "
          f"de sol ou de toits.")
    states = _states(project)
    cmap = ListedColormap(["#ffffff", "#f3e7a6", "#d7301f", "#1a9850", "#8c8c8c"])
    for k, (name, point) in enumerate(viewpoints):    # a few viewpoints
        steps.at(lo + (hi - lo) * k / max(len(viewpoints), 1), f"Champ de vision : {name}")
        x, y = float(point[0]), float(point[1])
        bounds = (x - radius, y - radius, x + radius, y + radius)
        grids, surfaces = [], []
        level = _ground_grid(ground, bounds, resolution, scene.crs) if ground is not None else None
        for state in states:
            bs = variant_buildings(scene, *(state or (None, None)))
            near = shapely.intersects(bs.footprints, shapely.box(*bounds))
            surface = surface_grid(bounds, resolution, bs.footprints[near], bs.base_z[near], bs.heights[near],
                                   ground=level, crs=scene.crs)
            surfaces.append(surface)
        ground_z = _ground_at(surfaces[0], x, y)
        eye = (x, y, ground_z + EYE_HEIGHT) if len(point) < 3 else (x, y, float(point[2]))
        for surface in surfaces:
            grids.append(viewshed(surface, eye, radius))
        where = "à hauteur d'yeux" if len(point) < 3 else f"à {_fr(eye[2] - ground_z, 0)} m au-dessus du sol"
        doc.h2(f"Point de vue : {name}")
        base_seen = float(grids[0].values.sum() * resolution ** 2)
        x0, y0, x1, y1 = grids[0].bounds
        crop = _seen_extent(grids, fp.bounds(), resolution)
        aspect = (crop[3] - crop[1]) / (crop[2] - crop[0])
        fig = Figure(figsize=(4.6 * len(project.variants) + 0.4, 4.6 * aspect + 0.9), dpi=110, layout="constrained")
        axes = fig.subplots(1, max(len(project.variants), 1), squeeze=False)[0]
        rows = []
        for ax, v, grid, surface in zip(axes, project.variants, grids[1:], surfaces[1:]):
            change = compare_views(grids[0], grid)
            code = np.where(grids[0].values.astype(bool) & grid.values.astype(bool), 1, 0)
            code = np.where(change.hidden.values.astype(bool), 2, code)
            code = np.where(change.revealed.values.astype(bool), 3, code)
            code = np.where(surface.building >= 0, np.where(code >= 2, code, 4), code)
            ax.imshow(code, extent=(x0, x1, y0, y1), cmap=cmap, vmin=0, vmax=4, interpolation="nearest")
            bs = variant_buildings(scene, project.name, v.name)
            _outline(ax, bs.footprints[bs.changed], color="#0b2c6b", lw=1.5)
            ax.plot([x], [y], marker="*", color="black", markersize=14, markeredgecolor="white")
            _map_axes(ax, crop)
            _scale_bar(ax, crop)
            ax.set_title(f"{v.name} : {_fr(change.hidden_m2)} m² cachés, {_fr(change.revealed_m2)} m² dévoilés",
                         fontsize=9)
            rows.append([v.name, _fr(base_seen), _fr(float(grid.values.sum() * resolution ** 2)),
                         _fr(change.hidden_m2), _fr(change.revealed_m2)])
        fig.legend(handles=[Patch(color=c, label=t) for c, t in zip(
            cmap.colors[1:], ("visible dans les deux cas", "caché par la variante", "dévoilé par la variante",
                              "bâtiment"))] + [Patch(facecolor="white", edgecolor="#999", label="non visible")],
                   loc="outside lower center", ncols=5, fontsize=8, frameon=False)
        png, size = _figure_png(fig)
        doc.image(png, f"Vue {where} depuis « {name} » (étoile), rayon {_fr(radius)} m.", size)
        doc.table(["Variante", "Surface vue aujourd'hui (m²)", "Surface vue avec la variante (m²)",
                   "Cachée par la variante (m²)", "Dévoilée par la variante (m²)"], rows)


def _ground_grid(dtm, bounds, resolution: float, crs):
    """The DTM resampled bilinearly onto the view grid. Taken cell by nearest cell, a
    2 m DTM under 1 m cells turns a gentle slope into steps of a few centimetres, and
    at eye level each step hides a sliver of the ground behind it."""
    from rasterio.transform import from_origin
    from rasterio.warp import Resampling, reproject
    from twin.core.data import RasterGrid
    w = int(np.ceil((bounds[2] - bounds[0]) / resolution))
    h = int(np.ceil((bounds[3] - bounds[1]) / resolution))
    transform = from_origin(bounds[0], bounds[3], resolution, resolution)
    out = np.full((h, w), np.nan, np.float32)
    reproject(np.asarray(dtm.values, np.float32), out, src_transform=dtm.transform, src_crs=dtm.crs or crs,
              dst_transform=transform, dst_crs=dtm.crs or crs, src_nodata=np.nan, dst_nodata=np.nan,
              resampling=Resampling.bilinear)
    return RasterGrid(out, transform, dtm.crs or crs)


def _seen_extent(grids, project_bounds, resolution, pad: float = 25.0):
    """The map's frame: what any state sees, and the project, with a margin; inside the grid."""
    seen = np.logical_or.reduce([g.values.astype(bool) for g in grids])
    xs, ys = grids[0].cell_centres()
    cols, rows = np.flatnonzero(seen.any(axis=0)), np.flatnonzero(seen.any(axis=1))
    gx0, gy0, gx1, gy1 = grids[0].bounds
    x0 = min(xs[cols[0]], project_bounds[0]) - pad
    x1 = max(xs[cols[-1]], project_bounds[2]) + pad
    y0 = min(ys[rows[-1]], project_bounds[1]) - pad
    y1 = max(ys[rows[0]], project_bounds[3]) + pad
    return max(x0, gx0), max(y0, gy0), min(x1, gx1), min(y1, gy1)


def _ground_at(surface, x, y) -> float:
    t = surface.dsm.transform
    col = int(np.clip((x - t.c) // t.a, 0, surface.shape[1] - 1))
    row = int(np.clip((y - t.f) // t.e, 0, surface.shape[0] - 1))
    return float(surface.ground[row, col])


# -- metrics -----------------------------------------------------------------------------------

_METRIC_HEADERS = ("Bâtiment", "État", "Hauteur (m)", "Niveaux", "Emprise (m²)", "Surface de plancher (m²)",
                   "Emprise au sol (CES)", "Logements estimés", "Non-conformités PLU")


def _metrics_section(doc, scene, project) -> None:
    from twin.analysis.urban_metrics import STATUS_FR, check_plu, variant_metrics
    doc.h1("Indicateurs et conformité au PLU")
    doc.p("Pour chaque variante : les bâtiments construits ou modifiés, leur hauteur, leurs niveaux, leur "
          "emprise, la surface de plancher estimée (niveaux × emprise × 0,8), le coefficient d'emprise au sol "
          "de leurs parcelles et le nombre de logements estimé ; puis le respect des règles du PLU (hauteur "
          "maximale, emprise au sol, recul sur la voie).")
    has_plu = Projects.of(scene).plu is not None
    for v in project.variants:
        doc.h2(v.name)
        if v.description:
            doc.p(v.description)
        frame = variant_metrics(scene, project.name, v.name)
        if has_plu:
            violations = check_plu(scene, project.name, v.name)
            if violations:
                doc.verdict(False, "Non conforme au PLU : " + " ; ".join(x.message_fr for x in violations))
            else:
                doc.verdict(True, "Conforme au PLU")
        else:
            doc.p("La scène ne décrit pas de règles de PLU : la conformité n'est pas vérifiée.", small=True)
        rows = []
        for _, r in frame.iterrows():        # a handful of buildings
            total = r["building_id"] == "Total"
            name = r["name"] or r["building_id"]
            rows.append([
                "Total" if total else name, "" if total else STATUS_FR.get(r["status"], r["status"]),
                _fr(r["height"], 1), "" if total else str(r["levels"]), _fr(r["footprint_area"]),
                _fr(r["floor_area"]), "" if total or not np.isfinite(r["emprise"]) else f"{_fr(r['emprise'] * 100)} %",
                str(r["dwellings"]),
                (f"{NOT_OK} {r['violations']}" if r["violations"] else ("" if total else f"{OK} aucune"))])
        doc.table(_METRIC_HEADERS, rows, widths=(22, 12, 15, 16, 16, 19, 17, 20, 43), total=True)


# -- the report ----------------------------------------------------------------------------------

def _check_out(out: Path) -> str:
    fmt = {".pdf": "pdf", ".html": "html", ".htm": "html"}.get(out.suffix.lower())
    if fmt is None:
        raise TwinError(message("cannot tell the report's format from {!r}").format(out.name),
                        hint=message("name the output report.pdf or report.html"))
    folder = out.absolute().parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DataError(message("cannot be written: its folder cannot be made ({})").format(exc.strerror), path=out,
                        hint=message("choose a folder that you can write to")) from None
    if not os.access(folder, os.W_OK):
        raise DataError(message("cannot be written: its folder is not writable"), path=out,
                        hint=message("choose a folder that you can write to"))
    if out.is_dir():
        raise DataError(message("is a folder"), path=out, hint=message("give a file name ending in .pdf or .html"))
    return fmt


def _load(scene, fb: Feedback) -> None:
    from twin.io.loading import apply_results, load_scene_data
    todo = [layer for layer in scene.data_layers() if layer.data is None and not layer.error]
    if todo:
        apply_results(load_scene_data(scene, fb, todo))


def build_report(scene, project: str, out, feedback: Feedback | None = None, sun_dates=None,
                 viewpoints=None, *, image_size: tuple[int, int] = VIEW_SIZE, resolution: float = 1.0,
                 step_minutes: float = 15.0, view_radius: float = VIEW_RADIUS_M) -> Path:
    """Write the report of ``project`` to ``out`` (.pdf or .html) and return its path.

    ``sun_dates``: the days of the sun study (default the 21st of March, June and December
    of the scene's year). ``viewpoints``: [(name, (x, y) or (x, y, z))] in the scene CRS,
    (x, y) at eye level; default :func:`default_viewpoints`. ``resolution`` (m) is the
    cell of the sun and view grids; ``image_size`` that of the 3D views."""
    out = Path(out)
    fmt = _check_out(out)
    fb = feedback or Feedback()
    try:
        proj = Projects.of(scene).project(project)
    except KeyError:
        known = ", ".join(repr(n) for n in Projects.of(scene).names) or "aucun"
        raise TwinError(message("no project named {!r} in the scene").format(project), hint=message("its projects: {}").format(
                                                                               known)) from None
    if not proj.variants:
        raise TwinError(message("project {!r} has no variant to report on").format(project), hint=message("add a variant first"))
    if not (np.isfinite(resolution) and resolution > 0):
        raise TwinError(message("grid resolution {} must be a positive number of metres").format(resolution))
    dates = tuple(sun_dates) if sun_dates else default_dates(scene)

    steps = _Steps(fb)
    _load(scene, steps.slice(0.0, 0.05, "Chargement des données"))
    fp = _project_footprint(scene, proj)
    views = list(viewpoints) if viewpoints is not None else default_viewpoints(scene, fp.centre)
    year = scene.timeline.current.astimezone(PARIS).year
    when = dt.datetime.combine(dt.date(year, 6, 21), VIEW_TIME, tzinfo=PARIS)
    title = f"Projet « {proj.name} »"

    doc = Document()
    doc.title(title)
    doc.h2("Rapport de présentation du projet et de ses variantes")
    if proj.description:
        doc.p(proj.description)
    today = dt.datetime.now(PARIS).date()
    doc.p(f"Scène : {scene.name}. Rapport établi le {_date_fr(today)}.")
    doc.p("États comparés : " + " ; ".join([f"{BASELINE} (la ville aujourd'hui)"] + [
        f"{v.name}{' — ' + v.description if v.description else ''}" for v in proj.variants]))
    doc.h2("Comment lire ce rapport")
    doc.bullets([
        f"Vues 3D : la même vue du quartier pour chaque état, depuis le sud-est, éclairée par le soleil du "
        f"{_date_fr(when.date())} à {when:%H} h (heure de Paris), avec les ombres portées au sol. Les bâtiments "
        f"du projet sont blancs à toit bleu ; ceux qui ne respectent pas le PLU sont rouges.",
        "Indicateurs : chiffres clés de chaque variante, et sa conformité au PLU, signalée par "
        f"« {OK} Conforme » ou « {NOT_OK} Non conforme » suivi de la règle dépassée.",
        "Ensoleillement : les heures de soleil que chaque variante retire au sol des alentours, aux dates "
        f"{', '.join(_date_fr(d) for d in dates)} ; rouge = soleil perdu, bleu = soleil gagné.",
        "Vues : ce qu'un piéton voit depuis quelques points du quartier ; rouge = caché par la variante, "
        "vert = dévoilé.",
        "Ce sont des estimations : bâtiments en volumes simples (un toit en pente compte à son faîtage), "
        "arbres non pris en compte."])

    images = render_states(scene, proj, fp, size=image_size, when=when, feedback=steps.slice(0.05, 0.3))
    doc.page_break()
    doc.h1("Vues 3D de chaque état")
    for state, image in zip(_states(proj), images):
        doc.h2(_state_label(state))
        legend = "" if state is None else (" Bâtiments du projet : murs blancs et toit bleu, en rouge s'ils "
                                           "dépassent une règle du PLU.")
        doc.image(_png(image), f"{_state_label(state)} : vue depuis le sud-est, le {_date_fr(when.date())} à "
                               f"{when:%H} h.{legend}", (image.shape[1], image.shape[0]))

    steps.at(0.3, "Indicateurs et conformité au PLU")
    doc.page_break()
    _metrics_section(doc, scene, proj)
    doc.page_break()
    _sun_section(doc, scene, proj, fp, dates, resolution, step_minutes, steps, 0.35, 0.8)
    doc.page_break()
    _views_section(doc, scene, proj, fp, views, resolution, view_radius, steps, 0.8, 0.95)

    steps.at(0.95, "Écriture du rapport")
    out = out.absolute()
    tmp = out.with_name(f".{out.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        (write_pdf if fmt == "pdf" else write_html)(doc, Path(tmp), title)
        fb.check()
        os.replace(tmp, out)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise DataError(message("cannot be written: {}").format(exc.strerror or exc), path=out,
                        hint=message("choose a folder that exists and that you can write to")) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    steps.at(1.0, "Rapport écrit")
    return out
