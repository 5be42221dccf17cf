//! The master sheet's premium history and logos, and the setting that
//! switches each PDF report on or off (B10): links hidden and 403 when off,
//! while a contract outside the scope stays the plain 404.

use axum::http::StatusCode;
use kp_storage::Sql;

use crate::contract_sheet::{download, group_contract, pdf_text, pdftotext_available, signed_in};
use crate::harness::{Client, TestApp, hide_fields, spawn_app, spawn_app_on_postgres};
use crate::report_pdfs::{images_in, logo_png, upload_broker_logo};

async fn save_reports(petra: &mut Client<'_>, fields: &[(&str, &str)]) {
    let token = petra.get("/settings/reports").await.hidden("_csrf");
    let mut form = vec![("_csrf", token.as_str())];
    form.extend_from_slice(fields);
    let r = petra.post("/settings/reports", &form).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), "/settings/reports?saved=1");
}

async fn check_the_premium_history_shows_where_the_premium_does(app: &TestApp) {
    let (id, _, _, _) = group_contract(app).await;
    let (changes,): (i64,) = app
        .db
        .fetch_one(Sql::new("SELECT COUNT(*) FROM premium_history WHERE contract_id = $1").arg(id))
        .await
        .unwrap();
    assert!(changes >= 1, "the demo records the inception at least");
    let mut stefan = signed_in(app, "stefan").await;
    let page = stefan.get(&format!("/contracts/{id}")).await;
    assert!(page.body.contains("id=\"premium-history\""));
    assert!(page.body.contains("Beitragsverlauf"));
    assert!(page.body.contains("Vertragsbeginn"));

    upload_broker_logo(app, &logo_png(30, 30)).await;
    let (status, _, pdf) = download(&stefan, &format!("/contracts/{id}/sheet.pdf")).await;
    assert_eq!(status, StatusCode::OK);
    // The broker's and the group's logo.
    assert_eq!(images_in(&pdf), 2);
    if pdftotext_available() {
        let text = pdf_text(&pdf);
        assert!(text.contains("Beitragsverlauf"), "{text}");
        assert!(text.contains("Vertragsbeginn"), "{text}");
        assert!(text.contains("Gültig ab"), "{text}");
    }

    // Hidden premium: no history on the page or in the sheet.
    hide_fields(app, "stefan", &["contract.premium"]).await;
    let page = stefan.get(&format!("/contracts/{id}")).await;
    assert!(!page.body.contains("premium-history"));
    assert!(!page.body.contains("Beitragsverlauf"));
    let (_, _, pdf) = download(&stefan, &format!("/contracts/{id}/sheet.pdf")).await;
    if pdftotext_available() {
        let text = pdf_text(&pdf);
        assert!(!text.contains("Beitragsverlauf"), "{text}");
        assert!(!text.contains("Vertragsbeginn"), "{text}");
    }
}

async fn check_each_report_can_be_switched_off(app: &TestApp) {
    let (id, _, _, _) = group_contract(app).await;
    let sheet = format!("/contracts/{id}/sheet.pdf");
    let mut stefan = signed_in(app, "stefan").await;
    let mut petra = signed_in(app, "petra").await;

    // Only administrators see the settings; portal users get the 404 of an
    // unknown page.
    let page = petra.get("/settings/reports").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("name=\"contract_sheet\" value=\"on\" checked")
    );
    assert!(
        page.body
            .contains("name=\"claims_list\" value=\"on\" checked")
    );
    assert!(
        petra
            .get("/settings")
            .await
            .body
            .contains("/settings/reports")
    );
    let mut sabine = signed_in(app, "sabine").await;
    assert_eq!(
        sabine.get("/settings/reports").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        stefan.get("/settings/reports").await.status,
        StatusCode::NOT_FOUND
    );
    // Without the form token nothing is stored.
    let r = petra
        .post(
            "/settings/reports",
            &[("_csrf", "forged"), ("contract_sheet", "on")],
        )
        .await;
    assert_ne!(r.status, StatusCode::SEE_OTHER);
    assert!(stefan.get("/claims").await.body.contains("id=\"list-pdf\""));

    // The claims list off, the sheet on.
    save_reports(&mut petra, &[("contract_sheet", "on")]).await;
    let page = petra.get("/settings/reports?saved=1").await;
    assert!(page.body.contains("name=\"claims_list\" value=\"on\">"));
    assert!(!stefan.get("/claims").await.body.contains("id=\"list-pdf\""));
    assert_eq!(
        download(&stefan, "/claims.pdf").await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(download(&stefan, &sheet).await.0, StatusCode::OK);
    assert!(
        stefan
            .get(&format!("/contracts/{id}"))
            .await
            .body
            .contains("id=\"contract-sheet\"")
    );

    // Both off.
    save_reports(&mut petra, &[]).await;
    let page = stefan.get(&format!("/contracts/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("id=\"contract-sheet\""));
    assert_eq!(download(&stefan, &sheet).await.0, StatusCode::FORBIDDEN);
    // Outside the scope it stays the 404 of a contract that does not exist.
    let martina = signed_in(app, "martina").await;
    assert_eq!(download(&martina, &sheet).await.0, StatusCode::NOT_FOUND);
    assert_eq!(
        download(&martina, "/contracts/999999999/sheet.pdf").await.0,
        StatusCode::NOT_FOUND
    );

    // Back on.
    save_reports(
        &mut petra,
        &[("contract_sheet", "on"), ("claims_list", "on")],
    )
    .await;
    assert_eq!(download(&stefan, &sheet).await.0, StatusCode::OK);
    assert_eq!(download(&stefan, "/claims.pdf").await.0, StatusCode::OK);
}

#[tokio::test]
async fn the_premium_history_shows_where_the_premium_does() {
    let app = spawn_app().await;
    check_the_premium_history_shows_where_the_premium_does(&app).await;
}

#[tokio::test]
async fn the_premium_history_shows_where_the_premium_does_on_postgres() {
    let Some((app, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    check_the_premium_history_shows_where_the_premium_does(&app).await;
    drop(app);
    pg.drop_db().await;
}

#[tokio::test]
async fn each_report_can_be_switched_off() {
    let app = spawn_app().await;
    check_each_report_can_be_switched_off(&app).await;
}

#[tokio::test]
async fn each_report_can_be_switched_off_on_postgres() {
    let Some((app, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    check_each_report_can_be_switched_off(&app).await;
    drop(app);
    pg.drop_db().await;
}
