//! The organization administrator's object and claim pickers and the
//! summary over HTTP (issue 9, D3): Dr. B. picks single objects of Jens
//! W., adds every object at a postcode, removes one; the summary equals
//! Jens's own lists. A forged id of a record Dr. B. does not see is a 403,
//! audited, nothing changed; a stale form 409. Who may use the pickers:
//! [`crate::org_admin_pick_access`].

use axum::http::StatusCode;
use kp_storage::Sql;

use crate::harness::{Client, Response, TestApp, demo_login, spawn_app, spawn_app_on_postgres};
use crate::org_admin::{audit, one, signed_in, user_id};
use crate::user_scopes::{digits, element, total};

/// Posts a picker action with the page's token and stamp (`stamp`
/// overrides the page's, for a stale form).
pub(crate) async fn pick(
    c: &mut Client<'_>,
    id: i64,
    kind: &str,
    fields: &[(&str, &str)],
    stamp: Option<&str>,
) -> Response {
    let page = c.get(&format!("/admin/users/{id}/scope/{kind}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let csrf = page.hidden("_csrf");
    let current = page.hidden("updated_at");
    let mut form = vec![
        ("_csrf", csrf.as_str()),
        ("updated_at", stamp.unwrap_or(&current)),
    ];
    form.extend_from_slice(fields);
    c.post(&format!("/admin/users/{id}/scope/{kind}"), &form)
        .await
}

pub(crate) async fn listed(t: &TestApp, user: i64, kind: &str) -> i64 {
    let (table, flag) = match kind {
        "objects" => ("portal_user_scope_objects", "scope_objects_set"),
        _ => ("portal_user_scope_claims", "scope_claims_set"),
    };
    let n = one(
        t,
        Sql::new(format!(
            "SELECT COUNT(*) FROM {table} WHERE portal_user_id = $1"
        ))
        .arg(user),
    )
    .await;
    let set = one(
        t,
        Sql::new(format!(
            "SELECT COUNT(*) FROM portal_users WHERE id = $1 AND {flag} = TRUE"
        ))
        .arg(user),
    )
    .await;
    // -1: not restricted at all (an empty list restricts to nothing).
    if set == 1 { n } else { -1 }
}

pub(crate) async fn stamp_of(t: &TestApp, user: i64) -> String {
    let (at,): (chrono::DateTime<chrono::Utc>,) =
        t.db.fetch_one(Sql::new("SELECT updated_at FROM portal_users WHERE id = $1").arg(user))
            .await
            .unwrap();
    at.to_rfc3339()
}

/// The summary on the admin's scope page equals what the colleague's own
/// lists show.
async fn summary_matches(admin: &mut Client<'_>, colleague: &mut Client<'_>, id: i64) -> i64 {
    let page = admin.get(&format!("/admin/users/{id}/scope")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let body = page.body.replace("&#x2f;", "/");
    assert!(body.contains(&format!("href=\"/admin/users/{id}/scope/objects\"")));
    assert!(body.contains(&format!("href=\"/admin/users/{id}/scope/claims\"")));
    let count = |key: &str| digits(&element(&page.body, key));
    let (contracts, objects, claims) = (
        count("summary-contracts"),
        count("summary-objects"),
        count("summary-claims"),
    );
    assert_eq!(total(colleague, "/contracts").await, contracts, "contracts");
    assert_eq!(total(colleague, "/objects").await, objects, "objects");
    assert_eq!(total(colleague, "/claims").await, claims, "claims");
    objects
}

/// The group's objects at `postcode`, read independently of the app.
async fn group_objects_at(t: &TestApp, org: i64, postcode: &str) -> Vec<i64> {
    let rows: Vec<(i64,)> =
        t.db.fetch_all(
            Sql::new(
                "SELECT o.id FROM insured_objects o WHERE o.deleted_at IS NULL \
                 AND o.postal_code = $1 AND o.contract_id IN (SELECT k.id FROM contracts k \
                 JOIN customers cu ON cu.id = k.customer_id WHERE cu.organization_id = $2 \
                 AND k.deleted_at IS NULL UNION SELECT ci.contract_id FROM contract_co_insured ci \
                 JOIN customers cc ON cc.id = ci.customer_id WHERE cc.organization_id = $2) \
                 ORDER BY o.id",
            )
            .arg(postcode)
            .arg(org),
        )
        .await
        .unwrap();
    rows.into_iter().map(|(id,)| id).collect()
}

/// The scope changes of `user` made by a portal user (an administrator).
async fn by_admin(t: &TestApp, user: i64) -> i64 {
    one(
        t,
        Sql::new(
            "SELECT COUNT(*) FROM audit_entries WHERE action = 'user.scope_changed' \
             AND target_id = $1 AND actor_portal_user_id IS NOT NULL",
        )
        .arg(user),
    )
    .await
}

async fn foreign_object(t: &TestApp, org: i64) -> String {
    one(
        t,
        Sql::new(
            "SELECT MIN(o.id) FROM insured_objects o JOIN contracts k ON k.id = o.contract_id \
             JOIN customers cu ON cu.id = k.customer_id \
             WHERE cu.organization_id IS NULL OR cu.organization_id <> $1",
        )
        .arg(org),
    )
    .await
    .to_string()
}

async fn picking(t: &TestApp) {
    let jens = user_id(t, demo_login("jens").email).await;
    let org = one(
        t,
        Sql::new("SELECT organization_id FROM portal_users WHERE id = $1").arg(jens),
    )
    .await;
    let mut stefan = signed_in(t, "stefan").await;
    let mut jens_c = signed_in(t, "jens").await;
    summary_matches(&mut stefan, &mut jens_c, jens).await;

    // The search runs over what Dr. B. sees: the group's objects there.
    let postcode = "86159";
    let matching = group_objects_at(t, org, postcode).await;
    assert!(matching.len() > 2, "{matching:?}");
    let n = i64::try_from(matching.len()).unwrap();
    let page = stefan
        .get(&format!("/admin/users/{jens}/scope/objects?q={postcode}"))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(digits(&element(&page.body, "found-heading")), n);
    assert!(
        page.body.contains("id=\"clear-form\""),
        "he is not restricted"
    );

    // Single objects: exactly those two.
    let changes_before = by_admin(t, jens).await;
    let (a, b) = (matching[0].to_string(), matching[1].to_string());
    let r = pick(&mut stefan, jens, "objects", &[("action", "clear")], None).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(listed(t, jens, "objects").await, -1);
    let r = pick(
        &mut stefan,
        jens,
        "objects",
        &[("action", "add"), ("record", &a), ("record", &b)],
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(r.location().contains("done=added&n=2"), "{}", r.location());
    assert_eq!(listed(t, jens, "objects").await, 2);
    assert_eq!(summary_matches(&mut stefan, &mut jens_c, jens).await, 2);

    // Every object at the postcode in one step.
    let r = pick(
        &mut stefan,
        jens,
        "objects",
        &[("action", "add-matching"), ("q", postcode)],
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(r.location().contains("q=86159"), "{}", r.location());
    assert_eq!(listed(t, jens, "objects").await, n);
    let elsewhere = one(
        t,
        Sql::new(
            "SELECT COUNT(*) FROM portal_user_scope_objects l JOIN insured_objects o \
             ON o.id = l.object_id WHERE l.portal_user_id = $1 AND o.postal_code <> $2",
        )
        .arg(jens)
        .arg(postcode),
    )
    .await;
    assert_eq!(elsewhere, 0);

    // Remove one: the summary follows, and equals his lists.
    let r = pick(
        &mut stefan,
        jens,
        "objects",
        &[("action", "remove"), ("record", &a)],
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(listed(t, jens, "objects").await, n - 1);
    assert_eq!(summary_matches(&mut stefan, &mut jens_c, jens).await, n - 1);
    assert_eq!(
        by_admin(t, jens).await,
        changes_before + 4,
        "clear, add, add matching, remove"
    );

    // A forged id of another organization's object: 403, audited, nothing.
    let denied = audit(t, "user.delegation_denied").await;
    let before = stamp_of(t, jens).await;
    let foreign = foreign_object(t, org).await;
    let r = pick(
        &mut stefan,
        jens,
        "objects",
        &[("action", "add"), ("record", &foreign), ("record", &a)],
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert!(r.body.contains("alert-error"));
    assert_eq!(audit(t, "user.delegation_denied").await, denied + 1);
    assert_eq!(listed(t, jens, "objects").await, n - 1);
    assert_eq!(stamp_of(t, jens).await, before, "nothing changed");

    // A stale form: 409, nothing changed.
    let old = stefan
        .get(&format!("/admin/users/{jens}/scope/objects"))
        .await
        .hidden("updated_at");
    let r = pick(
        &mut stefan,
        jens,
        "objects",
        &[("action", "add"), ("record", &a)],
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = pick(
        &mut stefan,
        jens,
        "objects",
        &[("action", "remove"), ("record", &b)],
        Some(&old),
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert_eq!(listed(t, jens, "objects").await, n);

    // Claims: one claim of the group, then no restriction again.
    let claim = one(
        t,
        Sql::new(
            "SELECT MIN(c.id) FROM claims c JOIN contracts k ON k.id = c.contract_id \
             JOIN customers cu ON cu.id = k.customer_id WHERE cu.organization_id = $1 \
             AND c.deleted_at IS NULL AND k.deleted_at IS NULL",
        )
        .arg(org),
    )
    .await
    .to_string();
    let r = pick(
        &mut stefan,
        jens,
        "claims",
        &[("action", "add"), ("record", &claim)],
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(listed(t, jens, "claims").await, 1);
    let r = pick(&mut stefan, jens, "claims", &[("action", "clear")], None).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(listed(t, jens, "claims").await, -1);
}

#[tokio::test]
async fn org_admin_pickers_and_summary() {
    picking(&spawn_app().await).await;
}

#[tokio::test]
async fn org_admin_pickers_and_summary_on_postgres() {
    let Some((t, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    picking(&t).await;
    pg.drop_db().await;
}
