"""The statements stage: who said what, to whom and when, with its exact source span.

The engine is `_find`; direct quotes, reported speech, interviews, audiences,
and dates are its private parts. Other stages use only the names below.
"""

from generator.statements._find import find_statements, quotes_as_json_records

__all__ = ["find_statements", "quotes_as_json_records"]
