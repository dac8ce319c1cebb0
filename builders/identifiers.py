"""Syntax checks for the external identifiers curated data may cite.

A CURIE such as ``chebi:17303`` is checked against the local-id pattern of its prefix
(and the check digit where the scheme has one) and expanded to its canonical IRI through
the project's single prefix map. A pattern proves form, not truth: every identifier must
also say where it was checked.
"""

from __future__ import annotations

import re

from graph.namespace import CONVERTER

LOCAL_ID_PATTERNS: dict[str, re.Pattern[str]] = {
    "wikidata": re.compile(r"^Q[1-9]\d*$"),
    "chebi": re.compile(r"^[1-9]\d*$"),
    "ncit": re.compile(r"^C\d+$"),
    "ncbitaxon": re.compile(r"^[1-9]\d*$"),
    "mesh": re.compile(r"^[CD]\d{6,9}$"),
    "pubchem.compound": re.compile(r"^[1-9]\d*$"),
    "uniprot": re.compile(
        r"^(?:[OPQ][0-9][A-Z0-9]{3}[0-9]|[A-NR-Z][0-9](?:[A-Z][A-Z0-9]{2}[0-9]){1,2})$"
    ),
    "hgnc": re.compile(r"^[1-9]\d*$"),
    "ncbigene": re.compile(r"^[1-9]\d*$"),
    "gbif": re.compile(r"^[1-9]\d*$"),
    "unii": re.compile(r"^[A-Z0-9]{10}$"),
    "drugbank": re.compile(r"^DB\d{5}$"),
    "chembl.compound": re.compile(r"^CHEMBL\d+$"),
    "kegg.compound": re.compile(r"^C\d{5}$"),
    "cas": re.compile(r"^\d{2,7}-\d{2}-\d$"),
    "issn": re.compile(r"^\d{4}-\d{3}[\dX]$"),
    "ror": re.compile(r"^0[a-hj-km-np-tv-z0-9]{6}\d{2}$"),
}

DOI = re.compile(r"^10\.\d{4,9}/[-._;()/:A-Za-z0-9]+$")
PMID = re.compile(r"^[1-9]\d{0,8}$")
PMCID = re.compile(r"^PMC[1-9]\d*$")


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
