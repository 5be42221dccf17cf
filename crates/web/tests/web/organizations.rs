//! Organizations over HTTP (D3, D4): staff see the organizations of their
//! tenants (list with search); administrators create and edit them (a bad
//! currency or a stale form changes nothing), bundle customers (one of
//! another organization only after "move here", another tenant's is the
//! 404 of an unknown one), name contacts shown on the users' contact page,
//! and upload the logo the users' PDFs carry (bad type and oversize
//! refused). Other staff get 403 for changes, portal users the 404 of an
//! unknown page. Contacts and logo: `organizations_parts.rs`; households,
//! shared e-mail addresses, the default profile and the second-factor
//! rule: `households.rs`.

use axum::http::StatusCode;
use kp_storage::Sql;

use crate::harness::{Client, TestApp, demo_login, spawn_app, spawn_app_on_postgres};
use crate::profiles::signed_in;
use crate::staff_users::audit_count;

pub(crate) async fn one_i64(t: &TestApp, sql: Sql) -> i64 {
    let (n,): (i64,) = t.db.fetch_one(sql).await.unwrap();
    n
}

pub(crate) async fn brenner(t: &TestApp) -> i64 {
    one_i64(
        t,
        Sql::new("SELECT organization_id FROM portal_users WHERE email = $1")
            .arg(demo_login("stefan").email),
    )
    .await
}

/// A private customer of a tenant (`hamburg` or the other) in no
/// organization and without a login: (id, customer number, name).
pub(crate) async fn free_customer(t: &TestApp, hamburg: bool, skip: i64) -> (i64, String, String) {
    let op = if hamburg { "=" } else { "<>" };
    t.db.fetch_one(Sql::new(format!(
        "SELECT cu.id, cu.external_id, cu.display_name FROM customers cu \
             JOIN tenants tn ON tn.id = cu.tenant_id WHERE tn.tenant_key {op} 'hamburg' \
             AND cu.kind = 'person' AND cu.organization_id IS NULL \
             AND NOT EXISTS (SELECT 1 FROM portal_users pu WHERE pu.customer_id = cu.id) \
             ORDER BY cu.id LIMIT 1 OFFSET {skip}"
    )))
    .await
    .unwrap()
}

pub(crate) async fn organization_of(t: &TestApp, customer: i64) -> Option<i64> {
    let (o,): (Option<i64>,) = t
        .db
        .fetch_one(Sql::new("SELECT organization_id FROM customers WHERE id = $1").arg(customer))
        .await
        .unwrap();
    o
}

fn id_in(location: &str) -> i64 {
    location
        .trim_start_matches("/staff/organizations/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// The settings form as a browser sends it.
pub(crate) fn settings<'a>(
    csrf: &'a str,
    stamp: &'a str,
    name: &'a str,
    kind: &'a str,
    currency: &'a str,
    two_factor: bool,
    profile: &'a str,
) -> Vec<(&'a str, &'a str)> {
    let mut form = vec![
        ("_csrf", csrf),
        ("name", name),
        ("kind", kind),
        ("currency", currency),
        ("default_profile", profile),
    ];
    if !stamp.is_empty() {
        form.push(("updated_at", stamp));
    }
    if two_factor {
        form.push(("require_two_factor", "1"));
    }
    form
}

/// Creates an organization as `c` and returns its id.
pub(crate) async fn create(c: &mut Client<'_>, name: &str, kind: &str) -> i64 {
    let csrf = c.get("/staff/organizations/new").await.hidden("_csrf");
    let r = c
        .post(
            "/staff/organizations",
            &settings(&csrf, "", name, kind, "EUR", false, ""),
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    id_in(r.location())
}

/// Adds a customer (confirming a move if asked).
pub(crate) async fn add(c: &mut Client<'_>, org: i64, customer: i64, confirm: bool) -> StatusCode {
    let page = format!("/staff/organizations/{org}");
    let csrf = c.get(&page).await.hidden("_csrf");
    let id = customer.to_string();
    let mut form = vec![("_csrf", csrf.as_str()), ("customer", id.as_str())];
    if confirm {
        form.push(("confirm_move", "1"));
    }
    c.post(&format!("{page}/customers"), &form).await.status
}

async fn settings_flow(t: &TestApp, petra: &mut Client<'_>) -> i64 {
    let list = petra.get("/staff/organizations?q=brenner").await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    assert!(list.body.contains("Brenner Industrie Gruppe"));
    let none = petra.get("/staff/organizations?q=nichtda%25").await;
    assert!(none.body.contains("id=\"org-none\""));

    let count = || one_i64(t, Sql::new("SELECT COUNT(*) FROM organizations"));
    let before = count().await;
    let csrf = petra.get("/staff/organizations/new").await.hidden("_csrf");
    let bad = settings(&csrf, "", "Test Holding", "group", "XYZ", false, "");
    let r = petra.post("/staff/organizations", &bad).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"currency-error\""), "{}", r.body);
    assert!(
        r.body.contains("value=\"Test Holding\""),
        "keeps what was typed"
    );
    assert_eq!(count().await, before, "nothing written");

    let org = create(petra, "Test Holding", "group").await;
    assert_eq!(audit_count(t, "organization.created", org).await, 1);
    let page = format!("/staff/organizations/{org}");
    let edit = petra.get(&page).await;
    assert_eq!(edit.status, StatusCode::OK, "{}", edit.body);
    let stamp = edit.hidden("updated_at");

    let stale = settings(&csrf, "1", "Umbenannt", "group", "CHF", true, "");
    let r = petra.post(&page, &stale).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("org-problem"));
    let save = settings(&csrf, &stamp, "Test Holding AG", "group", "chf", true, "");
    let r = petra.post(&page, &save).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let (name, currency, two_factor): (String, String, bool) =
        t.db.fetch_one(
            Sql::new(
                "SELECT name, profile_currency, require_two_factor FROM organizations WHERE id = $1",
            )
            .arg(org),
        )
        .await
        .unwrap();
    assert_eq!(
        (name.as_str(), currency.as_str(), two_factor),
        ("Test Holding AG", "CHF", true)
    );
    assert_eq!(audit_count(t, "organization.changed", org).await, 1);
    // The form opened before the change is stale now.
    let r = petra.post(&page, &save).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    org
}

async fn customer_flow(t: &TestApp, petra: &mut Client<'_>, org: i64) {
    let (customer, number, name) = free_customer(t, true, 0).await;
    let page = format!("/staff/organizations/{org}");
    let found = petra.get(&format!("{page}?q={number}")).await;
    assert!(found.body.contains(&name), "{}", found.body);
    assert_eq!(
        add(petra, org, customer, false).await,
        StatusCode::SEE_OTHER
    );
    assert_eq!(organization_of(t, customer).await, Some(org));
    assert_eq!(audit_count(t, "organization.customer_added", org).await, 1);

    // A customer of the Brenner group: refused until the move is confirmed.
    let group = brenner(t).await;
    let member = one_i64(
        t,
        Sql::new("SELECT MIN(id) FROM customers WHERE organization_id = $1").arg(group),
    )
    .await;
    let page_html = {
        let csrf = petra.get(&page).await.hidden("_csrf");
        let id = member.to_string();
        petra
            .post(
                &format!("{page}/customers"),
                &[("_csrf", &csrf), ("customer", &id)],
            )
            .await
    };
    assert_eq!(page_html.status, StatusCode::CONFLICT);
    assert!(
        page_html.body.contains("org-move-confirm"),
        "{}",
        page_html.body
    );
    assert!(page_html.body.contains("Brenner Industrie Gruppe"));
    assert_eq!(organization_of(t, member).await, Some(group));
    assert_eq!(add(petra, org, member, true).await, StatusCode::SEE_OTHER);
    assert_eq!(organization_of(t, member).await, Some(org));
    assert_eq!(add(petra, group, member, true).await, StatusCode::SEE_OTHER);
    assert_eq!(organization_of(t, member).await, Some(group));

    // Remove.
    let csrf = petra.get(&page).await.hidden("_csrf");
    let id = customer.to_string();
    let r = petra
        .post(
            &format!("{page}/customers/remove"),
            &[("_csrf", &csrf), ("customer", &id)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(organization_of(t, customer).await, None);
    assert_eq!(
        audit_count(t, "organization.customer_removed", org).await,
        1
    );
    // An unknown customer id is a 404.
    assert_eq!(
        add(petra, org, 999_999_999, false).await,
        StatusCode::NOT_FOUND
    );
}

/// Other staff read but change nothing (403); portal users get 404; an
/// administrator of one tenant does not see an organization of the other
/// and cannot add the other tenant's customer.
async fn access(t: &TestApp, org: i64) {
    let page = format!("/staff/organizations/{org}");
    let mut sabine = signed_in(t, "sabine").await;
    assert_eq!(
        sabine.get("/staff/organizations").await.status,
        StatusCode::OK
    );
    let p = sabine.get(&page).await;
    assert_eq!(p.status, StatusCode::OK);
    assert!(!p.body.contains("id=\"org-form\""), "no settings form");
    let csrf = p.hidden("_csrf");
    let form = settings(&csrf, "", "X", "group", "EUR", false, "");
    assert_eq!(
        sabine.post(&page, &form).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        sabine.post("/staff/organizations", &form).await.status,
        StatusCode::FORBIDDEN
    );

    let mut stefan = signed_in(t, "stefan").await;
    for path in [
        "/staff/organizations",
        "/staff/organizations/new",
        page.as_str(),
    ] {
        assert_eq!(
            stefan.get(path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let csrf = stefan.get("/home").await.hidden("_csrf");
    let form = settings(&csrf, "", "X", "group", "EUR", false, "");
    assert_eq!(
        stefan.post(&page, &form).await.status,
        StatusCode::NOT_FOUND
    );

    // Andreas as administrator of München only.
    t.db.execute(
        Sql::new("UPDATE staff_users SET role = 'admin' WHERE email = $1")
            .arg(demo_login("andreas").email),
    )
    .await
    .unwrap();
    let mut andreas = signed_in(t, "andreas").await;
    let mine = create(&mut andreas, "München Familie", "household").await;
    let (hamburg, _, _) = free_customer(t, true, 3).await;
    assert_eq!(
        add(&mut andreas, mine, hamburg, false).await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(organization_of(t, hamburg).await, None);
    // Petra's organization holds a Hamburg customer only now.
    let (h, _, _) = free_customer(t, true, 4).await;
    let mut petra = signed_in(t, "petra").await;
    assert_eq!(add(&mut petra, org, h, false).await, StatusCode::SEE_OTHER);
    assert_eq!(andreas.get(&page).await.status, StatusCode::NOT_FOUND);
    let csrf = andreas.get("/staff/organizations").await.hidden("_csrf");
    let id = h.to_string();
    let r = andreas
        .post(
            &format!("{page}/customers/remove"),
            &[("_csrf", &csrf), ("customer", &id)],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(organization_of(t, h).await, Some(org));
    // His own empty organization is his; Petra (both tenants) sees it too.
    assert_eq!(
        andreas
            .get(&format!("/staff/organizations/{mine}"))
            .await
            .status,
        StatusCode::OK
    );
}

async fn flows(t: &TestApp) {
    let mut petra = signed_in(t, "petra").await;
    let org = settings_flow(t, &mut petra).await;
    customer_flow(t, &mut petra, org).await;
    crate::organizations_parts::contacts_flow(t, &mut petra).await;
    crate::organizations_parts::logo_flow(t, &mut petra).await;
    access(t, org).await;
}

#[tokio::test]
async fn administrators_manage_organizations_customers_contacts_and_logo() {
    flows(&spawn_app().await).await;
}

#[tokio::test]
async fn administrators_manage_organizations_on_postgres() {
    let Some((t, _pg)) = spawn_app_on_postgres().await else {
        return;
    };
    flows(&t).await;
}
