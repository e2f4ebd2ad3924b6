"""Style by attribute, as QGIS users expect: categorized (one colour per value) or
graduated (quantiles, equal intervals, natural breaks / Fisher-Jenks) with a legend.

Categories are sorted, so a value keeps its colour across reloads; beyond 20 the rarest
go into "other". Natural breaks run on at most 5 000 values (a random but fixed sample
for larger layers, as QGIS does): Fisher-Jenks is quadratic in the number of values."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from twin.core.i18n import language, number, tr
from twin.core.layers.temporal import Legend

SCHEMES = ("categorized", "quantile", "equal", "jenks")
MAX_CATEGORIES = 20
JENKS_SAMPLE = 5000
NO_VALUE = (0xb0, 0xb0, 0xb0)


@dataclass
class Classes:
    index: np.ndarray              # (N,) class of each feature, -1 without a value
    colors: np.ndarray             # (K, 3) uint8
    labels: list[str]
    breaks: np.ndarray | None = None   # graduated: K + 1 limits

    def feature_colors(self) -> np.ndarray:
        """(N, 3) uint8, grey where a feature has no value."""
        out = np.tile(np.array(NO_VALUE, np.uint8), (len(self.index), 1))
        has = self.index >= 0
        out[has] = self.colors[self.index[has]]
        return out


def _palette(name: str, k: int) -> np.ndarray:
    from matplotlib import colormaps
    try:
        cmap = colormaps[name]
    except KeyError:
        raise ValueError(f"unknown palette {name!r}; try YlOrRd, viridis, Blues, tab10, Set2") from None
    qualitative = getattr(cmap, "N", 256) <= 20
    samples = np.arange(k) % cmap.N if qualitative else (np.linspace(0.15, 1.0, k) if k > 1 else [0.7])
    rgba = cmap(samples if not qualitative else samples.astype(int))
    return (np.asarray(rgba)[:, :3] * 255).round().astype(np.uint8)


def _fmt(v: float) -> str:
    """Three significant digits (whole numbers from 10 000), the language's way."""
    return number(float(f"{v:.3g}")) if abs(v) < 1e4 else number(v, 0)


def breaks_of(values: np.ndarray, scheme: str, k: int) -> np.ndarray:
    """K + 1 class limits of finite ``values``, fewer when values are too few to split."""
    v = np.sort(values[np.isfinite(values)])
    if not len(v):
        return np.zeros(0)
    if scheme == "quantile":
        b = np.quantile(v, np.linspace(0, 1, k + 1))
    elif scheme == "equal":
        b = np.linspace(v[0], v[-1], k + 1)
    elif scheme == "jenks":
        import jenkspy
        if len(v) > JENKS_SAMPLE:
            sample = np.random.default_rng(0).choice(v, JENKS_SAMPLE, replace=False)
            v_sample = np.sort(np.concatenate([sample, v[[0, -1]]]))
        else:
            v_sample = v
        k = min(k, len(np.unique(v_sample)) - 1) if len(np.unique(v_sample)) > 1 else 1
        b = np.asarray(jenkspy.jenks_breaks(v_sample, n_classes=k), float) if k > 1 else v[[0, -1]]
    else:
        raise ValueError(f"scheme must be one of {', '.join(SCHEMES)}, got {scheme!r}")
    return np.unique(b)


def classify(values: pd.Series, scheme: str, k: int = 5, palette: str = "") -> Classes:
    if scheme == "categorized":
        text = values.astype("string").str.strip()
        text = text.mask(text == "")
        counts = text.value_counts()
        keep = sorted(counts.index[:MAX_CATEGORIES - 1] if len(counts) > MAX_CATEGORIES else counts.index, key=str)
        codes = pd.Categorical(text, categories=keep).codes.astype(np.int64)
        labels = [str(c) for c in keep]
        if len(counts) > MAX_CATEGORIES:
            codes = np.where((codes < 0) & text.notna().to_numpy(), len(keep), codes)
            labels.append(tr("other ({} values)").format(len(counts) - len(keep)))
        colors = _palette(palette or ("tab10" if len(labels) <= 10 else "tab20"), len(labels))
        return Classes(codes, colors, labels)
    numbers = pd.to_numeric(values, errors="coerce").to_numpy(float)
    b = breaks_of(numbers, scheme, k)
    if len(b) < 2:
        if len(b) == 1:      # one value for every feature
            index = np.where(np.isfinite(numbers), 0, -1)
            return Classes(index, _palette(palette or "YlOrRd", 1), [_fmt(b[0])], b)
        return Classes(np.full(len(numbers), -1), np.zeros((0, 3), np.uint8), [], b)
    index = np.clip(np.searchsorted(b, numbers, side="right") - 1, 0, len(b) - 2)
    index = np.where(np.isfinite(numbers), index, -1)
    labels = [f"{_fmt(lo)} – {_fmt(hi)}" for lo, hi in zip(b[:-1], b[1:])]
    return Classes(index, _palette(palette or "YlOrRd", len(labels)), labels, b)


def layer_classes(layer) -> Classes | None:
    """The classes a vector or buildings layer is coloured by now, None when it is not
    styled by attribute (or has no data yet). Cached on the data per style."""
    style, data = getattr(layer, "style", None), getattr(layer, "data", None)
    field = getattr(style, "color_field", None)
    if not field or data is None or getattr(style, "color_by", "attribute") != "attribute":
        return None
    frame = data.table.frame
    if field not in frame.columns:
        return None
    key = (field, style.classify, style.classes, style.palette, len(frame), language())   # labels in words
    cached = getattr(data, "_classes", None)
    if cached is None or cached[0] != key:
        cached = (key, classify(frame[field], style.classify, style.classes, style.palette))
        data._classes = cached
    return cached[1]


def layer_legend(layer) -> Legend | None:
    classes = layer_classes(layer)
    if classes is None:
        return None
    entries = [(tuple(int(c) for c in color), label) for color, label in zip(classes.colors, classes.labels)]
    if classes.breaks is not None:
        entries.reverse()                  # graduated: the highest class on top, as maps read
    if (classes.index < 0).any():
        entries.append((NO_VALUE, tr("no value")))
    return Legend(tr("{}: {}").format(layer.name, layer.style.color_field), entries)
