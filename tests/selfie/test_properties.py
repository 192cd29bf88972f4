"""No acknowledged write is ever lost: two devices, random interleavings (hypothesis).

Two phones of one person edit the same selfie. Each keeps an outbox of writes, each with
its own Idempotency-Key and base version. In random order they write at once, queue
writes and flush them one by one or as a batch, replay writes they already sent (the
answer was lost), resend whole batches, write on stale versions and refresh.

After every step:
- every write that got a 2xx is the current state of its section, or one of its kept
  revisions (the last 20 before the current one), and no version was acknowledged with
  two different bodies;
- every refused write (412) got the server's copy, equal to what a GET returns;
- a replay got exactly the answer of the first time.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.selfie.conftest import Device, bearer_for

SECTIONS = ("basics", "wishes")
KEEP_PREVIOUS = 20


def payload(section: str, n: int, valid: bool = True) -> dict[str, Any]:
    if section == "basics":
        return {"display_name": f"w{n}"} if valid else {"birth_year": 3000}
    return {"learn_text": f"w{n}", "work_kinds": ["job"]} if valid else {"work_kinds": ["x"]}


@dataclass
class Op:
    key: str
    section: str
    base: int
    data: dict[str, Any]
    valid: bool = True
    answer: dict[str, Any] | None = None  # the first 2xx answer, to compare replays with

    def as_sync(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "section": self.section,
            "base_version": self.base,
            "data": self.data,
        }


@dataclass
class Phone:
    device: Device
    known: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SECTIONS, 0))
    outbox: list[Op] = field(default_factory=list)
    sent: list[Op] = field(default_factory=list)


class World:
    def __init__(self, phones: list[Phone]) -> None:
        self.phones = phones
        self.acked: dict[tuple[str, int], dict[str, Any]] = {}
        self.counter = 0

    def new_op(
        self, phone: Phone, section: str, *, base: int | None = None, valid: bool = True
    ) -> Op:
        self.counter += 1
        start = phone.known[section] if base is None else base
        return Op(str(uuid.uuid4()), section, start, payload(section, self.counter, valid), valid)

    # --- what the server answered -----------------------------------------------

    def check_current(self, section: str, current: dict[str, Any], *, in_batch: bool) -> None:
        device = self.phones[0].device
        got = device.get(section).get_json()
        if not in_batch or current["version"] == got["version"]:
            assert current == got, "a 412 must carry the server's copy"
            return
        # In a batch a later operation may have written the section after this one was
        # refused: the copy must then be the server's state at that moment, which is a
        # kept revision now.
        assert current["version"] < got["version"]
        revisions = device.client.get(
            f"/api/v1/selfie/sections/{section}/revisions", headers=device.headers
        ).get_json()
        kept = {r["version"]: r["data"] for r in revisions}
        assert kept.get(current["version"]) == current["data"], "a 412 must carry the server's copy"

    def answered(
        self,
        phone: Phone,
        op: Op,
        status: int,
        body: dict[str, Any],
        replayed: bool,
        *,
        in_batch: bool = False,
    ) -> None:
        if status == 200:
            if op.answer is not None:
                assert replayed, "a write sent again must be answered as a replay"
                assert body == op.answer, "a replay gets the stored answer"
            else:
                assert not replayed
                op.answer = body
                assert body["version"] == op.base + 1
                assert body["data"] == op.data
                key = (op.section, body["version"])
                assert self.acked.get(key, body["data"]) == body["data"], "version acked twice"
                self.acked[key] = body["data"]
            phone.known[op.section] = max(phone.known[op.section], body["version"])
        elif status == 412:
            assert op.answer is None, "an acknowledged write replays, never 412"
            self.check_current(op.section, body, in_batch=in_batch)
            phone.known[op.section] = body["version"]
        else:
            assert status == 422, (status, body)
            assert not op.valid, "only a wrong value is refused with 422"
        if op not in phone.sent:
            phone.sent.append(op)

    def put(self, phone: Phone, op: Op) -> None:
        resp = phone.device.put(op.section, op.data, version=op.base, key=op.key)
        body = resp.get_json()
        if resp.status_code == 412:
            body = body["current"]
        replayed = resp.headers.get("Idempotent-Replayed") == "true"
        self.answered(phone, op, resp.status_code, body, replayed)

    def batch(self, phone: Phone, ops: list[Op]) -> None:
        if not ops:
            return
        resp = phone.device.sync([o.as_sync() for o in ops])
        assert resp.status_code == 200
        results = resp.get_json()["results"]
        assert len(results) == len(ops)
        for op, result in zip(ops, results, strict=True):
            assert result["key"] == op.key
            self.answered(
                phone,
                op,
                result["status"],
                result["result"] or {},
                result["replayed"],
                in_batch=True,
            )

    # --- the guarantee --------------------------------------------------------------

    def check(self) -> None:
        device = self.phones[0].device
        for section in SECTIONS:
            current = device.get(section).get_json()
            revisions = {
                r["version"]: r["data"]
                for r in device.client.get(
                    f"/api/v1/selfie/sections/{section}/revisions", headers=device.headers
                ).get_json()
            }
            for (name, version), data in self.acked.items():
                if name != section:
                    continue
                assert version <= current["version"]
                if version == current["version"]:
                    assert data == current["data"], "the current state is not the acked write"
                elif version > current["version"] - KEEP_PREVIOUS - 1:
                    assert revisions.get(version) == data, f"acked {section} v{version} lost"


STEP = st.tuples(
    st.sampled_from(
        [
            "write",
            "queue",
            "flush_one",
            "flush_batch",
            "replay_put",
            "replay_batch",
            "stale",
            "invalid",
            "refresh",
        ]
    ),
    st.integers(0, 1),  # which phone
    st.sampled_from(SECTIONS),
    st.integers(1, 3),  # how stale
)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(steps=st.lists(STEP, min_size=1, max_size=25))
def test_no_acknowledged_write_is_lost(app: Flask, make_user: Any, steps: list[Any]) -> None:
    user = make_user("jobseeker")
    headers = bearer_for(app, user)
    phones = [Phone(Device(app.test_client(), headers)) for _ in range(2)]
    world = World(phones)
    for action, which, section, staleness in steps:
        phone = phones[which]
        if action == "write":
            world.put(phone, world.new_op(phone, section))
        elif action == "queue":
            op = world.new_op(phone, section)
            phone.outbox.append(op)
            phone.known[section] += 1  # the next queued write builds on this one
        elif action == "flush_one" and phone.outbox:
            world.put(phone, phone.outbox.pop(0))
        elif action == "flush_batch":
            ops, phone.outbox = phone.outbox, []
            world.batch(phone, ops)
        elif action == "replay_put" and phone.sent:
            world.put(phone, phone.sent[staleness % len(phone.sent)])
        elif action == "replay_batch" and phone.sent:
            world.batch(phone, phone.sent[-3:])  # a duplicate of (part of) a batch
        elif action == "stale":
            base = max(0, phone.known[section] - staleness)
            world.put(phone, world.new_op(phone, section, base=base))
        elif action == "invalid":
            world.put(phone, world.new_op(phone, section, valid=False))
        elif action == "refresh":
            phone.known[section] = phone.device.get(section).get_json()["version"]
        world.check()
