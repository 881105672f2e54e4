"""jsonschema errors as problems a message can be worded from (helplines and lessons)."""

from __future__ import annotations

import pytest
from jsonschema import Draft202012Validator
from nyf.schema_messages import did_you_mean, problems

SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["services", "country"],
    "properties": {
        "country": {"type": "string"},
        "services": {"type": "array", "minItems": 1},
        "kind": {"enum": ["hotline", "police"]},
    },
}


def _problems(data):
    return problems(Draft202012Validator(SCHEMA).iter_errors(data))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # A misspelt required field: the unknown field with its suggestion, and
        # no second problem for the "missing" field it was meant to be.
        (
            {"country": "CZ", "servces": []},
            [("additionalProperties", ("servces",), "services")],
        ),
        # A field that is simply missing.
        ({"services": [1]}, [("required", ("country",), None)]),
        # A value outside a closed vocabulary, with the nearest allowed value.
        (
            {"country": "CZ", "services": [1], "kind": "hotlin"},
            [("enum", ("kind",), "hotline")],
        ),
        # A wrong type and an empty list.
        (
            {"country": 420, "services": []},
            [("type", ("country",), None), ("minItems", ("services",), None)],
        ),
    ],
)
def test_each_error_becomes_one_problem(data, expected):
    found = sorted(
        ((p.kind, p.field_path, p.suggestion) for p in _problems(data)), key=lambda x: x[1]
    )
    assert found == sorted(expected, key=lambda x: x[1])


def test_no_suggestion_for_an_unrelated_word():
    assert did_you_mean("phone", ["country", "services"]) is None
    assert did_you_mean("countyr", ["country", "services"]) == "country"
