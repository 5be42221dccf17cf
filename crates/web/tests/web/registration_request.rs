//! Registration on request and its settings over HTTP: administrators set
//! a tenant's mode, recipient (D10), colour (D11) and texts (D12, D13),
//! others get 403 (portal users 404); a request reaches the recipient by
//! mail in the registration colour and the staff's list; approving picks a
//! customer and sends the invitation, rejecting mails the reason in the
//! requester's language; other tenants' staff get 404.

use axum::http::StatusCode;
use kp_storage::Sql;

use crate::account_passwords::signed_in;
use crate::harness::{Client, TestApp, spawn_app, spawn_app_on_postgres};
use crate::registration_support::{Inbox, count, post_form};

const SETTINGS: &str = "/settings/registration?tenant=hamburg";

async fn save_settings(
    petra: &mut Client<'_>,
    fields: &[(&str, &str)],
) -> crate::harness::Response {
    let mut form = vec![("tenant", "hamburg")];
    form.extend_from_slice(fields);
    post_form(petra, SETTINGS, "/settings/registration", &form).await
}

async fn check_requests_are_approved_and_rejected(app: &TestApp) {
    let mut inbox = Inbox::start();
    let mut petra = signed_in(app, "petra").await;
    let page = petra.get(SETTINGS).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("value=\"automatic\" checked"),
        "the demo's Hamburg"
    );

    // Bad values: field messages, typed values kept, nothing stored.
    let r = save_settings(
        &mut petra,
        &[
            ("mode", "on_request"),
            ("recipient", ""),
            ("colour", "rot"),
            ("intro_text", "Willkommen"),
            ("extra_text", ""),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"recipient-error\"") && r.body.contains("id=\"colour-error\""));
    assert!(r.body.contains("#rrggbb"));
    assert!(r.body.contains("value=\"rot\"") && r.body.contains(">Willkommen</textarea>"));
    assert!(
        petra
            .get(SETTINGS)
            .await
            .body
            .contains("value=\"automatic\" checked")
    );

    let r = save_settings(
        &mut petra,
        &[
            ("mode", "on_request"),
            ("recipient", "anfragen@makler.test"),
            ("colour", "#A01010"),
            (
                "intro_text",
                "Willkommen im Portal.\nZweite Zeile <b>fett</b>",
            ),
            ("extra_text", "AGB Stand 2026"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        r.location(),
        "/settings/registration?tenant=hamburg&saved=1"
    );

    // Other staff 403, portal users 404.
    let mut sabine = signed_in(app, "sabine").await;
    assert_eq!(sabine.get(SETTINGS).await.status, StatusCode::FORBIDDEN);
    let r = post_form(
        &mut sabine,
        "/home",
        "/settings/registration",
        &[("tenant", "hamburg"), ("mode", "off")],
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let mut martina = signed_in(app, "martina").await;
    assert_eq!(martina.get(SETTINGS).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        martina.get("/registrations").await.status,
        StatusCode::NOT_FOUND
    );

    // A visitor asks, in English.
    let mut visitor = Client::new(app);
    visitor.accept_language = "en".to_owned();
    let form = visitor.get("/register").await;
    assert!(
        form.body
            .contains("Willkommen im Portal.\nZweite Zeile &lt;b&gt;fett"),
        "D12 as text"
    );
    assert!(!form.body.contains("<b>fett"));
    let r = post_form(
        &mut visitor,
        "/register",
        "/register",
        &[
            ("name", ""),
            ("email", "lea@firma.test"),
            ("message", "Bitte"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("Please fill in this field"));
    assert!(r.body.contains("value=\"lea@firma.test\"") && r.body.contains(">Bitte</textarea>"));
    for (name, email) in [
        ("Lea Lang", "lea@firma.test"),
        ("Rolf Rot", "rolf@firma.test"),
    ] {
        let r = post_form(
            &mut visitor,
            "/register",
            "/register",
            &[
                ("name", name),
                ("email", email),
                ("company", "Lang GmbH"),
                ("customer_number", ""),
                ("message", "Zugang bitte"),
            ],
        )
        .await;
        assert_eq!(r.location(), "/register/sent");
    }
    assert!(
        visitor
            .get("/register/sent")
            .await
            .body
            .contains("your request has been received")
    );
    let mails = inbox.deliver(app).await;
    assert_eq!(mails.len(), 2);
    assert!(mails.iter().all(|m| m.to == "anfragen@makler.test"));
    assert_eq!(
        mails[0].subject,
        "Neue Registrierungsanfrage im Kundenportal"
    );
    assert!(mails[0].html.contains("#a01010"), "D11 colour");
    assert!(
        mails[0].text.contains("Willkommen im Portal.") && mails[0].text.contains("AGB Stand 2026")
    );
    assert!(mails[0].text.contains("Lea Lang"));
    let link = mails[0].link("/registrations/");
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM events WHERE event_type = 'registration.requested'"
        )
        .await,
        2
    );

    // The staff's list; München's clerk does not see Hamburg's requests.
    let list = petra.get("/registrations").await;
    assert!(list.body.contains("Lea Lang") && list.body.contains("Rolf Rot"));
    assert!(sabine.get("/registrations").await.body.contains("Lea Lang"));
    let mut andreas = signed_in(app, "andreas").await;
    assert!(
        !andreas
            .get("/registrations")
            .await
            .body
            .contains("Lea Lang")
    );
    assert_eq!(andreas.get(&link).await.status, StatusCode::NOT_FOUND);
    let r = post_form(
        &mut andreas,
        "/home",
        &format!("{link}/reject"),
        &[("reason", "nein")],
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // Approve: search, a forged customer id is refused, then the pick.
    let found = petra.get(&format!("{link}?q=keller")).await;
    assert!(found.body.contains("Martina Keller"), "{}", found.body);
    let (martina_id,): (i64,) = app
        .db
        .fetch_one(Sql::new(
            "SELECT id FROM customers WHERE display_name = 'Martina Keller'",
        ))
        .await
        .unwrap();
    let (munich_customer,): (i64,) = app
        .db
        .fetch_one(Sql::new(
            "SELECT cu.id FROM customers cu JOIN tenants t ON t.id = cu.tenant_id \
             WHERE t.tenant_key = 'muenchen' ORDER BY cu.id LIMIT 1",
        ))
        .await
        .unwrap();
    let r = post_form(
        &mut petra,
        &link,
        &format!("{link}/approve"),
        &[("customer", &munich_customer.to_string()), ("q", "keller")],
    )
    .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "another tenant's customer"
    );
    assert!(r.body.contains("id=\"customer-error\""));
    assert!(inbox.deliver(app).await.is_empty());
    let r = post_form(
        &mut petra,
        &link,
        &format!("{link}/approve"),
        &[("customer", &martina_id.to_string())],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let mails = inbox.deliver(app).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, "lea@firma.test");
    assert!(
        mails[0].text.contains("/activate/"),
        "the invitation: {}",
        mails[0].text
    );
    assert_eq!(
        count(app, "SELECT COUNT(*) FROM portal_users WHERE email = 'lea@firma.test' AND status = 'invited'").await,
        1
    );
    assert!(petra.get(&link).await.body.contains("Freigegeben"));
    // Decided: a second decision changes nothing.
    let r = post_form(
        &mut petra,
        &link,
        &format!("{link}/reject"),
        &[("reason", "doch nicht")],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(inbox.deliver(app).await.is_empty());

    // Reject the other one, with a reason, in English.
    let (rolf,): (i64,) = app
        .db
        .fetch_one(Sql::new(
            "SELECT id FROM registrations WHERE email = 'rolf@firma.test'",
        ))
        .await
        .unwrap();
    let rolf_link = format!("/registrations/{rolf}");
    let r = post_form(
        &mut petra,
        &rolf_link,
        &format!("{rolf_link}/reject"),
        &[("reason", "  ")],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"reason-error\""));
    let r = post_form(
        &mut petra,
        &rolf_link,
        &format!("{rolf_link}/reject"),
        &[("reason", "Kein Kunde von uns")],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let mails = inbox.deliver(app).await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, "rolf@firma.test");
    assert!(
        mails[0].text.contains("Reason: Kein Kunde von uns"),
        "{}",
        mails[0].text
    );
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM portal_users WHERE email = 'rolf@firma.test'"
        )
        .await,
        0
    );
    assert_eq!(
        count(
            app,
            "SELECT COUNT(*) FROM events WHERE event_type LIKE 'registration.%ed'"
        )
        .await,
        4
    );
}

#[tokio::test]
async fn requests_are_approved_and_rejected() {
    check_requests_are_approved_and_rejected(&spawn_app().await).await;
}

#[tokio::test]
async fn requests_are_approved_and_rejected_on_postgres() {
    let Some((app, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    check_requests_are_approved_and_rejected(&app).await;
    drop(app);
    pg.drop_db().await;
}
