//! The administrators' home page settings: who reaches them and the
//! checked logo upload.

use axum::http::{StatusCode, header};

use crate::harness::spawn_app;
use crate::home_support::{csrf, png, save_general, signed_in, upload};

#[tokio::test]
async fn logo_uploads_are_checked_and_served_with_a_hash() {
    let app = spawn_app().await;
    let mut petra = signed_in(&app, "petra").await;
    let token = csrf(&mut petra).await;

    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
    let r = upload(&mut petra, "/settings/home/logo", &token, "logo", svg).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("id=\"logo-error\""));
    let mut big = png();
    big.resize(1024 * 1024 + 1, 0);
    let r = upload(&mut petra, "/settings/home/logo", &token, "logo", &big).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(
        !petra
            .get("/settings/home")
            .await
            .body
            .contains("id=\"current-logo\"")
    );

    let r = upload(&mut petra, "/settings/home/logo", "wrong", "logo", &png()).await;
    assert_eq!(
        r.status,
        StatusCode::FORBIDDEN,
        "a missing CSRF token is refused"
    );

    let r = upload(&mut petra, "/settings/home/logo", &token, "logo", &png()).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mut stefan = signed_in(&app, "stefan").await;
    let page = stefan.get("/home").await.body;
    let marker = "id=\"broker-logo\" src=\"";
    let start = page.find(marker).unwrap() + marker.len();
    let src = page[start..]
        .split('"')
        .next()
        .unwrap()
        .replace("&#x2f;", "/");
    let logo = stefan.get(&src).await;
    assert_eq!(logo.status, StatusCode::OK, "{src}");
    assert_eq!(logo.headers[header::CONTENT_TYPE], "image/png");
    assert_eq!(logo.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert!(
        logo.headers[header::CACHE_CONTROL]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    assert_eq!(logo.bytes.as_ref(), png().as_slice());
    assert_eq!(
        stefan.get("/home/logo?v=0000").await.status,
        StatusCode::NOT_FOUND
    );

    // Hidden: neither on the page nor served.
    let r = save_general(&mut petra, &[("view", "dashboard")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(!stefan.get("/home").await.body.contains("broker-logo"));
    assert_eq!(stefan.get(&src).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn only_staff_administrators_reach_the_settings() {
    let app = spawn_app().await;
    let mut petra = signed_in(&app, "petra").await;
    assert_eq!(petra.get("/settings").await.status, StatusCode::OK);
    let page = petra.get("/settings/home").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let token = page.hidden("_csrf");
    let r = petra.post("/settings/home", &[("view", "icons")]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "no CSRF token");

    let mut sabine = signed_in(&app, "sabine").await;
    assert_eq!(sabine.get("/settings").await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        sabine.get("/settings/home").await.status,
        StatusCode::FORBIDDEN
    );
    let r = sabine
        .post("/settings/home", &[("_csrf", &token), ("view", "icons")])
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    let mut stefan = signed_in(&app, "stefan").await;
    assert_eq!(
        stefan.get("/settings/home").await.status,
        StatusCode::NOT_FOUND
    );
    let token = stefan.get("/home").await.hidden("_csrf");
    let r = stefan
        .post("/settings/home", &[("_csrf", &token), ("view", "icons")])
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = upload(&mut stefan, "/settings/home/logo", &token, "logo", &png()).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // Nothing changed.
    assert!(!stefan.get("/home").await.body.contains("icon-view"));
}
