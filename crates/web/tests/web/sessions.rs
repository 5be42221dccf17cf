use axum::http::StatusCode;

use crate::harness::{Client, demo_login, spawn_app, spawn_app_with_settings};

fn set_cookies(response: &crate::harness::Response) -> Vec<String> {
    response
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn behind_https_the_cookies_are_host_only() {
    let app = spawn_app_with_settings(|_, config| config.secure_cookies = true).await;
    let martina = demo_login("martina");
    let mut client = Client::new(&app);
    let page = client.get("/login").await;
    let response = client.login(martina.email, martina.password).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    let mut all = set_cookies(&page);
    all.extend(set_cookies(&response));
    for name in ["__Host-kp_session=", "__Host-kp_csrf=", "__Host-kp_device="] {
        let cookie = all
            .iter()
            .find(|c| c.starts_with(name))
            .unwrap_or_else(|| panic!("no {name} in {all:?}"));
        assert!(
            cookie.contains("; Secure")
                && cookie.contains("; Path=/")
                && !cookie.contains("Domain"),
            "{cookie}"
        );
    }
    assert!(!all.iter().any(|c| c.starts_with("kp_session=")), "{all:?}");
    // The prefixed cookie is the one that is read.
    assert_eq!(client.get("/home").await.status, StatusCode::OK);
    let mut plain = Client::new(&app);
    let token = client.cookies.get("__Host-kp_session").cloned().unwrap();
    plain.cookies.insert("kp_session".to_owned(), token);
    assert_eq!(plain.get("/home").await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn signed_in_responses_are_not_stored_but_assets_stay_cacheable() {
    let app = spawn_app().await;
    let martina = demo_login("martina");
    let mut client = Client::new(&app);
    let login = client.login(martina.email, martina.password).await;
    assert_eq!(login.headers["cache-control"], "no-store");
    let home = client.get("/home").await;
    assert_eq!(home.status, StatusCode::OK);
    assert_eq!(home.headers["cache-control"], "no-store");
    assert_eq!(
        client.get("/healthz").await.headers["cache-control"],
        "no-store"
    );
    let css = home
        .body
        .split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .find(|href| href.starts_with("/static/"))
        .unwrap()
        .to_owned();
    let asset = client.get(&css).await;
    assert_eq!(asset.status, StatusCode::OK, "{css}");
    assert!(
        asset.headers["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable"),
        "{:?}",
        asset.headers
    );
}

#[tokio::test]
async fn login_replaces_the_session_the_browser_had() {
    let app = spawn_app().await;
    let martina = demo_login("martina");
    let mut client = Client::new(&app);
    client.login(martina.email, martina.password).await;
    let first = client.cookies.get("kp_session").cloned().unwrap();
    // Signing in again from the same browser (e.g. as someone else).
    let page = client.get("/login").await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    let csrf = client.get("/home").await.hidden("_csrf");
    let response = client
        .post(
            "/login",
            &[
                ("email", martina.email),
                ("password", martina.password),
                ("_csrf", &csrf),
            ],
        )
        .await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
    let second = client.cookies.get("kp_session").cloned().unwrap();
    assert_ne!(first, second);
    let mut old = Client::new(&app);
    old.cookies.insert("kp_session".to_owned(), first);
    assert_eq!(old.get("/home").await.status, StatusCode::SEE_OTHER);
    assert_eq!(client.get("/home").await.status, StatusCode::OK);
}

#[tokio::test]
async fn sessions_end_after_the_absolute_lifetime() {
    let app = spawn_app().await;
    let martina = demo_login("martina");
    let mut client = Client::new(&app);
    client.login(martina.email, martina.password).await;
    let hours = app.app.policy.session_absolute_hours;
    for _ in 0..(hours - 1) {
        app.clock.advance(chrono::Duration::hours(1));
        assert_eq!(client.get("/home").await.status, StatusCode::OK);
    }
    app.clock.advance(chrono::Duration::hours(1));
    let response = client.get("/home").await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    assert_eq!(response.location(), "/login?next=/home");
}
