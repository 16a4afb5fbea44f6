"""The events stage: sentences that report a dated happening, as `Event` records.

The engine is `_find`; `_triggers` holds the trigger phrases of event types,
`_summits` ties events to the known summits, `_captions` reads photo captions,
`_anchored` dates a happening by its distance from a dated one ("a day after X"). Other stages use only the names below.
"""

from generator.events._captions import find_caption_events
from generator.events._find import (
    classify_event_sentence,
    event_importance,
    event_types,
    find_events,
    is_background_date,
    is_dateline,
    link_statements,
    merge_events,
    quoted_regions,
)

__all__ = [
    "classify_event_sentence",
    "event_importance",
    "event_types",
    "find_caption_events",
    "find_events",
    "is_background_date",
    "is_dateline",
    "link_statements",
    "merge_events",
    "quoted_regions",
]
