"""The O*NET interest profile (RIASEC, 1-7) of an ESCO occupation, by its ESCO code.

`data/interests/esco_code_riasec_from_onet.csv` holds mean O*NET interest scores for
ESCO occupation codes and ISCO unit groups (see DATA_LICENSES.md). An occupation without
its own row takes the nearest broader code's: 5120.1.4 → 5120.1 → 5120.
"""

from __future__ import annotations

import csv
from functools import cache

from backend.config import PROJECT_ROOT

DATA_FILE = PROJECT_ROOT / "data" / "interests" / "esco_code_riasec_from_onet.csv"
COLUMNS = ("Realistic", "Investigative", "Artistic", "Social", "Enterprising", "Conventional")
TYPES = ("R", "I", "A", "S", "E", "C")

Profile = tuple[float, float, float, float, float, float]


@cache
def _profiles() -> dict[str, Profile]:
    with DATA_FILE.open(encoding="utf-8", newline="") as fh:
        return {
            row["esco_code"]: (
                float(row[COLUMNS[0]]),
                float(row[COLUMNS[1]]),
                float(row[COLUMNS[2]]),
                float(row[COLUMNS[3]]),
                float(row[COLUMNS[4]]),
                float(row[COLUMNS[5]]),
            )
            for row in csv.DictReader(fh)
        }


@cache
def occupation_profile(code: str) -> Profile | None:
    """Return the interest scores (R, I, A, S, E, C; 1-7) for an ESCO code, or None."""
    profiles = _profiles()
    while code:
        found = profiles.get(code)
        if found is not None:
            return found
        if "." in code:
            code = code.rsplit(".", 1)[0]
        elif len(code) > 4:
            code = code[:4]
        else:
            return None
    return None
