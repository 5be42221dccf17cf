//! The permission profile preview over HTTP (D2): the portal as a user
//! with the profile sees it — the menu, the first rows of every list the
//! profile shows with the portal's columns, the function buttons it
//! allows (inert) — read-only, without audit entries, staff
//! administrators only, and only for profiles and records of their own
//! tenants.

use axum::http::StatusCode;
use kp_domain::{Function, Language, MenuArea, fields};
use kp_storage::Sql;

use crate::harness::{Client, TestApp, demo_login, spawn_app, spawn_app_on_postgres};
use crate::organizations::{brenner, one_i64};
use crate::profiles::signed_in;

fn text(key: &str) -> String {
    kp_web::i18n::text(Language::De, key)
}

/// Creates a profile of `org` with every area but `without_area`, every
/// function but `without_function` and every field but `without_field`.
async fn create(
    petra: &mut Client<'_>,
    org: i64,
    name: &str,
    without_area: Option<MenuArea>,
    without_function: Option<Function>,
    without_field: Option<&str>,
) -> i64 {
    let csrf = petra.get("/staff/profiles/new").await.hidden("_csrf");
    let org = org.to_string();
    let mut form = vec![
        ("_csrf", csrf.as_str()),
        ("name", name),
        ("organization", org.as_str()),
    ];
    for a in MenuArea::ALL.iter().filter(|a| Some(**a) != without_area) {
        form.push(("area", a.as_str()));
    }
    for f in Function::ALL
        .iter()
        .filter(|f| Some(**f) != without_function)
    {
        form.push(("function", f.as_str()));
    }
    for f in fields::CATALOGUE
        .iter()
        .filter(|f| Some(f.key) != without_field)
    {
        form.push(("field", f.key));
    }
    let r = petra.post("/staff/profiles", &form).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    r.location()
        .trim_start_matches("/staff/profiles/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// The part of `body` from `start` to the next `end`.
fn part<'b>(body: &'b str, start: &str, end: &str) -> &'b str {
    let from = body
        .find(start)
        .unwrap_or_else(|| panic!("{start} in {body}"));
    let rest = &body[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

/// The preview's portal section, after checking the page answers 200.
async fn portal(petra: &mut Client<'_>, id: i64) -> String {
    let r = petra.get(&format!("/staff/profiles/{id}/preview")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    part(&r.body, "id=\"preview-portal\"", "id=\"preview-areas\"").to_owned()
}

async fn audit_entries(t: &TestApp) -> i64 {
    one_i64(t, Sql::new("SELECT COUNT(*) FROM audit_entries")).await
}

/// The contract ids the preview's contracts table links to.
fn contract_links(portal: &str) -> Vec<i64> {
    let table = part(portal, "id=\"preview-contracts\"", "</section>");
    table
        .split("href=\"/contracts/")
        .skip(1)
        .filter_map(|s| s.split('"').next()?.parse().ok())
        .collect()
}

async fn flows(t: &TestApp) {
    let org = brenner(t).await;
    let mut petra = signed_in(t, "portal administrator").await;
    let everything = create(&mut petra, org, "Alles", None, None, None).await;
    let no_claims = create(
        &mut petra,
        org,
        "Ohne Schäden",
        Some(MenuArea::Claims),
        None,
        Some(fields::CONTRACT_PREMIUM),
    )
    .await;
    let no_report = create(
        &mut petra,
        org,
        "Ohne Meldung",
        None,
        Some(Function::ReportClaim),
        None,
    )
    .await;
    let audited = audit_entries(t).await;

    // Everything: every list, the claim menu item, the premium column and
    // the report-claim button as the portal shows them.
    let full = portal(&mut petra, everything).await;
    let menu = part(&full, "id=\"preview-menu\"", "</ul>");
    assert!(menu.contains(&text("nav-claims")), "{menu}");
    assert!(menu.contains(&text("nav-contracts")), "{menu}");
    for key in ["contracts", "objects", "claims", "documents", "finances"] {
        assert!(full.contains(&format!("id=\"preview-{key}\"")), "{key}");
    }
    let contracts = part(&full, "id=\"preview-contracts\"", "</section>");
    assert!(contracts.contains(&text("col-premium")), "{contracts}");
    assert!(!contract_links(&full).is_empty(), "{contracts}");
    assert!(
        full.contains("id=\"preview-button-report-claim\""),
        "{full}"
    );
    assert!(!full.contains("<form"), "nothing in the preview posts");

    // Without the claims area and the premium: no claims section, no
    // claim menu item, no premium column, no report-claim button.
    let body = petra
        .get(&format!("/staff/profiles/{no_claims}/preview"))
        .await
        .body;
    let portal_part = part(&body, "id=\"preview-portal\"", "id=\"preview-areas\"");
    let menu = part(portal_part, "id=\"preview-menu\"", "</ul>");
    assert!(!menu.contains(&text("nav-claims")), "{menu}");
    assert!(menu.contains(&text("nav-contracts")), "{menu}");
    assert!(!portal_part.contains("id=\"preview-claims\""));
    assert!(portal_part.contains("id=\"preview-contracts\""));
    let contracts = part(portal_part, "id=\"preview-contracts\"", "</section>");
    assert!(!contracts.contains(&text("col-premium")), "{contracts}");
    assert!(!body.contains("id=\"preview-button-report-claim\""));
    // The premium of a contract shown in the full preview is neither in
    // this one's contracts nor in its sample contract (finance items may
    // carry the same amount, and their amounts are shown).
    let shown = contract_links(&full)[0];
    let (gross, currency): (i64, String) =
        t.db.fetch_one(
            Sql::new("SELECT premium_gross_minor, currency FROM contracts WHERE id = $1")
                .arg(shown),
        )
        .await
        .unwrap();
    let premium = kp_web::format::money(Language::De, gross, &currency);
    assert!(full.contains(&premium), "{premium} in {full}");
    assert!(!contracts.contains(&premium), "{premium} in {contracts}");
    let sample = part(&body, "id=\"preview-sample\"", "</section>");
    assert!(!sample.contains(&text("field-premium-net")), "{sample}");

    // Claims shown, reporting not allowed: the section without the button.
    let no_button = portal(&mut petra, no_report).await;
    assert!(no_button.contains("id=\"preview-claims\""));
    assert!(!no_button.contains("id=\"preview-button-report-claim\""));
    assert!(!no_button.contains(&text("claim-wizard-start")));

    // A broker-wide profile, previewed with the chosen organization.
    let (broker_wide,): (i64,) =
        t.db.fetch_one(Sql::new(
            "SELECT MIN(id) FROM permission_profiles WHERE organization_id IS NULL",
        ))
        .await
        .unwrap();
    let r = petra
        .get(&format!(
            "/staff/profiles/{broker_wide}/preview?organization={org}"
        ))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("id=\"preview-menu\""), "{}", r.body);
    assert_eq!(audit_entries(t).await, audited, "previews write nothing");

    // Portal users: the 404 of an unknown page; other staff 403.
    let mut stefan = signed_in(t, "stefan").await;
    let path = format!("/staff/profiles/{everything}/preview");
    assert_eq!(stefan.get(&path).await.status, StatusCode::NOT_FOUND);
    let mut sabine = signed_in(t, "Sabine").await;
    assert_eq!(sabine.get(&path).await.status, StatusCode::FORBIDDEN);

    // Petra for München only: the group's rows of other tenants are left
    // out, and another tenant's organization's profile is a 404.
    let foreign = foreign_profile(t).await;
    assert_eq!(
        petra
            .get(&format!("/staff/profiles/{foreign}/preview"))
            .await
            .status,
        StatusCode::OK
    );
    t.db.execute(
        Sql::new(
            "DELETE FROM staff_user_tenants WHERE tenant_id = \
             (SELECT id FROM tenants WHERE tenant_key = 'hamburg') AND staff_user_id = \
             (SELECT id FROM staff_users WHERE email = $1)",
        )
        .arg(demo_login("portal administrator").email),
    )
    .await
    .unwrap();
    let missing = petra.get("/staff/profiles/99999999/preview").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let r = petra
        .get(&format!("/staff/profiles/{foreign}/preview"))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let munich = portal(&mut petra, everything).await;
    for id in contract_links(&munich) {
        let tenant: (String,) =
            t.db.fetch_one(
                Sql::new(
                    "SELECT t.tenant_key FROM contracts k JOIN tenants t ON t.id = k.tenant_id \
                     WHERE k.id = $1",
                )
                .arg(id),
            )
            .await
            .unwrap();
        assert_ne!(tenant.0, "hamburg", "contract {id}");
    }
}

/// A profile of an organization whose only customer is a Hamburg private
/// customer (Martina K.).
async fn foreign_profile(t: &TestApp) -> i64 {
    let now = chrono::Utc::now();
    t.db.execute(
        Sql::new(
            "INSERT INTO organizations (name, created_at, updated_at) \
             VALUES ('Vorschau Fremd AG', $1, $1)",
        )
        .arg(now),
    )
    .await
    .unwrap();
    let other = one_i64(
        t,
        Sql::new("SELECT id FROM organizations WHERE name = 'Vorschau Fremd AG'"),
    )
    .await;
    t.db.execute(
        Sql::new(
            "UPDATE customers SET organization_id = $1 WHERE id = \
             (SELECT customer_id FROM portal_users WHERE email = $2)",
        )
        .arg(other)
        .arg(demo_login("Martina").email),
    )
    .await
    .unwrap();
    t.db.execute(
        Sql::new(
            "INSERT INTO permission_profiles (organization_id, name, created_at, updated_at) \
             VALUES ($1, 'Vorschau fremd', $2, $2)",
        )
        .arg(other)
        .arg(now),
    )
    .await
    .unwrap();
    one_i64(
        t,
        Sql::new("SELECT id FROM permission_profiles WHERE name = 'Vorschau fremd'"),
    )
    .await
}

#[tokio::test]
async fn the_preview_shows_the_portal_as_the_profile_sees_it() {
    let t = spawn_app().await;
    flows(&t).await;
}

#[tokio::test]
async fn the_preview_shows_the_portal_as_the_profile_sees_it_on_postgres() {
    let Some((t, _pg)) = spawn_app_on_postgres().await else {
        return;
    };
    flows(&t).await;
}
