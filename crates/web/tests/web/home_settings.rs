//! The customer home page (dashboard or icon view, logos, welcome text,
//! start messages, welcome video) and the administrators' settings page.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use tower::ServiceExt;

use crate::harness::{Client, Response, TestApp, demo_login, spawn_app, spawn_app_on_postgres};

async fn signed_in<'a>(app: &'a TestApp, who: &str) -> Client<'a> {
    let login = demo_login(who);
    let mut client = Client::new(app);
    let r = client.login(login.email, login.password).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "login {who}");
    client
}

async fn csrf(client: &mut Client<'_>) -> String {
    client.get("/settings/home").await.hidden("_csrf")
}

/// Sends a multipart form with one file, as a browser's upload form does.
pub(crate) async fn upload(
    client: &mut Client<'_>,
    path: &str,
    csrf: &str,
    field: &str,
    bytes: &[u8],
) -> Response {
    let boundary = "kpBoundary7MA4YWxk";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{csrf}\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"f.bin\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let cookie = client
        .cookies
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ");
    let request = Request::builder()
        .method(Method::POST)
        .uri(path)
        .header(header::COOKIE, cookie)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .extension(axum::extract::ConnectInfo(client.peer))
        .body(Body::from(body))
        .unwrap();
    let response = client.app.router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    Response {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
        bytes,
    }
}

fn png() -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend_from_slice(&[0u8; 64]);
    bytes
}

async fn save_general(client: &mut Client<'_>, fields: &[(&str, &str)]) -> Response {
    let token = csrf(client).await;
    let mut form = vec![("_csrf", token.as_str())];
    form.extend_from_slice(fields);
    client.post("/settings/home", &form).await
}

async fn dashboard_cards_follow_the_profile(app: &TestApp) {
    let mut stefan = signed_in(app, "stefan").await;
    let page = stefan.get("/home").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    for card in [
        "card-claims",
        "card-documents",
        "card-lines",
        "card-finances",
    ] {
        assert!(page.body.contains(card), "Stefan sees {card}");
    }
    assert!(
        page.body.contains("href=\"&#x2f;claims&#x2f;") || page.body.contains("href=\"/claims/")
    );
    assert!(page.body.contains("line="), "links per line of business");
    assert!(!page.body.contains(">lob-"), "line names are translated");
    assert!(!page.body.contains(">home-"), "texts are translated");
    // The demo's start message and the group's own logo (D4).
    assert!(page.body.contains("start-message"));
    let marker = "id=\"organization-logo\" src=\"";
    let start = page.body.find(marker).unwrap() + marker.len();
    let src = page.body[start..]
        .split('"')
        .next()
        .unwrap()
        .replace("&#x2f;", "/");
    let logo = stefan.get(&src).await;
    assert_eq!(logo.status, StatusCode::OK, "{src}");
    assert!(logo.bytes.starts_with(b"\x89PNG"));
    let mut martina = signed_in(app, "martina").await;
    let page = martina.get("/home").await;
    assert!(!page.body.contains("organization-logo"));
    assert_eq!(martina.get(&src).await.status, StatusCode::NOT_FOUND);

    let mut claire = signed_in(app, "claire").await;
    let page = claire.get("/home").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    // Her profile shows Finances, Documents and Messages only.
    for card in ["card-finances", "card-documents", "card-messages"] {
        assert!(page.body.contains(card), "Claire sees {card}");
    }
    for card in ["card-claims", "card-lines"] {
        assert!(!page.body.contains(card), "Claire must not see {card}");
    }
}

#[tokio::test]
async fn dashboard_cards_per_profile() {
    let app = spawn_app().await;
    dashboard_cards_follow_the_profile(&app).await;
}

#[tokio::test]
async fn dashboard_cards_per_profile_on_postgres() {
    let Some((app, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    dashboard_cards_follow_the_profile(&app).await;
    drop(app);
    pg.drop_db().await;
}

#[tokio::test]
async fn the_icon_view_shows_the_allowed_functions() {
    let app = spawn_app().await;
    let mut petra = signed_in(&app, "petra").await;
    let r = save_general(&mut petra, &[("view", "icons")]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    let mut stefan = signed_in(&app, "stefan").await;
    let page = stefan.get("/home").await;
    assert!(page.body.contains("id=\"icon-view\""), "{}", page.body);
    assert!(page.body.contains("<svg"));
    assert!(!page.body.contains("card-claims"));

    let mut claire = signed_in(&app, "claire").await;
    let page = claire.get("/home").await;
    assert!(page.body.contains("id=\"icon-view\""));
    assert!(page.body.contains("finances"));
    assert!(!page.body.contains("&#x2f;claims\"") && !page.body.contains("\"/claims\""));
}

#[tokio::test]
async fn a_start_message_shows_only_within_its_period() {
    let app = spawn_app().await;
    let mut petra = signed_in(&app, "petra").await;
    let today = kp_app::Clock::now(app.clock.as_ref()).date_naive();
    let from = (today + chrono::Duration::days(2)).to_string();
    let until = (today + chrono::Duration::days(4)).to_string();
    let token = csrf(&mut petra).await;
    let r = petra
        .post(
            "/settings/home/messages",
            &[
                ("_csrf", &token),
                ("message_de", "Wartung am Wochenende"),
                ("message_fr", "Maintenance ce week-end"),
                ("valid_from", &from),
                ("valid_until", &until),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);

    let mut stefan = signed_in(&app, "stefan").await;
    assert!(
        !stefan
            .get("/home")
            .await
            .body
            .contains("Wartung am Wochenende")
    );
    // Days pass: sessions end meanwhile, so sign in again each time.
    app.clock.advance(chrono::Duration::days(3));
    let mut stefan = signed_in(&app, "stefan").await;
    assert!(
        stefan
            .get("/home")
            .await
            .body
            .contains("Wartung am Wochenende")
    );
    let mut claire = signed_in(&app, "claire").await;
    let french = claire.get("/home").await.body;
    assert!(french.contains("Maintenance ce week-end"), "per language");
    app.clock.advance(chrono::Duration::days(2));
    let mut stefan = signed_in(&app, "stefan").await;
    assert!(
        !stefan
            .get("/home")
            .await
            .body
            .contains("Wartung am Wochenende")
    );
    let mut petra = signed_in(&app, "petra").await;

    // An inverted period is refused and stores nothing.
    let token = csrf(&mut petra).await;
    let r = petra
        .post(
            "/settings/home/messages",
            &[
                ("_csrf", &token),
                ("message_de", "Falsch herum"),
                ("valid_from", &until),
                ("valid_until", &from),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("field-error"));
    assert!(
        !petra
            .get("/settings/home")
            .await
            .body
            .contains("Falsch herum")
    );
}

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
async fn the_welcome_video_stays_dismissed() {
    let app = spawn_app().await;
    let mut petra = signed_in(&app, "petra").await;
    let r = save_general(
        &mut petra,
        &[
            ("view", "dashboard"),
            ("video_enabled", "on"),
            ("video_url", "https://video.example.org/willkommen.mp4"),
            ("show_welcome", "on"),
            ("welcome_de", "Schön, dass Sie da sind"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = save_general(
        &mut petra,
        &[("view", "dashboard"), ("video_url", "javascript:alert(1)")],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);

    let mut stefan = signed_in(&app, "stefan").await;
    let page = stefan.get("/home").await.body;
    assert!(page.contains("id=\"welcome-video\""));
    assert!(page.contains("Schön, dass Sie da sind"));
    let r = stefan
        .post("/home/video/dismiss", &[("_csrf", "nope")])
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let token = stefan.get("/home").await.hidden("_csrf");
    let r = stefan
        .post("/home/video/dismiss", &[("_csrf", &token)])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(
        !stefan
            .get("/home")
            .await
            .body
            .contains("id=\"welcome-video\"")
    );
    // Remembered for the user, not the session; others still see it.
    let mut again = signed_in(&app, "stefan").await;
    assert!(
        !again
            .get("/home")
            .await
            .body
            .contains("id=\"welcome-video\"")
    );
    let mut jens = signed_in(&app, "jens").await;
    assert!(
        jens.get("/home")
            .await
            .body
            .contains("id=\"welcome-video\"")
    );
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
