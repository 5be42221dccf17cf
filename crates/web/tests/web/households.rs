//! Households over HTTP: an organization of kind "household" bundles
//! private customers for one login, invited with the household's default
//! permission profile; the administrator turns each member on or off for
//! the login, which then sees exactly those customers' contracts; a second
//! login with an address already in use is refused with the pointer to
//! households; the household's second-factor requirement leads its login to
//! enrol at the next sign-in.

use axum::http::StatusCode;
use kp_domain::Language;
use kp_storage::Sql;

use crate::harness::{Client, TestApp, spawn_app, spawn_app_on_postgres};
use crate::mail_support::Inbox;
use crate::organizations::{add, create, free_customer, one_i64, settings};
use crate::profiles::signed_in;
use crate::staff_users::audit_count;

const EMAIL: &str = "familie.test@example.de";
const PASSWORD: &str = "Gemeinsam im Haus 2026";

async fn policy_of(t: &TestApp, customer: i64) -> String {
    let (n,): (String,) =
        t.db.fetch_one(
            Sql::new(
                "SELECT policy_number FROM contracts WHERE customer_id = $1 ORDER BY id LIMIT 1",
            )
            .arg(customer),
        )
        .await
        .unwrap();
    n
}

async fn invite(
    staff: &mut Client<'_>,
    target: &str,
    organization: &str,
    number: &str,
) -> crate::harness::Response {
    let csrf = staff.get("/invitations").await.hidden("_csrf");
    staff
        .post(
            "/invitations",
            &[
                ("target", target),
                ("customer_number", number),
                ("organization", organization),
                ("name", "Familie Test"),
                ("email", EMAIL),
                ("language", "de"),
                ("_csrf", &csrf),
            ],
        )
        .await
}

/// Activates the mailed link, signs in and accepts the terms.
async fn sign_up<'a>(t: &'a TestApp, inbox: &mut Inbox) -> Client<'a> {
    let mails = inbox.deliver(t).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, EMAIL);
    let link = mails[0].link("/activate/");
    let mut c = Client::new(t);
    let csrf = c.get(&link).await.hidden("_csrf");
    let r = c
        .post(
            &link,
            &[
                ("password", PASSWORD),
                ("password_confirm", PASSWORD),
                ("_csrf", &csrf),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(c.login(EMAIL, PASSWORD).await.status, StatusCode::SEE_OTHER);
    let token = c.get("/consent").await.hidden("_csrf");
    let r = c
        .post(
            "/consent",
            &[("_csrf", &token), ("terms", "1"), ("privacy", "1")],
        )
        .await;
    assert_eq!(r.location(), "/home");
    c
}

async fn flows(t: &TestApp) {
    let mut inbox = Inbox::new();
    let mut petra = signed_in(t, "petra").await;
    let household = create(&mut petra, "Familie Test", "household").await;
    let (a, _, _) = free_customer(t, true, 0).await;
    let (b, b_number, _) = free_customer(t, true, 1).await;
    assert_eq!(
        add(&mut petra, household, a, false).await,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        add(&mut petra, household, b, false).await,
        StatusCode::SEE_OTHER
    );

    // A broker-wide profile as the household's default.
    let profile = one_i64(
        t,
        Sql::new("SELECT MIN(id) FROM permission_profiles WHERE organization_id IS NULL"),
    )
    .await
    .to_string();
    let page = format!("/staff/organizations/{household}");
    let edit = petra.get(&page).await;
    let (csrf, stamp) = (edit.hidden("_csrf"), edit.hidden("updated_at"));
    let form = settings(
        &csrf,
        &stamp,
        "Familie Test",
        "household",
        "EUR",
        false,
        &profile,
    );
    assert_eq!(petra.post(&page, &form).await.status, StatusCode::SEE_OTHER);

    // One login for the household, with the default profile.
    let org = household.to_string();
    let r = invite(&mut petra, "organization", &org, "").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let (user, user_profile): (i64, Option<i64>) =
        t.db.fetch_one(
            Sql::new("SELECT id, permission_profile_id FROM portal_users WHERE email = $1")
                .arg(EMAIL),
        )
        .await
        .unwrap();
    assert_eq!(user_profile.map(|p| p.to_string()), Some(profile));

    // A second login with the same address for a member: refused, with
    // the pointer to households; nothing written.
    let r = invite(&mut petra, "customer", "", &b_number).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let message = kp_web::i18n::text(Language::De, "org-email-shared");
    assert!(r.body.contains(&message), "{}", r.body);
    let logins = one_i64(
        t,
        Sql::new("SELECT COUNT(*) FROM portal_users WHERE email = $1").arg(EMAIL),
    )
    .await;
    assert_eq!(logins, 1);

    let mut family = sign_up(t, &mut inbox).await;
    let (policy_a, policy_b) = (policy_of(t, a).await, policy_of(t, b).await);
    let list = family.get("/contracts").await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(list.body.contains(&policy_a) && list.body.contains(&policy_b));

    // Only A for the login: its next request sees A's contracts alone.
    let p = petra.get(&page).await;
    assert!(
        p.body.contains(&format!("id=\"login-{user}\"")),
        "{}",
        p.body
    );
    let login_stamp = p
        .body
        .split(&format!("id=\"login-{user}\""))
        .nth(1)
        .and_then(|rest| rest.split("name=\"updated_at\" value=\"").nth(1))
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    let (uid, aid) = (user.to_string(), a.to_string());
    let stale = [
        ("_csrf", csrf.as_str()),
        ("user", uid.as_str()),
        ("updated_at", "1"),
        ("customer", aid.as_str()),
    ];
    let r = petra.post(&format!("{page}/logins"), &stale).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let form = [
        ("_csrf", csrf.as_str()),
        ("user", uid.as_str()),
        ("updated_at", login_stamp.as_str()),
        ("customer", aid.as_str()),
    ];
    let r = petra.post(&format!("{page}/logins"), &form).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(audit_count(t, "user.scope_changed", user).await, 1);
    let list = family.get("/contracts").await;
    assert!(list.body.contains(&policy_a), "{}", list.body);
    assert!(!list.body.contains(&policy_b), "B is switched off");
    let other = one_i64(
        t,
        Sql::new("SELECT MIN(id) FROM contracts WHERE customer_id = $1").arg(b),
    )
    .await;
    assert_eq!(
        family.get(&format!("/contracts/{other}")).await.status,
        StatusCode::NOT_FOUND
    );

    // Two factors required for the household: enrol at the next sign-in.
    let edit = petra.get(&page).await;
    let stamp = edit.hidden("updated_at");
    let form = settings(&csrf, &stamp, "Familie Test", "household", "EUR", true, "");
    assert_eq!(petra.post(&page, &form).await.status, StatusCode::SEE_OTHER);
    let mut again = Client::new(t);
    let r = again.login(EMAIL, PASSWORD).await;
    assert_eq!(r.location(), "/login/two-factor/enrol");
}

#[tokio::test]
async fn a_household_login_sees_the_members_switched_on_for_it() {
    flows(&spawn_app().await).await;
}

#[tokio::test]
async fn a_household_login_sees_the_members_switched_on_for_it_on_postgres() {
    let Some((t, _pg)) = spawn_app_on_postgres().await else {
        return;
    };
    flows(&t).await;
}
