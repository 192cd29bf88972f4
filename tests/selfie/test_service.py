"""The selfie service without HTTP: rules, fingerprints, housekeeping, the export registry."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select, update

from backend import db
from backend.errors import InvalidFields, NotFound, PreconditionFailed, PreconditionRequired
from backend.selfie import export, sections, service
from backend.selfie.models import IdempotencyRecord
from backend.selfie.validation import clean_section, flatten_messages

pytestmark = pytest.mark.usefixtures("app")


class TestRules:
    def test_blank_data_is_empty(self) -> None:
        assert sections.assess("basics", {}).status == "empty"
        assert sections.assess("basics", {"contact_methods": []}).status == "empty"
        assert sections.assess("availability", {"schedule": {"mon": []}}).status == "empty"

    def test_schedule_must_offer_the_days(self) -> None:
        data = {
            "days_per_week": 2,
            "schedule": {"mon": ["morning"]},
            "hours_per_week_min": 4,
            "hours_per_week_max": 8,
        }
        assert sections.assess("availability", data).missing == ["availability.schedule"]
        data["schedule"]["tue"] = ["evening"]
        assert sections.assess("availability", data).status == "complete"

    def test_experience_entries_name_what_they_miss(self) -> None:
        result = sections.assess("experience", {"entries": [{"kind": "paid"}]})
        assert result.missing == [
            "experience.entries.0.occupation_id",
            "experience.entries.0.start",
            "experience.entries.0.end",
        ]

    def test_visibility_needs_an_explicit_choice(self) -> None:
        assert sections.assess("visibility", {"employers": "none"}).missing == [
            "visibility.statistics"
        ]
        assert sections.assess("visibility", {"employers": "none", "statistics": False}).status == (
            "complete"
        )

    def test_completeness(self) -> None:
        assert sections.completeness(["complete"] * 3 + ["draft"] * 7) == 30
        assert sections.overall_status(["empty"] * 10) == "empty"


class TestValidation:
    def test_flatten_nested_messages(self) -> None:
        messages = {
            "entries": {0: {"title": ["Too long."]}, 2: {"_schema": ["Bad."]}},
            "answers": {"R9": {"value": ["Not a number."]}},
        }
        assert flatten_messages(messages, "x") == {
            "x.entries.0.title": ["Too long."],
            "x.entries.2": ["Bad."],
            "x.answers.R9": ["Not a number."],
        }

    def test_every_problem_is_reported_at_once(self) -> None:
        with pytest.raises(InvalidFields) as caught:
            clean_section(
                "availability",
                {"days_per_week": 0, "hours_per_week_min": 99, "extra": 1},
                current={},
            )
        assert set(caught.value.errors or {}) == {
            "availability.days_per_week",
            "availability.hours_per_week_min",
            "availability.extra",
        }

    def test_dates_and_ids_are_stored_in_one_form(self) -> None:
        from tests.selfie.conftest import KOK

        clean = clean_section(
            "availability", {"start_date": "2030-01-31", "constraints": None}, current={}
        )
        assert clean == {"start_date": "2030-01-31"}
        wishes = clean_section("wishes", {"occupation_ids": [KOK.upper()]}, current={})
        assert wishes == {"occupation_ids": [KOK]}


class TestWrites:
    def test_a_put_and_a_sync_operation_have_the_same_fingerprint(self) -> None:
        a = service.fingerprint("basics", 3, {"b": 1, "a": [1, 2]})
        assert a == service.fingerprint("basics", 3, {"a": [1, 2], "b": 1})
        assert a != service.fingerprint("basics", 4, {"a": [1, 2], "b": 1})
        assert a != service.fingerprint("location", 3, {"a": [1, 2], "b": 1})

    def test_protocol_errors(self, make_user: Any) -> None:
        user = make_user()
        with pytest.raises(PreconditionRequired):
            service.put_section(user.id, "basics", {}, base_version=None)
        with pytest.raises(NotFound):
            service.put_section(user.id, "nope", {}, base_version=0)
        service.put_section(user.id, "basics", {"display_name": "A"}, base_version=0)
        with pytest.raises(PreconditionFailed) as caught:
            service.put_section(user.id, "basics", {"display_name": "B"}, base_version=0)
        assert caught.value.body["current"]["data"] == {"display_name": "A"}

    def test_old_idempotency_records_are_pruned(self, make_user: Any) -> None:
        user = make_user()
        service.put_section(user.id, "basics", {}, base_version=0, idempotency_key="old")
        service.put_section(user.id, "basics", {}, base_version=1, idempotency_key="new")
        with db.transaction() as session:
            session.execute(
                update(IdempotencyRecord)
                .where(IdempotencyRecord.key == "old")
                .values(created_at=db.utcnow() - service.IDEMPOTENCY_RETENTION - timedelta(1))
            )
        from backend import tasks

        assert tasks.prune_idempotency_records.call_local() == 1
        keys = db.read_session().scalars(select(IdempotencyRecord.key)).all()
        assert keys == ["new"]

    def test_a_profile_id_is_made_once(self, make_user: Any) -> None:
        from backend.selfie.models import SelfieProfile

        user = make_user()
        first = service.get_overview(user.id)["profile_id"]
        service.put_section(user.id, "basics", {}, base_version=0)
        assert service.get_overview(user.id)["profile_id"] == first
        count = db.read_session().scalar(select(func.count()).select_from(SelfieProfile))
        assert count == 1


class TestExportRegistry:
    def test_domains_add_themselves(self, make_user: Any) -> None:
        assert {"account", "selfie"} <= set(export.exporters())

        @export.register_exporter("test_domain")
        def export_test(user_id: int) -> dict[str, int]:
            return {"user": user_id}

        try:
            user = make_user()
            assert service.export_me(user.id)["data"]["test_domain"] == {"user": user.id}
            with pytest.raises(ValueError, match="already registered"):
                export.register_exporter("test_domain")(lambda _uid: None)
        finally:
            export._EXPORTERS.pop("test_domain")
