"""The local push service checks what it must on every message, on both of its servers,
also when it decrypts only a sample (the benchmark's `check_every`)."""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from flask import Flask

from backend.notifications import sender
from tests.notifications.push_service import LocalPushService


@pytest.fixture(params=["threading", "aiohttp"])
def sampling_service(request: pytest.FixtureRequest, app: Flask) -> Iterator[LocalPushService]:
    # Decrypt one message in 1,000: the other checks must still run on every message.
    with LocalPushService(check_every=1000, server=request.param) as service:
        yield service


def _message(service: LocalPushService) -> tuple[sender.PushMessage, str]:
    device = service.new_device()
    keys = device.subscription_json()["keys"]
    message = sender.PushMessage(
        device.endpoint, keys["p256dh"], keys["auth"], b'{"n": 1}', 60, "normal"
    )
    return message, device.token


def _post(url: str, body: bytes, headers: dict[str, str]) -> int:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def _headers(authorization: str, **more: str) -> dict[str, str]:
    return {
        "Authorization": authorization,
        "TTL": "60",
        "Urgency": "normal",
        "Content-Encoding": "aes128gcm",
        **more,
    }


def test_a_sample_is_decrypted_and_every_message_counted(
    sampling_service: LocalPushService,
) -> None:
    sampling_service.check_every = 3
    messages = [_message(sampling_service)[0] for _ in range(6)]
    results = sender.send_all(messages)
    assert [r.status for r in results] == [201] * 6
    assert sampling_service.arrived == 6
    assert len(sampling_service.received) == 2  # the 3rd and the 6th
    assert all(r.message == {"n": 1} for r in sampling_service.received)
    assert sampling_service.rejected == []


def test_a_forged_vapid_signature_is_refused_without_decryption(
    sampling_service: LocalPushService,
) -> None:
    message, token = _message(sampling_service)
    good = sender.vapid_header(sampling_service.origin)
    # The first use of the real header passes (and is remembered as verified)...
    assert _post(message.endpoint, sender.encrypt(message), _headers(good)) == 201
    # ...a token whose signature is changed is verified again, and refused.
    parts = dict(p.strip().split("=", 1) for p in good.removeprefix("vapid ").split(","))
    head, claims, signature = parts["t"].split(".")
    k = parts["k"]
    raw = bytearray(base64.urlsafe_b64decode(signature + "=="))
    raw[5] ^= 0xFF
    forged_sig = base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()
    forged = f"vapid t={head}.{claims}.{forged_sig}, k={k}"
    assert _post(message.endpoint, sender.encrypt(message), _headers(forged)) == 403
    # Claims changed under the old signature do not verify either.
    other = json.loads(base64.urlsafe_b64decode(claims + "=="))
    other["sub"] = "mailto:someone@else.example"
    claims2 = base64.urlsafe_b64encode(json.dumps(other).encode()).rstrip(b"=").decode()
    swapped = f"vapid t={head}.{claims2}.{signature}, k={k}"
    assert _post(message.endpoint, sender.encrypt(message), _headers(swapped)) == 403
    assert [r.reason for r in sampling_service.rejected] == [
        "the signature does not verify with k"
    ] * 2
    assert sampling_service.arrived == 3
    assert sampling_service.received == []  # nothing was decrypted
    assert {r.token for r in sampling_service.rejected} == {token}


def test_a_verified_header_is_still_checked_for_its_audience_and_headers(
    sampling_service: LocalPushService,
) -> None:
    message, _token = _message(sampling_service)
    body = sender.encrypt(message)
    elsewhere = sender.vapid_header("https://fcm.googleapis.com")
    assert _post(message.endpoint, body, _headers(elsewhere)) == 403
    good = sender.vapid_header(sampling_service.origin)
    no_ttl = _headers(good)
    del no_ttl["TTL"]
    assert _post(message.endpoint, body, no_ttl) == 400
    assert _post(message.endpoint, body, _headers(good, Urgency="urgent")) == 400
    assert _post(message.endpoint, body, _headers(good, Topic="not a topic!")) == 400
    wrong_encoding = _headers(good, **{"Content-Encoding": "aesgcm"})
    assert _post(message.endpoint, body, wrong_encoding) == 400
    # Not an aes128gcm body with the sender's P-256 key id.
    assert _post(message.endpoint, bytes(len(body)), _headers(good)) == 403
    assert _post(message.endpoint, body, _headers(good)) == 201
    reasons = [r.reason for r in sampling_service.rejected]
    assert len(reasons) == 6
    assert reasons[0].startswith("aud ")
    assert reasons[-1] == "the body is not aes128gcm with a P-256 key id"
