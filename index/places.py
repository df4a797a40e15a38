"""Places named in a question: a jurisdiction code to boost, or a place the base does not cover."""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.lexical import fold

# Names people type -> jurisdiction codes of knowledge/jurisdictions.yaml. Longest names first
# wins, so "new york state" beats "new york".
COVERED: dict[str, str] = {
    "new york city": "NYC",
    "nyc": "NYC",
    "manhattan": "NYC",
    "brooklyn": "NYC",
    "queens": "NYC",
    "the bronx": "NYC",
    "bronx": "NYC",
    "staten island": "NYC",
    "harlem": "NYC",
    "ciudad de nueva york": "NYC",
    "nueva york": "NYC",
    "new york": "NYC",
    "new york state": "US-NY",
    "ny state": "US-NY",
    "nys": "US-NY",
    "upstate": "US-NY",
    "estado de nueva york": "US-NY",
    "albany": "US-NY",
    "buffalo": "US-NY",
    "long island": "US-NY",
    "nassau": "US-NY-NASSAU",
    "illinois": "US-IL",
    "chicago": "US-IL",
    "california": "US-CA",
    "san francisco": "US-CA-SF",
    "massachusetts": "US-MA",
    "boston": "US-MA-BOS",
    "oregon": "US-OR",
    "portland": "US-OR-PDX",
    "michigan": "US-MI",
    "detroit": "US-MI",
    "new jersey": "US-NJ",
    "nueva jersey": "US-NJ",
    "louisiana": "US-LA",
    "minnesota": "US-MN",
    "minneapolis": "US-MN",
    "usa": "US",
    "united states": "US",
    "america": "US",
    "u.s.": "US",
    "estados unidos": "US",
    "ee. uu.": "US",
    "eeuu": "US",
    "ee.uu.": "US",
    "federal": "US",
    "eu": "EU",
    "european union": "EU",
    "europe": "EU",
    "union europea": "EU",
    "europa": "EU",
    "uk": "UK",
    "united kingdom": "UK",
    "britain": "UK",
    "great britain": "UK",
    "england": "UK",
    "wales": "UK",
    "london": "UK",
    "reino unido": "UK",
    "inglaterra": "UK",
    "londres": "UK",
}

# Places people ask about that the base has no article for, with the nearest code that still
# says something true there (federal rules in a US state, EU law in a member state).
UNCOVERED: dict[str, str] = (
    {
        name: "US"
        for name in (
            "texas",
            "tejas",
            "florida",
            "georgia",
            "atlanta",
            "ohio",
            "pennsylvania",
            "philadelphia",
            "arizona",
            "colorado",
            "denver",
            "washington state",
            "seattle",
            "los angeles",
            "virginia",
            "north carolina",
            "carolina del norte",
            "tennessee",
            "missouri",
            "utah",
            "nevada",
            "las vegas",
            "wisconsin",
            "indiana",
            "maryland",
            "baltimore",
            "kentucky",
            "alabama",
            "mississippi",
            "houston",
            "dallas",
            "austin",
            "miami",
            "puerto rico",
        )
    }
    | {
        name: "EU"
        for name in (
            "germany",
            "alemania",
            "france",
            "francia",
            "paris",
            "berlin",
            "spain",
            "espana",
            "madrid",
            "barcelona",
            "italy",
            "italia",
            "netherlands",
            "holanda",
            "greece",
            "grecia",
            "ireland",
            "irlanda",
            "poland",
            "belgium",
            "portugal",
            "sweden",
            "austria",
        )
    }
    | {
        name: "GLOBAL"
        for name in (
            "mexico",
            "canada",
            "brazil",
            "brasil",
            "colombia",
            "argentina",
            "chile",
            "peru",
            "venezuela",
            "cuba",
            "dominican republic",
            "republica dominicana",
            "ecuador",
            "guatemala",
            "honduras",
            "el salvador",
            "australia",
            "india",
            "china",
            "russia",
            "rusia",
            "japan",
            "japon",
            "turkey",
            "israel",
            "iran",
            "nigeria",
            "hong kong",
            "scotland",
            "escocia",
            "northern ireland",
        )
    }
)


@dataclass(frozen=True)
class PlaceMention:
    code: str | None  # jurisdiction to boost
    uncovered: str | None  # the name as typed, when the base does not cover that place


def _pattern(names: list[str]) -> re.Pattern[str]:
    ordered = sorted(names, key=len, reverse=True)
    return re.compile(r"(?<![\w.])(" + "|".join(re.escape(n) for n in ordered) + r")(?![\w])")


_COVERED = _pattern(list(COVERED))
_UNCOVERED = _pattern(list(UNCOVERED))


def find_place(question: str) -> PlaceMention:
    """The first place named in the question; uncovered places win (a warning matters more)."""
    text = fold(question)
    if match := _UNCOVERED.search(text):
        name = match.group(1)
        code = UNCOVERED[name]
        return PlaceMention(code=None if code == "GLOBAL" else code, uncovered=name.title())
    if match := _COVERED.search(text):
        return PlaceMention(code=COVERED[match.group(1)], uncovered=None)
    return PlaceMention(code=None, uncovered=None)


def without_uncovered_place(question: str) -> str:
    """The question without a place the base does not cover, for the encoder.

    Such a name cannot match any article, but it pulls the encoder toward passages that name
    other places; the place itself is handled by the reply's note, not by the topic match.
    """
    place = find_place(question)
    if place.uncovered is None:
        return question
    pattern = r"\b(?:in|en|of|de|from|desde)?\s*" + re.escape(place.uncovered) + r"\b"
    stripped = re.sub(pattern, " ", question, flags=re.IGNORECASE)
    return " ".join(stripped.split()) or question
