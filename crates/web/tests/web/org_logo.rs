//! The organization logo on both sides (D3/D4): the staff organization
//! page shows the current logo (`/staff/organizations/{id}/logo/image`,
//! for the staff who may read the organization; another tenant's
//! organization, one without a logo and portal users get the plain 404),
//! and the organization's users see it on their home page and their
//! PDFs (contract master sheet, claims list).

use axum::http::{StatusCode, header};
use kp_storage::Sql;

use crate::contract_sheet::{download, group_contract};
use crate::harness::{TestApp, demo_login, spawn_app, spawn_app_on_postgres};
use crate::organizations::{brenner, one_i64};
use crate::profiles::signed_in;
use crate::report_pdfs::images_in;

fn src_in(body: &str) -> Option<String> {
    let from = body.find("id=\"org-logo-image\"")?;
    let rest = &body[from..];
    let src = rest.split("src=\"").nth(1)?.split('"').next()?;
    Some(src.replace("&amp;", "&").replace("&#x2f;", "/"))
}

/// A page without the lines that differ per request (request id, form
/// token).
fn plain(body: &str) -> String {
    body.lines()
        .filter(|l| !l.contains("request-id") && !l.contains("_csrf"))
        .collect::<Vec<_>>()
        .join("\n")
}

async fn flows(t: &TestApp) {
    let group = brenner(t).await;
    let page = format!("/staff/organizations/{group}");
    let mut petra = signed_in(t, "portal administrator").await;

    // The demo group has a logo: the page shows it, the image is served.
    let body = petra.get(&page).await.body;
    let src = src_in(&body).unwrap_or_else(|| panic!("no logo image in {body}"));
    assert!(src.starts_with(&format!("{page}/logo/image?v=")), "{src}");
    let r = petra.get(&src).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.bytes.starts_with(b"\x89PNG\r\n\x1a\n"));
    assert_eq!(r.headers[header::CONTENT_TYPE], "image/png");
    assert_eq!(r.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    let unversioned = petra.get(&format!("{page}/logo/image")).await;
    assert_eq!(unversioned.status, StatusCode::OK);
    assert_eq!(
        unversioned.headers[header::CACHE_CONTROL],
        "private, no-cache"
    );
    assert_eq!(
        petra
            .get(&format!("{page}/logo/image?v=0000000000000000"))
            .await
            .status,
        StatusCode::NOT_FOUND,
        "an old version"
    );
    // Every staff member who reads the organization sees it too.
    let mut sabine = signed_in(t, "Sabine").await;
    assert_eq!(sabine.get(&src).await.status, StatusCode::OK);
    assert!(src_in(&sabine.get(&page).await.body).is_some());

    // The users: on their home page and on their PDFs.
    let mut stefan = signed_in(t, "stefan").await;
    let home = stefan.get("/home").await.body;
    assert!(home.contains("id=\"organization-logo\""), "{home}");
    let (contract, _, _, _) = group_contract(t).await;
    let sheet = format!("/contracts/{contract}/sheet.pdf");
    let (status, _, pdf) = download(&stefan, &sheet).await;
    assert_eq!(status, StatusCode::OK);
    let with_logo = images_in(&pdf);
    assert!(with_logo >= 1, "the sheet carries the group's logo");
    let (_, _, list) = download(&stefan, "/claims.pdf").await;
    assert!(images_in(&list) >= 1, "the claims list carries it");
    // A portal user gets the plain 404 of the staff route.
    assert_eq!(stefan.get(&src).await.status, StatusCode::NOT_FOUND);

    // Removed: no image on the page, the route a 404, the PDFs without it.
    let csrf = petra.get(&page).await.hidden("_csrf");
    let r = petra
        .post(&format!("{page}/logo/remove"), &[("_csrf", &csrf)])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(src_in(&petra.get(&page).await.body).is_none());
    let missing = petra.get("/staff/organizations/99999999/logo/image").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let gone = petra.get(&format!("{page}/logo/image")).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert_eq!(
        plain(&gone.body),
        plain(&missing.body.replace("99999999", &group.to_string()))
    );
    let (_, _, pdf) = download(&stefan, &sheet).await;
    assert_eq!(images_in(&pdf), with_logo - 1);
    assert!(
        !stefan
            .get("/home")
            .await
            .body
            .contains("id=\"organization-logo\"")
    );

    // Another tenant's organization with a logo: a 404 for Petra once
    // she works for München only.
    let (key,): (Option<String>,) =
        t.db.fetch_one(Sql::new(
            "SELECT MAX(logo_storage_key) FROM organizations WHERE logo_storage_key IS NOT NULL",
        ))
        .await
        .unwrap();
    assert!(key.is_none(), "no logo left");
    let foreign = foreign_with_logo(t, &mut petra).await;
    let path = format!("/staff/organizations/{foreign}/logo/image");
    assert_eq!(petra.get(&path).await.status, StatusCode::OK);
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
    let r = petra.get(&path).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let missing = petra.get("/staff/organizations/99999999/logo/image").await;
    assert_eq!(
        plain(&r.body),
        plain(&missing.body.replace("99999999", &foreign.to_string()))
    );
}

/// An organization whose only customer is a Hamburg private customer
/// (Martina K.), with a logo uploaded by Petra.
async fn foreign_with_logo(t: &TestApp, petra: &mut crate::harness::Client<'_>) -> i64 {
    let now = chrono::Utc::now();
    t.db.execute(
        Sql::new(
            "INSERT INTO organizations (name, created_at, updated_at) \
             VALUES ('Logo Fremd AG', $1, $1)",
        )
        .arg(now),
    )
    .await
    .unwrap();
    let other = one_i64(
        t,
        Sql::new("SELECT id FROM organizations WHERE name = 'Logo Fremd AG'"),
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
    let page = format!("/staff/organizations/{other}");
    let csrf = petra.get(&page).await.hidden("_csrf");
    let png = crate::report_pdfs::logo_png(30, 10);
    let r = crate::home_support::upload(petra, &format!("{page}/logo"), &csrf, "logo", &png).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    other
}

#[tokio::test]
async fn the_staff_page_and_the_users_show_the_organization_logo() {
    let t = spawn_app().await;
    flows(&t).await;
}

#[tokio::test]
async fn the_staff_page_and_the_users_show_the_organization_logo_on_postgres() {
    let Some((t, _pg)) = spawn_app_on_postgres().await else {
        return;
    };
    flows(&t).await;
}
