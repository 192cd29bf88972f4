"""Spread the attention: damp vacancies where many people already compete for few places.

The rule. A vacancy's pressure is the number of people per place:
- open hiring: the people waiting on its list (waiting, paused or offered) per place;
- every vacancy: the people in its labour market region whose wishes name its
  occupation, per open place of that occupation in the region (the periodic task
  `refresh_pressure` counts both);
the higher of the two counts. Up to FREE_PER_PLACE people per place nothing changes.
Above it, the ranking multiplies the match score by sqrt(FREE_PER_PLACE / pressure),
never by less than FLOOR: 20 people per place halve it (the floor), 10 per place give
0.71. The shown fit (`score`) stays the same; only the order changes, and the match
says why ("Er staan al 40 mensen op de lijst voor 2 plekken").

So a very good match on a crowded list still shows, but a good match on a quiet one
comes first, and not everyone is sent to the same few popular vacancies.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

FREE_PER_PLACE = 5
FLOOR = 0.5


@dataclass(frozen=True)
class Attention:
    factor: float
    nl: str
    en: str


def damping(pressure: float) -> float:
    """Return the factor for a pressure (people per place): 1 up to FREE_PER_PLACE."""
    if pressure <= FREE_PER_PLACE:
        return 1.0
    return max(FLOOR, math.sqrt(FREE_PER_PLACE / pressure))


def attention(
    *, places: int, queue: int = 0, region_people: int = 0, region_places: int = 0
) -> Attention | None:
    """Return the damping of one vacancy with its reason, or None when it is not crowded."""
    queue_pressure = queue / max(places, 1)
    region_pressure = region_people / max(region_places, 1) if region_people else 0.0
    pressure = max(queue_pressure, region_pressure)
    factor = damping(pressure)
    if factor >= 1.0:
        return None
    if queue_pressure >= region_pressure:
        plural_nl = "plek" if places == 1 else "plekken"
        plural_en = "place" if places == 1 else "places"
        return Attention(
            factor,
            f"Er staan al {queue} mensen op de lijst voor {places} {plural_nl}.",
            f"{queue} people are already on the list for {places} {plural_en}.",
        )
    plural_nl = "plek" if region_places == 1 else "plekken"
    plural_en = "place" if region_places == 1 else "places"
    return Attention(
        factor,
        f"In deze regio zoeken {region_people} mensen dit werk, voor {region_places} {plural_nl}.",
        f"In this region {region_people} people look for this work, "
        f"for {region_places} {plural_en}.",
    )
