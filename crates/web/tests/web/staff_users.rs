//! User administration over HTTP (D1): staff list and open portal users of
//! their tenants only, deactivate (sessions end, sign-in fails with the
//! generic message), reactivate, end sessions, refuse a stale form, enable
//! the customer portal for a private customer; administrators manage staff
//! users and cannot deactivate the last administrator; a portal user gets
//! the 404 of an unknown page on every staff route.

use axum::http::{Method, StatusCode};
use kp_storage::Sql;

use crate::harness::{Client, Response, TestApp, demo_login, spawn_app, spawn_app_on_postgres};
use crate::mail_support::Inbox;

async fn id_of(t: &TestApp, table: &str, email: &str) -> i64 {
    let sql = format!("SELECT id FROM {table} WHERE email = $1");
    let (id,): (i64,) = t.db.fetch_one(Sql::new(sql).arg(email)).await.unwrap();
    id
}

async fn tenant_of_customer_user(t: &TestApp, email: &str) -> String {
    let (key,): (String,) =
        t.db.fetch_one(
            Sql::new(
                "SELECT tn.tenant_key FROM portal_users pu JOIN customers cu ON cu.id = pu.customer_id \
                 JOIN tenants tn ON tn.id = cu.tenant_id WHERE pu.email = $1",
            )
            .arg(email),
        )
        .await
        .unwrap();
    key
}

pub async fn audit_count(t: &TestApp, action: &str, target: i64) -> i64 {
    let (n,): (i64,) =
        t.db.fetch_one(
            Sql::new("SELECT COUNT(*) FROM audit_entries WHERE action = $1 AND target_id = $2")
                .arg(action)
                .arg(target),
        )
        .await
        .unwrap();
    n
}

async fn signed_in<'a>(t: &'a TestApp, who: &str) -> Client<'a> {
    let login = demo_login(who);
    let mut c = Client::new(t);
    let r = c.login(login.email, login.password).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{who}: {}", r.body);
    c
}

/// Posts an action of a user's page with the page's form token and stamp.
async fn act(c: &mut Client<'_>, page: &str, action: &str, stamp: Option<&str>) -> Response {
    let p = c.get(page).await;
    assert_eq!(p.status, StatusCode::OK, "{page}");
    let csrf = p.hidden("_csrf");
    let current = p.hidden("updated_at");
    let stamp = stamp.unwrap_or(&current);
    c.post(
        &format!("{page}/{action}"),
        &[("_csrf", &csrf), ("updated_at", stamp)],
    )
    .await
}

async fn portal_user_flow(t: &TestApp) {
    let martina = demo_login("Martina");
    let id = id_of(t, "portal_users", martina.email).await;
    let page = format!("/staff/users/{id}");
    let mut staff = signed_in(t, "Sabine").await;
    let mut customer = signed_in(t, "Martina").await;

    let list = staff.get("/staff/users?q=keller").await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    assert!(list.body.contains(martina.email), "{}", list.body);
    let filtered = staff.get("/staff/users?status=inactive").await;
    assert!(!filtered.body.contains(martina.email));
    let bad = staff.get("/staff/users?last_login_from=gestern").await;
    assert_eq!(bad.status, StatusCode::OK);
    assert!(
        bad.body.contains("aria-invalid"),
        "bad date is shown at its field"
    );

    // A stale form changes nothing.
    let stale = act(&mut staff, &page, "deactivate", Some("1")).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);
    assert!(stale.body.contains("alert-error"), "the page says why");
    assert_eq!(customer.get("/home").await.status, StatusCode::OK);
    assert_eq!(audit_count(t, "user.deactivated", id).await, 0);

    // Deactivation ends the sessions and blocks sign-in, generically.
    let done = act(&mut staff, &page, "deactivate", None).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(done.location(), format!("{page}?done=deactivate"));
    assert_eq!(customer.get("/home").await.status, StatusCode::SEE_OTHER);
    let refused = Client::new(t).login(martina.email, martina.password).await;
    let wrong = Client::new(t)
        .login(martina.email, "falsches Passwort!")
        .await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert_eq!(refused.body.len(), wrong.body.len(), "same failure message");
    assert_eq!(audit_count(t, "user.deactivated", id).await, 1);
    let again = act(&mut staff, &page, "deactivate", None).await;
    assert_eq!(again.status, StatusCode::CONFLICT);

    // Reactivation lets her in again; ending sessions signs her out.
    let back = act(&mut staff, &page, "reactivate", None).await;
    assert_eq!(back.status, StatusCode::SEE_OTHER);
    let mut customer = signed_in(t, "Martina").await;
    assert_eq!(customer.get("/home").await.status, StatusCode::OK);
    let detail = staff.get(&page).await;
    assert!(
        detail.body.contains("sessions-table"),
        "her session is listed"
    );
    let ended = act(&mut staff, &page, "end-sessions", None).await;
    assert_eq!(ended.status, StatusCode::SEE_OTHER);
    assert_eq!(customer.get("/home").await.status, StatusCode::SEE_OTHER);
    assert_eq!(audit_count(t, "user.reactivated", id).await, 1);
    assert_eq!(audit_count(t, "user.sessions_ended", id).await, 1);
    // She is active, so there is no activation link to send.
    assert_eq!(
        act(&mut staff, &page, "resend", None).await.status,
        StatusCode::CONFLICT
    );
}

async fn other_tenant(t: &TestApp) {
    let martina = demo_login("Martina");
    assert_eq!(tenant_of_customer_user(t, martina.email).await, "hamburg");
    let id = id_of(t, "portal_users", martina.email).await;
    let mut andreas = signed_in(t, "Andreas").await; // München only
    let list = andreas.get("/staff/users?q=keller").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(!list.body.contains(martina.email));
    assert_eq!(
        andreas.get(&format!("/staff/users/{id}")).await.status,
        StatusCode::NOT_FOUND
    );
    let before = audit_count(t, "user.deactivated", id).await;
    let csrf = andreas.get("/staff/users").await.hidden("_csrf");
    let post = andreas
        .post(
            &format!("/staff/users/{id}/deactivate"),
            &[("_csrf", &csrf), ("updated_at", "0")],
        )
        .await;
    assert_eq!(post.status, StatusCode::NOT_FOUND);
    assert_eq!(audit_count(t, "user.deactivated", id).await, before);
}

async fn portal_users_see_no_staff_route(t: &TestApp) {
    let martina = demo_login("Martina");
    let own = id_of(t, "portal_users", martina.email).await.to_string();
    let mut c = signed_in(t, "Martina").await;
    let csrf = c.get("/home").await.hidden("_csrf");
    for route in kp_web::route_table() {
        if !route.path.starts_with("/staff/") && route.path != "/customers/{id}/portal" {
            continue;
        }
        let path = route.path.replace("{id}", &own);
        let method = Method::from_bytes(route.method.as_bytes()).unwrap();
        let form = [("_csrf", csrf.as_str())];
        let body = (method == Method::POST).then_some(&form[..]);
        let r = c.request(method, &path, body).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{} {path}", route.method);
    }
}

/// A private customer of `tenant` without a login, with an e-mail.
async fn private_customer(t: &TestApp, tenant: &str) -> i64 {
    let (id,): (i64,) =
        t.db.fetch_one(
            Sql::new(
                "SELECT cu.id FROM customers cu JOIN tenants tn ON tn.id = cu.tenant_id \
                 WHERE tn.tenant_key = $1 AND cu.kind = 'person' AND cu.organization_id IS NULL \
                 AND NOT EXISTS (SELECT 1 FROM portal_users pu WHERE pu.customer_id = cu.id) \
                 ORDER BY cu.id LIMIT 1",
            )
            .arg(tenant),
        )
        .await
        .unwrap();
    t.db.execute(
        Sql::new("UPDATE customers SET email = $1 WHERE id = $2")
            .arg(format!("portal.{id}@example.de"))
            .arg(id),
    )
    .await
    .unwrap();
    id
}

async fn enable(c: &mut Client<'_>, customer: i64) -> Response {
    let csrf = c.get("/home").await.hidden("_csrf");
    c.post(
        &format!("/customers/{customer}/portal"),
        &[("_csrf", &csrf)],
    )
    .await
}

async fn customer_portal(t: &TestApp) {
    let mut inbox = Inbox::new();
    let customer = private_customer(t, "hamburg").await;
    let mut andreas = signed_in(t, "Andreas").await;
    assert_eq!(
        enable(&mut andreas, customer).await.status,
        StatusCode::NOT_FOUND
    );
    let mut staff = signed_in(t, "Sabine").await;
    let page = staff.get(&format!("/customers/{customer}")).await;
    assert!(page.body.contains(&format!("/customers/{customer}/portal")));
    let created = enable(&mut staff, customer).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let user_page = created.location().split('?').next().unwrap().to_owned();
    let email = format!("portal.{customer}@example.de");
    let first = inbox.deliver(t).await;
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].to, email);
    let link = first[0].link("/activate/");
    let user = id_of(t, "portal_users", &email).await;
    assert_eq!(audit_count(t, "user.invited", user).await, 1);

    // Again: refused, nothing new.
    let twice = enable(&mut staff, customer).await;
    assert_eq!(twice.status, StatusCode::CONFLICT);
    assert!(inbox.deliver(t).await.is_empty());

    // Resending voids the first link.
    let resent = act(&mut staff, &user_page, "resend", None).await;
    assert_eq!(resent.status, StatusCode::SEE_OTHER, "{}", resent.body);
    let second = inbox.deliver(t).await[0].link("/activate/");
    assert_ne!(link, second);
    assert_eq!(
        Client::new(t).get(&link).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(Client::new(t).get(&second).await.status, StatusCode::OK);
    assert_eq!(audit_count(t, "user.invitation_resent", user).await, 1);

    // No e-mail: refused with the reason.
    let other = private_customer(t, "hamburg").await;
    t.db.execute(Sql::new("UPDATE customers SET email = '' WHERE id = $1").arg(other))
        .await
        .unwrap();
    let no_mail = enable(&mut staff, other).await;
    assert_eq!(no_mail.status, StatusCode::CONFLICT);
    assert!(no_mail.body.contains("alert-error"));
}

async fn staff_user_admin(t: &TestApp) {
    let petra = demo_login("Petra");
    let andreas = demo_login("Andreas");
    let petra_id = id_of(t, "staff_users", petra.email).await;
    let andreas_id = id_of(t, "staff_users", andreas.email).await;
    let mut sabine = signed_in(t, "Sabine").await;
    assert_eq!(
        sabine.get("/staff/staff-users").await.status,
        StatusCode::FORBIDDEN
    );
    let hidden = sabine
        .get(&format!("/staff/staff-users/{andreas_id}"))
        .await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND);

    let mut admin = signed_in(t, "Petra").await;
    let list = admin.get("/staff/staff-users").await;
    assert!(list.body.contains(andreas.email));
    let mut clerk = signed_in(t, "Andreas").await;
    let page = format!("/staff/staff-users/{andreas_id}");
    let off = act(&mut admin, &page, "deactivate", None).await;
    assert_eq!(off.status, StatusCode::SEE_OTHER, "{}", off.body);
    assert_eq!(clerk.get("/home").await.status, StatusCode::SEE_OTHER);
    let refused = Client::new(t).login(andreas.email, andreas.password).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        audit_count(t, "staff_user.deactivated", andreas_id).await,
        1
    );
    let on = act(&mut admin, &page, "reactivate", None).await;
    assert_eq!(on.status, StatusCode::SEE_OTHER);

    // Petra is the only administrator: she cannot deactivate herself.
    let own = format!("/staff/staff-users/{petra_id}");
    let last = act(&mut admin, &own, "deactivate", None).await;
    assert_eq!(last.status, StatusCode::CONFLICT);
    assert_eq!(admin.get("/home").await.status, StatusCode::OK);
    assert_eq!(audit_count(t, "staff_user.deactivated", petra_id).await, 0);
}

async fn all(t: &TestApp) {
    portal_user_flow(t).await;
    other_tenant(t).await;
    portal_users_see_no_staff_route(t).await;
    customer_portal(t).await;
    staff_user_admin(t).await;
}

#[tokio::test]
async fn user_administration() {
    all(&spawn_app().await).await;
}

#[tokio::test]
async fn user_administration_on_postgres() {
    let Some((t, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    all(&t).await;
    pg.drop_db().await;
}
