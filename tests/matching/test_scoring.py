"""The pure scoring functions: each component, the hard filters, the total."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backend.matching import scoring
from backend.matching.scoring import Job, Person

PERSON = Person(
    lat=52.37,
    lon=4.89,
    max_distance_km=15,
    days_mask=0b0000101,
    slots_mask=scoring.slots_mask({"mon": ["morning", "afternoon"], "wed": ["morning"]}),
    hours_min=8,
    hours_max=16,
    skill_ids=frozenset({"a", "b"}),
    education_eqf=2,
    birth_year=1990,
    wished_occupation_ids=("kok",),
    wished_isco_groups=frozenset({"5120"}),
    wished_labels=(("kok", "cook"),),
    work_kinds=frozenset({"job"}),
    riasec={"R": 90, "I": 20, "A": 40, "S": 70, "E": 30, "C": 10},
)
JOB = Job(
    id=1,
    occupation_id="kok",
    isco_group="5120",
    occupation_label=("kok", "cook"),
    work_kind="job",
    slots_mask=scoring.slots_mask({"mon": ["morning"], "wed": ["morning"]}),
    hours_per_week=16,
    distance_km=3.0,
    essential_total=4,
    essential_have=2,
    optional_total=10,
    optional_have=1,
    education_eqf=2,
    education_name=("mbo 2", "MBO level 2"),
    interest_profile=(6.0, 2.0, 3.0, 5.0, 3.0, 2.0),
)


class TestComponents:
    def test_essential_skills(self) -> None:
        c = scoring.essential_skills(5, 7)
        assert c.score == pytest.approx(5 / 7)
        assert c.nl == "Je hebt 5 van de 7 vaardigheden die nodig zijn."
        assert c.en == "You have 5 of the 7 skills that are needed."
        assert scoring.essential_skills(0, 0).score == 1.0
        assert scoring.essential_skills(5, 7, employer=True).nl.startswith("Heeft 5 van de 7")

    def test_optional_skills_are_enough_from_five(self) -> None:
        assert scoring.optional_skills(5, 20).score == 1.0
        assert scoring.optional_skills(2, 20).score == pytest.approx(0.4)
        assert scoring.optional_skills(2, 2).score == 1.0
        assert scoring.optional_skills(0, 0).score is None

    def test_distance(self) -> None:
        assert scoring.distance(0, 10).score == 1.0
        assert scoring.distance(10, 10).score == pytest.approx(scoring.DISTANCE_EDGE)
        assert scoring.distance(5, 10).score == pytest.approx(1 - 0.75 / 2)
        assert scoring.distance(6.4, 15).nl == (
            "Je woont 6 km van deze plek. Je wilt tot 15 km reizen."
        )
        assert scoring.distance(0.3, 15).en.startswith("You live less than 1 km")
        # An employer learns the distance in steps of 5 km only.
        assert scoring.distance(6.4, 15, employer=True).nl == "Woont binnen 10 km."
        assert scoring.distance(0.2, 15, employer=True).en == "Lives within 5 km."

    def test_availability_part_time_counts_fully(self) -> None:
        person = scoring.slots_mask({"mon": ["morning"], "tue": ["morning"]})
        job = scoring.slots_mask({"mon": ["morning"], "tue": ["morning"], "wed": ["morning"]})
        c = scoring.availability(person, job, 16, 24, 8)
        assert c.score == pytest.approx(0.6 * 2 / 3 + 0.4)  # 8 < 16 hours: full marks
        assert c.nl == (
            "Je kunt op 2 van de 3 dagdelen werken. Het werk is 8 uur per week. "
            "Dat is minder dan je wilt, maar elke betaalde dag telt."
        )
        too_long = scoring.availability(person, job, 16, 24, 36)
        assert too_long.score == pytest.approx(0.6 * 2 / 3 + 0.4 * 24 / 36)
        assert scoring.availability(0, job, None, None, 8).score is None

    def test_education(self) -> None:
        name = ("mbo 3", "MBO level 3")
        assert scoring.education(3, 3, name).score == 1.0
        assert scoring.education(4, 3, name).score == 1.0
        assert scoring.education(2, 3, name).score == 0.6
        assert scoring.education(1, 3, name).score == 0.25
        assert scoring.education(None, 3, name).score is None
        assert scoring.education(None, None, None).score == 1.0
        assert scoring.education(2, 3, name).nl == (
            "Voor dit werk is mbo 3 nodig. Jouw niveau is 1 lager."
        )

    def test_wishes(self) -> None:
        assert scoring.wishes(PERSON, JOB).score == 1.0
        similar = replace(JOB, occupation_id="dieetkok", occupation_label=("dieetkok", "diet cook"))
        assert scoring.wishes(PERSON, similar).score == pytest.approx(0.75 * 0.6 + 0.25)
        other = replace(JOB, occupation_id="kapper", isco_group="5141", work_kind="open_hiring")
        c = scoring.wishes(PERSON, other)
        assert c.score == 0.0
        assert c.nl == "Dit is ander werk dan je zoekt (kok). Dit is open hiring; dat zoek je niet."
        assert scoring.wishes(Person(), JOB).score is None

    def test_interests(self) -> None:
        fit = scoring.interests(PERSON.riasec, JOB.interest_profile)
        assert fit.score is not None and fit.score > 0.75
        assert fit.nl == "Dit werk is vooral praktisch en sociaal. Dat past goed bij je interesses."
        opposite = (1.0, 6.0, 5.0, 1.0, 4.0, 6.0)
        misfit = scoring.interests(PERSON.riasec, opposite)
        assert misfit.score is not None and misfit.score < 0.5
        assert scoring.interests(None, JOB.interest_profile).score is None
        assert scoring.interests(PERSON.riasec, None).score is None
        flat = dict.fromkeys("RIASEC", 50.0)
        assert scoring.interests(flat, JOB.interest_profile).score is None


class TestHardFilters:
    def test_each_filter(self) -> None:
        assert scoring.hard_filters(PERSON, JOB, this_year=2026, radius_km=15) == []
        far = replace(JOB, distance_km=16)
        assert scoring.hard_filters(PERSON, far, this_year=2026, radius_km=15) == [
            "outside_travel_radius"
        ]
        friday = replace(JOB, slots_mask=scoring.slots_mask({"fri": ["morning"]}))
        assert scoring.hard_filters(PERSON, friday, this_year=2026, radius_km=15) == [
            "no_common_day"
        ]
        adults = replace(JOB, min_age=18)
        young = replace(PERSON, birth_year=2010)
        assert scoring.hard_filters(young, adults, this_year=2026, radius_km=15) == [
            "below_minimum_age"
        ]
        unknown_age = replace(PERSON, birth_year=None)
        assert scoring.hard_filters(unknown_age, adults, this_year=2026, radius_km=15) == []


class TestTotal:
    def test_unknown_components_do_not_count(self) -> None:
        values = {"essential_skills": 0.5, "interests": None}
        assert scoring.weighted(values) == pytest.approx(0.5)
        assert scoring.weighted({}) == 0.0

    def test_the_explained_total_is_the_ranking_total(self) -> None:
        explained = scoring.explain(PERSON, JOB, radius_km=15)
        assert explained.total == pytest.approx(scoring.fit(PERSON, JOB, radius_km=15))
        assert [c.name for c in explained.components] == list(scoring.WEIGHTS)

    @settings(max_examples=200, deadline=None)
    @given(
        have=st.integers(0, 10),
        extra=st.integers(0, 10),
        km=st.floats(0, 15),
        hours=st.integers(1, 60),
        slots=st.integers(0, 2**21 - 1),
        eqf=st.one_of(st.none(), st.integers(1, 8)),
        required=st.one_of(st.none(), st.integers(1, 8)),
        only=st.sets(st.sampled_from(scoring.ALL_COMPONENTS)),
    )
    def test_fit_and_explain_agree(
        self,
        have: int,
        extra: int,
        km: float,
        hours: int,
        slots: int,
        eqf: int | None,
        required: int | None,
        only: set[str],
    ) -> None:
        person = replace(PERSON, slots_mask=slots, education_eqf=eqf)
        job = replace(
            JOB,
            essential_total=have + extra,
            essential_have=have,
            distance_km=km,
            hours_per_week=hours,
            education_eqf=required,
        )
        fit = scoring.fit(person, job, radius_km=15, only=only)
        explained = scoring.explain(person, job, radius_km=15, only=only)
        assert fit == pytest.approx(explained.total)
        assert 0.0 <= fit <= 1.0
        for component in explained.components:
            assert component.nl and component.en
            assert component.score is None or 0.0 <= component.score <= 1.0


def test_schedules_as_masks() -> None:
    mask = scoring.slots_mask({"mon": ["morning"], "sun": ["evening"], "xyz": ["morning"]})
    assert mask == 1 | 1 << 20
    assert scoring.days_of_slots(mask) == 1 | 1 << 6
    assert scoring.slots_mask(None) == 0
