"""The evaluation set: six personas, each with the vacancies around them, graded by hand.

Written from real ESCO occupations (by ESCO code) before the scores were looked at. Each
persona lives in another city (the cities are 40 km or more apart, further than anyone
here travels), so each sees only their own vacancies. A persona's skills are what the
selfie proposes from their experience: 80% of the essential skills of each occupation
they did (as if they confirmed most proposals).

Grades: 3 = what they look for and can do; 2 = a good fit (wished but less skilled, or
skilled but not wished); 1 = possible (nearby work with low barriers, little overlap);
0 = a poor fit (another trade, a much higher level). `None` = must not be shown at all
(a hard filter: outside the travel radius or no working day in common).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Vacancy:
    code: str  # ESCO occupation code
    label: str  # the Dutch ESCO label, for the reader
    postcode: str
    grade: int | None
    schedule: dict[str, list[str]] | None = None  # default: mon and wed mornings
    hours: int = 16
    education: str | None = None
    hiring_mode: str = "regular"


@dataclass(frozen=True)
class Persona:
    name: str
    postcode: str
    radius: int
    experience: tuple[str, ...]  # ESCO codes of work done
    wishes: tuple[str, ...]  # ESCO codes of work wanted
    kinds: tuple[str, ...]
    schedule: dict[str, list[str]]
    hours: tuple[int, int]
    education: str
    interests: str  # the RIASEC types they like most
    vacancies: list[Vacancy] = field(default_factory=list)


DAY = ["morning", "afternoon"]
WEEKDAYS = {d: DAY for d in ("mon", "tue", "wed", "thu", "fri")}

PERSONAS = [
    Persona(
        name="Fatima, kok in Rotterdam",
        postcode="3011",
        radius=10,
        experience=("5120.1",),
        wishes=("5120.1", "9412.1"),
        kinds=("job", "open_hiring"),
        schedule=WEEKDAYS,
        hours=(16, 24),
        education="MBO_2",
        interests="RA",
        vacancies=[
            Vacancy("5120.1", "kok", "3012", 3),
            Vacancy("9412.1", "keukenhulp", "3014", 2, hiring_mode="open"),
            Vacancy("7512.1", "bakker", "3021", 1),
            Vacancy("5132.1.1", "barista", "3032", 1),
            Vacancy("3343.1", "administratief medewerker", "3061", 0, education="MBO_4"),
            Vacancy("5120.1", "kok in Dordrecht, 17 km", "3311", None),
            Vacancy("5120.1", "kok in het weekend", "3071", None, schedule={"sat": ["evening"]}),
        ],
    ),
    Persona(
        name="Johan, magazijnmedewerker in Groningen",
        postcode="9711",
        radius=15,
        experience=("9333.8", "8344.1"),
        wishes=("9333.8", "9333.8.1"),
        kinds=("job",),
        schedule=WEEKDAYS,
        hours=(24, 40),
        education="VMBO_BB",
        interests="RC",
        vacancies=[
            Vacancy("9333.8.1", "orderpicker", "9712", 3, hours=32),
            Vacancy("9333.8", "magazijnmedewerker", "9713", 3, hours=24),
            Vacancy("8344.1", "heftruckchauffeur", "9722", 2, hours=32),
            Vacancy("8332.2", "vrachtwagenchauffeur", "9741", 1, hours=40),
            Vacancy("5230.1", "kassamedewerker in Hoogezand", "9601", 1),
            Vacancy("2221.2", "algemeen verpleegkundige", "9712", 0, education="BACHELOR_HBO"),
        ],
    ),
    Persona(
        name="Anouk, thuiszorgmedewerker in Utrecht",
        postcode="3511",
        radius=20,
        experience=("5322.1",),
        wishes=("5322.1", "3222.1"),
        kinds=("job",),
        schedule={d: ["morning"] for d in ("mon", "tue", "wed", "thu")},
        hours=(12, 20),
        education="MBO_2",
        interests="SC",
        vacancies=[
            Vacancy("5322.1", "thuiszorgmedewerker", "3512", 3),
            Vacancy("3222.1", "kraamverzorgende", "3521", 2, education="MBO_3"),
            Vacancy("2635.3.4", "helpende thuiszorg", "3531", 2),
            Vacancy("4226.1", "receptionist", "3581", 1),
            Vacancy("9112.2", "schoonmaker gebouwen in Nieuwegein", "3431", 1),
            Vacancy("7212.3", "lasser in Hilversum", "1211", 0),
        ],
    ),
    Persona(
        name="Mehmet, lasser in Eindhoven",
        postcode="5611",
        radius=15,
        experience=("7212.3",),
        wishes=("7212.3", "9329.1"),
        kinds=("job", "opdracht"),
        schedule=WEEKDAYS,
        hours=(32, 40),
        education="MBO_3",
        interests="RI",
        vacancies=[
            Vacancy("7212.3", "lasser", "5612", 3, hours=36),
            Vacancy("9329.1", "productiemedewerker", "5621", 2, hours=32),
            Vacancy("7231.10", "automonteur", "5641", 1, hours=32, education="MBO_3"),
            Vacancy("7234.1", "fietsenmaker", "5651", 1),
            Vacancy("5141.1", "kapper in Helmond", "5701", 0),
            Vacancy("5244.1", "callcentermedewerker", "5612", 0),
            Vacancy("7212.3", "lasser in Den Bosch, 31 km", "5211", None),
        ],
    ),
    Persona(
        name="Sanne, kassamedewerker in Zwolle",
        postcode="8011",
        radius=10,
        experience=("5230.1", "5244.1"),
        wishes=("4226.1", "3343.1"),
        kinds=("job",),
        schedule={d: DAY for d in ("mon", "wed", "fri")},
        hours=(8, 16),
        education="MBO_4",
        interests="CS",
        vacancies=[
            Vacancy("4226.1", "receptionist", "8012", 3),
            Vacancy("3343.1", "administratief medewerker", "8021", 3, education="MBO_4"),
            Vacancy("5230.1", "kassamedewerker", "8031", 2),
            Vacancy("5244.1", "callcentermedewerker", "8041", 2),
            Vacancy("6113.5", "hovenier", "8012", 0),
            Vacancy("7112.1", "metselaar", "8021", 0),
        ],
    ),
    Persona(
        name="Kees, hovenier in Maastricht",
        postcode="6211",
        radius=25,
        experience=("6113.5",),
        wishes=("6113.5",),
        kinds=("job", "volunteering", "open_hiring"),
        schedule={d: DAY for d in ("tue", "wed", "thu", "fri", "sat")},
        hours=(20, 32),
        education="VMBO_KB_GL_TL",
        interests="RI",
        vacancies=[
            Vacancy("6113.5", "hovenier", "6212", 3, schedule={"tue": DAY, "thu": DAY}),
            Vacancy("4412.2", "postbode", "6221", 1, schedule={"tue": DAY, "sat": DAY}),
            Vacancy("9331.1", "fietskoerier", "6229", 1, schedule={"wed": DAY}),
            Vacancy(
                "9112.2",
                "schoonmaker gebouwen in Valkenburg",
                "6301",
                1,
                schedule={"wed": DAY},
                hiring_mode="open",
            ),
            Vacancy(
                "2341.1",
                "leraar basisonderwijs in Heerlen",
                "6411",
                0,
                schedule={"wed": DAY, "thu": DAY},
                education="BACHELOR_HBO",
            ),
            Vacancy("6113.5", "hovenier op maandag", "6212", None, schedule={"mon": DAY}),
        ],
    ),
]
