//! Errors keep their meaning and reach the visitor as a page in their
//! language: validation next to the field, 408 and 413 from the limits,
//! the statuses of application errors.

use axum::http::StatusCode;

use crate::harness::{Client, demo_login, spawn_app, spawn_app_with_settings};

#[tokio::test]
async fn an_incomplete_login_form_shows_the_message_next_to_each_field() {
    let app = spawn_app().await;
    let mut client = Client::new(&app);
    let response = client.login("  ", "").await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    let message = "Bitte füllen Sie dieses Feld aus.";
    assert_eq!(
        response.body.matches(message).count(),
        2,
        "{}",
        response.body
    );
    assert!(
        response
            .body
            .contains(r#"<p class="field-error" id="email-error">"#)
    );
    assert!(
        response
            .body
            .contains(r#"aria-describedby="password-error" aria-invalid="true""#)
    );
    // Only the missing field is marked.
    let martina = demo_login("martina");
    let response = client.login(martina.email, "").await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(response.body.matches(message).count(), 1);
    assert!(
        response
            .body
            .contains(&format!(r#"value="{}""#, martina.email))
    );
    assert!(!client.cookies.contains_key("kp_session"));
}

#[tokio::test]
async fn an_oversized_body_gets_the_error_page_in_the_users_language() {
    let app = spawn_app_with_settings(|_, web| web.body_limit_bytes = 1024).await;
    let mut client = Client::new(&app);
    let big = "x".repeat(4096);
    let response = client.post("/login", &[("email", &big)]).await;
    assert_eq!(response.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        response.body.contains("Anfrage zu groß"),
        "{}",
        response.body
    );
    assert!(response.body.contains("class=\"request-id\""));
}

#[tokio::test]
async fn a_timed_out_request_gets_the_error_page() {
    let app = spawn_app_with_settings(|_, web| web.request_timeout_secs = 0).await;
    let mut client = Client::new(&app);
    client.accept_language = "en".to_owned();
    // The imprint reads the database, so it cannot finish before the
    // (zero) deadline.
    let response = client.get("/legal/imprint").await;
    assert_eq!(response.status, StatusCode::REQUEST_TIMEOUT);
    assert!(
        response.body.contains("Request timed out"),
        "{}",
        response.body
    );
}

#[tokio::test]
async fn an_unreadable_form_gets_the_error_page() {
    let app = spawn_app().await;
    let mut client = Client::new(&app);
    let response = client
        .request(axum::http::Method::POST, "/language", None)
        .await;
    assert!(
        response.status.is_client_error(),
        "status {}",
        response.status
    );
    assert!(response.body.contains("<html"), "{}", response.body);
}

#[tokio::test]
async fn the_finance_only_profile_sees_only_its_areas() {
    let app = spawn_app().await;
    let claire = demo_login("claire");
    let mut client = Client::new(&app);
    client.login(claire.email, claire.password).await;
    let home = client.get("/home").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(
        home.body.contains("id=\"tile-open-invoices\""),
        "{}",
        home.body
    );
    assert!(home.body.contains("id=\"tile-documents\""));
    for hidden in ["tile-contracts", "tile-objects", "tile-claims"] {
        assert!(!home.body.contains(hidden), "{hidden} shown to Claire D.");
    }
    // The group's risk manager has every area.
    let stefan = demo_login("stefan");
    let mut client = Client::new(&app);
    client.login(stefan.email, stefan.password).await;
    let home = client.get("/home").await;
    for shown in [
        "tile-contracts",
        "tile-objects",
        "tile-claims",
        "tile-open-invoices",
    ] {
        assert!(home.body.contains(shown), "{shown} missing for Dr. B.");
    }
}

#[test]
fn the_web_layer_does_not_depend_on_storage() {
    // The page handlers reach data only through kp-app, which applies the
    // scope; a storage dependency would let a page read around it. (Tests
    // may use storage to set up data, as dev-dependencies.)
    let manifest = include_str!("../../Cargo.toml");
    let deps = manifest
        .split("[dependencies]")
        .nth(1)
        .and_then(|rest| rest.split("\n[").next())
        .unwrap();
    assert!(!deps.contains("kp-storage"), "{deps}");
}
