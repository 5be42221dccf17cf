//! Delegated administration over HTTP (issue 9): Dr. B., the Brenner
//! group's organization administrator, lists and searches the group's
//! users, invites a colleague restricted to one site (the invitation mail
//! goes to the colleague only), deactivates (the sessions end at once)
//! and reactivates; bad input keeps the form; the last administrator
//! cannot deactivate himself; users without "manage users" get 403,
//! private customers 403, staff the 404 of an unknown page, another
//! organization's user the 404 of an unknown id; staff viewing the portal
//! as Dr. B. may look but not change.

use axum::http::StatusCode;
use kp_storage::Sql;

use crate::harness::{Client, Response, TestApp, demo_login, spawn_app, spawn_app_on_postgres};
use crate::mail_support::Inbox;

pub(crate) async fn one(t: &TestApp, sql: Sql) -> i64 {
    let (n,): (i64,) = t.db.fetch_one(sql).await.unwrap();
    n
}

pub(crate) async fn user_id(t: &TestApp, email: &str) -> i64 {
    one(
        t,
        Sql::new("SELECT id FROM portal_users WHERE email = $1").arg(email),
    )
    .await
}

pub(crate) async fn profile_id(t: &TestApp, name: &str) -> i64 {
    one(
        t,
        Sql::new("SELECT id FROM permission_profiles WHERE name = $1").arg(name),
    )
    .await
}

pub(crate) async fn audit(t: &TestApp, action: &str) -> i64 {
    one(
        t,
        Sql::new("SELECT COUNT(*) FROM audit_entries WHERE action = $1").arg(action),
    )
    .await
}

pub(crate) async fn signed_in<'a>(t: &'a TestApp, who: &str) -> Client<'a> {
    let login = demo_login(who);
    let mut c = Client::new(t);
    let r = c.login(login.email, login.password).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{who}: {}", r.body);
    c
}

/// Sends the invitation form with `fields` (the form token added).
pub(crate) async fn invite(c: &mut Client<'_>, fields: &[(&str, &str)]) -> Response {
    let form = c.get("/admin/users/new").await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    let csrf = form.hidden("_csrf");
    let mut all = vec![("_csrf", csrf.as_str())];
    all.extend_from_slice(fields);
    c.post("/admin/users/new", &all).await
}

/// Posts an action of a user's page with its token and stamp.
pub(crate) async fn act(
    c: &mut Client<'_>,
    user: i64,
    action: &str,
    extra: &[(&str, &str)],
) -> Response {
    let page = c.get(&format!("/admin/users/{user}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let csrf = page.hidden("_csrf");
    let stamp = page.hidden("updated_at");
    let mut all = vec![("_csrf", csrf.as_str()), ("updated_at", stamp.as_str())];
    all.extend_from_slice(extra);
    c.post(&format!("/admin/users/{user}/{action}"), &all).await
}

async fn access(t: &TestApp) {
    let mut stefan = signed_in(t, "stefan").await;
    let list = stefan.get("/admin/users").await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    assert!(
        list.body.contains(demo_login("jens").email),
        "{}",
        list.body
    );
    assert!(list.body.contains(demo_login("claire").email));
    assert!(
        !list.body.contains(demo_login("Martina").email),
        "another customer's login"
    );
    let home = stefan.get("/home").await;
    assert!(
        home.body
            .replace("&#x2f;", "/")
            .contains("href=\"/admin/users\""),
        "the menu offers it"
    );
    let found = stefan.get("/admin/users?q=claire").await;
    assert!(found.body.contains(demo_login("claire").email));
    assert!(!found.body.contains(demo_login("jens").email));

    let jens = user_id(t, demo_login("jens").email).await;
    let martina = user_id(t, demo_login("Martina").email).await;
    assert_eq!(
        stefan.get(&format!("/admin/users/{jens}")).await.status,
        StatusCode::OK
    );
    // Another customer's login and an unknown id: the same 404.
    for id in [martina, 999_999_999] {
        let r = stefan.get(&format!("/admin/users/{id}")).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{id}");
        assert_eq!(
            stefan.get(&format!("/admin/users/{id}/scope")).await.status,
            StatusCode::NOT_FOUND
        );
    }

    // Without "manage users": 403, also for a colleague's page; the menu
    // has no entry.
    let mut jens_c = signed_in(t, "jens").await;
    assert!(
        !jens_c
            .get("/home")
            .await
            .body
            .replace("&#x2f;", "/")
            .contains("href=\"/admin/users\"")
    );
    for path in [
        "/admin/users".to_owned(),
        "/admin/users/new".to_owned(),
        format!("/admin/users/{jens}"),
    ] {
        assert_eq!(
            jens_c.get(&path).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    let mut private = signed_in(t, "Martina").await;
    assert_eq!(
        private.get("/admin/users").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        private.get(&format!("/admin/users/{jens}")).await.status,
        StatusCode::NOT_FOUND
    );
    // Staff: the 404 of an unknown page.
    let mut staff = signed_in(t, "Petra").await;
    assert_eq!(
        staff.get("/admin/users").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        staff.get(&format!("/admin/users/{jens}")).await.status,
        StatusCode::NOT_FOUND
    );
}

async fn invitation(t: &TestApp) {
    let mut inbox = Inbox::new();
    inbox.deliver(t).await;
    let mut stefan = signed_in(t, "stefan").await;
    let before = one(t, Sql::new("SELECT COUNT(*) FROM portal_users")).await;

    // Bad input: the form again with the messages and what was entered.
    let bad = invite(
        &mut stefan,
        &[
            ("name", ""),
            ("email", "kein-mail"),
            ("language", "de"),
            ("profile", ""),
        ],
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert!(bad.body.contains("name-error") && bad.body.contains("value=\"kein-mail\""));
    assert_eq!(
        one(t, Sql::new("SELECT COUNT(*) FROM portal_users")).await,
        before
    );

    let site = profile_id(t, "Standortleitung").await.to_string();
    let email = "m.huber@brenner-gruppe.example";
    let sent = invite(
        &mut stefan,
        &[
            ("name", "Markus Huber"),
            ("email", email),
            ("language", "de"),
            ("profile", &site),
            ("objects_mode", "matching"),
            ("objects_text", "Werk Augsburg"),
            ("claims_mode", "all"),
        ],
    )
    .await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    assert_eq!(sent.location(), "/admin/users?done=invited");
    let id = user_id(t, email).await;
    let (status, org, profile): (String, Option<i64>, Option<i64>) = t
        .db
        .fetch_one(
            Sql::new("SELECT status, organization_id, permission_profile_id FROM portal_users WHERE id = $1")
                .arg(id),
        )
        .await
        .unwrap();
    let stefan_org = one(
        t,
        Sql::new("SELECT organization_id FROM portal_users WHERE email = $1")
            .arg(demo_login("stefan").email),
    )
    .await;
    assert_eq!(
        (status.as_str(), org, profile),
        (
            "invited",
            Some(stefan_org),
            Some(site.parse::<i64>().unwrap())
        )
    );
    let chosen = one(
        t,
        Sql::new("SELECT COUNT(*) FROM portal_user_scope_objects WHERE portal_user_id = $1")
            .arg(id),
    )
    .await;
    let outside_site = one(
        t,
        Sql::new(
            "SELECT COUNT(*) FROM portal_user_scope_objects l JOIN insured_objects o ON o.id = l.object_id \
             WHERE l.portal_user_id = $1 AND o.site <> 'Werk Augsburg'",
        )
        .arg(id),
    )
    .await;
    assert!(chosen > 0, "restricted to the site's objects");
    assert_eq!(outside_site, 0);
    let mails = inbox.deliver(t).await;
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert_eq!(mails[0].to, email);
    let invited = one(
        t,
        Sql::new("SELECT COUNT(*) FROM audit_entries WHERE action = 'user.invited' AND target_id = $1 AND actor_portal_user_id IS NOT NULL")
            .arg(id),
    )
    .await;
    assert_eq!(invited, 1);
    let list = stefan.get("/admin/users?done=invited").await;
    assert!(list.body.contains(email) && list.body.contains("role=\"status\""));

    // The same address again: the form says so, nobody else is created.
    let again = invite(
        &mut stefan,
        &[
            ("name", "M. Huber"),
            ("email", email),
            ("language", "de"),
            ("profile", &site),
        ],
    )
    .await;
    assert_eq!(again.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(again.body.contains("email-error"));
}

async fn status_changes(t: &TestApp) {
    let jens = user_id(t, demo_login("jens").email).await;
    let stefan_id = user_id(t, demo_login("stefan").email).await;
    let mut stefan = signed_in(t, "stefan").await;
    let mut jens_c = signed_in(t, "jens").await;
    assert_eq!(jens_c.get("/home").await.status, StatusCode::OK);

    let done = act(&mut stefan, jens, "deactivate", &[]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(
        jens_c.get("/home").await.status,
        StatusCode::SEE_OTHER,
        "his session ended"
    );
    assert_eq!(audit(t, "user.deactivated").await, 1);
    let back = act(&mut stefan, jens, "reactivate", &[]).await;
    assert_eq!(back.status, StatusCode::SEE_OTHER);
    signed_in(t, "jens").await;

    // A stale form changes nothing.
    let page = stefan.get(&format!("/admin/users/{jens}")).await;
    let csrf = page.hidden("_csrf");
    let stale = stefan
        .post(
            &format!("/admin/users/{jens}/deactivate"),
            &[("_csrf", &csrf), ("updated_at", "1")],
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);

    // The only administrator of the group cannot deactivate himself, nor
    // change his own profile.
    let last = act(&mut stefan, stefan_id, "deactivate", &[]).await;
    assert_eq!(last.status, StatusCode::CONFLICT, "{}", last.body);
    assert!(last.body.contains("id=\"problem\""));
    assert_eq!(stefan.get("/home").await.status, StatusCode::OK);
    let own = act(&mut stefan, stefan_id, "profile", &[("profile", "")]).await;
    assert_eq!(own.status, StatusCode::CONFLICT);

    // Petra viewing the portal as Dr. B.: she sees, but changes nothing.
    let mut petra = signed_in(t, "Petra").await;
    let started = crate::view_as::start(&mut petra, stefan_id, demo_login("Petra").password).await;
    assert_eq!(started.status, StatusCode::SEE_OTHER, "{}", started.body);
    assert_eq!(petra.get("/admin/users").await.status, StatusCode::OK);
    let page = petra.get(&format!("/admin/users/{jens}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let csrf = page.hidden("_csrf");
    let stamp = page.hidden("updated_at");
    let refused = petra
        .post(
            &format!("/admin/users/{jens}/deactivate"),
            &[("_csrf", &csrf), ("updated_at", &stamp)],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(audit(t, "user.deactivated").await, 1);
}

async fn all(t: &TestApp) {
    access(t).await;
    invitation(t).await;
    status_changes(t).await;
}

#[tokio::test]
async fn delegated_administration() {
    all(&spawn_app().await).await;
}

#[tokio::test]
async fn delegated_administration_on_postgres() {
    let Some((t, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    all(&t).await;
    pg.drop_db().await;
}
