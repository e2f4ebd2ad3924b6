"""LoRaWAN uplinks as network servers publish them, turned into readings.

The Things Stack v3 (TTN): ``{"end_device_ids": {...}, "received_at": ..., "uplink_message":
{"decoded_payload": {...}}}``, also wrapped as ``{"result": {...}}`` by its Storage
Integration. ChirpStack v4: ``{"deviceInfo": {"devEui", "deviceName"}, "time", "object"}``.
Decoded fields become quantities through a mapping (``{"temp_SOIL": "temperature"}``);
unmapped numeric fields keep their own name. Values may be numbers or unit-suffixed
strings as some payload formatters emit ("3.384 V")."""

from __future__ import annotations

import json
import re

from twin.feeds.readings import Reading, Rejected, parse_time

_NUMBER_UNIT = re.compile(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(\S.*)?$")


def _value(raw) -> tuple[float, str | None] | None:
    if isinstance(raw, bool):
        return float(raw), None
    if isinstance(raw, (int, float)):
        return float(raw), None
    if isinstance(raw, str):
        match = _NUMBER_UNIT.match(raw)
        if match:
            return float(match.group(1)), (match.group(2) or None)
    return None


def parse_uplink(message: bytes | str | dict, mapping: dict[str, str] | None = None
                 ) -> tuple[list[Reading], list[Rejected]]:
    """Readings in one uplink, and what in it could not be used (never raises)."""
    mapping = mapping or {}
    if not isinstance(message, dict):
        try:
            message = json.loads(message)
        except (ValueError, TypeError) as exc:
            return [], [Rejected("bad_json", str(exc)[:200])]
        if not isinstance(message, dict):
            return [], [Rejected("bad_json", f"a JSON {type(message).__name__}, not an object")]
    if "result" in message and isinstance(message["result"], dict):
        message = message["result"]
    try:
        if "uplink_message" in message:                       # TTN v3
            ids = message.get("end_device_ids") or {}
            sensor = ids.get("device_id") or ids.get("dev_eui")
            uplink = message["uplink_message"] or {}
            when = message.get("received_at") or uplink.get("received_at")
            fields = uplink.get("decoded_payload")
        elif "deviceInfo" in message:                         # ChirpStack v4
            info = message["deviceInfo"] or {}
            sensor = info.get("deviceName") or info.get("devEui")
            when = message.get("time")
            fields = message.get("object")
        else:
            return [], [Rejected("unknown_format", "neither a TTN v3 nor a ChirpStack uplink")]
    except (AttributeError, TypeError) as exc:
        return [], [Rejected("bad_structure", str(exc)[:200])]
    if not sensor or not isinstance(sensor, str):
        return [], [Rejected("no_sensor", "the uplink names no device")]
    if when is None:
        return [], [Rejected("no_time", f"{sensor}: the uplink has no reception time")]
    try:
        time = parse_time(when)
    except ValueError as exc:
        return [], [Rejected("bad_time", f"{sensor}: {exc}")]
    if not isinstance(fields, dict) or not fields:
        return [], [Rejected("no_decoded_payload", f"{sensor}: only the raw frm_payload; add a payload "
                                                   f"formatter on the network server")]
    readings, rejected = [], []
    for key, raw in fields.items():
        parsed = _value(raw)
        if parsed is None:
            if key in mapping:   # a field we were told to read, and cannot
                rejected.append(Rejected("bad_value", f"{sensor}/{key}: {str(raw)[:80]!r} is not a number"))
            continue   # text fields (status words, ids) are not measurements
        value, unit = parsed
        readings.append(Reading(sensor, mapping.get(key, key), time, value, unit))
    if not readings and not rejected:
        rejected.append(Rejected("no_numeric_field", f"{sensor}: no field holds a number"))
    return readings, rejected
