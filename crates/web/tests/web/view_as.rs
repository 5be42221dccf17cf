//! "View as user" over HTTP (issue 9): an administrator confirms with
//! their password, sees the portal as the user (banner with both names,
//! the user's records only, read-only), ends the view and is back in
//! their own session; the view ends by itself after 30 minutes (app
//! clock, also through the housekeeping); wrong passwords count towards
//! the login throttle; everything is audited with both identities and the
//! user finds the view in their sign-in history. Who may start a view:
//! `view_as_access.rs`.

use axum::http::StatusCode;
use chrono::Duration;
use kp_storage::Sql;

use crate::harness::{Client, TestApp, demo_login, spawn_app, spawn_app_on_postgres};

pub(crate) const VIEW: &str = "kp_view";
pub(crate) const SESSION: &str = "kp_session";

pub(crate) async fn one(t: &TestApp, sql: Sql) -> i64 {
    let (n,): (i64,) = t.db.fetch_one(sql).await.unwrap();
    n
}

pub(crate) async fn user_id(t: &TestApp, table: &str, who: &str) -> i64 {
    let sql = format!("SELECT id FROM {table} WHERE email = $1");
    one(t, Sql::new(sql).arg(demo_login(who).email)).await
}

pub(crate) async fn signed_in<'a>(t: &'a TestApp, who: &str) -> Client<'a> {
    let login = demo_login(who);
    let mut c = Client::new(t);
    let r = c.login(login.email, login.password).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{who}: {}", r.body);
    c
}

pub(crate) async fn audit(t: &TestApp, action: &str, staff: i64, user: i64) -> i64 {
    one(
        t,
        Sql::new(
            "SELECT COUNT(*) FROM audit_entries WHERE action = $1 AND actor_staff_id = $2 \
             AND impersonated_portal_user_id = $3 AND actor_portal_user_id IS NULL",
        )
        .arg(action)
        .arg(staff)
        .arg(user),
    )
    .await
}

/// Opens the confirmation page and sends `password`.
pub(crate) async fn start(
    c: &mut Client<'_>,
    user: i64,
    password: &str,
) -> crate::harness::Response {
    let page = format!("/staff/users/{user}/view-as");
    let form = c.get(&page).await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    let csrf = form.hidden("_csrf");
    c.post(&page, &[("_csrf", &csrf), ("password", password)])
        .await
}

/// A contract of the user's customer and one of another customer.
async fn contracts(t: &TestApp, who: &str) -> (i64, i64) {
    let customer = one(
        t,
        Sql::new("SELECT customer_id FROM portal_users WHERE email = $1")
            .arg(demo_login(who).email),
    )
    .await;
    let own = one(
        t,
        Sql::new("SELECT MIN(id) FROM contracts WHERE customer_id = $1").arg(customer),
    )
    .await;
    let other = one(
        t,
        Sql::new("SELECT MIN(id) FROM contracts WHERE customer_id <> $1").arg(customer),
    )
    .await;
    (own, other)
}

async fn happy_path(t: &TestApp) {
    let petra = user_id(t, "staff_users", "Petra").await;
    let martina = user_id(t, "portal_users", "Martina").await;
    let admin_password = demo_login("Petra").password;
    let mut staff = signed_in(t, "Petra").await;
    let staff_cookie = staff.cookies[SESSION].clone();
    let user_page = format!("/staff/users/{martina}");
    let page = staff.get(&user_page).await;
    assert!(
        page.body.contains(&format!("{user_page}/view-as")),
        "the user's page offers the view"
    );

    // A wrong password starts nothing and counts as a failed attempt.
    let failed_before = one(
        t,
        Sql::new("SELECT COUNT(*) FROM login_attempts WHERE email = $1 AND outcome = 'failed'")
            .arg(demo_login("Petra").email),
    )
    .await;
    let wrong = start(&mut staff, martina, "falsches Passwort!").await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("password-error"), "{}", wrong.body);
    assert!(!staff.cookies.contains_key(VIEW));
    let failed_after = one(
        t,
        Sql::new("SELECT COUNT(*) FROM login_attempts WHERE email = $1 AND outcome = 'failed'")
            .arg(demo_login("Petra").email),
    )
    .await;
    assert_eq!(failed_after, failed_before + 1, "counted by the throttle");
    assert_eq!(
        one(t, Sql::new("SELECT COUNT(*) FROM portal_views")).await,
        0
    );

    // The right one opens the portal as Martina, in a session of its own.
    let started = start(&mut staff, martina, admin_password).await;
    assert_eq!(started.status, StatusCode::SEE_OTHER, "{}", started.body);
    assert_eq!(started.location(), "/");
    assert!(staff.cookies.contains_key(VIEW));
    assert_eq!(
        staff.cookies[SESSION], staff_cookie,
        "the staff session stays"
    );
    let home = staff.get("/home").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("id=\"view-as-banner\""), "{}", home.body);
    assert!(home.body.contains("Martina Keller") && home.body.contains("Petra Schulz"));
    assert!(home.body.contains("id=\"view-as-end\""));
    let (own, other) = contracts(t, "Martina").await;
    assert_eq!(
        staff.get(&format!("/contracts/{own}")).await.status,
        StatusCode::OK
    );
    assert_eq!(
        staff.get(&format!("/contracts/{other}")).await.status,
        StatusCode::NOT_FOUND,
        "only the user's records"
    );
    assert_eq!(
        staff.get("/staff/users").await.status,
        StatusCode::NOT_FOUND
    );

    // Read-only: her account and anything in her name answer 403.
    let csrf = home.hidden("_csrf");
    let account = staff.get("/account").await;
    assert_eq!(account.status, StatusCode::FORBIDDEN);
    assert!(
        account.body.contains("Beenden Sie die Ansicht"),
        "the page says why: {}",
        account.body
    );
    for path in [
        "/account/password",
        "/account/email",
        "/account/language",
        "/account/sessions/end-others",
        "/account/two-factor/totp",
        "/account/two-factor/recovery-codes",
        "/account/two-factor/passkeys/options",
        "/consent",
        "/home/video/dismiss",
    ] {
        let r = staff
            .post(
                path,
                &[
                    ("_csrf", &csrf),
                    ("current_password", "x"),
                    ("password", "x"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{path}");
    }

    // Every request is audited with both identities, and the start.
    assert_eq!(audit(t, "view_as.started", petra, martina).await, 1);
    assert!(audit(t, "view_as.request", petra, martina).await >= 5);

    // Ending the view returns to the staff session on her page.
    let ended = staff.post("/view-as/end", &[("_csrf", &csrf)]).await;
    assert_eq!(ended.status, StatusCode::SEE_OTHER);
    assert_eq!(ended.location(), format!("{user_page}?done=view-ended"));
    assert!(!staff.cookies.contains_key(VIEW));
    let back = staff.get(ended.location()).await;
    assert_eq!(back.status, StatusCode::OK, "{}", back.body);
    assert!(!back.body.contains("id=\"view-as-banner\""));
    assert_eq!(audit(t, "view_as.ended", petra, martina).await, 1);
    assert_eq!(
        one(
            t,
            Sql::new("SELECT COUNT(*) FROM portal_views WHERE ended_at IS NOT NULL")
        )
        .await,
        1
    );

    // The staff audit log names both.
    let log = staff.get("/staff/audit?action=view_as.started").await;
    assert_eq!(log.status, StatusCode::OK);
    assert!(
        log.body.contains("Petra Schulz") && log.body.contains("→ Martina Keller"),
        "{}",
        log.body
    );

    // Martina sees the view in her sign-in history.
    let mut martina_client = signed_in(t, "Martina").await;
    let own_account = martina_client.get("/account").await;
    assert_eq!(own_account.status, StatusCode::OK);
    assert!(
        own_account.body.contains("id=\"staff-views-table\""),
        "{}",
        own_account.body
    );
    assert!(own_account.body.contains("Petra Schulz"));
}

async fn expiry(t: &TestApp) {
    let petra = user_id(t, "staff_users", "Petra").await;
    let martina = user_id(t, "portal_users", "Martina").await;
    let mut staff = signed_in(t, "Petra").await;
    let r = start(&mut staff, martina, demo_login("Petra").password).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    t.clock.advance(Duration::minutes(20));
    assert_eq!(staff.get("/home").await.status, StatusCode::OK, "still on");
    t.clock.advance(Duration::minutes(11));
    let over = staff.get("/contracts").await;
    assert_eq!(over.status, StatusCode::SEE_OTHER);
    assert_eq!(
        over.location(),
        format!("/staff/users/{martina}?done=view-expired")
    );
    assert!(!staff.cookies.contains_key(VIEW));
    let back = staff.get(over.location()).await;
    assert_eq!(back.status, StatusCode::OK, "back in the staff session");
    assert!(back.body.contains("alert"));
    let (reason,): (String,) =
        t.db.fetch_one(Sql::new(
            "SELECT end_reason FROM portal_views ORDER BY id DESC LIMIT 1",
        ))
        .await
        .unwrap();
    assert_eq!(reason, "expired");
    assert!(audit(t, "view_as.ended", petra, martina).await >= 1);
}

/// A view nobody comes back to is closed by the housekeeping: the user's
/// history gets its end, the audit log the entry.
async fn housekeeping(t: &TestApp) {
    let petra = user_id(t, "staff_users", "Petra").await;
    let jens = user_id(t, "portal_users", "Jens").await;
    let mut staff = signed_in(t, "Petra").await;
    let r = start(&mut staff, jens, demo_login("Petra").password).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let before = audit(t, "view_as.ended", petra, jens).await;
    t.clock.advance(Duration::minutes(31));
    kp_app::auth::prune(&t.app).await.unwrap();
    assert_eq!(audit(t, "view_as.ended", petra, jens).await, before + 1);
    let open = one(
        t,
        Sql::new(
            "SELECT COUNT(*) FROM portal_views WHERE portal_user_id = $1 AND ended_at IS NULL",
        )
        .arg(jens),
    )
    .await;
    assert_eq!(open, 0, "its end is recorded");
}

async fn all(t: &TestApp) {
    happy_path(t).await;
    crate::view_as_access::who_may(t).await;
    crate::view_as_access::view_cookie_alone(t).await;
    expiry(t).await;
    housekeeping(t).await;
}

#[tokio::test]
async fn view_as_user() {
    all(&spawn_app().await).await;
}

#[tokio::test]
async fn view_as_user_on_postgres() {
    let Some((t, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    all(&t).await;
    pg.drop_db().await;
}
