"""The people stage: who is mentioned in an article, and one record per real person.

The engine is `_find`; `_names` finds name mentions, `_coref` resolves
pronouns and descriptions. Other stages use only the names below.
"""

from generator.people._find import find_people, merge_people, quoted_tokens
from generator.people._names import NAME_PARTICLES

__all__ = ["NAME_PARTICLES", "find_people", "merge_people", "quoted_tokens"]
