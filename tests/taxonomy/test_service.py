"""The taxonomy service: autocomplete, occupation detail, places and levels."""

from __future__ import annotations

import uuid

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from backend import db
from backend.errors import InvalidInput, NotFound
from backend.taxonomy import service
from backend.taxonomy.models import CbsLevel, OccupationSkill, Relation, Skill

pytestmark = pytest.mark.usefixtures("app")

KOK = uuid.UUID("90f75f67-495d-49fa-ab57-2f320e251d7e")
HEFTRUCKCHAUFFEUR = "heftruckchauffeur"


def labels(query: str, limit: int = 10) -> list[str]:
    return [match.label for match in service.search_occupations(query, limit=limit)]


class TestOccupationSearch:
    def test_kok_comes_first(self) -> None:
        results = service.search_occupations("kok")
        assert results[0].label == "kok"
        assert results[0].id == KOK
        assert results[0].code == "5120.1"
        assert results[0].matched_label is None

    def test_verpleegkundige_finds_the_nursing_occupations(self) -> None:
        found = labels("verpleegkundige", 50)
        for nurse in (
            "algemeen verpleegkundige",
            "gespecialiseerd verpleegkundige",
            "leidinggevend verpleegkundige",
            "ambulanceverpleegkundige",
        ):
            assert nurse in found
        assert found[0].endswith("verpleegkundige")

    def test_a_typo_still_finds_the_occupation(self) -> None:
        assert labels("heftruk")[0] == HEFTRUCKCHAUFFEUR
        assert "programmeur" in " ".join(labels("programeur"))

    def test_accents_do_not_matter(self) -> None:
        assert "privédetective" in labels("privedetective")
        assert labels("prive", 50) == labels("privé", 50)
        cafe = service.search_occupations("cafe", limit=50)
        assert any("café" in (m.matched_label or m.label) for m in cafe)

    def test_english_labels_match_and_say_which_label_matched(self) -> None:
        cook = service.search_occupations("cook")[0]
        assert (cook.id, cook.label, cook.matched_label) == (KOK, "kok", "cook")

    def test_alternative_labels_match(self) -> None:
        results = service.search_occupations("vorkheftruckchauffeur")
        assert results[0].label == HEFTRUCKCHAUFFEUR
        assert results[0].matched_label == "vorkheftruckchauffeur"

    def test_prefix_of_any_word(self) -> None:
        assert "algemeen verpleegkundige" in labels("verpleeg", 50)
        assert "software ontwikkelaar" in labels("software ontw")
        assert "software ontwikkelaar" in labels("ontw software", 50)

    def test_preferred_labels_rank_before_alternative_ones(self) -> None:
        # "chef" starts preferred labels, and is an alternative label of "kok".
        results = service.search_occupations("chef", limit=50)
        assert results[0].label == "chef"
        ids = [m.id for m in results]
        preferred = [
            i
            for i, m in enumerate(results)
            if m.matched_label is None and any(w.startswith("chef") for w in m.label.split())
        ]
        assert len(preferred) > 3
        assert max(preferred) < ids.index(KOK)

    @pytest.mark.parametrize("limit", [1, 7, 50])
    def test_limit_caps_the_results(self, limit: int) -> None:
        assert len(service.search_occupations("a", limit=limit)) == limit

    @pytest.mark.parametrize(
        ("query", "limit", "field"),
        [
            ("", 10, "q"),
            ("   ", 10, "q"),
            ("x" * 101, 10, "q"),
            ("kok", 0, "limit"),
            ("kok", 51, "limit"),
        ],
    )
    def test_bad_arguments_name_the_field(self, query: str, limit: int, field: str) -> None:
        with pytest.raises(InvalidInput) as info:
            service.search_occupations(query, limit=limit)
        assert info.value.errors is not None
        assert field in info.value.errors

    @settings(max_examples=150, deadline=None)
    @given(st.text(min_size=1, max_size=40).filter(str.strip), st.integers(1, 50))
    def test_any_text_is_a_valid_query(self, query: str, limit: int) -> None:
        for search_ in (service.search_occupations, service.search_skills):
            results = search_(query, limit=limit)
            assert len(results) <= limit
            assert len({r.id for r in results}) == len(results)

    def test_nothing_found_is_an_empty_list(self) -> None:
        assert service.search_occupations("qqqqxxxzzz") == []
        assert service.search_occupations("%_*") == []


class TestSkillSearch:
    def test_dutch_label_where_esco_has_one(self) -> None:
        results = service.search_skills("nederlands")
        assert results[0].label == "Nederlands"
        assert results[0].matched_label is None

    def test_english_label_as_fallback(self) -> None:
        results = service.search_skills("manage musical staff")
        assert results[0].label == "manage musical staff"
        skill = db.read_session().get(Skill, results[0].id)
        assert skill is not None and skill.label_nl is None

    def test_english_query_finds_a_skill_with_a_dutch_label(self) -> None:
        results = service.search_skills("english", limit=50)
        engels = [m for m in results if m.label == "Engels"]
        assert engels and engels[0].matched_label is not None

    def test_dutch_labels_rank_before_english_ones(self) -> None:
        results = service.search_skills("communic", limit=20)
        skills = {s.id: s for s in db.read_session().scalars(select(Skill)).all() if s.label_nl}
        flags = [m.id in skills for m in results]
        assert flags[0] and flags == sorted(flags, reverse=True)

    def test_bad_arguments_name_the_field(self) -> None:
        with pytest.raises(InvalidInput):
            service.search_skills("", limit=10)


class TestOccupationDetail:
    def test_kok_with_essential_and_optional_skills(self) -> None:
        kok = service.get_occupation(KOK)
        assert kok.label == "kok" and kok.label_en == "cook" and kok.code == "5120.1"
        assert kok.isco_group == "5120"
        assert "chef-kok" in kok.alt_labels
        session = db.read_session()
        for relation, skills in (
            (Relation.ESSENTIAL, kok.essential_skills),
            (Relation.OPTIONAL, kok.optional_skills),
        ):
            expected = session.scalar(
                select(func.count())
                .select_from(OccupationSkill)
                .where(OccupationSkill.occupation_id == KOK, OccupationSkill.relation == relation)
            )
            assert len(skills) == expected > 0
            assert all(skill.label for skill in skills)
        assert not {s.id for s in kok.essential_skills} & {s.id for s in kok.optional_skills}

    def test_skill_labels_fall_back_to_english(self) -> None:
        kok = service.get_occupation(str(KOK))
        by_id = {s.id: s for s in db.read_session().scalars(select(Skill)).all()}
        for summary in kok.essential_skills + kok.optional_skills:
            skill = by_id[summary.id]
            assert summary.label == (skill.label_nl or skill.label_en)

    @pytest.mark.parametrize("bad", [uuid.uuid4(), "not-a-uuid", ""])
    def test_unknown_or_malformed_id_is_not_found(self, bad: uuid.UUID | str) -> None:
        with pytest.raises(NotFound):
            service.get_occupation(bad)

    def test_exists_checks(self) -> None:
        assert service.occupation_exists(KOK)
        assert service.occupation_exists(str(KOK))
        assert not service.occupation_exists(uuid.uuid4())
        assert not service.occupation_exists("nope")
        skill_id = service.get_occupation(KOK).essential_skills[0].id
        assert service.skill_exists(skill_id)
        assert service.skill_exists(str(skill_id))
        assert not service.skill_exists(KOK)
        assert not service.skill_exists("12345")


class TestSkillLabels:
    def test_dutch_else_english_for_known_ids(self) -> None:
        session = db.read_session()
        dutch = session.scalars(select(Skill).where(Skill.label_nl.is_not(None)).limit(1)).one()
        english = session.scalars(select(Skill).where(Skill.label_nl.is_(None)).limit(1)).one()
        ids = [str(dutch.id), str(english.id), "not-a-uuid", str(uuid.uuid4())]
        assert service.skill_labels(ids) == {
            str(dutch.id): dutch.label_nl,
            str(english.id): english.label_en,
        }
        assert service.skill_labels([str(dutch.id)], english=True) == {
            str(dutch.id): dutch.label_en
        }
        assert service.skill_labels([]) == {}


class TestPostcodes:
    @pytest.mark.parametrize(
        ("raw", "expected"),
        [
            ("1011", "1011"),
            ("1011AB", "1011"),
            ("1011 ab", "1011"),
            (" 1011  Ab ", "1011"),
            ("0999", None),
            ("101", None),
            ("10111", None),
            ("1011 A", None),
            ("1011ABC", None),
            ("abcd", None),
            ("", None),
        ],
    )
    def test_normalise_postcode(self, raw: str, expected: str | None) -> None:
        assert service.normalise_postcode(raw) == expected

    def test_find_postcode_with_municipality_and_region(self) -> None:
        place = service.find_postcode("1011 AB")
        assert place is not None
        assert place.pc4 == "1011" and place.place == "Amsterdam"
        assert (place.municipality.code, place.municipality.name) == ("0363", "Amsterdam")
        assert (place.region.code, place.region.name) == ("AM18", "Groot Amsterdam")
        assert place.province == "Noord-Holland"
        assert 52 < place.lat < 53 and 4 < place.lon < 6

    def test_unknown_and_malformed_postcodes(self) -> None:
        assert service.find_postcode("1000") is None
        assert service.find_postcode("hello") is None
        with pytest.raises(NotFound):
            service.get_postcode("1000")
        with pytest.raises(InvalidInput) as info:
            service.get_postcode("12345")
        assert info.value.errors == {"postcode": [service.POSTCODE_HINT]}


class TestRegionsAndLevels:
    def test_35_regions_cover_all_municipalities(self) -> None:
        regions = service.list_regions()
        assert len(regions) == 35
        assert sum(r.municipality_count for r in regions) == 342
        assert all(r.municipality_count > 0 for r in regions)
        assert [r.code for r in regions] == sorted(r.code for r in regions)

    def test_education_levels_from_low_to_high(self) -> None:
        levels = service.list_education_levels()
        assert len(levels) == 15
        assert levels[0].code == "VMBO_BB"
        assert [lv.eqf for lv in levels] == sorted(lv.eqf for lv in levels)
        mbo2 = next(lv for lv in levels if lv.code == "MBO_2")
        assert (mbo2.nlqf, mbo2.eqf, mbo2.cbs_level) == ("2", 2, CbsLevel.MIDDELBAAR)
        vwo = next(lv for lv in levels if lv.code == "VWO")
        assert vwo.nlqf == "4+"

    def test_education_level_exists(self) -> None:
        assert service.education_level_exists("MBO_2")
        assert not service.education_level_exists("mbo_2")
        assert not service.education_level_exists("PHD")
