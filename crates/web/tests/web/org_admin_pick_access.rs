//! Who may use the organization administrator's pickers (issue 9, D3),
//! over HTTP: another organization's user 404; a user without "manage
//! users" 403; staff 404; staff viewing the portal as Dr. B. see the
//! pickers, every change 403. Jens, made the administrator of his site, is
//! offered only his site's objects and can neither add another nor lift
//! the restriction: 403, audited, nothing changed.

use axum::http::StatusCode;
use kp_storage::Sql;

use crate::harness::{TestApp, demo_login, spawn_app, spawn_app_on_postgres};
use crate::org_admin::{audit, one, signed_in, user_id};
use crate::org_admin_denied::make_jens_an_admin;
use crate::org_admin_pick::{listed, pick, stamp_of};
use crate::user_scopes::{digits, element};

async fn access(t: &TestApp) {
    let jens = user_id(t, demo_login("jens").email).await;
    let claire = user_id(t, demo_login("claire").email).await;
    let stefan_id = user_id(t, demo_login("stefan").email).await;
    let martina = user_id(t, demo_login("Martina").email).await;
    let mut stefan = signed_in(t, "stefan").await;
    let paths = |id: i64| {
        [
            format!("/admin/users/{id}/scope/objects"),
            format!("/admin/users/{id}/scope/claims"),
        ]
    };
    // Another customer's login and an unknown id: the same 404.
    for id in [martina, 999_999_999] {
        for path in paths(id) {
            assert_eq!(
                stefan.get(&path).await.status,
                StatusCode::NOT_FOUND,
                "{path}"
            );
        }
    }
    let csrf = stefan.get("/admin/users").await.hidden("_csrf");
    let r = stefan
        .post(
            &paths(martina)[0],
            &[("_csrf", csrf.as_str()), ("action", "clear")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // Without "manage users": 403.
    let mut jens_c = signed_in(t, "jens").await;
    for path in paths(claire) {
        assert_eq!(
            jens_c.get(&path).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    let csrf = jens_c.get("/home").await.hidden("_csrf");
    let r = jens_c
        .post(
            &paths(claire)[0],
            &[("_csrf", csrf.as_str()), ("action", "clear")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // Staff: the 404 of an unknown page.
    let mut petra = signed_in(t, "Petra").await;
    for path in paths(jens) {
        assert_eq!(
            petra.get(&path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }

    // Petra viewing the portal as Dr. B.: she sees, but changes nothing.
    let before = stamp_of(t, jens).await;
    let started = crate::view_as::start(&mut petra, stefan_id, demo_login("Petra").password).await;
    assert_eq!(started.status, StatusCode::SEE_OTHER, "{}", started.body);
    for path in paths(jens) {
        assert_eq!(petra.get(&path).await.status, StatusCode::OK, "{path}");
    }
    let r = pick(&mut petra, jens, "objects", &[("action", "clear")], None).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert_eq!(stamp_of(t, jens).await, before, "nothing changed");
}

/// Jens, administrator of his site: only his site's objects are offered;
/// another object of the group and lifting the restriction are refused.
async fn restricted_admin(t: &TestApp) {
    make_jens_an_admin(t).await;
    let jens = user_id(t, demo_login("jens").email).await;
    let claire = user_id(t, demo_login("claire").email).await;
    let own = listed(t, jens, "objects").await;
    assert!(own > 0);
    let mut jens_c = signed_in(t, "jens").await;
    let page = jens_c
        .get(&format!("/admin/users/{claire}/scope/objects"))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(digits(&element(&page.body, "found-heading")), own);
    // Every object he sees: now Claire's list is within his.
    let r = pick(
        &mut jens_c,
        claire,
        "objects",
        &[("action", "add-matching")],
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let chosen = listed(t, claire, "objects").await;
    assert!(chosen > 0 && chosen <= own);
    let page = jens_c
        .get(&format!("/admin/users/{claire}/scope/objects"))
        .await;
    assert!(
        !page.body.contains("id=\"clear-form\""),
        "no lifting offered"
    );

    let denied = audit(t, "user.delegation_denied").await;
    let before = stamp_of(t, claire).await;
    let outside = one(
        t,
        Sql::new(
            "SELECT MIN(o.id) FROM insured_objects o JOIN contracts k ON k.id = o.contract_id \
             JOIN customers cu ON cu.id = k.customer_id JOIN portal_users u \
             ON u.organization_id = cu.organization_id WHERE u.id = $1 AND o.deleted_at IS NULL \
             AND o.id NOT IN (SELECT object_id FROM portal_user_scope_objects WHERE portal_user_id = $1)",
        )
        .arg(jens),
    )
    .await
    .to_string();
    let r = pick(
        &mut jens_c,
        claire,
        "objects",
        &[("action", "add"), ("record", &outside)],
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let r = pick(&mut jens_c, claire, "objects", &[("action", "clear")], None).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert_eq!(audit(t, "user.delegation_denied").await, denied + 2);
    let exceeds = one(
        t,
        Sql::new(
            "SELECT COUNT(*) FROM audit_entries WHERE action = 'user.delegation_denied' \
             AND target_id = $1 AND CAST(details AS TEXT) LIKE '%scope:objects%'",
        )
        .arg(claire),
    )
    .await;
    assert_eq!(exceeds, 2);
    assert_eq!(listed(t, claire, "objects").await, chosen);
    assert_eq!(stamp_of(t, claire).await, before, "nothing changed");
}

async fn all(t: &TestApp) {
    access(t).await;
    restricted_admin(t).await;
}

#[tokio::test]
async fn org_admin_pickers_access() {
    all(&spawn_app().await).await;
}

#[tokio::test]
async fn org_admin_pickers_access_on_postgres() {
    let Some((t, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    all(&t).await;
    pg.drop_db().await;
}
