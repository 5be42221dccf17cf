//! `/settings/mails`: the broker edits a mail's texts with a preview,
//! a template that fails is refused at its field, saved texts are used by
//! the next mail, reset brings the default back; the sender is checked.

use axum::http::StatusCode;

use crate::harness::{Client, demo_login, spawn_app};
use crate::mail_support::Inbox;

const PAGE: &str = "/settings/mails/password_reset/de";

#[tokio::test]
async fn a_broker_template_is_previewed_checked_saved_used_and_reset() {
    let t = spawn_app().await;
    let mut inbox = Inbox::new();
    let petra = demo_login("administrator");
    let mut admin = Client::new(&t);
    admin.login(petra.email, petra.password).await;
    let overview = admin.get("/settings/mails").await;
    assert_eq!(overview.status, StatusCode::OK);
    assert!(overview.body.contains(PAGE));
    let page = admin.get(PAGE).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("src=\"/settings/mails/password_reset/de/preview\"")
    );
    let frame = admin.get("/settings/mails/password_reset/de/preview").await;
    assert_eq!(frame.status, StatusCode::OK);
    assert!(frame.body.contains("Erika Mustermann"));
    let csp = frame
        .headers
        .get("content-security-policy")
        .unwrap()
        .to_str()
        .unwrap();
    assert!(csp.starts_with("sandbox;"), "{csp}");
    let csrf = page.hidden("_csrf");

    let broken = admin
        .post(
            PAGE,
            &[
                ("subject", "Hallo {{ name }}"),
                ("html", "<p>{{ nmae }}</p>"),
                ("text", "x {{ link }}"),
                ("action", "save"),
                ("_csrf", &csrf),
            ],
        )
        .await;
    assert_eq!(broken.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(broken.body.contains("id=\"html-error\""), "{}", broken.body);
    assert!(broken.body.contains("nmae"));
    let framed = admin
        .post(
            "/settings/mails/password_reset/de/preview",
            &[
                ("subject", "x"),
                ("html", "{% if %}"),
                ("text", "y"),
                ("_csrf", &csrf),
            ],
        )
        .await;
    assert_eq!(framed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(framed.body.contains("nicht darstellen"), "{}", framed.body);
    // Nothing stored.
    assert!(!admin.get("/settings/mails").await.body.contains("(eigene)"));

    let preview = admin
        .post(
            PAGE,
            &[
                ("subject", "Neu für {{ name }}"),
                ("html", "<p>Hi {{ name }} <script>x</script></p>"),
                ("text", "Hi {{ name }}: {{ link }}"),
                ("action", "preview"),
                ("_csrf", &csrf),
            ],
        )
        .await;
    assert_eq!(preview.status, StatusCode::OK);
    assert!(preview.body.contains("Neu für Erika Mustermann"));
    assert!(!preview.body.contains("<script>x"));

    let saved = admin
        .post(
            PAGE,
            &[
                ("subject", "Neu für {{ name }}"),
                ("html", "<p>Hi {{ name }}</p>"),
                ("text", "Hi {{ name }}: {{ link }}"),
                ("action", "save"),
                ("_csrf", &csrf),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let martina = demo_login("Martina");
    let mut c = Client::new(&t);
    let csrf_anon = c.get("/password/forgot").await.hidden("_csrf");
    c.post(
        "/password/forgot",
        &[("email", martina.email), ("_csrf", &csrf_anon)],
    )
    .await;
    let mails = inbox.deliver(&t).await;
    assert_eq!(mails[0].subject, "Neu für Martina Keller");

    let reset = admin
        .post(PAGE, &[("action", "reset"), ("_csrf", &csrf)])
        .await;
    assert_eq!(reset.status, StatusCode::SEE_OTHER);
    assert!(admin.get(PAGE).await.body.contains("Sie haben angefordert"));

    // Sender: a malformed address is refused at its field.
    let bad = admin
        .post(
            "/settings/mails/sender",
            &[
                ("sender_name", "Hanse"),
                ("sender_address", "kein at"),
                ("_csrf", &csrf),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("id=\"sender_address-error\""));
    let good = admin
        .post(
            "/settings/mails/sender",
            &[
                ("sender_name", "Hanse Service"),
                ("sender_address", "service@hanse.test"),
                ("_csrf", &csrf),
            ],
        )
        .await;
    assert_eq!(good.status, StatusCode::SEE_OTHER);

    // Unknown kinds and languages are 404; other staff 403.
    assert_eq!(
        admin.get("/settings/mails/nope/de").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        admin.get("/settings/mails/invitation/it").await.status,
        StatusCode::NOT_FOUND
    );
    let sabine = demo_login("Sabine");
    let mut clerk = Client::new(&t);
    clerk.login(sabine.email, sabine.password).await;
    assert_eq!(clerk.get(PAGE).await.status, StatusCode::FORBIDDEN);
}
