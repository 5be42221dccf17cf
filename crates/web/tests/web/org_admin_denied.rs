//! Delegated administration never grants more than the admin has (issue
//! 9), over HTTP: Jens W., made administrator of his site (his profile
//! "Standortleitung" given "manage users" here), is offered only profiles
//! no broader than his own and only his site's objects; a forged form
//! asking for a broader profile or scope is a 403 with a message, changes
//! nothing and is audited as `user.delegation_denied`.

use axum::http::StatusCode;
use kp_storage::Sql;

use crate::harness::{TestApp, demo_login, spawn_app, spawn_app_on_postgres};
use crate::org_admin::{act, audit, invite, one, profile_id, signed_in, user_id};

pub(crate) async fn make_jens_an_admin(t: &TestApp) {
    t.db.execute(Sql::new(
        "UPDATE permission_profiles SET \
         menu_areas = '[\"contracts\",\"objects\",\"claims\",\"documents\",\"messages\",\"administration\"]', \
         functions = '[\"report_claim\",\"upload_document\",\"send_message\",\"appointment_request\",\"manage_users\"]' \
         WHERE name = 'Standortleitung'",
    ))
    .await
    .unwrap();
}

/// Whether every object in `user`'s list is in Jens's.
async fn within_jens(t: &TestApp, user: i64) -> bool {
    let jens = user_id(t, demo_login("jens").email).await;
    let outside = one(
        t,
        Sql::new(
            "SELECT COUNT(*) FROM portal_user_scope_objects l WHERE l.portal_user_id = $1 \
             AND NOT EXISTS (SELECT 1 FROM portal_user_scope_objects j \
             WHERE j.portal_user_id = $2 AND j.object_id = l.object_id)",
        )
        .arg(user)
        .arg(jens),
    )
    .await;
    outside == 0
}

async fn refusals(t: &TestApp) {
    make_jens_an_admin(t).await;
    let mut jens = signed_in(t, "jens").await;
    let form = jens.get("/admin/users/new").await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    let site = profile_id(t, "Standortleitung").await.to_string();
    let full = profile_id(t, "Vollzugriff").await.to_string();
    let finance = profile_id(t, "Finance only").await.to_string();
    assert!(form.body.contains(&format!("value=\"{site}\"")));
    for broader in [&full, &finance] {
        assert!(
            !form.body.contains(&format!("<option value=\"{broader}\"")),
            "{broader} offered"
        );
    }
    assert!(
        !form.body.contains("<option value=\"\""),
        "no 'everything' for a restricted admin"
    );
    assert!(
        !form.body.contains("name=\"objects_mode\" value=\"all\""),
        "no unrestricted objects"
    );

    let users = one(t, Sql::new("SELECT COUNT(*) FROM portal_users")).await;
    let denied = audit(t, "user.delegation_denied").await;
    let base = [
        ("name", "Eva Roth"),
        ("email", "e.roth@brenner-gruppe.example"),
        ("language", "de"),
    ];
    // A forged broader profile.
    let mut forged = base.to_vec();
    forged.extend([
        ("profile", full.as_str()),
        ("objects_mode", "matching"),
        ("objects_text", ""),
    ]);
    let r = invite(&mut jens, &forged).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert!(r.body.contains("id=\"problem\"") && r.body.contains("value=\"Eva Roth\""));
    // "Everything" (no profile), forged.
    let mut forged = base.to_vec();
    forged.extend([("profile", ""), ("objects_mode", "matching")]);
    assert_eq!(
        invite(&mut jens, &forged).await.status,
        StatusCode::FORBIDDEN
    );
    // A forged scope: no object restriction while he has one.
    let mut forged = base.to_vec();
    forged.extend([("profile", site.as_str()), ("objects_mode", "all")]);
    assert_eq!(
        invite(&mut jens, &forged).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        one(t, Sql::new("SELECT COUNT(*) FROM portal_users")).await,
        users,
        "nobody created"
    );
    assert_eq!(audit(t, "user.delegation_denied").await, denied + 3);

    // Within his own: created, restricted to objects he sees.
    let mut ok = base.to_vec();
    ok.extend([
        ("profile", site.as_str()),
        ("objects_mode", "matching"),
        ("objects_text", ""),
    ]);
    let r = invite(&mut jens, &ok).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let eva = user_id(t, "e.roth@brenner-gruppe.example").await;
    assert!(within_jens(t, eva).await);

    // Claire's profile and scope: broader ones refused, narrower saved.
    let claire = user_id(t, demo_login("claire").email).await;
    let r = act(&mut jens, claire, "profile", &[("profile", &full)]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let r = act(&mut jens, claire, "scope", &[("objects_mode", "all")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let r = act(&mut jens, claire, "scope", &[("objects_mode", "keep")]).await;
    assert_eq!(
        r.status,
        StatusCode::FORBIDDEN,
        "Claire has no object list: more than Jens"
    );
    assert_eq!(audit(t, "user.delegation_denied").await, denied + 6);
    let unchanged = one(
        t,
        Sql::new("SELECT COUNT(*) FROM portal_users WHERE id = $1 AND scope_objects_set = FALSE")
            .arg(claire),
    )
    .await;
    assert_eq!(unchanged, 1);
    let r = act(
        &mut jens,
        claire,
        "scope",
        &[
            ("type_mode", "only"),
            ("type", "unbekannt"),
            ("objects_mode", "matching"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = act(
        &mut jens,
        claire,
        "scope",
        &[("objects_mode", "matching"), ("objects_text", "")],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(within_jens(t, claire).await);
    let r = act(&mut jens, claire, "profile", &[("profile", &site)]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(audit(t, "user.scope_changed").await >= 1);
}

#[tokio::test]
async fn delegated_admin_cannot_exceed_own_rights() {
    refusals(&spawn_app().await).await;
}

#[tokio::test]
async fn delegated_admin_cannot_exceed_own_rights_on_postgres() {
    let Some((t, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    refusals(&t).await;
    pg.drop_db().await;
}
