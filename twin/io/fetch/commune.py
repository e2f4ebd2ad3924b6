"""A commune's open data, fetched into a folder that ``twin build-scene`` reads unchanged.

The plan: the commune's outline (ADMIN EXPRESS) grown by the buffer is the window; its box
bounds the BD TOPO layers asked of the WFS, the LiDAR HD and MNT tiles are those of the
indexes that meet the window, the cadastre is the commune's file, the orthophoto the box
at the resolution asked. The folder then holds ``bdtopo/BDTOPO_{INSEE}.gpkg`` (layers
``commune``, ``batiment`` and the context layers, BD TOPO's field names),
``cadastre/cadastre-{INSEE}-parcelles.json.gz``, ``lidar/*.copc.laz``, ``mnt/*.tif`` and
``ortho/ORTHO_{INSEE}_{res}.tif`` (without BD TOPO, the outline alone in
``bdtopo/COMMUNE_{INSEE}.gpkg``), plus ``.twin-fetch.json`` (what was fetched, to fetch
only what changed next time). Files are fetched by a few threads at once."""

from __future__ import annotations

import math
import os
import warnings
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from twin.core.errors import DataError
from twin.core.feedback import Feedback
from twin.core.i18n import message
from twin.io.fetch import services
from twin.io.fetch.http import Download, Manifest, download, head_size

WHAT = ("bdtopo", "cadastre", "batiments", "lidar", "mnt", "ortho")
DEFAULT_WHAT = ("bdtopo", "cadastre", "lidar", "mnt", "ortho")
BDTOPO_LAYERS = ("batiment", "zone_de_vegetation", "surface_hydrographique", "troncon_de_route")
WORKERS = 4                    # files fetched at once: polite to the services, enough for a home line
ORTHO_TILE = 2000              # pixels a side of one GetMap
JPEG_RATIO = 0.12              # bytes per pixel and band of a JPEG-compressed orthophoto, to announce a size


@dataclass
class Job:
    """One thing to fetch: a file (``download``) or a product made from a service's
    answers (BD TOPO's GeoPackage, the orthophoto); ``size`` in bytes when known,
    ``approx`` when estimated, ``features`` for the WFS layers."""

    what: str
    dest: Path
    size: int | None = None
    approx: bool = False
    features: int | None = None
    download: Download | None = None
    make: Callable[[Feedback], str] | None = None
    status: str = "pending"
    fraction: float = 0.0


@dataclass
class Plan:
    code: str
    name: str
    out: Path
    window: object              # shapely polygon, Lambert-93
    buffer: float
    jobs: list[Job] = field(default_factory=list)

    @property
    def box(self) -> tuple[float, float, float, float]:
        return tuple(float(v) for v in self.window.bounds)

    @property
    def size(self) -> int:
        return sum(job.size or 0 for job in self.jobs)


def parse_what(text: str | None) -> tuple[str, ...]:
    if not text:
        return DEFAULT_WHAT
    wanted = tuple(dict.fromkeys(w.strip().lower() for w in text.split(",") if w.strip()))
    unknown = [w for w in wanted if w not in WHAT]
    if unknown or not wanted:
        raise DataError(message("--what: unknown {}").format(", ".join(unknown) or "''"),
                        hint=message("choose among {}").format(", ".join(WHAT)))
    return wanted


def plan(code: str, out: Path, what=DEFAULT_WHAT, buffer: float = 200.0, resolution: float = 0.2,
         feedback: Feedback | None = None, sizes: bool = False) -> Plan:
    """What fetching this commune means; ``sizes``: ask each file's size (HEAD) and each
    layer's count, for ``--dry-run`` and the app's summary."""
    import shapely
    from shapely.geometry import shape
    fb = feedback or Feedback()
    if not 0 <= buffer <= 10_000:
        raise DataError(message("the buffer must be between 0 and 10 000 m, got {:g}").format(buffer))
    if not 0.05 <= resolution <= 50:
        raise DataError(message("--ortho-resolution must be between 0.05 and 50 m, got {:g}").format(resolution))
    fb.progress(0.0, message("Looking for commune {} in ADMIN EXPRESS").format(code))
    found = services.commune(code, fb)
    try:
        outline = shapely.make_valid(shape(found.feature["geometry"]))
    except (KeyError, TypeError, ValueError, AttributeError):
        raise services.wfs().error(message("gave commune {} no outline").format(code)) from None
    out = Path(out)
    result = Plan(found.code, found.name, out, shapely.buffer(outline, buffer) if buffer else outline, buffer)
    box = result.box
    if "bdtopo" not in what:        # the outline alone: build-scene --commune cuts the window with it
        dest = out / "bdtopo" / f"COMMUNE_{found.code}.gpkg"
        job = Job("commune", dest, features=1)
        job.make = lambda fb, job=job: _write_layers([("commune", _commune(found))], job.dest)
        result.jobs.append(job)
    for kind in what:
        fb.check()
        if kind == "bdtopo":
            dest = out / "bdtopo" / f"BDTOPO_{found.code}.gpkg"
            job = Job("bdtopo", dest)
            job.make = lambda fb, job=job: _bdtopo(found, box, job, fb)
            job.features = sum(services.count(f"BDTOPO_V3:{layer}", box, fb) for layer in BDTOPO_LAYERS) \
                if sizes else None
            result.jobs.append(job)
        elif kind in ("cadastre", "batiments"):
            layer = "parcelles" if kind == "cadastre" else "batiments"
            url = services.cadastre_url(found.code, layer)
            result.jobs.append(_file(kind, services.cadastre(), url, out / "cadastre" / url.rsplit("/", 1)[-1]))
        elif kind in ("lidar", "mnt"):
            index = services.LIDAR_INDEX if kind == "lidar" else services.MNT_INDEX
            suffix = ".laz" if kind == "lidar" else ".tif"      # what build-scene recognises the tiles by
            for name, url in _tiles(index, result.window, fb):
                name = name if name.lower().endswith(suffix) else name + suffix
                result.jobs.append(_file(kind, services.tiles(url), url, out / kind / name))
        elif kind == "ortho":
            width, height = (math.ceil((box[2] - box[0]) / resolution), math.ceil((box[3] - box[1]) / resolution))
            dest = out / "ortho" / f"ORTHO_{found.code}_{_res(resolution)}.tif"
            job = Job("ortho", dest, int(width * height * 3 * JPEG_RATIO), approx=True)
            job.make = lambda fb, job=job: _ortho(box, resolution, job, fb)
            result.jobs.append(job)
    if sizes:
        _sizes([job for job in result.jobs if job.download is not None and job.size is None], fb)
    return result


def _res(resolution: float) -> str:
    """0.2 → 0M20, as IGN names its products' resolutions."""
    metres, cm = divmod(round(resolution * 100), 100)
    return f"{metres}M{cm:02d}"


def _file(what: str, service, url: str, dest: Path) -> Job:
    return Job(what, dest, download=Download(service, url, dest))


def _tiles(index: str, window, fb: Feedback) -> list[tuple[str, str]]:
    """(file name, URL) of the index's tiles that meet the window."""
    import shapely
    from shapely.geometry import shape
    service = services.wfs()
    out = {}
    for feature in services.features(index, fb, bbox=window.bounds):
        props = feature.get("properties") or {}
        url, name = props.get("url"), props.get("name_download") or props.get("name")
        if not url:
            raise service.error(message("{}: a tile without a download url").format(index),
                                message("the index may have changed; check that twin is up to date"))
        name = str(name or url.split("?")[0].rsplit("/", 1)[-1])
        try:
            meets = shapely.intersects(shape(feature["geometry"]), window)
        except (KeyError, TypeError, ValueError, AttributeError):
            meets = True                # no geometry: the box said it is there
        if meets:
            out[name] = str(url)
    return sorted(out.items())


def _sizes(jobs: list[Job], fb: Feedback) -> None:
    def one(job: Job) -> None:
        job.size = head_size(job.download.service, job.download.url, fb)
    with ThreadPoolExecutor(WORKERS) as pool:
        list(pool.map(one, jobs))


def fetch(plan: Plan, feedback: Feedback | None = None, on_done: Callable[[Job], None] = lambda job: None,
          workers: int = WORKERS) -> list[Job]:
    """Fetch what the plan holds, ``workers`` at once; ``on_done(job)`` as each ends.
    Progress per file and overall through ``feedback``; the first failure stops the others
    (their parts are kept to resume) and is raised."""
    import threading
    fb = feedback or Feedback()
    manifest = Manifest(plan.out)
    lock = threading.Lock()
    inner = _Linked(fb)

    def report(job: Job) -> None:
        with lock:
            overall = sum(j.fraction for j in plan.jobs) / max(len(plan.jobs), 1)
            fb.progress(overall, f"{job.dest.name} {job.fraction:.0%}")

    def on_bytes(item: Download, done: int) -> None:
        job = next(j for j in plan.jobs if j.download is item)
        size = item.size or job.size
        job.fraction = min(done / size, 0.99) if size else 0.0
        report(job)

    def run(job: Job) -> Job:
        if job.download is not None:
            job.status = download(job.download, manifest, inner, on_bytes).status
        else:
            known = manifest.get(job.dest)
            key = _key(plan, job)
            if job.dest.is_file() and known.get("complete") and known.get("key") == key:
                job.status = "unchanged"
            else:
                job.status = job.make(inner)
                manifest.put(job.dest, key=key, size=job.dest.stat().st_size, complete=True)
        job.fraction = 1.0
        if job.dest.is_file():
            job.size = job.dest.stat().st_size
        report(job)
        on_done(job)
        return job

    plan.out.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(max(1, workers)) as pool:
        futures = [pool.submit(run, job) for job in plan.jobs]
        try:
            for future in futures:
                future.result()
        except BaseException:
            inner.cancel()           # the others stop between chunks; their .part stay to resume
            raise
    return plan.jobs


class _Linked(Feedback):
    """The jobs' feedback: stops when the caller cancels, or when another job failed."""

    def __init__(self, outer: Feedback):
        super().__init__(on_warning=outer.warn)
        self.outer = outer

    def check(self) -> None:
        self.outer.check()
        super().check()


def _key(plan: Plan, job: Job) -> str:
    """What a made product depends on: a rerun with the same makes nothing."""
    return f"{job.what}:{plan.code}:{','.join(f'{v:.1f}' for v in plan.box)}:{job.dest.name}"


def _aside(dest: Path) -> Path:
    """Where a product is written before being renamed into place (hidden: a build-scene
    meanwhile does not see it)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    return dest.with_name(f".{dest.stem}.part{dest.suffix}")


def _bdtopo(found: services.CommuneOutline, box, job: Job, fb: Feedback) -> str:
    """BD TOPO's layers within the box and the commune's outline, as one GeoPackage with
    BD TOPO's layer and field names (a département's delivery, cut to the commune)."""
    layers = [("commune", _commune(found))]
    for i, name in enumerate(BDTOPO_LAYERS):
        fb.check()
        layers.append((name, _frame(services.features(f"BDTOPO_V3:{name}", fb, bbox=box))))
        job.fraction = (i + 1) / (len(BDTOPO_LAYERS) + 1)
    job.features = sum(len(frame) for _, frame in layers[1:])
    return _write_layers(layers, job.dest)


def _commune(found: services.CommuneOutline):
    """The ADMIN EXPRESS outline with BD TOPO's field names (ADMIN EXPRESS 3 had others)."""
    return _frame([found.feature]).rename(columns={"insee_com": "code_insee", "nom": "nom_officiel"})


def _write_layers(layers: list, dest: Path) -> str:
    """Layers into one GeoPackage, written aside and renamed when whole; an empty
    ``batiment`` is kept (build-scene then says the commune has no building), other empty
    layers are left out."""
    import geopandas as gpd
    import pyogrio
    tmp = _aside(dest)
    tmp.unlink(missing_ok=True)
    try:
        for i, (name, frame) in enumerate(layers):
            if frame.empty and name != "batiment":
                continue
            if frame.empty:
                frame = gpd.GeoDataFrame({"cleabs": []}, geometry=[], crs="EPSG:2154")
            pyogrio.write_dataframe(frame, tmp, layer=name, driver="GPKG", append=i > 0,
                                    promote_to_multi=name in ("batiment", "commune"))
        os.replace(tmp, dest)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return "downloaded"


def _frame(features: list[dict]):
    import geopandas as gpd
    if not features:
        return gpd.GeoDataFrame(geometry=[], crs="EPSG:2154")
    frame = gpd.GeoDataFrame.from_features(features, crs="EPSG:2154")
    return frame.drop(columns=[c for c in frame.columns if c.startswith("gcms_")])


def _decoded(body: bytes):
    """The bands of a GetMap answer, or None when it is not an image."""
    from rasterio.errors import NotGeoreferencedWarning
    from rasterio.io import MemoryFile
    try:
        with warnings.catch_warnings(), MemoryFile(body) as mem:
            warnings.simplefilter("ignore", NotGeoreferencedWarning)    # a JPEG has no CRS
            with mem.open() as image:
                data = image.read()
    except Exception:        # rasterio's errors vary with the driver: all mean "not an image"
        return None
    return data


def _ortho(box, resolution: float, job: Job, fb: Feedback) -> str:
    """The orthophoto of the box: WMS GetMap in tiles of ``ORTHO_TILE`` pixels, written
    into a tiled, JPEG-compressed GeoTIFF with overviews. Each answer is kept in a hidden
    folder beside it until the image is whole, so that a run interrupted (a cancel, a
    service gone) is taken up where it stopped: a commune at 20 cm is hundreds of them."""
    import shutil

    import numpy as np
    import rasterio
    from rasterio.enums import Resampling
    from rasterio.transform import from_origin
    from rasterio.windows import Window
    from twin.io.fetch.http import get_bytes
    x0, y0 = math.floor(box[0]), math.floor(box[1])
    width, height = math.ceil((box[2] - x0) / resolution), math.ceil((box[3] - y0) / resolution)
    top = y0 + height * resolution
    service = services.wms()
    tiles = [(r, c) for r in range(0, height, ORTHO_TILE) for c in range(0, width, ORTHO_TILE)]
    tmp = _aside(job.dest)
    pieces = job.dest.with_name(f".{job.dest.stem}.pieces")
    profile = dict(driver="GTiff", width=width, height=height, count=3, dtype="uint8", crs="EPSG:2154",
                   transform=from_origin(x0, top, resolution, resolution), tiled=True, blockxsize=512,
                   blockysize=512, compress="JPEG", photometric="YCBCR", BIGTIFF="IF_SAFER")
    try:
        with rasterio.open(tmp, "w", **profile) as dst:
            for i, (row, col) in enumerate(tiles):
                w, h = min(ORTHO_TILE, width - col), min(ORTHO_TILE, height - row)
                tile_box = (x0 + col * resolution, top - (row + h) * resolution,
                            x0 + (col + w) * resolution, top - row * resolution)
                # named by what was asked: another box or resolution never takes it
                piece = pieces / f"{tile_box[0]:.3f}_{tile_box[1]:.3f}_{w}x{h}.img"
                data = _decoded(piece.read_bytes()) if piece.exists() else None
                if data is None or data.shape[1:] != (h, w) or data.shape[0] < 3:
                    body = get_bytes(service, services.ortho_url(tile_box, w, h), fb)
                    data = _decoded(body)
                    if data is None:
                        start = body[:120].decode("utf-8", "replace").strip().replace("\n", " ")
                        raise service.error(message("answered GetMap with something else than an image ({})").format(
                            start), message("the layer or its parameters may have changed; check its "
                                            "GetCapabilities"))
                    if data.shape[1:] != (h, w) or data.shape[0] < 3:
                        raise service.error(message("answered GetMap with an image of {} instead of {}").format(
                            "×".join(map(str, data.shape[::-1])), f"{w}×{h}×3"))
                    pieces.mkdir(exist_ok=True)
                    part = piece.with_name(piece.name + ".part")
                    part.write_bytes(body)
                    os.replace(part, piece)
                dst.write(np.ascontiguousarray(data[:3]), window=Window(col, row, w, h))
                job.fraction = (i + 1) / (len(tiles) + 1)
                fb.check()
            factors = [f for f in (2, 4, 8, 16, 32, 64) if max(width, height) // f >= 256]
            if factors:
                dst.build_overviews(factors, Resampling.average)
        os.replace(tmp, job.dest)
        shutil.rmtree(pieces, ignore_errors=True)
    except BaseException:
        tmp.unlink(missing_ok=True)
        if pieces.exists() and not any(pieces.iterdir()):
            pieces.rmdir()
        raise
    return "downloaded"
