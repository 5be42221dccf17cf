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
