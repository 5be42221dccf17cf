//! Staff and organizations through the sync API, and their bulk lines.

use serde_json::{Value, json};

use crate::api_bulk::{bulk, line};
use crate::api_support::*;
use crate::harness::{Client, TestApp};

const SCOPES: &[&str] = &[
    "read:staff",
    "write:staff",
    "read:organizations",
    "write:organizations",
    "read:customers",
    "write:customers",
    "write:rates",
    "events",
];

fn clerk(email: &str, name: &str) -> Value {
    json!({ "email": email, "name": name, "role": "clerk", "language": "en" })
}

async fn staff(app: TestApp) {
    let t = token(&app, "hamburg", SCOPES).await;
    let data = clerk("Nina.Neu@Makler.example", "Nina Neu");
    let r = put(&app, "/api/v1/staff/S-1", &t, &data).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(
        json_of(&put(&app, "/api/v1/staff/S-1", &t, &data).await)["result"],
        "unchanged"
    );
    let doc = json_of(&get(&app, "/api/v1/staff/S-1", &t).await);
    assert_eq!(doc["email"], "nina.neu@makler.example");
    assert_eq!(doc["active"], true);
    let text = doc.to_string();
    assert!(
        !text.contains("password") && !text.contains("totp"),
        "{text}"
    );

    // She can be referenced at once, and has no password to sign in with.
    let mut c = customer("S");
    c["clerk"] = json!("nina.neu@makler.example");
    assert_eq!(
        put(&app, "/api/v1/customers/S-K1", &t, &c).await.status,
        201
    );
    let login = Client::new(&app)
        .login("nina.neu@makler.example", "anything-at-all-1")
        .await;
    assert_ne!(
        login.status, 303,
        "a staff member without password signed in"
    );

    // Renamed: updated. E-mails of others and administrators: 409/422.
    let r = put(
        &app,
        "/api/v1/staff/S-1",
        &t,
        &clerk("nina.neu@makler.example", "Nina Alt"),
    )
    .await;
    assert_eq!(json_of(&r)["result"], "updated");
    problem(
        &put(
            &app,
            "/api/v1/staff/S-2",
            &t,
            &clerk("nina.neu@makler.example", "X"),
        )
        .await,
        409,
    );
    problem(
        &put(
            &app,
            "/api/v1/staff/S-2",
            &t,
            &clerk("martina.keller@example.de", "X"),
        )
        .await,
        409,
    );
    problem(
        &put(
            &app,
            "/api/v1/staff/S-2",
            &t,
            &clerk("sabine.meyer@hanse-assekuranz.example.de", "X"),
        )
        .await,
        409,
    );
    let mut admin = clerk("boss@makler.example", "Boss");
    admin["role"] = json!("admin");
    assert_eq!(
        fields(&problem(
            &put(&app, "/api/v1/staff/S-3", &t, &admin).await,
            422
        )),
        ["role"]
    );
    let p = problem(
        &put(
            &app,
            "/api/v1/staff/S-3",
            &t,
            &json!({ "email": "x", "name": "", "role": "clerk" }),
        )
        .await,
        422,
    );
    assert_eq!(fields(&p), ["email", "name"]);

    // München's own clerk is taken on under an external id there.
    let m = token(&app, "muenchen", SCOPES).await;
    let r = put(
        &app,
        "/api/v1/staff/M-7",
        &m,
        &clerk("andreas.huber@hanse-assekuranz.example.de", "Andreas Huber"),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    problem(&get(&app, "/api/v1/staff/S-1", &m).await, 404);
    problem(&get(&app, "/api/v1/staff/M-7", &t).await, 404);
    problem(
        &get(
            &app,
            "/api/v1/staff/S-1",
            &token(&app, "hamburg", &["read:customers"]).await,
        )
        .await,
        403,
    );

    // Cursor paging lists exactly the staff with external ids.
    put(
        &app,
        "/api/v1/staff/S-4",
        &t,
        &clerk("s4@makler.example", "Vier"),
    )
    .await;
    let first = json_of(&get(&app, "/api/v1/staff?limit=1", &t).await);
    assert_eq!(first["items"][0]["external_id"], "S-1");
    let c = first["next_cursor"].as_str().unwrap();
    let second = json_of(&get(&app, &format!("/api/v1/staff?limit=1&cursor={c}"), &t).await);
    assert_eq!(second["items"][0]["external_id"], "S-4");
    assert!(second["next_cursor"].is_null());

    // Deleted: no longer works for the tenant, and can no longer sign in.
    assert_eq!(delete(&app, "/api/v1/staff/S-4", &t).await.status, 200);
    problem(&get(&app, "/api/v1/staff/S-4", &t).await, 404);
    assert_eq!(
        put(
            &app,
            "/api/v1/staff/S-4",
            &t,
            &clerk("s4@makler.example", "Vier")
        )
        .await
        .status,
        201
    );
}

#[tokio::test]
async fn staff_are_upserted_without_secrets_and_guarded() {
    on_both(staff).await;
}

async fn organizations(app: TestApp) {
    let t = token(&app, "hamburg", SCOPES).await;
    for k in ["O-K1", "O-K2", "O-K3"] {
        put(&app, &format!("/api/v1/customers/{k}"), &t, &customer(k)).await;
    }
    let data = json!({ "name": "Gruppe Nord", "kind": "group", "members": ["O-K2", "O-K1"] });
    let r = put(&app, "/api/v1/organizations/G-1", &t, &data).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(
        json_of(&put(&app, "/api/v1/organizations/G-1", &t, &data).await)["result"],
        "unchanged"
    );
    let doc = json_of(&get(&app, "/api/v1/organizations/G-1", &t).await);
    assert_eq!(doc["members"], json!(["O-K1", "O-K2"]));
    assert_eq!(doc["profile_currency"], "EUR");

    // Replace semantics: the list is the whole membership.
    let data = json!({ "name": "Gruppe Nord", "members": ["O-K3"] });
    assert_eq!(
        json_of(&put(&app, "/api/v1/organizations/G-1", &t, &data).await)["result"],
        "updated"
    );
    let doc = json_of(&get(&app, "/api/v1/organizations/G-1", &t).await);
    assert_eq!(doc["members"], json!(["O-K3"]));

    // Unknown members and currencies name the field (and the id).
    let p = problem(
        &put(
            &app,
            "/api/v1/organizations/G-2",
            &t,
            &json!({ "name": "X", "members": ["O-K1", "O-K9"] }),
        )
        .await,
        422,
    );
    assert_eq!(fields(&p), ["members[1]"]);
    assert!(p["detail"].as_str().unwrap().contains("O-K9"));
    let p = problem(
        &put(
            &app,
            "/api/v1/organizations/G-2",
            &t,
            &json!({ "name": "X", "profile_currency": "EUT" }),
        )
        .await,
        422,
    );
    assert_eq!(fields(&p), ["profile_currency"]);

    // Another tenant cannot see it nor name its customers.
    let m = token(&app, "muenchen", SCOPES).await;
    problem(&get(&app, "/api/v1/organizations/G-1", &m).await, 404);
    problem(
        &put(
            &app,
            "/api/v1/organizations/G-1",
            &m,
            &json!({ "name": "X", "members": ["O-K1"] }),
        )
        .await,
        422,
    );
    problem(
        &get(
            &app,
            "/api/v1/organizations/G-1",
            &token(&app, "hamburg", &["read:staff"]).await,
        )
        .await,
        403,
    );

    put(
        &app,
        "/api/v1/organizations/G-3",
        &t,
        &json!({ "name": "Drei" }),
    )
    .await;
    let first = json_of(&get(&app, "/api/v1/organizations?limit=1", &t).await);
    assert_eq!(first["items"][0]["external_id"], "G-1");
    let c = first["next_cursor"].as_str().unwrap();
    let second = json_of(
        &get(
            &app,
            &format!("/api/v1/organizations?limit=1&cursor={c}"),
            &t,
        )
        .await,
    );
    assert_eq!(second["items"][0]["external_id"], "G-3");

    assert_eq!(
        delete(&app, "/api/v1/organizations/G-1", &t).await.status,
        200
    );
    problem(&get(&app, "/api/v1/organizations/G-1", &t).await, 404);
    let r = put(
        &app,
        "/api/v1/organizations/G-1",
        &t,
        &json!({ "name": "Gruppe Nord" }),
    )
    .await;
    assert_eq!(
        r.status, 201,
        "a deleted organization comes back as created"
    );
    assert_eq!(
        json_of(&get(&app, "/api/v1/organizations/G-1", &t).await)["members"],
        json!([])
    );
}

#[tokio::test]
async fn organizations_are_upserted_with_their_members() {
    on_both(organizations).await;
}

/// The new line kinds, mixed, with a forward reference and a bad line.
async fn bulk_lines(app: TestApp) {
    let t = token(&app, "hamburg", SCOPES).await;
    let body = [
        line(
            "organization",
            "B-G1",
            json!({ "name": "Bulk", "members": ["B-K1"] }),
        ),
        line("customer", "B-K1", customer("B")),
        line("staff", "B-S1", clerk("bulk@makler.example", "Bulk Clerk")),
        line("exchange_rate", "SEK/2032-01-01", json!({ "rate": "11.5" })),
        line("exchange_rate", "SEK-2032", json!({ "rate": "11.5" })),
        line(
            "staff",
            "B-S2",
            json!({ "email": "x@y.example", "name": "X", "role": "admin" }),
        ),
    ]
    .join("\n");
    let out = bulk(&app, &t, body.clone()).await;
    let results: Vec<&str> = out.iter().map(|l| l["result"].as_str().unwrap()).collect();
    assert_eq!(
        results,
        ["created", "created", "created", "created", "error", "error"],
        "{out:?}"
    );
    assert_eq!(out[4]["error"]["field"], "external_id");
    assert_eq!(out[5]["error"]["field"], "data.role");
    let again = bulk(&app, &t, body).await;
    assert!(
        again[..4].iter().all(|l| l["result"] == "unchanged"),
        "{again:?}"
    );
    let doc = json_of(&get(&app, "/api/v1/organizations/B-G1", &t).await);
    assert_eq!(doc["members"], json!(["B-K1"]));
    let deletes = [
        json!({ "type": "staff", "external_id": "B-S1", "op": "delete" }).to_string(),
        json!({ "type": "exchange_rate", "external_id": "SEK/2032-01-01", "op": "delete" })
            .to_string(),
    ]
    .join("\n");
    let out = bulk(&app, &t, deletes).await;
    assert!(out.iter().all(|l| l["result"] == "deleted"), "{out:?}");
}

#[tokio::test]
async fn bulk_takes_staff_organization_and_rate_lines() {
    on_both(bulk_lines).await;
}
