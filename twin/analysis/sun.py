"""Where the sun is: NREL SPA (pvlib) at the site, and its direction in scene axes.

The site is where the sun is computed, not the scene centre in projected metres: a
scene's origin is reprojected to latitude/longitude. Scene axes follow the projected
grid, whose north differs from true north by the meridian convergence (about 0.16° at
Arras in Lambert-93), so directions handed to shadow code are corrected for it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

from twin.core.errors import TwinError
from twin.core.i18n import message

PARIS = ZoneInfo("Europe/Paris")


@dataclass(frozen=True)
class Site:
    """A place on the WGS84 ellipsoid; altitude in metres sets the pressure for refraction."""

    lat: float
    lon: float
    altitude: float = 0.0

    def __post_init__(self):
        if not (np.isfinite(self.lat) and -90.0 <= self.lat <= 90.0):
            raise TwinError(message("latitude {} is out of range").format(self.lat), hint=message("give a latitude between -90 and 90"))
        if not (np.isfinite(self.lon) and -180.0 <= self.lon <= 180.0):
            raise TwinError(message("longitude {} is out of range").format(self.lon), hint=message("give a longitude between -180 and 180"))
        if not np.isfinite(self.altitude):
            raise TwinError(message("altitude {} is not a number").format(self.altitude))


ARRAS = Site(lat=50.2893, lon=2.7766, altitude=70.0)   # the Beffroi d'Arras


@dataclass
class SunPosition:
    """Sun seen from a site at N instants (arrays of shape (N,), also for one instant).

    ``azimuth``: degrees from true north, clockwise. ``elevation``: apparent (with
    refraction, which lifts the sun by ~0.5° at the horizon). ``times``: UTC."""

    times: pd.DatetimeIndex
    azimuth: np.ndarray
    elevation: np.ndarray


def _utc_index(when) -> pd.DatetimeIndex:
    if isinstance(when, np.datetime64) or isinstance(when, np.ndarray) and np.issubdtype(when.dtype, np.datetime64):
        # datetime64 carries UTC by convention
        return pd.DatetimeIndex(np.atleast_1d(when).ravel()).tz_localize("UTC")
    items = [when] if isinstance(when, (dt.datetime, pd.Timestamp)) else list(when)
    naive = [t for t in items if getattr(t, "tzinfo", None) is None or t.tzinfo.utcoffset(t) is None]
    if naive:
        raise TwinError(message("time {} has no time zone").format(naive[0]),
                        hint=message("give an aware datetime (e.g. tzinfo=ZoneInfo('Europe/Paris')) or UTC "
                                     "datetime64"))
    return pd.DatetimeIndex([pd.Timestamp(t).tz_convert("UTC") for t in items])


def sun_position(when, site: Site = ARRAS) -> SunPosition:
    """NREL SPA (``nrel_numpy``) position of the sun.

    ``when``: an aware datetime, a list of them, or a numpy datetime64 array read as UTC.
    Naive datetimes are refused: a silent local/UTC guess shifts the sun by an hour."""
    from pvlib.solarposition import get_solarposition
    times = _utc_index(when)
    if len(times) == 0:
        return SunPosition(times, np.empty(0), np.empty(0))
    pos = get_solarposition(times, site.lat, site.lon, altitude=site.altitude, method="nrel_numpy")
    return SunPosition(times, pos["azimuth"].to_numpy(float), pos["apparent_elevation"].to_numpy(float))


def day_times(date: dt.date, site: Site = ARRAS, tz: str | dt.tzinfo = PARIS):
    """(sunrise, transit, sunset) of the local calendar day ``date`` as aware UTC datetimes.

    Sunrise/sunset are the upper limb on the horizon with standard refraction (SPA's
    -0.8333°). In polar day or night there is none: they come back as None."""
    from pvlib.solarposition import sun_rise_set_transit_spa
    tz = ZoneInfo(tz) if isinstance(tz, str) else tz
    noon = pd.DatetimeIndex([pd.Timestamp(dt.datetime.combine(date, dt.time(12)), tz=tz)])
    row = sun_rise_set_transit_spa(noon, site.lat, site.lon).iloc[0]

    def utc(value):
        return None if pd.isna(value) else value.tz_convert("UTC").round("us").to_pydatetime()

    return utc(row["sunrise"]), utc(row["transit"]), utc(row["sunset"])


def meridian_convergence(site: Site, crs="EPSG:2154") -> float:
    """Degrees from true north to grid north at the site (pyproj's sign: grid bearing of
    true north is minus this)."""
    from pyproj import Proj
    from twin.core.crs import parse_crs
    return float(Proj(parse_crs(crs)).get_factors(site.lon, site.lat).meridian_convergence)


def sun_vector(position: SunPosition, site: Site = ARRAS, crs="EPSG:2154") -> np.ndarray:
    """(N, 3) unit vectors toward the sun in scene axes (x grid east, y grid north, z up)."""
    az = np.radians(np.asarray(position.azimuth, float) - meridian_convergence(site, crs))
    el = np.radians(np.asarray(position.elevation, float))
    return np.column_stack([np.cos(el) * np.sin(az), np.cos(el) * np.cos(az), np.sin(el)])


def site_of(scene) -> Site:
    """The scene origin as a site (altitude of the origin's z), or Arras without one."""
    if scene is None or getattr(scene, "origin", None) is None:
        return ARRAS
    from twin.core.crs import to_wgs84
    x, y, z = scene.origin
    lon, lat = to_wgs84(x, y, scene.crs)
    return Site(lat=float(lat), lon=float(lon), altitude=float(z))
