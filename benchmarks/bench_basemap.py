"""Basemap tiles on the demo (twin.lod.basemap), served by the tests' local WMTS
(tests/wmts_server.py: a plan drawn from the demo's parcels and buildings), offscreen at
1280×720.

Prints:
- one piece's 256² texture from tiles in memory, against the bare libraries doing the
  irreducible part (pyproj reprojecting the texel centres, one numpy gather);
- the demo's first picture without a basemap, then with IGN's Plan from a cold cache (tiles fetched), from the
  disk cache (a new session), and with the server down (offline, from the cache), with
  the tiles fetched and the pieces drawn;
- the median frame of the demo's view with and without the basemap.

    python benchmarks/bench_basemap.py [--frames 5]"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))   # run as a script from anywhere


class _Env:
    def setenv(self, key, value):
        os.environ[key] = value


def best(fn, n: int = 5) -> float:
    times = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def texture_figures() -> None:
    from pyproj import Transformer
    from twin.core.layers import BasemapLayer
    from twin.lod.basemap.sources import open_source
    from twin.lod.basemap.texture import texture_for
    box = (684000.0, 7021000.0, 684160.0, 7021160.0)           # a chunk of the Grand'Place, 160 m
    source, _ = open_source(BasemapLayer("b", preset="plan-ign").service())
    first = texture_for(source, box, 256, "EPSG:2154")          # fetched once, then in memory
    ours = best(lambda: texture_for(source, box, 256, "EPSG:2154"))
    tiles = [source.cached(first.level, c, r) for c in range(2) for r in range(2)]
    transformer = Transformer.from_crs("EPSG:2154", "EPSG:3857", always_xy=True)
    xs, ys = np.meshgrid(np.linspace(*box[0::2], 256), np.linspace(*box[1::2], 256))
    pixels = np.random.default_rng(0).integers(0, 256, (2, 256 * 256))

    def bare():
        transformer.transform(xs.ravel(), ys.ravel())
        return tiles[0][pixels[0], pixels[1]] if tiles[0] is not None else None
    floor = best(bare)
    print(f"texture 256² from tiles in memory (level {first.level}): {ours * 1000:.1f} ms; "
          f"bare pyproj + numpy gather {floor * 1000:.1f} ms; ratio {ours / floor:.2f}")


def scene_figures(frames: int) -> None:
    from tests import wmts_server as w
    from twin._vtk.mirror import SceneMirror
    from twin._vtk.offscreen import make_plotter
    from twin.core.layers import BasemapLayer
    from twin.io.loading import apply_results, load_scene_data
    from twin.io.scene_file import DEMO_SCENE, load_scene
    scene = load_scene(DEMO_SCENE)
    apply_results(load_scene_data(scene))
    basemap = BasemapLayer("Plan IGN", preset="plan-ign", opacity=0.9)

    def picture(label: str, server) -> None:
        basemap.visible = label != "no basemap"
        before = server.tiles_served() if server.httpd is not None else 0
        plotter = make_plotter((1280, 720))
        mirror = SceneMirror(scene, plotter)
        mirror.apply_view(None)
        t = time.perf_counter()
        mirror.settle()
        plotter.render()
        took = time.perf_counter() - t
        visual = next(v for v in mirror.visuals.values() if v.layer is basemap)
        if not basemap.visible:
            print(f"{label}: first picture {took:.2f} s")
            mirror.close()
            plotter.close()
            return
        fetched = (server.tiles_served() - before) if server.httpd is not None else 0
        print(f"{label}: first picture {took:.2f} s, {fetched} tiles fetched, {len(visual.actors)} pieces drawn, "
              f"credit « {visual.credit_line()} »")
        mirror.close()
        plotter.close()

    def median_frame(with_basemap: bool) -> float:
        basemap.visible = with_basemap
        plotter = make_plotter((1280, 720))
        mirror = SceneMirror(scene, plotter)
        mirror.apply_view(None)
        mirror.settle()
        plotter.render()
        times = []
        for _ in range(frames):
            plotter.camera.Azimuth(2.0)
            t = time.perf_counter()
            plotter.ren_win.Render()
            times.append(time.perf_counter() - t)
        mirror.close()
        plotter.close()
        return statistics.median(times)

    with tempfile.TemporaryDirectory() as cache, w.serving(_Env(), Path(cache)) as server:
        texture_figures()
        scene.add_layer(basemap)
        picture("no basemap", server)
        picture("cold cache", server)
        picture("disk cache", server)
        server.down()
        picture("server down", server)
        without, with_ = median_frame(False), median_frame(True)
        print(f"median frame: {without * 1000:.0f} ms without the basemap, {with_ * 1000:.0f} ms with it "
              f"(ratio {with_ / without:.2f})")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=5)
    scene_figures(parser.parse_args().frames)
