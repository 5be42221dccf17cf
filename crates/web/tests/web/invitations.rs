//! Staff invite a portal user; the invitation arrives through the SMTP
//! sink, its link activates the account once; a resend voids the earlier
//! link; customers outside the staff member's tenants cannot be named.

use axum::http::StatusCode;
use chrono::Duration;

use crate::harness::{Client, TestApp, demo_login, spawn_app, spawn_app_on_postgres};
use crate::mail_support::Inbox;

/// A customer number of the demo tenant `key` without a portal user.
async fn customer_number(t: &TestApp, key: &str) -> String {
    let (n,): (String,) =
        t.db.fetch_one(
            kp_storage::Sql::new(
                "SELECT cu.external_id FROM customers cu JOIN tenants tn ON tn.id = cu.tenant_id \
                 WHERE tn.tenant_key = $1 AND cu.kind = 'person' AND cu.organization_id IS NULL \
                 AND NOT EXISTS (SELECT 1 FROM portal_users pu WHERE pu.customer_id = cu.id) \
                 ORDER BY cu.id LIMIT 1",
            )
            .arg(key),
        )
        .await
        .unwrap();
    n
}

async fn invite(c: &mut Client<'_>, number: &str, email: &str) -> crate::harness::Response {
    let csrf = c.get("/invitations").await.hidden("_csrf");
    c.post(
        "/invitations",
        &[
            ("target", "customer"),
            ("customer_number", number),
            ("organization", ""),
            ("name", "Lena Neu"),
            ("email", email),
            ("language", "en"),
            ("_csrf", &csrf),
        ],
    )
    .await
}

async fn activate(c: &mut Client<'_>, link: &str, pw: &str) -> crate::harness::Response {
    let page = c.get(link).await;
    if page.status != StatusCode::OK {
        return page;
    }
    let csrf = page.hidden("_csrf");
    c.post(
        link,
        &[("password", pw), ("password_confirm", pw), ("_csrf", &csrf)],
    )
    .await
}

async fn invitation_flow(t: &TestApp) {
    let mut inbox = Inbox::new();
    let sabine = demo_login("Sabine");
    let mut staff = Client::new(t);
    staff.login(sabine.email, sabine.password).await;
    let number = customer_number(t, "hamburg").await;

    let sent = invite(&mut staff, &number, "lena.neu@example.de").await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    let list = staff.get("/invitations").await;
    assert!(list.body.contains("lena.neu@example.de"));
    let mails = inbox.deliver(t).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, "lena.neu@example.de");
    assert!(
        mails[0].subject.starts_with("Your invitation"),
        "{}",
        mails[0].subject
    );
    assert!(mails[0].text.contains("Hello Lena Neu"));
    let first = mails[0].link("/activate/");

    // Invited users cannot sign in yet; a forgotten-password request sends nothing.
    assert_eq!(
        Client::new(t)
            .login("lena.neu@example.de", "irgendwas-langes")
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );

    // Send again: the earlier link stops working.
    let user_id: (i64,) =
        t.db.fetch_one(
            kp_storage::Sql::new("SELECT id FROM portal_users WHERE email = $1")
                .arg("lena.neu@example.de"),
        )
        .await
        .unwrap();
    let csrf = staff.get("/invitations").await.hidden("_csrf");
    let resent = staff
        .post(
            "/invitations/resend",
            &[("user", &user_id.0.to_string()), ("_csrf", &csrf)],
        )
        .await;
    assert_eq!(resent.status, StatusCode::SEE_OTHER);
    let second = inbox.deliver(t).await[0].link("/activate/");
    assert_ne!(first, second);
    let mut lena = Client::new(t);
    assert_eq!(lena.get(&first).await.status, StatusCode::NOT_FOUND);

    // A weak password keeps the link; a good one activates once.
    let weak = activate(&mut lena, &second, "short").await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    let done = activate(&mut lena, &second, "Blaue Boote am Kai 7").await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(done.location(), "/login?notice=activate-done");
    assert_eq!(
        activate(&mut lena, &second, "Lenas zweites Passwort")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        lena.login("lena.neu@example.de", "Blaue Boote am Kai 7")
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    // A new account accepts the terms and privacy notice first.
    assert_eq!(lena.get("/home").await.location(), "/consent");
    let token = lena.get("/consent").await.hidden("_csrf");
    let accepted = lena
        .post(
            "/consent",
            &[("_csrf", &token), ("terms", "1"), ("privacy", "1")],
        )
        .await;
    assert_eq!(accepted.location(), "/home");
    assert_eq!(lena.get("/home").await.status, StatusCode::OK);
    // Once active, there is nothing to resend.
    let csrf = staff.get("/invitations").await.hidden("_csrf");
    let again = staff
        .post(
            "/invitations/resend",
            &[("user", &user_id.0.to_string()), ("_csrf", &csrf)],
        )
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn an_invited_user_activates_with_the_mailed_link_and_a_resend_voids_the_old_one() {
    invitation_flow(&spawn_app().await).await;
}

#[tokio::test]
async fn the_invitation_flow_works_on_postgres() {
    let Some((t, _pg)) = spawn_app_on_postgres().await else {
        return;
    };
    invitation_flow(&t).await;
}

#[tokio::test]
async fn bad_input_foreign_customers_and_expired_links_are_refused() {
    let t = spawn_app().await;
    let mut inbox = Inbox::new();
    let andreas = demo_login("Andreas");
    let mut staff = Client::new(&t);
    staff.login(andreas.email, andreas.password).await;
    // A customer of the other tenant is unknown to a München clerk.
    let hamburg = customer_number(&t, "hamburg").await;
    let foreign = invite(&mut staff, &hamburg, "x@example.de").await;
    assert_eq!(foreign.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(foreign.body.contains("id=\"customer_number-error\""));
    assert!(foreign.body.contains("value=\"x@example.de\""));
    let muenchen = customer_number(&t, "muenchen").await;
    let malformed = invite(&mut staff, &muenchen, "kein-at-zeichen").await;
    assert_eq!(malformed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(malformed.body.contains("id=\"email-error\""));
    let taken = invite(&mut staff, &muenchen, demo_login("Martina").email).await;
    assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(inbox.deliver(&t).await.is_empty());
    // A forged user id for a resend is the plain 404.
    let csrf = staff.get("/invitations").await.hidden("_csrf");
    let forged = staff
        .post(
            "/invitations/resend",
            &[("user", "999999"), ("_csrf", &csrf)],
        )
        .await;
    assert_eq!(forged.status, StatusCode::NOT_FOUND);
    // Expired after the setting's days.
    assert_eq!(
        invite(&mut staff, &muenchen, "spaet@example.de")
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let link = inbox.deliver(&t).await[0].link("/activate/");
    t.clock
        .advance(Duration::days(t.app.policy.invitation_link_days) + Duration::minutes(1));
    assert_eq!(
        Client::new(&t).get(&link).await.status,
        StatusCode::NOT_FOUND
    );
    // Days later the session is long gone: sign in again.
    let mut staff = Client::new(&t);
    staff.login(andreas.email, andreas.password).await;
    let list = staff.get("/invitations").await.body;
    assert!(list.contains("<td>Link abgelaufen</td>"), "{list}");
    // Portal users do not see the page.
    let martina = demo_login("Martina");
    let mut customer = Client::new(&t);
    customer.login(martina.email, martina.password).await;
    assert_eq!(
        customer.get("/invitations").await.status,
        StatusCode::NOT_FOUND
    );
}
