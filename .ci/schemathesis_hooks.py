"""Schemathesis hooks for the Kundenportal API (loaded by .ci/schemathesis.sh).

The bulk route takes NDJSON: one JSON object per line. Schemathesis has no
serializer for it, so a generated body (one object, or a list of them) is
written as lines here.
"""

import json

import schemathesis


@schemathesis.serializer("application/x-ndjson")
def ndjson(ctx, value):
    if value is None:
        return None
    if isinstance(value, bytes):
        return value
    items = value if isinstance(value, list) else [value]
    return "".join(json.dumps(item) + "\n" for item in items).encode("utf-8")


@schemathesis.deserializer("application/x-ndjson")
def ndjson_answer(ctx, response):
    """The bulk answer: one result object per line. Every line must be a JSON
    object; the first stands for the schema check (they share one schema)."""
    lines = [json.loads(line) for line in response.content.splitlines() if line.strip()]
    for line in lines:
        if not isinstance(line, dict):
            raise ValueError(f"an NDJSON answer line is not an object: {line!r}")
    if not lines:
        # No line in, no line out: nothing to check (schemathesis skips a
        # response its deserializer does not handle).
        raise NotImplementedError("an empty bulk answer")
    return lines[0]
