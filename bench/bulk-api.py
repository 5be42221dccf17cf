#!/usr/bin/env python3
"""Input for bench/bulk-api.sh: N contracts, each with its customer and one
insured object, as NDJSON for POST /api/v1/bulk and as CSV files (one per
table) for `sqlite3 .import` into tables with the portal's own columns and
indexes. Both carry the same values; the CSV also fills the columns the
portal derives (ids, tenant, timestamps) so the rows are complete.

Usage: bulk-api.py ROWS OUT_DIR PORTAL_DB
  PORTAL_DB: a migrated portal SQLite database; its table definitions give
  the CSV columns (PRAGMA table_info)."""
import csv
import json
import sqlite3
import sys

STREETS = ["Hauptstraße", "Bahnhofstraße", "Gartenweg", "Lindenallee", "Am Markt"]
CITIES = [("20095", "Hamburg"), ("80331", "München"), ("50667", "Köln"), ("04109", "Leipzig")]
MAKES = [("VW", "Golf"), ("BMW", "320d"), ("Opel", "Astra"), ("Ford", "Focus")]
NOW = "2026-11-30T00:00:00Z"


def records(i):
    postal, city = CITIES[i % len(CITIES)]
    make, model = MAKES[i % len(MAKES)]
    customer = {
        "kind": "person",
        "first_name": f"Vorname{i}",
        "last_name": f"Nachname{i}",
        "display_name": f"Vorname{i} Nachname{i}",
        "birth_date": f"{1950 + i % 50}-{1 + i % 12:02d}-{1 + i % 28:02d}",
        "street": f"{STREETS[i % len(STREETS)]} {1 + i % 200}",
        "postal_code": postal,
        "city": city,
        "email": f"kunde{i}@example.com",
    }
    contract = {
        "customer": f"K-{i}",
        "policy_number": f"KH-{i:08d}",
        "line_of_business": "motor",
        "contract_type": "individual",
        "status": "active",
        "start_date": f"{2015 + i % 10}-01-01",
        "payment_frequency": "yearly",
        "premium_net_minor": 40000 + i % 50000,
        "premium_gross_minor": 47600 + i % 50000,
        "currency": "EUR",
    }
    obj = {
        "contract": f"V-{i}",
        "kind": "vehicle",
        "description": f"{make} {model}",
        "plate": f"HH-B {i % 10000}",
        "manufacturer": make,
        "model": model,
        "currency": "EUR",
    }
    return customer, contract, obj


def columns(db, table):
    return [(r[1], r[2].upper(), r[3], r[4]) for r in db.execute(f"PRAGMA table_info({table})")]


def csv_row(cols, values):
    row = []
    for name, typ, notnull, default in cols:
        if name in values:
            v = values[name]
            row.append("" if v is None else v)
        elif default is not None:
            row.append(default.strip("'"))
        elif notnull:
            row.append(0 if "INT" in typ else "")
        else:
            row.append("")
    return row


def main():
    rows, out, portal_db = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    db = sqlite3.connect(portal_db)
    tables = {t: columns(db, t) for t in ("customers", "contracts", "insured_objects")}
    files = {t: open(f"{out}/{t}.csv", "w", newline="", encoding="utf-8") for t in tables}
    writers = {t: csv.writer(f) for t, f in files.items()}
    with open(f"{out}/bulk.ndjson", "w", encoding="utf-8") as nd:
        for i in range(1, rows + 1):
            customer, contract, obj = records(i)
            for kind, ext, data in (
                ("customer", f"K-{i}", customer),
                ("contract", f"V-{i}", contract),
                ("object", f"O-{i}", obj),
            ):
                nd.write(json.dumps({"type": kind, "external_id": ext, "data": data},
                                    ensure_ascii=False, separators=(",", ":")))
                nd.write("\n")
            common = {"tenant_id": 1, "created_at": NOW, "updated_at": NOW}
            writers["customers"].writerow(csv_row(tables["customers"], {
                **customer, **common, "id": i, "external_id": f"K-{i}",
                "customer_number": f"K-{i}"}))
            writers["contracts"].writerow(csv_row(tables["contracts"], {
                **contract, **common, "id": i, "external_id": f"V-{i}", "customer_id": i}))
            writers["insured_objects"].writerow(csv_row(tables["insured_objects"], {
                **obj, **common, "id": i, "external_id": f"O-{i}", "contract_id": i}))
    for f in files.values():
        f.close()


if __name__ == "__main__":
    main()
