"""Identifier checks for the gazetteer: builders.identifiers plus the ISO 3166 codes.

Every CURIE the curated data may cite is checked by ``builders.identifiers.curie_problem``.
The gazetteer also names places by ISO 3166 code, which that module does not know:

- ``iso.3166:NNN``: a country by its ISO 3166-1 numeric code. ``iso.3166`` is the
  Bioregistry's prefix for ISO 3166-1 numeric codes (local ids ``^\\d+$``); ISO writes
  them as exactly three digits, which is what is accepted here.
- ``iso3166-2:CC-XXX``: a country subdivision (a US state, say) by its ISO 3166-2 code.
  The Bioregistry has no prefix for ISO 3166-2, so this one is the project's own; the form
  is the ISO 3166-1 alpha-2 code, a hyphen and one to three letters or digits.

Neither scheme has a check digit.
"""

from __future__ import annotations

import re

from builders.identifiers import curie_problem

EXTRA_PATTERNS: dict[str, re.Pattern[str]] = {
    "iso.3166": re.compile(r"^\d{3}$"),
    "iso3166-2": re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$"),
}


def identifier_problem(curie: str) -> str | None:
    """What is wrong with ``curie``, or None when it is well formed for its prefix."""
    prefix, sep, local = curie.partition(":")
    pattern = EXTRA_PATTERNS.get(prefix) if sep else None
    if pattern is None:
        return curie_problem(curie)
    if not pattern.match(local):
        return f"'{local}' is not a well-formed {prefix} identifier"
    return None
