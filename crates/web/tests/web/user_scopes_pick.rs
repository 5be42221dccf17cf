//! The object and claim pickers of a portal user's scope over HTTP (D3):
//! search, "add all matching" adds exactly the organization's matching
//! objects, forged ids of another organization or tenant and stale forms
//! change nothing, and the user's lists follow on the next request.

use axum::http::StatusCode;
use kp_storage::Sql;

use crate::harness::{Client, Response, TestApp, demo_login, spawn_app, spawn_app_on_postgres};
use crate::user_scopes::{digits, element, lists_match_summary, one, signed_in, stefan_id, total};

/// Posts a picker action with the page's token and stamp.
async fn pick(
    c: &mut Client<'_>,
    id: i64,
    kind: &str,
    fields: &[(&str, &str)],
    stamp: Option<&str>,
) -> Response {
    let page = c.get(&format!("/staff/users/{id}/scope/{kind}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let csrf = page.hidden("_csrf");
    let current = page.hidden("updated_at");
    let mut form = vec![
        ("_csrf", csrf.as_str()),
        ("updated_at", stamp.unwrap_or(&current)),
    ];
    form.extend_from_slice(fields);
    c.post(&format!("/staff/users/{id}/scope/{kind}"), &form)
        .await
}

const LISTED: &str = "SELECT COUNT(*) FROM portal_user_scope_objects WHERE portal_user_id = $1";

async fn pickers_flow(t: &TestApp) {
    let id = stefan_id(t).await;
    let org = one(
        t,
        "SELECT organization_id FROM portal_users WHERE id = $1",
        id,
    )
    .await;
    let mut staff = signed_in(t, "Thomas").await;
    let mut stefan = signed_in(t, "Stefan").await;

    // The organization's objects at one postcode, and any other's.
    let postcode = "86159";
    let (matching,): (i64,) =
        t.db.fetch_one(
            Sql::new(
                "SELECT COUNT(*) FROM insured_objects o WHERE o.deleted_at IS NULL \
                 AND o.postal_code = $1 AND o.contract_id IN (SELECT k.id FROM contracts k \
                 JOIN customers cu ON cu.id = k.customer_id WHERE cu.organization_id = $2 \
                 AND k.deleted_at IS NULL UNION SELECT ci.contract_id FROM contract_co_insured ci \
                 JOIN customers cc ON cc.id = ci.customer_id WHERE cc.organization_id = $2)",
            )
            .arg(postcode)
            .arg(org),
        )
        .await
        .unwrap();
    assert!(matching > 0);
    let page = staff
        .get(&format!("/staff/users/{id}/scope/objects?q={postcode}"))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(digits(&element(&page.body, "found-heading")), matching);

    // Add all matching: exactly those objects, none of another organization.
    let r = pick(
        &mut staff,
        id,
        "objects",
        &[("action", "add-matching"), ("q", postcode)],
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(r.location().contains("done=added"), "{}", r.location());
    assert_eq!(one(t, LISTED, id).await, matching);
    assert_eq!(
        one(
            t,
            "SELECT COUNT(*) FROM portal_user_scope_objects l JOIN insured_objects o ON o.id = l.object_id \
             WHERE l.portal_user_id = $1 AND o.postal_code <> '86159'",
            id
        )
        .await,
        0
    );
    let s = lists_match_summary(&mut staff, &mut stefan, id).await;
    assert_eq!(s.objects, matching);
    let chosen = staff.get(&format!("/staff/users/{id}/scope/objects")).await;
    assert!(chosen.body.contains("id=\"chosen\""));

    // A forged id of another organization: refused, nothing changed.
    let foreign = one(
        t,
        "SELECT MIN(o.id) FROM insured_objects o JOIN contracts k ON k.id = o.contract_id \
         JOIN customers cu ON cu.id = k.customer_id WHERE cu.organization_id IS NULL OR cu.organization_id <> $1",
        org,
    )
    .await
    .to_string();
    let r = pick(
        &mut staff,
        id,
        "objects",
        &[("action", "add"), ("record", &foreign)],
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("alert-error"));
    assert_eq!(one(t, LISTED, id).await, matching);

    // Remove one; a stale form removes nothing.
    let (first,): (i64,) =
        t.db.fetch_one(
            Sql::new(
                "SELECT MIN(object_id) FROM portal_user_scope_objects WHERE portal_user_id = $1",
            )
            .arg(id),
        )
        .await
        .unwrap();
    let old = staff
        .get(&format!("/staff/users/{id}/scope/objects"))
        .await
        .hidden("updated_at");
    let first = first.to_string();
    let r = pick(
        &mut staff,
        id,
        "objects",
        &[("action", "remove"), ("record", &first)],
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(one(t, LISTED, id).await, matching - 1);
    let r = pick(
        &mut staff,
        id,
        "objects",
        &[("action", "add"), ("record", &first)],
        Some(&old),
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert_eq!(one(t, LISTED, id).await, matching - 1);
    assert_eq!(total(&mut stefan, "/objects").await, matching - 1);

    // Claims: one claim of the organization.
    let claims_page = staff.get(&format!("/staff/users/{id}/scope/claims")).await;
    assert_eq!(claims_page.status, StatusCode::OK);
    let claim = one(
        t,
        "SELECT MIN(c.id) FROM claims c JOIN contracts k ON k.id = c.contract_id \
         JOIN customers cu ON cu.id = k.customer_id WHERE cu.organization_id = $1 AND c.deleted_at IS NULL",
        org,
    )
    .await;
    // Lift the object restriction so the claim counts on its own.
    let r = pick(&mut staff, id, "objects", &[("action", "clear")], None).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(one(t, LISTED, id).await, 0);
    let claim_text = claim.to_string();
    let r = pick(
        &mut staff,
        id,
        "claims",
        &[("action", "add"), ("record", &claim_text)],
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let s = lists_match_summary(&mut staff, &mut stefan, id).await;
    assert_eq!(s.claims, 1);
    // The search finds the chosen claim by its number.
    let (number,): (String,) =
        t.db.fetch_one(Sql::new("SELECT external_id FROM claims WHERE id = $1").arg(claim))
            .await
            .unwrap();
    let found = staff
        .get(&format!(
            "/staff/users/{id}/scope/claims?q={}",
            number.replace(' ', "+").replace('/', "%2F")
        ))
        .await;
    assert!(found.body.contains(&format!("value=\"{claim}\"")));
    let r = pick(&mut staff, id, "claims", &[("action", "clear")], None).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(total(&mut stefan, "/claims").await > 1);
}

#[tokio::test]
async fn pickers_add_search_and_refuse_forged_ids() {
    let t = spawn_app().await;
    pickers_flow(&t).await;
}

#[tokio::test]
async fn pickers_add_search_and_refuse_forged_ids_on_postgres() {
    let Some((t, _pg)) = spawn_app_on_postgres().await else {
        return;
    };
    pickers_flow(&t).await;
}

/// A staff member of one tenant chooses only records of that tenant: an
/// object of the group under the other tenant's contract is refused.
async fn one_tenant_flow(t: &TestApp) {
    let id = stefan_id(t).await;
    let org = one(
        t,
        "SELECT organization_id FROM portal_users WHERE id = $1",
        id,
    )
    .await;
    let (andreas,): (i64,) =
        t.db.fetch_one(
            Sql::new("SELECT id FROM staff_users WHERE email = $1")
                .arg(demo_login("Andreas").email),
        )
        .await
        .unwrap();
    let (other,): (Option<i64>,) =
        t.db.fetch_one(
            Sql::new(
                "SELECT MIN(o.id) FROM insured_objects o JOIN contracts k ON k.id = o.contract_id \
                 JOIN customers cu ON cu.id = k.customer_id WHERE cu.organization_id = $1 \
                 AND o.deleted_at IS NULL AND k.deleted_at IS NULL AND k.tenant_id NOT IN \
                 (SELECT tenant_id FROM staff_user_tenants WHERE staff_user_id = $2)",
            )
            .arg(org)
            .arg(andreas),
        )
        .await
        .unwrap();
    let other = other
        .expect("the group has objects under the other tenant")
        .to_string();
    let mut thomas = signed_in(t, "Thomas").await;
    let mut clerk = signed_in(t, "Andreas").await;
    let all = thomas
        .get(&format!("/staff/users/{id}/scope/objects"))
        .await;
    let own = clerk.get(&format!("/staff/users/{id}/scope/objects")).await;
    assert_eq!(own.status, StatusCode::OK, "{}", own.body);
    let (all, own) = (
        digits(&element(&all.body, "found-heading")),
        digits(&element(&own.body, "found-heading")),
    );
    assert!(own < all, "one tenant's objects: {own} of {all}");
    let r = pick(
        &mut clerk,
        id,
        "objects",
        &[("action", "add"), ("record", &other)],
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(one(t, LISTED, id).await, 0);
    // The same object is fine for a staff member of both tenants.
    let r = pick(
        &mut thomas,
        id,
        "objects",
        &[("action", "add"), ("record", &other)],
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(one(t, LISTED, id).await, 1);
}

#[tokio::test]
async fn staff_choose_only_records_of_their_tenants() {
    let t = spawn_app().await;
    one_tenant_flow(&t).await;
}

#[tokio::test]
async fn staff_choose_only_records_of_their_tenants_on_postgres() {
    let Some((t, _pg)) = spawn_app_on_postgres().await else {
        return;
    };
    one_tenant_flow(&t).await;
}
