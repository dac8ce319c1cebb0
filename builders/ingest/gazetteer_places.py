"""Gazetteer entries for places: US states and territories (``us``), countries (``pycountry``).

A US state, the District of Columbia or a territory is named by its ISO 3166-2 code
(``iso3166-2:US-AL``), which ``pycountry`` must also list; a country by its ISO 3166-1
numeric code (``iso.3166:840``). The five US territories that also have a country code
(Puerto Rico, Guam and the rest) are listed once, as US subdivisions. ``ABBREVIATIONS``
adds the short forms readers write for a few countries ("U.S.", "UK"); codes such as "IN"
or "CAN" are not names and are left out.
"""

from __future__ import annotations

import pycountry
import us

from builders.ingest.gazetteer_mesh import Draft
from builders.records import EntityType

ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "US": ("U.S.", "U.S.A.", "USA"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain"),
    "RU": ("Russia",),
}
US_ABBREVIATIONS: dict[str, tuple[str, ...]] = {"DC": ("Washington, D.C.", "D.C.")}


def us_drafts() -> list[Draft]:
    """The 50 states, DC and the five inhabited territories, by ISO 3166-2 code."""
    iso_codes = {subdivision.code for subdivision in pycountry.subdivisions}
    drafts = []
    for state in us.states.STATES_AND_TERRITORIES:
        code = f"US-{state.abbr}"
        if code not in iso_codes:
            raise ValueError(f"pycountry does not list {code} ({state.name})")
        drafts.append(
            Draft(
                state.name,
                EntityType.JURISDICTION,
                None,
                f"iso3166-2:{code}",
                US_ABBREVIATIONS.get(state.abbr, ()),
            )
        )
    return sorted(drafts, key=lambda d: d.identifier)


def country_drafts() -> list[Draft]:
    """Every ISO 3166-1 country but the US territories, by numeric code."""
    territories = {state.abbr for state in us.states.TERRITORIES}
    drafts = []
    for country in pycountry.countries:
        if country.alpha_2 in territories:
            continue
        official = (getattr(country, "official_name", None) or "").removeprefix("the ")
        label = getattr(country, "common_name", None) or country.name
        if ", " in label and official and "," not in official:
            label = official
        names = [country.name, official]
        names.extend(ABBREVIATIONS.get(country.alpha_2, ()))
        synonyms = []
        for name in names:
            if name and "," not in name and name != label and name not in synonyms:
                synonyms.append(name)
        drafts.append(
            Draft(
                label,
                EntityType.JURISDICTION,
                None,
                f"iso.3166:{country.numeric}",
                tuple(synonyms),
            )
        )
    return sorted(drafts, key=lambda d: d.identifier)
