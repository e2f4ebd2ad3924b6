"""Live and historical readings (no Qt, no VTK): parsed from LoRaWAN network servers'
messages, validated, and written to a durable store before anything shows them."""

from twin.feeds.readings import Reading, Rejected
from twin.feeds.store import SqliteStore

__all__ = ["Reading", "Rejected", "SqliteStore"]
