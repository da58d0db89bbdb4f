"""A closed call of 20 applicants with four dimensions, and rounds on it."""

from __future__ import annotations

import random

from tests.support.calls import ANSWERS, application, open_call

GENDERS = ["female"] * 11 + ["male"] * 7 + ["diverse", "no_answer"]
AGES = ["25_34"] * 8 + ["35_44"] * 6 + ["45_54"] * 4 + ["55_plus"] * 2


def closed_pool(client, db, new_client):
    world = open_call(client, db)
    rng = random.Random(7)
    anonymous = new_client()
    for i in range(20):
        answers = {
            **ANSWERS,
            "gender": GENDERS[i],
            "age_band": AGES[(i * 7) % 20],
            "experience": rng.choice(["none", "some", "regular"]),
        }
        body = application(
            world.call,
            name=f"Person {i:02}",
            email=f"p{i}@example.org",
            answers=answers,
            locale="en" if i % 4 == 0 else "de",
        )
        assert anonymous.post(f"{world.form}/applications", json=body).status_code == 202
    client.post(f"{world.base}/status", json={"status": "closed", "version": world.call["version"]})
    return world


def new_round(client, world, **body):
    body = {"name": "Pilot", "k": 6, "dimensions": ["gender", "age_band"], **body}
    response = client.post(f"{world.base}/selection-rounds", json=body)
    assert response.status_code == 201, response.text
    return response.json()


def proposed(client, world, round_, mode="proportional"):
    url = f"{world.base}/selection-rounds/{round_['id']}"
    quotas = client.post(f"{url}/quota-proposal", json={"mode": mode}).json()
    updated = client.patch(url, json={"version": round_["version"], "quotas": quotas})
    assert updated.status_code == 200, updated.text
    return updated.json()


def confirmed_round(client, world, quotas=None, **body):
    """A round run and confirmed; `quotas` replaces the proportional proposal."""
    round_ = new_round(client, world, **body)
    url = f"{world.base}/selection-rounds/{round_['id']}"
    if quotas is None:
        round_ = proposed(client, world, round_)
    else:
        response = client.patch(url, json={"version": round_["version"], "quotas": quotas})
        assert response.status_code == 200, response.text
        round_ = response.json()
    run = client.post(f"{url}/runs").json()
    round_ = client.get(url).json()
    response = client.post(
        f"{url}/confirm", json={"version": round_["version"], "run_id": run["id"]}
    )
    assert response.status_code == 200, response.text
    return url, run, response.json()
