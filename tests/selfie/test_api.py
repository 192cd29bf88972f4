"""The selfie through HTTP: sections, the sync protocol, validation, overview, CV."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from flask.testing import FlaskClient

from tests.conftest import csrf_headers
from tests.selfie.conftest import (
    KOK,
    UNKNOWN_ID,
    Device,
    complete_sections,
    new_key,
    riasec_answers,
)

JSON_RESUME_SCHEMA = Path(__file__).parent / "data" / "jsonresume-schema-1.3.1.json"


class TestSections:
    def test_a_new_section_is_version_0_and_empty(self, seeker: Device) -> None:
        resp = seeker.get("location")
        assert resp.status_code == 200
        assert resp.headers["ETag"] == '"0"'
        body = resp.get_json()
        assert body["version"] == 0
        assert body["status"] == "empty"
        assert body["data"] == {}
        assert "location.postcode" in body["missing"]

    def test_the_answer_is_what_the_schema_dumps(self, seeker: Device) -> None:
        # Sections are answered without a marshmallow dump (routes.section_response):
        # every section, empty and complete, written and read back, must be exactly what
        # SectionSchema makes of the same view.
        from backend.selfie import service
        from backend.selfie.schemas import SectionSchema

        def dumped(view: dict[str, Any]) -> Any:
            return json.loads(json.dumps(SectionSchema().dump(view)))

        for name, data in complete_sections().items():
            before = service.get_section(seeker.user.id, name)
            empty = seeker.get(name)
            written = seeker.put(name, data, version=0)
            after = service.get_section(seeker.user.id, name)
            read = seeker.get(name)
            assert written.status_code == 200, written.get_json()
            assert empty.get_json() == dumped(before)
            assert written.get_json() == read.get_json() == dumped(after)
            assert after["status"] == "complete"
            assert written.headers["ETag"] == read.headers["ETag"] == '"1"'

    def test_unknown_section_is_404(self, seeker: Device) -> None:
        assert seeker.get("hobbies").status_code == 404

    def test_only_jobseekers_have_a_selfie(self, client: FlaskClient, employer: Any) -> None:
        resp = client.get("/api/v1/selfie/sections/basics", headers=employer)
        assert resp.status_code == 403
        assert client.get("/api/v1/selfie").status_code == 401

    def test_first_write_then_conditional_writes(self, seeker: Device) -> None:
        resp = seeker.put("basics", {"display_name": "Sanne"}, version=0)
        assert resp.status_code == 200
        assert resp.headers["ETag"] == '"1"'
        body = resp.get_json()
        assert body["version"] == 1
        assert body["status"] == "draft"
        assert body["data"] == {"display_name": "Sanne"}
        assert "basics.preferred_language" in body["missing"]

        resp = seeker.put("basics", {"display_name": "Sanne", "preferred_language": "nl"})
        assert resp.status_code == 200
        assert resp.headers["ETag"] == '"2"'
        got = seeker.get("basics")
        assert got.headers["ETag"] == '"2"'
        assert got.get_json()["data"]["preferred_language"] == "nl"

    def test_missing_if_match_is_428(self, seeker: Device) -> None:
        resp = seeker.put("basics", {"display_name": "Sanne"}, version=None)
        assert resp.status_code == 428
        assert resp.get_json()["code"] == "precondition_required"
        assert seeker.get("basics").get_json()["version"] == 0

    def test_if_match_star_is_not_a_version(self, seeker: Device) -> None:
        resp = seeker.put("basics", {}, version=None, headers={"If-Match": "*"})
        assert resp.status_code == 428

    def test_stale_version_gets_412_with_the_servers_copy(self, seeker: Device) -> None:
        seeker.put("basics", {"display_name": "Sanne"}, version=0)
        seeker.put("basics", {"display_name": "Sanne B."}, version=1)
        resp = seeker.put("basics", {"display_name": "Oude naam"}, version=1)
        assert resp.status_code == 412
        body = resp.get_json()
        assert body["code"] == "precondition_failed"
        assert body["current"]["version"] == 2
        assert body["current"]["data"] == {"display_name": "Sanne B."}
        assert body["current"] == seeker.get("basics").get_json()  # ISO times, like a GET
        assert seeker.get("basics").get_json()["data"]["display_name"] == "Sanne B."

    def test_second_first_write_gets_412(self, seeker: Device) -> None:
        seeker.put("basics", {"display_name": "Sanne"}, version=0)
        resp = seeker.put("basics", {"display_name": "Ander"}, version=0)
        assert resp.status_code == 412
        assert resp.get_json()["current"]["data"] == {"display_name": "Sanne"}

    @pytest.mark.parametrize("etag", ['W/"1"', "1", '"abc"', '"99"'])
    def test_etag_forms(self, seeker: Device, etag: str) -> None:
        seeker.put("basics", {"display_name": "Sanne"}, version=0)
        resp = seeker.put("basics", {"display_name": "X"}, version=None, headers={"If-Match": etag})
        assert resp.status_code == (200 if etag in ('W/"1"', "1") else 412)

    def test_body_must_be_an_object(self, seeker: Device) -> None:
        resp = seeker.put("basics", ["Sanne"], version=0)
        assert resp.status_code == 422
        assert "basics" in resp.get_json()["errors"]

    def test_cookie_writes_need_the_csrf_header(self, client: FlaskClient, login: Any) -> None:
        login("jobseeker")
        url = "/api/v1/selfie/sections/basics"
        denied = client.put(url, json={}, headers={"If-None-Match": "*"})
        assert denied.status_code == 403
        ok = client.put(url, json={}, headers={"If-None-Match": "*", **csrf_headers(client)})
        assert ok.status_code == 200


class TestIdempotency:
    def test_a_replay_gets_the_stored_response(self, seeker: Device) -> None:
        key = new_key()
        first = seeker.put("basics", {"display_name": "Sanne"}, version=0, key=key)
        assert first.status_code == 200
        assert "Idempotent-Replayed" not in first.headers
        again = seeker.put("basics", {"display_name": "Sanne"}, version=0, key=key)
        assert again.status_code == 200
        assert again.headers["Idempotent-Replayed"] == "true"
        assert again.headers["ETag"] == '"1"'
        assert again.get_json() == first.get_json()
        assert seeker.get("basics").get_json()["version"] == 1  # written once

    def test_a_replay_after_later_writes_still_gets_its_own_answer(self, seeker: Device) -> None:
        key = new_key()
        first = seeker.put("basics", {"display_name": "A"}, version=0, key=key)
        seeker.put("basics", {"display_name": "B"}, version=1)
        again = seeker.put("basics", {"display_name": "A"}, version=0, key=key)
        assert again.status_code == 200
        assert again.get_json()["version"] == 1
        assert again.get_json()["data"] == first.get_json()["data"]
        assert seeker.get("basics").get_json()["data"] == {"display_name": "B"}

    def test_same_key_other_body_is_422(self, seeker: Device) -> None:
        key = new_key()
        seeker.put("basics", {"display_name": "Sanne"}, version=0, key=key)
        resp = seeker.put("basics", {"display_name": "Iemand anders"}, version=1, key=key)
        assert resp.status_code == 422
        assert resp.get_json()["code"] == "idempotency_key_reused"
        assert seeker.get("basics").get_json()["data"] == {"display_name": "Sanne"}

    def test_keys_are_per_user(self, app: Any, client: FlaskClient, make_user: Any) -> None:
        from tests.selfie.conftest import bearer_for

        key = new_key()
        one = Device(client, bearer_for(app, make_user("jobseeker")))
        two = Device(client, bearer_for(app, make_user("jobseeker")))
        assert one.put("basics", {"display_name": "Een"}, version=0, key=key).status_code == 200
        resp = two.put("basics", {"display_name": "Twee"}, version=0, key=key)
        assert resp.status_code == 200
        assert resp.get_json()["data"] == {"display_name": "Twee"}

    def test_a_refused_write_is_not_stored(self, seeker: Device) -> None:
        key = new_key()
        bad = seeker.put("availability", {"days_per_week": 0}, version=0, key=key)
        assert bad.status_code == 422
        # The same key may carry the corrected write: nothing was recorded for it.
        good = seeker.put("availability", {"days_per_week": 1}, version=0, key=key)
        assert good.status_code == 200

    @pytest.mark.parametrize("key", ["k" * 65, "met spatie", "sleutel\u00e9"])
    def test_a_key_must_be_printable_ascii(self, seeker: Device, key: str) -> None:
        resp = seeker.put("basics", {}, version=0, key=key)
        assert resp.status_code == 422
        assert "Idempotency-Key" in resp.get_json()["errors"]

    @pytest.mark.parametrize("header", ["If-Match", "If-None-Match"])
    def test_an_oversized_version_header_is_422_naming_it(
        self, seeker: Device, header: str
    ) -> None:
        resp = seeker.put(
            "basics", {"display_name": "Sanne"}, version=None, headers={header: "9" * 41}
        )
        assert resp.status_code == 422
        assert list(resp.get_json()["errors"]) == [header]
        assert seeker.get("basics").get_json()["version"] == 0


THIS_YEAR = date.today().year


@pytest.mark.parametrize(
    ("section", "data", "field"),
    [
        ("location", {"postcode": "1000"}, "location.postcode"),  # no such PC4 area
        ("location", {"postcode": "12"}, "location.postcode"),
        ("location", {"postcode": "1012 AB" * 10}, "location.postcode"),
        ("location", {"max_distance_km": 0}, "location.max_distance_km"),
        ("location", {"travel_modes": ["rocket"]}, "location.travel_modes.0"),
        ("availability", {"days_per_week": 0}, "availability.days_per_week"),
        ("availability", {"days_per_week": 8}, "availability.days_per_week"),
        ("availability", {"days_per_week": "2"}, "availability.days_per_week"),
        ("availability", {"constraints": "x" * 2001}, "availability.constraints"),
        ("availability", {"schedule": {"mon": ["night"]}}, "availability.schedule.mon.0"),
        ("availability", {"schedule": {"caturday": []}}, "availability.schedule.caturday"),
        (
            "availability",
            {"hours_per_week_min": 20, "hours_per_week_max": 10},
            "availability.hours_per_week_max",
        ),
        ("basics", {"birth_year": THIS_YEAR + 1}, "basics.birth_year"),
        ("basics", {"display_name": "x" * 61}, "basics.display_name"),
        ("basics", {"display_name": "nul\u0000byte"}, "basics.display_name"),
        (
            "experience",
            {"entries": [{"title": "ok"}, {"description": "bell\u0007"}]},
            "experience.entries.1.description",
        ),
        ("basics", {"nickname": "Sanne"}, "basics.nickname"),
        ("basics", {"contact_methods": ["app", "app"]}, "basics.contact_methods"),
        (
            "experience",
            {"entries": [{"occupation_id": UNKNOWN_ID}]},
            "experience.entries.0.occupation_id",
        ),
        (
            "experience",
            {"entries": [{"title": "ok"}, {"occupation_id": "not-a-uuid"}]},
            "experience.entries.1.occupation_id",
        ),
        (
            "experience",
            {"entries": [{"title": "x", "description": "y" * 2001}]},
            "experience.entries.0.description",
        ),
        (
            "experience",
            {"entries": [{"title": "x", "start": "2020-05", "end": "2019-01"}]},
            "experience.entries.0.end",
        ),
        ("experience", {"entries": [{"start": "2020-13"}]}, "experience.entries.0.start"),
        ("skills", {"entries": [{"skill_id": UNKNOWN_ID}]}, "skills.entries.0.skill_id"),
        ("skills", {"entries": [{"level": 5}]}, "skills.entries.0.level"),
        ("education", {"highest_level": "PHD_99"}, "education.highest_level"),
        ("education", {"diplomas": [{"level": "NOPE"}]}, "education.diplomas.0.level"),
        (
            "education",
            {"diplomas": [{"year": THIS_YEAR + 2, "completed": True}]},
            "education.diplomas.0.year",
        ),
        ("languages", {"dutch": {"speaking": "D1"}}, "languages.dutch.speaking"),
        ("languages", {"others": [{"language": "nl"}]}, "languages.others.0.language"),
        (
            "languages",
            {"others": [{"language": "en"}, {"language": "en"}]},
            "languages.others.1.language",
        ),
        ("wishes", {"occupation_ids": [KOK, UNKNOWN_ID]}, "wishes.occupation_ids.1"),
        ("wishes", {"work_kinds": ["crime"]}, "wishes.work_kinds.0"),
        ("interests", {"answers": {"X9": 3}}, "interests.answers.X9"),
        ("interests", {"answers": {"R1": 6}}, "interests.answers.R1"),
        ("interests", {"answers": {"R1": 0}}, "interests.answers.R1"),
        ("visibility", {"employers": "everyone"}, "visibility.employers"),
        ("visibility", {"shared_sections": ["visibility"]}, "visibility.shared_sections.0"),
    ],
)
def test_a_wrong_value_is_422_naming_the_field(
    seeker: Device, section: str, data: dict[str, Any], field: str
) -> None:
    seeker.put(section, {}, version=0)
    resp = seeker.put(section, data)
    assert resp.status_code == 422, resp.get_json()
    body = resp.get_json()
    assert body["code"] == "validation_error"
    assert field in body["errors"], body["errors"]
    assert field in body["message"]
    # Nothing stored is lost or changed.
    stored = seeker.get(section).get_json()
    assert stored["version"] == 1
    assert stored["data"] == {}


class TestDrafts:
    def test_an_incomplete_draft_is_kept_and_says_what_is_missing(self, seeker: Device) -> None:
        resp = seeker.put("availability", {"days_per_week": 3, "schedule": {"mon": ["morning"]}})
        body = resp.get_json()
        assert body["status"] == "draft"
        assert body["missing"] == [
            "availability.schedule",
            "availability.hours_per_week_min",
            "availability.hours_per_week_max",
        ]

    def test_pc6_is_reduced_to_pc4_and_the_region_is_derived(self, seeker: Device) -> None:
        body = seeker.put("location", {"postcode": "1012 ab"}).get_json()
        assert body["data"]["postcode"] == "1012"
        assert body["derived"]["region"]["place"]
        assert body["derived"]["region"]["region_name"]

    def test_nulls_mean_not_answered(self, seeker: Device) -> None:
        body = seeker.put("basics", {"display_name": "Sanne", "phone": None}).get_json()
        assert body["data"] == {"display_name": "Sanne"}

    def test_no_experience_completes_the_section(self, seeker: Device) -> None:
        assert seeker.put("experience", {"no_experience": True}).get_json()["status"] == "complete"

    def test_informal_experience_counts(self, seeker: Device) -> None:
        entry = {"title": "Mantelzorg", "kind": "informal", "start": "2020-01", "ongoing": True}
        assert seeker.put("experience", {"entries": [entry]}).get_json()["status"] == "complete"

    def test_interests_profile_once_every_type_has_four_answers(self, seeker: Device) -> None:
        partial = seeker.put("interests", {"answers": riasec_answers(4, per_type=3)}).get_json()
        assert partial["status"] == "draft"
        assert partial["derived"] == {}
        assert partial["missing"] == ["interests.answers"]
        answers = riasec_answers(2)
        answers["S1"] = 5
        full = seeker.put("interests", {"answers": answers}).get_json()
        assert full["status"] == "complete"
        profile = full["derived"]["profile"]
        assert profile["holland_code"][0] == "S"
        assert set(profile["scores"]) == set("RIASEC")

    def test_phone_contact_needs_a_phone_number(self, seeker: Device) -> None:
        body = seeker.put(
            "basics",
            {"display_name": "S", "preferred_language": "nl", "contact_methods": ["whatsapp"]},
        ).get_json()
        assert body["missing"] == ["basics.phone"]


class TestOverview:
    def test_empty_selfie(self, seeker: Device) -> None:
        body = seeker.client.get("/api/v1/selfie", headers=seeker.headers).get_json()
        assert body["status"] == "empty"
        assert body["completeness"] == 0
        assert [s["name"] for s in body["sections"]][:3] == ["basics", "location", "availability"]
        assert len(body["sections"]) == 10
        assert all(s["version"] == 0 for s in body["sections"])
        assert len(body["profile_id"]) >= 16

    def test_progress(self, seeker: Device) -> None:
        sections = complete_sections()
        seeker.fill({k: sections[k] for k in ("basics", "location", "availability")})
        seeker.put("skills", {"entries": []})
        body = seeker.client.get("/api/v1/selfie", headers=seeker.headers).get_json()
        assert body["status"] == "draft"
        assert body["completeness"] == 30
        by_name = {s["name"]: s for s in body["sections"]}
        assert by_name["basics"]["status"] == "complete"
        assert by_name["skills"]["status"] == "empty"
        assert by_name["skills"]["missing"] == ["skills.entries"]

    def test_all_complete(self, seeker: Device) -> None:
        seeker.fill(complete_sections())
        body = seeker.client.get("/api/v1/selfie", headers=seeker.headers).get_json()
        assert [s["missing"] for s in body["sections"]] == [[]] * 10
        assert body["status"] == "complete"
        assert body["completeness"] == 100


class TestRevisions:
    def test_the_last_20_earlier_versions_are_kept(self, seeker: Device) -> None:
        for n in range(25):
            assert seeker.put("basics", {"display_name": f"v{n + 1}"}).status_code == 200
        resp = seeker.client.get("/api/v1/selfie/sections/basics/revisions", headers=seeker.headers)
        assert resp.status_code == 200
        revisions = resp.get_json()
        assert [r["version"] for r in revisions] == list(range(24, 4, -1))
        assert revisions[0]["data"] == {"display_name": "v24"}

    def test_a_conflict_destroys_nothing(self, seeker: Device) -> None:
        seeker.put("basics", {"display_name": "telefoon"}, version=0)
        seeker.put("basics", {"display_name": "laptop"}, version=1)
        seeker.put("basics", {"display_name": "na merge"}, version=2)
        revisions = seeker.client.get(
            "/api/v1/selfie/sections/basics/revisions", headers=seeker.headers
        ).get_json()
        assert [r["data"]["display_name"] for r in revisions] == ["laptop", "telefoon"]


class TestSkillProposals:
    def url(self) -> str:
        return "/api/v1/selfie/skill-proposals"

    def test_essential_skills_of_experience_are_proposed(self, seeker: Device) -> None:
        from backend.taxonomy import service as taxonomy

        essential = {str(s.id) for s in taxonomy.get_occupation(KOK).essential_skills}
        assert seeker.client.get(self.url(), headers=seeker.headers).get_json() == []
        seeker.put("experience", {"entries": [{"occupation_id": KOK, "kind": "paid"}]})
        proposals = seeker.client.get(self.url(), headers=seeker.headers).get_json()
        assert {p["skill_id"] for p in proposals} == essential
        assert all(p["occupation_ids"] == [KOK] for p in proposals)

        confirm, reject = proposals[0]["skill_id"], proposals[1]["skill_id"]
        resp = seeker.put(
            "skills",
            {
                "entries": [{"skill_id": confirm, "level": 2, "source": "from_experience"}],
                "rejected_suggestions": [reject],
            },
        )
        assert resp.status_code == 200
        left = {p["skill_id"] for p in seeker.client.get(self.url(), headers=seeker.headers).json}
        assert left == essential - {confirm, reject}

    def test_the_answer_names_each_skill_in_dutch_and_english(self, seeker: Device) -> None:
        from backend.taxonomy import service as taxonomy

        skills = taxonomy.get_occupation(KOK).essential_skills[:2]
        entries = [{"skill_id": str(s.id), "level": 3} for s in skills]
        written = seeker.put("skills", {"entries": entries}).get_json()
        again = seeker.client.get("/api/v1/selfie/sections/skills", headers=seeker.headers)
        for answer in (written, again.get_json()):
            labels = answer["derived"]["skill_labels"]
            assert set(labels) == {str(s.id) for s in skills}
            for skill in skills:
                dutch = taxonomy.skill_labels([str(skill.id)])[str(skill.id)]
                english = taxonomy.skill_labels([str(skill.id)], english=True)[str(skill.id)]
                assert labels[str(skill.id)] == {"nl": dutch, "en": english}
        assert seeker.put("skills", {"entries": []}).get_json()["derived"] == {}

    def test_a_person_cannot_confirm_their_own_skill(self, seeker: Device) -> None:
        from backend.taxonomy import service as taxonomy

        skill = str(taxonomy.get_occupation(KOK).essential_skills[0].id)
        resp = seeker.put("skills", {"entries": [{"skill_id": skill, "source": "confirmed_by"}]})
        assert resp.status_code == 422
        assert "skills.entries.0.source" in resp.get_json()["errors"]


class TestInterestItems:
    @pytest.mark.parametrize("lang", ["nl", "en"])
    def test_48_items(self, seeker: Device, lang: str) -> None:
        resp = seeker.client.get(
            f"/api/v1/selfie/interest-items?lang={lang}", headers=seeker.headers
        )
        items = resp.get_json()
        assert len(items) == 48
        assert {i["type"] for i in items} == set("RIASEC")

    def test_dutch_and_english_differ(self, seeker: Device) -> None:
        get = seeker.client.get
        nl = get("/api/v1/selfie/interest-items?lang=nl", headers=seeker.headers).get_json()
        en = get("/api/v1/selfie/interest-items?lang=en", headers=seeker.headers).get_json()
        assert nl[0]["id"] == en[0]["id"] and nl[0]["text"] != en[0]["text"]


class TestCv:
    def test_only_complete_sections_are_shown(self, seeker: Device) -> None:
        sections = complete_sections()
        seeker.fill({"basics": sections["basics"], "location": {"postcode": "1012"}})
        cv = seeker.client.get("/api/v1/selfie/cv", headers=seeker.headers).get_json()
        assert cv["name"] == "Sanne"
        assert [s["section"] for s in cv["sections"]] == ["basics"]
        assert "location" in cv["not_yet_complete"]

    def test_labels_in_dutch_and_english(self, seeker: Device) -> None:
        seeker.fill(complete_sections())
        get = seeker.client.get
        nl = get("/api/v1/selfie/cv?lang=nl", headers=seeker.headers).get_json()
        en = get("/api/v1/selfie/cv?lang=en", headers=seeker.headers).get_json()
        assert nl["not_yet_complete"] == []
        assert [s["title"] for s in nl["sections"]][:2] == ["Over mij", "Waar ik woon"]
        assert [s["title"] for s in en["sections"]][:2] == ["About me", "Where I live"]
        nl_exp = next(s for s in nl["sections"] if s["section"] == "experience")
        en_exp = next(s for s in en["sections"] if s["section"] == "experience")
        assert nl_exp["lines"][0]["label"] == "kok"
        assert en_exp["lines"][0]["label"] == "cook"
        text = json.dumps(nl)
        assert "visibility" not in [s["section"] for s in nl["sections"]]
        assert "Sanne" in text and "mbo" in text.lower()

    def test_unknown_language_is_422(self, seeker: Device) -> None:
        resp = seeker.client.get("/api/v1/selfie/cv?lang=fr", headers=seeker.headers)
        assert resp.status_code == 422


class TestJsonResume:
    def validate(self, doc: dict[str, Any]) -> None:
        schema = json.loads(JSON_RESUME_SCHEMA.read_text())
        jsonschema.Draft7Validator.check_schema(schema)
        validator = jsonschema.Draft7Validator(
            schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
        )
        errors = sorted(validator.iter_errors(doc), key=str)
        assert not errors, [e.message for e in errors]
        # The schema allows extra members; we use only the ones it defines.
        assert set(doc) <= set(schema["properties"])

    def test_complete_selfie_is_a_valid_json_resume(self, seeker: Device) -> None:
        seeker.fill(complete_sections())
        doc = seeker.client.get("/api/v1/selfie/cv.json", headers=seeker.headers).get_json()
        self.validate(doc)
        assert doc["basics"]["name"] == "Sanne"
        assert doc["basics"]["location"]["postalCode"] == "1012"
        assert doc["work"][0]["position"] == "kok"
        assert doc["work"][0]["startDate"] == "2015-03"
        assert doc["projects"][0]["name"] == "Mantelzorg"
        assert len(doc["skills"]) == 2
        assert doc["languages"][0]["language"] == "Nederlands"
        assert doc["education"][0]["endDate"] == "2014"

    def test_empty_selfie_is_a_valid_json_resume(self, seeker: Device) -> None:
        doc = seeker.client.get("/api/v1/selfie/cv.json?lang=en", headers=seeker.headers)
        self.validate(doc.get_json())
