"""The one base for the errors this package raises on purpose.

Every such error carries a message for the user that says what is wrong and
what to do; the command line prints it (without a traceback) and exits 2.
"""

from __future__ import annotations


class SummitTimelineError(Exception):
    """Something the user can fix: the message says what is wrong and what to do."""
