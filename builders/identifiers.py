"""Syntax checks for the external identifiers curated data may cite.

A CURIE such as ``chebi:17303`` is checked against the local-id pattern of its prefix
(and the check digit where the scheme has one) and expanded to its canonical IRI; the
prefixes, IRIs and patterns are the records of ``graph.namespace.CONVERTER``. A pattern
proves form, not truth: every identifier must also say where it was checked.
"""

from __future__ import annotations

from graph.namespace import CONVERTER, ENTITY_SCHEMES, STUDY_SCHEMES, scheme_patterns

LOCAL_ID_PATTERNS = scheme_patterns(ENTITY_SCHEMES)
STUDY_ID_PATTERNS = scheme_patterns(STUDY_SCHEMES)
DOI, PMID, PMCID = (STUDY_ID_PATTERNS[prefix] for prefix in ("doi", "pubmed", "pmc"))


def cas_check_digit_ok(cas: str) -> bool:
    """True when the last digit of a CAS Registry Number is its checksum."""
    digits = cas.replace("-", "")
    body, check = digits[:-1], int(digits[-1])
    total = sum(int(d) * weight for weight, d in enumerate(reversed(body), start=1))
    return total % 10 == check


def issn_check_digit_ok(issn: str) -> bool:
    """True when the eighth character of an ISSN is its mod-11 check digit."""
    digits = issn.replace("-", "")
    total = sum(int(d) * weight for d, weight in zip(digits[:7], range(8, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return digits[7] == ("X" if check == 10 else str(check))


CHECK_DIGITS = {"cas": cas_check_digit_ok, "issn": issn_check_digit_ok}


def curie_problem(curie: str) -> str | None:
    """What is wrong with ``curie``, or None when it is well formed for its prefix."""
    prefix, sep, local = curie.partition(":")
    if not sep or prefix not in LOCAL_ID_PATTERNS:
        known = ", ".join(sorted(LOCAL_ID_PATTERNS))
        return f"'{curie}' does not start with a known prefix ({known})"
    if not LOCAL_ID_PATTERNS[prefix].match(local):
        return f"'{local}' is not a well-formed {prefix} identifier"
    check = CHECK_DIGITS.get(prefix)
    if check is not None and not check(local):
        return f"'{local}' fails the {prefix} check digit"
    return None


def expand(curie: str) -> str:
    """The canonical IRI of a well-formed CURIE."""
    return CONVERTER.expand_strict(curie)
