//! The customer home page: dashboard cards or icon view by setting, the
//! group's logo, start messages by period and the welcome video until
//! dismissed.

use axum::http::StatusCode;

use crate::harness::{TestApp, spawn_app, spawn_app_on_postgres};
use crate::home_support::{csrf, save_general, signed_in};

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
