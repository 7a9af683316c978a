"""Posting to a Dash app's callbacks as the page does, through Flask's test client."""

from __future__ import annotations

import json

from dash import Dash


def callback_key(app: Dash, output: str) -> str:
    """The key of the callback whose first output is ``output`` ("id.property")."""
    for key in app.callback_map:
        first = key.strip(".").split("...")[0].split("@")[0]
        if first == output:
            return key
    raise KeyError(output)


def callback_body(app: Dash, key: str, values: dict, changed: str) -> dict:
    """The JSON the browser posts for callback ``key``; properties not in ``values`` (keys
    "id.property") are None."""
    spec = app.callback_map[key]

    def props(items: list[dict]) -> list[dict]:
        return [
            {
                "id": item["id"],
                "property": item["property"],
                "value": values.get(f"{item['id']}.{item['property']}"),
            }
            for item in items
        ]

    parts = key.strip(".").split("...")
    outputs = [{"id": p.split(".")[0], "property": p.split(".")[1].split("@")[0]} for p in parts]
    return {
        "output": key,
        "outputs": outputs if key.startswith("..") else outputs[0],
        "inputs": props(spec["inputs"]),
        "state": props(spec.get("state", [])),
        "changedPropIds": [changed],
    }


def post(client, app: Dash, output: str, values: dict, changed: str, **kwargs) -> tuple:
    """Post one callback; (HTTP status, the decoded "response" or None)."""
    key = callback_key(app, output)
    reply = client.post(
        "/_dash-update-component", json=callback_body(app, key, values, changed), **kwargs
    )
    if reply.status_code != 200:
        return reply.status_code, None
    return 200, json.loads(reply.data)["response"]
