#!/usr/bin/env python3
"""Decodes stream entries the way BRAiN's Python EventStream does (issue 3).

BRAiN's `Event.from_dict` hands the stream fields straight to its dataclass: `id`, `type`, `source`,
`target`, `payload` and `timestamp` are required, the optional keys default to None, and any other
key is refused by the generated __init__. `timestamp` goes through `datetime.fromisoformat`; the
reader then decodes `payload` and `meta` with `json.loads`.

Input (argv[1]): a JSON array of objects, one per XRANGE entry, field name -> string value.
Output: one line per decoded event type; exit status 1 with the reason on the first failure.
"""
import json
import sys
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Optional


@dataclass
class Event:
    id: str
    type: str
    source: str
    target: Optional[str]
    payload: Any
    timestamp: datetime
    mission_id: Optional[str] = None
    task_id: Optional[str] = None
    correlation_id: Optional[str] = None
    tenant_id: Optional[str] = None
    actor_id: Optional[str] = None
    severity: Optional[str] = None
    meta: Any = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict) -> "Event":
        data = dict(data)
        data["timestamp"] = datetime.fromisoformat(data["timestamp"])
        return cls(**data)


def main() -> int:
    with open(sys.argv[1], encoding="utf-8") as f:
        entries = json.load(f)
    types = set()
    for entry in entries:
        try:
            event = Event.from_dict(entry)
            payload = json.loads(event.payload)
            meta = json.loads(event.meta)
        except Exception as error:  # report which entry and why, then fail
            print(f"cannot decode {entry!r}: {type(error).__name__}: {error}")
            return 1
        if not isinstance(payload, dict) or not isinstance(meta, dict):
            print(f"payload/meta of {event.id} are not objects")
            return 1
        if event.timestamp.utcoffset() is None or event.timestamp.utcoffset().total_seconds() != 0:
            print(f"timestamp of {event.id} is not UTC: {entry['timestamp']}")
            return 1
        types.add(event.type)
    for t in sorted(types):
        print(t)
    return 0


if __name__ == "__main__":
    sys.exit(main())
