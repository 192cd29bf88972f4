"""The huey tasks of push delivery: deliver inbox entries, retry, announce new places.

Thin wrappers: the work is in `delivery` and `audience`. The periodic tasks (the
check-in planner, the sweeper of deferred pushes) are in `backend/tasks.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from backend.extensions import huey
from backend.notifications import audience, delivery

# Notifications per delivery task: a fan-out to 10,000 people is 20 tasks, which
# several worker threads (or processes) take on at once.
BATCH = 500


def schedule_retries(retries: Sequence[delivery.Retry]) -> None:
    """Put each retry on the queue, to run after its delay."""
    for item in retries:
        retry_push.schedule(
            args=(item.notification_id, item.subscription_id, item.attempt), delay=item.delay
        )


def deliver_soon(notification_ids: Sequence[int]) -> None:
    """Enqueue the push delivery of these inbox entries, in batches."""
    ids = list(notification_ids)
    for start in range(0, len(ids), BATCH):
        deliver_pushes(ids[start : start + BATCH])


@huey.task()
def deliver_pushes(notification_ids: list[int]) -> int:
    """Push a batch of inbox entries to their people's devices."""
    retries = delivery.deliver(notification_ids)
    schedule_retries(retries)
    return len(notification_ids)


@huey.task()
def retry_push(notification_id: int, subscription_id: int, attempt: int) -> int:
    """Try one push to one device again."""
    retries = delivery.retry(notification_id, subscription_id, attempt)
    schedule_retries(retries)
    return attempt


@huey.task()
def announce_vacancy(vacancy: dict[str, Any]) -> int:
    """Tell the people near a new open-hiring vacancy: "Nieuwe plek bij jou in de buurt"."""
    ids = audience.announce_vacancy(audience.NewVacancy.from_dict(vacancy))
    deliver_soon(ids)
    return len(ids)


@huey.task()
def announce_learning_offer(offer: dict[str, Any]) -> int:
    """Tell the people whose gap a new learning offer closes (at most one push a day)."""
    ids = audience.announce_learning_offer(audience.NewLearningOffer.from_dict(offer))
    deliver_soon(ids)
    return len(ids)
