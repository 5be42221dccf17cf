//! Per-user scope over HTTP (D3): staff narrow Dr. Stefan B. of the Brenner
//! group by contract type, status, line of business, customer, single
//! objects and single claims; his next request shows the narrowed lists
//! and the summary counts equal them; "add all matching" adds exactly the
//! organization's matching objects; forged ids and stale forms change
//! nothing; a portal user gets the 404 of an unknown page. The pickers are
//! tested in `user_scopes_pick.rs`.

use axum::http::StatusCode;
use kp_storage::Sql;

use crate::harness::{Client, Response, TestApp, demo_login, spawn_app, spawn_app_on_postgres};
use crate::staff_users::audit_count;

pub(crate) async fn signed_in<'a>(t: &'a TestApp, who: &str) -> Client<'a> {
    let login = demo_login(who);
    let mut c = Client::new(t);
    let r = c.login(login.email, login.password).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{who}: {}", r.body);
    c
}

/// The home page's first tile: the contracts.
fn first_tile_number(body: &str) -> i64 {
    let start = body.find("tile-number\">").unwrap() + "tile-number\">".len();
    digits(body[start..].split('<').next().unwrap())
}

pub(crate) fn digits(text: &str) -> i64 {
    let d: String = text.chars().filter(char::is_ascii_digit).collect();
    d.parse()
        .unwrap_or_else(|_| panic!("no number in {text:?}"))
}

/// The text of the element with `id` up to its next tag.
pub(crate) fn element(body: &str, id: &str) -> String {
    let marker = format!("id=\"{id}\"");
    let at = body.find(&marker).unwrap_or_else(|| panic!("no #{id}"));
    let start = at + body[at..].find('>').unwrap() + 1;
    body[start..].split('<').next().unwrap().to_owned()
}

/// A portal list's total as the user sees it (0 when the list is empty).
pub(crate) async fn total(c: &mut Client<'_>, path: &str) -> i64 {
    let r = c.get(path).await;
    assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
    if r.body.contains("id=\"list-total\"") {
        digits(&element(&r.body, "list-total"))
    } else {
        0
    }
}

pub(crate) struct Summary {
    pub contracts: i64,
    pub objects: i64,
    pub claims: i64,
}

pub(crate) fn summary(page: &Response) -> Summary {
    Summary {
        contracts: digits(&element(&page.body, "summary-contracts")),
        objects: digits(&element(&page.body, "summary-objects")),
        claims: digits(&element(&page.body, "summary-claims")),
    }
}

pub(crate) async fn one(t: &TestApp, sql: &str, arg: i64) -> i64 {
    let (n,): (i64,) = t.db.fetch_one(Sql::new(sql).arg(arg)).await.unwrap();
    n
}

pub(crate) async fn stefan_id(t: &TestApp) -> i64 {
    let (id,): (i64,) =
        t.db.fetch_one(
            Sql::new("SELECT id FROM portal_users WHERE email = $1")
                .arg(demo_login("Stefan").email),
        )
        .await
        .unwrap();
    id
}

/// Posts the scope form; `fields` beyond token and stamp.
async fn save(
    c: &mut Client<'_>,
    id: i64,
    fields: &[(&str, &str)],
    stamp: Option<&str>,
) -> Response {
    let page = c.get(&format!("/staff/users/{id}/scope")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let csrf = page.hidden("_csrf");
    let current = page.hidden("updated_at");
    let mut form = vec![
        ("_csrf", csrf.as_str()),
        ("updated_at", stamp.unwrap_or(&current)),
    ];
    form.extend_from_slice(fields);
    c.post(&format!("/staff/users/{id}/scope"), &form).await
}

/// The user's lists and the summary agree, and the summary is returned.
pub(crate) async fn lists_match_summary(
    staff: &mut Client<'_>,
    user: &mut Client<'_>,
    id: i64,
) -> Summary {
    let page = staff.get(&format!("/staff/users/{id}/scope")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let s = summary(&page);
    assert_eq!(total(user, "/contracts").await, s.contracts, "contracts");
    assert_eq!(total(user, "/objects").await, s.objects, "objects");
    assert_eq!(total(user, "/claims").await, s.claims, "claims");
    s
}

async fn restrictions_flow(t: &TestApp) {
    let id = stefan_id(t).await;
    let mut staff = signed_in(t, "Thomas").await;
    let mut stefan = signed_in(t, "Stefan").await;
    let all = lists_match_summary(&mut staff, &mut stefan, id).await;
    assert!(all.contracts > 1 && all.objects > 1 && all.claims > 1);

    // The home page counts (cached per scope) before any restriction.
    let home = stefan.get("/home").await;
    assert_eq!(first_tile_number(&home.body), all.contracts);

    // Each kind of restriction narrows the lists on the next request.
    let audits = audit_count(t, "user.scope_changed", id).await;
    for fields in [
        vec![("line_mode", "only"), ("line", "fire")],
        vec![("type_mode", "only"), ("type", "fleet")],
        vec![("status_mode", "only"), ("status", "cancelled")],
    ] {
        let r = save(&mut staff, id, &fields, None).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{fields:?}: {}", r.body);
        let s = lists_match_summary(&mut staff, &mut stefan, id).await;
        assert!(s.contracts < all.contracts, "{fields:?} narrows");
    }
    // The home page's cached counts follow at once.
    let narrowed = summary(&staff.get(&format!("/staff/users/{id}/scope")).await);
    let home = stefan.get("/home").await;
    assert_eq!(first_tile_number(&home.body), narrowed.contracts);
    assert_eq!(audit_count(t, "user.scope_changed", id).await, audits + 3);

    // One customer of the organization.
    let org = one(
        t,
        "SELECT organization_id FROM portal_users WHERE id = $1",
        id,
    )
    .await;
    let customer = one(
        t,
        "SELECT MIN(id) FROM customers WHERE organization_id = $1",
        org,
    )
    .await
    .to_string();
    let r = save(
        &mut staff,
        id,
        &[("customer_mode", "only"), ("customer", &customer)],
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let s = lists_match_summary(&mut staff, &mut stefan, id).await;
    assert!(s.contracts < all.contracts);
    let page = staff.get(&format!("/staff/users/{id}/scope")).await;
    assert!(page.body.contains(&format!("value=\"{customer}\" checked")));

    // A customer of another organization: refused, nothing changed.
    let foreign = one(
        t,
        "SELECT MIN(id) FROM customers WHERE organization_id IS NULL OR organization_id <> $1",
        org,
    )
    .await
    .to_string();
    let before = one(
        t,
        "SELECT COUNT(*) FROM portal_user_scope_customers WHERE portal_user_id = $1",
        id,
    )
    .await;
    let r = save(
        &mut staff,
        id,
        &[
            ("customer_mode", "only"),
            ("customer", &foreign),
            ("line_mode", "only"),
            ("line", "cargo"),
        ],
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("alert-error"), "{}", r.body);
    // The form keeps what was entered.
    assert!(r.body.contains("value=\"cargo\" checked"));
    let lines: (Option<String>,) =
        t.db.fetch_one(Sql::new("SELECT scope_lines FROM portal_users WHERE id = $1").arg(id))
            .await
            .unwrap();
    assert_eq!(lines.0, None, "nothing half-written");
    assert_eq!(
        one(
            t,
            "SELECT COUNT(*) FROM portal_user_scope_customers WHERE portal_user_id = $1",
            id
        )
        .await,
        before
    );
    // An unknown code: refused.
    let r = save(
        &mut staff,
        id,
        &[("type_mode", "only"), ("type", "bogus")],
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);

    // A stale form: 409, nothing changed.
    let old = staff
        .get(&format!("/staff/users/{id}/scope"))
        .await
        .hidden("updated_at");
    let r = save(&mut staff, id, &[], None).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = save(
        &mut staff,
        id,
        &[("line_mode", "only"), ("line", "fire")],
        Some(&old),
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    let s = lists_match_summary(&mut staff, &mut stefan, id).await;
    assert_eq!(s.contracts, all.contracts, "all restrictions lifted");

    // A portal user on the staff routes: the plain 404.
    for path in ["scope", "scope/objects", "scope/claims"] {
        let r = stefan.get(&format!("/staff/users/{id}/{path}")).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
    }
}

#[tokio::test]
async fn restrictions_narrow_the_users_lists() {
    let t = spawn_app().await;
    restrictions_flow(&t).await;
}

#[tokio::test]
async fn restrictions_narrow_the_users_lists_on_postgres() {
    let Some((t, _pg)) = spawn_app_on_postgres().await else {
        return;
    };
    restrictions_flow(&t).await;
}
