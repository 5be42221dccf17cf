//! The contract master sheet PDF: found through the scope, allowed by the
//! profile, in the user's language, without the fields the profile hides.

use std::process::Command;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Request, StatusCode, header};
use kp_domain::Language;
use kp_storage::Sql;
use tower::ServiceExt;

use crate::harness::{Client, TestApp, demo_login, hide_fields, spawn_app, spawn_app_on_postgres};

pub(crate) async fn signed_in<'a>(app: &'a TestApp, who: &str) -> Client<'a> {
    let login = demo_login(who);
    let mut client = Client::new(app);
    client.login(login.email, login.password).await;
    client
}

/// The harness reads bodies as text; a PDF needs its bytes.
pub(crate) async fn download(client: &Client<'_>, path: &str) -> (StatusCode, HeaderMap, Vec<u8>) {
    let cookie = client
        .cookies
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ");
    let request = Request::get(path)
        .header(header::COOKIE, cookie)
        .extension(ConnectInfo(client.peer))
        .body(Body::empty())
        .unwrap();
    let response = client.app.router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, headers, bytes.to_vec())
}

/// Whether `pdftotext` can run; without it the text checks are skipped
/// with a note, unless `KUNDENPORTAL_TEST_TOOLS=1` demands the tool.
pub(crate) fn pdftotext_available() -> bool {
    let found = Command::new("pdftotext").arg("-v").output().is_ok();
    if !found {
        let required = std::env::var("KUNDENPORTAL_TEST_TOOLS").is_ok_and(|v| v == "1");
        assert!(
            !required,
            "pdftotext is required (KUNDENPORTAL_TEST_TOOLS=1) but was not found"
        );
        eprintln!("skipping the PDF text checks: pdftotext is not installed (poppler-utils)");
    }
    found
}

/// The PDF's text with whitespace (and no-break spaces) collapsed.
pub(crate) fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sheet.pdf");
    std::fs::write(&path, pdf).unwrap();
    let output = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    assert!(output.status.success(), "pdftotext failed");
    squash(&String::from_utf8(output.stdout).unwrap())
}

pub(crate) fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(crate) async fn switch_language(client: &mut Client<'_>, lang: &str) {
    let csrf = client.get("/home").await.hidden("_csrf");
    client
        .post(
            "/language",
            &[("lang", lang), ("_csrf", &csrf), ("next", "/home")],
        )
        .await;
}

/// A group contract with objects: (id, policy number, gross premium,
/// currency).
pub(crate) async fn group_contract(app: &TestApp) -> (i64, String, i64, String) {
    app.db
        .fetch_one(Sql::new(
            "SELECT k.id, k.policy_number, k.premium_gross_minor, k.currency FROM contracts k \
             JOIN customers cu ON cu.id = k.customer_id \
             WHERE cu.organization_id IS NOT NULL \
             AND EXISTS (SELECT 1 FROM insured_objects o WHERE o.contract_id = k.id) \
             ORDER BY k.id LIMIT 1",
        ))
        .await
        .unwrap()
}

async fn the_sheet_follows_scope_profile_and_language(app: &TestApp) {
    let (id, policy, gross, currency) = group_contract(app).await;
    let path = format!("/contracts/{id}/sheet.pdf");
    let mut stefan = signed_in(app, "stefan").await;

    // The contract page offers it.
    let contract_page = stefan.get(&format!("/contracts/{id}")).await;
    assert!(contract_page.body.contains("id=\"contract-sheet\""));

    let (status, headers, pdf) = download(&stefan, &path).await;
    assert_eq!(status, StatusCode::OK);
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(headers[header::CONTENT_TYPE], "application/pdf");
    assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(headers[header::CACHE_CONTROL], "private, no-store");
    assert_eq!(
        headers[header::CONTENT_DISPOSITION].to_str().unwrap(),
        format!("attachment; filename=\"Vertragsstammblatt-{policy}.pdf\"")
    );
    let tools = pdftotext_available();
    let premium_de = squash(&kp_web::format::money(Language::De, gross, &currency));
    if tools {
        let text = pdf_text(&pdf);
        for expected in [
            "Vertragsstammblatt",
            policy.as_str(),
            "Versicherungsschein-Nr.",
            "Versicherte Objekte",
            "Aktueller Beitrag",
            "Ihre Ansprechpartner",
            "Seite 1 von",
            premium_de.as_str(),
        ] {
            assert!(text.contains(expected), "missing {expected:?} in {text}");
        }
    }

    // In English, with English labels and file name.
    switch_language(&mut stefan, "en").await;
    let (status, headers, pdf) = download(&stefan, &path).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        headers[header::CONTENT_DISPOSITION].to_str().unwrap(),
        format!("attachment; filename=\"Contract-master-sheet-{policy}.pdf\"")
    );
    if tools {
        let text = pdf_text(&pdf);
        let premium_en = squash(&kp_web::format::money(Language::En, gross, &currency));
        for expected in [
            "Contract master sheet",
            policy.as_str(),
            "Policy number",
            "Current premium",
            "Your contacts",
            "Page 1 of",
            premium_en.as_str(),
        ] {
            assert!(text.contains(expected), "missing {expected:?} in {text}");
        }
        assert!(!text.contains("Vertragsstammblatt"));
    }
    switch_language(&mut stefan, "de").await;

    // A profile hiding the premium: the amounts are not in the file.
    hide_fields(app, "stefan", &["contract.premium"]).await;
    let (status, _, pdf) = download(&stefan, &path).await;
    assert_eq!(status, StatusCode::OK);
    if tools {
        let text = pdf_text(&pdf);
        assert!(text.contains(&policy));
        assert!(!text.contains(&premium_de), "hidden premium in {text}");
        assert!(!text.contains("Beitrag (brutto)"));
        assert!(!text.contains("Beitrag (netto)"));
    }

    // Another customer's contract is the plain 404, like a missing one.
    let mut martina = signed_in(app, "martina").await;
    let (foreign, _, foreign_body) = download(&martina, &path).await;
    let (missing, _, missing_body) = download(&martina, "/contracts/999999999/sheet.pdf").await;
    assert_eq!(foreign, StatusCode::NOT_FOUND);
    assert_eq!(missing, StatusCode::NOT_FOUND);
    let strip = |b: &[u8]| {
        String::from_utf8_lossy(b)
            .replace("&#x2f;", "/")
            .lines()
            .filter(|l| !l.contains("request-id") && !l.contains("_csrf"))
            .collect::<Vec<_>>()
            .join("\n")
            .replace(&path, "")
            .replace("/contracts/999999999/sheet.pdf", "")
    };
    assert_eq!(strip(&foreign_body), strip(&missing_body));
    assert_eq!(
        martina.get("/contracts/abc/sheet.pdf").await.status,
        StatusCode::NOT_FOUND
    );

    // The site profile (Jens W.) sees contracts but may not download
    // reports: no link, and 403 for a contract of his.
    let (jens_contract,): (i64,) = app
        .db
        .fetch_one(Sql::new(
            "SELECT o.contract_id FROM insured_objects o WHERE o.site = 'Werk Augsburg' \
             ORDER BY o.contract_id LIMIT 1",
        ))
        .await
        .unwrap();
    let mut jens = signed_in(app, "jens").await;
    let page = jens.get(&format!("/contracts/{jens_contract}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("id=\"contract-sheet\""));
    let (status, _, _) = download(&jens, &format!("/contracts/{jens_contract}/sheet.pdf")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // Martina K. has no profile, so everything is allowed to her.
    let (own,): (i64,) = app
        .db
        .fetch_one(
            Sql::new(
                "SELECT k.id FROM contracts k JOIN portal_users p ON p.customer_id = k.customer_id \
                 WHERE p.email = $1 ORDER BY k.id LIMIT 1",
            )
            .arg(demo_login("martina").email),
        )
        .await
        .unwrap();
    let (status, _, _) = download(&martina, &format!("/contracts/{own}/sheet.pdf")).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn the_contract_sheet_follows_scope_profile_and_language() {
    let app = spawn_app().await;
    the_sheet_follows_scope_profile_and_language(&app).await;
}

#[tokio::test]
async fn the_contract_sheet_follows_scope_profile_and_language_on_postgres() {
    let Some((app, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    the_sheet_follows_scope_profile_and_language(&app).await;
    drop(app);
    pg.drop_db().await;
}
