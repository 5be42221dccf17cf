//! Staff administration over HTTP (issue 9, D1): an administrator invites
//! a staff user (mail with the activation link, the new user signs in with
//! the role and tenants given), changes a staff user's role and tenants,
//! resends the link; refusals for bad input, forged tenants, stale forms,
//! one's own account and other people; and the audit log's records of
//! personal-data reads with the request id.

use axum::http::StatusCode;
use kp_storage::Sql;

use crate::harness::{Client, Response, TestApp, demo_login, spawn_app, spawn_app_on_postgres};
use crate::mail_support::Inbox;

async fn signed_in<'a>(t: &'a TestApp, who: &str) -> Client<'a> {
    let login = demo_login(who);
    let mut c = Client::new(t);
    let r = c.login(login.email, login.password).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{who}: {}", r.body);
    c
}

async fn one_i64(t: &TestApp, sql: Sql) -> i64 {
    let (n,): (i64,) = t.db.fetch_one(sql).await.unwrap();
    n
}

async fn tenant_id(t: &TestApp, key: &str) -> String {
    let sql = Sql::new("SELECT id FROM tenants WHERE tenant_key = $1").arg(key);
    one_i64(t, sql).await.to_string()
}

/// Personal-data reads of one record.
async fn reads(t: &TestApp, kind: &str, id: i64) -> i64 {
    let sql = Sql::new(
        "SELECT COUNT(*) FROM audit_entries WHERE action = 'personal_data.read' \
         AND target_kind = $1 AND target_id = $2",
    )
    .arg(kind)
    .arg(id);
    one_i64(t, sql).await
}

async fn staff_count(t: &TestApp) -> i64 {
    one_i64(t, Sql::new("SELECT COUNT(*) FROM staff_users")).await
}

async fn audit_rows(t: &TestApp, action: &str, target: i64) -> i64 {
    let sql = Sql::new("SELECT COUNT(*) FROM audit_entries WHERE action = $1 AND target_id = $2")
        .arg(action)
        .arg(target);
    one_i64(t, sql).await
}

async fn invite(c: &mut Client<'_>, fields: &[(&str, &str)]) -> Response {
    let csrf = c.get("/staff/staff-users/new").await.hidden("_csrf");
    let mut form = vec![("_csrf", csrf.as_str())];
    form.extend_from_slice(fields);
    c.post("/staff/staff-users", &form).await
}

async fn activate(t: &TestApp, link: &str, password: &str) {
    let mut c = Client::new(t);
    let page = c.get(link).await;
    assert_eq!(page.status, StatusCode::OK, "{link}");
    let csrf = page.hidden("_csrf");
    let form = [
        ("password", password),
        ("password_confirm", password),
        ("_csrf", csrf.as_str()),
    ];
    let done = c.post(link, &form).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
}

/// Posts the role form of a staff user's page.
async fn change(c: &mut Client<'_>, id: i64, role: &str, tenants: &[&str]) -> Response {
    let page = c.get(&format!("/staff/staff-users/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    let csrf = page.hidden("_csrf");
    let stamp = page.hidden("updated_at");
    let mut form = vec![("_csrf", csrf.as_str()), ("updated_at", stamp.as_str())];
    form.push(("role", role));
    form.extend(tenants.iter().map(|t| ("tenants", *t)));
    c.post(&format!("/staff/staff-users/{id}/role"), &form)
        .await
}

async fn invitation(t: &TestApp) {
    let mut inbox = Inbox::new();
    let muenchen = tenant_id(t, "muenchen").await;
    let mut petra = signed_in(t, "Petra").await;
    let before = staff_count(t).await;

    // Bad input: nothing created, the form keeps what was entered.
    let none = invite(
        &mut petra,
        &[
            ("name", "Nina Neu"),
            ("email", "nina@makler.test"),
            ("language", "de"),
            ("role", "clerk"),
        ],
    )
    .await;
    assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(none.body.contains("tenants-error"), "{}", none.body);
    assert!(none.body.contains("nina@makler.test"));
    let forged = invite(
        &mut petra,
        &[
            ("name", "Nina Neu"),
            ("email", "nina@makler.test"),
            ("language", "de"),
            ("role", "clerk"),
            ("tenants", "999999"),
        ],
    )
    .await;
    assert_eq!(forged.status, StatusCode::UNPROCESSABLE_ENTITY);
    let taken = invite(
        &mut petra,
        &[
            ("name", "Nina Neu"),
            ("email", demo_login("Andreas").email),
            ("language", "de"),
            ("role", "clerk"),
            ("tenants", &muenchen),
        ],
    )
    .await;
    assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(taken.body.contains("email-error"));
    // A portal user's e-mail is taken too: one sign-in per address.
    let portal = invite(
        &mut petra,
        &[
            ("name", "Nina Neu"),
            ("email", demo_login("Martina").email),
            ("language", "de"),
            ("role", "clerk"),
            ("tenants", &muenchen),
        ],
    )
    .await;
    assert_eq!(portal.status, StatusCode::UNPROCESSABLE_ENTITY);
    // Petra has tenants: she cannot make an administrator of every tenant.
    let global = invite(
        &mut petra,
        &[
            ("name", "Nina Neu"),
            ("email", "nina@makler.test"),
            ("language", "de"),
            ("role", "admin"),
        ],
    )
    .await;
    assert_eq!(global.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(staff_count(t).await, before);
    assert!(inbox.deliver(t).await.is_empty());

    let created = invite(
        &mut petra,
        &[
            ("name", "Nina Neu"),
            ("email", "nina@makler.test"),
            ("language", "en"),
            ("role", "clerk"),
            ("tenants", &muenchen),
        ],
    )
    .await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let page = created.location().split('?').next().unwrap().to_owned();
    let id: i64 = page.rsplit('/').next().unwrap().parse().unwrap();
    assert_eq!(audit_rows(t, "staff_user.invited", id).await, 1);
    let shown = petra.get(&page).await;
    assert!(shown.body.contains("/resend"), "invited: resend offered");
    let mails = inbox.deliver(t).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, "nina@makler.test");
    let first = mails[0].link("/activate/");

    // Not yet activated: no sign-in.
    let early = Client::new(t)
        .login("nina@makler.test", "Sonnenblume-Tee-2026!")
        .await;
    assert_eq!(early.status, StatusCode::UNAUTHORIZED);

    // Resending voids the first link.
    let stamp = shown.hidden("updated_at");
    let csrf = shown.hidden("_csrf");
    let resent = petra
        .post(
            &format!("{page}/resend"),
            &[("_csrf", &csrf), ("updated_at", &stamp)],
        )
        .await;
    assert_eq!(resent.status, StatusCode::SEE_OTHER, "{}", resent.body);
    let second = inbox.deliver(t).await[0].link("/activate/");
    assert_eq!(
        Client::new(t).get(&first).await.status,
        StatusCode::NOT_FOUND
    );
    activate(t, &second, "Sonnenblume-Tee-2026!").await;

    let mut nina = Client::new(t);
    let signed = nina
        .login("nina@makler.test", "Sonnenblume-Tee-2026!")
        .await;
    assert_eq!(signed.status, StatusCode::SEE_OTHER, "{}", signed.body);
    // A clerk of München: no staff administration, no Hamburg customer.
    assert_eq!(
        nina.get("/staff/staff-users").await.status,
        StatusCode::FORBIDDEN
    );
    let martina = nina.get("/staff/users?q=keller").await;
    assert!(!martina.body.contains(demo_login("Martina").email));

    // Activated: nothing left to resend.
    let after = petra.get(&page).await;
    assert!(!after.body.contains("/resend\""));
    let again = petra
        .post(
            &format!("{page}/resend"),
            &[
                ("_csrf", &after.hidden("_csrf")),
                ("updated_at", &after.hidden("updated_at")),
            ],
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
}

async fn role_and_tenants(t: &TestApp) {
    let hamburg = tenant_id(t, "hamburg").await;
    let muenchen = tenant_id(t, "muenchen").await;
    let andreas = demo_login("Andreas");
    let sql = Sql::new("SELECT id FROM staff_users WHERE email = $1").arg(andreas.email);
    let andreas_id = one_i64(t, sql).await;
    let petra_sql =
        Sql::new("SELECT id FROM staff_users WHERE email = $1").arg(demo_login("Petra").email);
    let petra_id = one_i64(t, petra_sql).await;
    let mut petra = signed_in(t, "Petra").await;
    let mut clerk = signed_in(t, "Andreas").await;
    let hidden = clerk.get("/staff/users?q=keller").await;
    assert!(!hidden.body.contains(demo_login("Martina").email));

    let done = change(
        &mut petra,
        andreas_id,
        "account_manager",
        &[&hamburg, &muenchen],
    )
    .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(audit_rows(t, "staff_user.changed", andreas_id).await, 1);
    // Applies from Andreas's next request: Hamburg's customers appear.
    let seen = clerk.get("/staff/users?q=keller").await;
    assert!(
        seen.body.contains(demo_login("Martina").email),
        "{}",
        seen.body
    );

    // A stale form changes nothing.
    let page = petra.get(&format!("/staff/staff-users/{andreas_id}")).await;
    let csrf = page.hidden("_csrf");
    let stale = petra
        .post(
            &format!("/staff/staff-users/{andreas_id}/role"),
            &[
                ("_csrf", &csrf),
                ("updated_at", "1"),
                ("role", "clerk"),
                ("tenants", &muenchen),
            ],
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    // No tenant at all: refused with the message.
    let empty = change(&mut petra, andreas_id, "clerk", &[]).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(audit_rows(t, "staff_user.changed", andreas_id).await, 1);
    // One's own role and tenants: refused.
    let own = change(&mut petra, petra_id, "clerk", &[&hamburg]).await;
    assert_eq!(own.status, StatusCode::CONFLICT);
    assert_eq!(audit_rows(t, "staff_user.changed", petra_id).await, 0);

    // Others: a clerk 403 on the form and 404 on the role route, a portal
    // user 404 everywhere.
    assert_eq!(
        clerk.get("/staff/staff-users/new").await.status,
        StatusCode::FORBIDDEN
    );
    let csrf = clerk.get("/home").await.hidden("_csrf");
    let forged = clerk
        .post(
            &format!("/staff/staff-users/{petra_id}/role"),
            &[
                ("_csrf", &csrf),
                ("updated_at", "1"),
                ("role", "clerk"),
                ("tenants", &muenchen),
            ],
        )
        .await;
    assert_eq!(forged.status, StatusCode::NOT_FOUND);
    let mut martina = signed_in(t, "Martina").await;
    assert_eq!(
        martina.get("/staff/staff-users/new").await.status,
        StatusCode::NOT_FOUND
    );
}

async fn personal_data_reads(t: &TestApp) {
    let martina = demo_login("Martina");
    let sql = Sql::new("SELECT customer_id FROM portal_users WHERE email = $1").arg(martina.email);
    let customer = one_i64(t, sql).await;
    let user_sql = Sql::new("SELECT id FROM portal_users WHERE email = $1").arg(martina.email);
    let user = one_i64(t, user_sql).await;

    // The customer reading her own data is not recorded.
    let mut own = signed_in(t, "Martina").await;
    assert_eq!(
        own.get(&format!("/customers/{customer}")).await.status,
        StatusCode::OK
    );
    assert_eq!(reads(t, "customer", customer).await, 0);

    let mut sabine = signed_in(t, "Sabine").await;
    let read = sabine.get(&format!("/customers/{customer}")).await;
    assert_eq!(read.status, StatusCode::OK);
    assert_eq!(reads(t, "customer", customer).await, 1);
    let request_id = read
        .headers
        .get("x-request-id")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    let (kind, logged): (String, String) =
        t.db.fetch_one(Sql::new(
            "SELECT target_kind, request_id FROM audit_entries WHERE action = 'personal_data.read' \
             ORDER BY id DESC LIMIT 1",
        ))
        .await
        .unwrap();
    assert_eq!(
        (kind.as_str(), logged.as_str()),
        ("customer", request_id.as_str())
    );
    let account = sabine.get(&format!("/staff/users/{user}")).await;
    assert_eq!(account.status, StatusCode::OK);
    assert_eq!(reads(t, "portal_user", user).await, 1);

    // A customer outside the tenants was not read: nothing recorded.
    let mut andreas = signed_in(t, "Andreas").await;
    let outside = andreas.get(&format!("/customers/{customer}")).await;
    assert_eq!(outside.status, StatusCode::NOT_FOUND);
    assert_eq!(reads(t, "customer", customer).await, 1);

    // The audit page shows the request id.
    let mut petra = signed_in(t, "Petra").await;
    let log = petra.get("/staff/audit?action=personal_data.read").await;
    assert!(log.body.contains(&request_id), "{}", log.body);
}

async fn all(t: &TestApp) {
    personal_data_reads(t).await;
    invitation(t).await;
    role_and_tenants(t).await;
}

#[tokio::test]
async fn staff_invitation_and_roles() {
    all(&spawn_app().await).await;
}

#[tokio::test]
async fn staff_invitation_and_roles_on_postgres() {
    let Some((t, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    all(&t).await;
    pg.drop_db().await;
}
