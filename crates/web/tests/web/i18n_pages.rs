use axum::http::StatusCode;

use crate::harness::{Client, demo_login, spawn_app};

#[tokio::test]
async fn login_page_follows_the_browser_language() {
    let app = spawn_app().await;
    for (accept, title) in [
        ("de", "Anmelden"),
        ("en-GB,en;q=0.8", "Log in"),
        ("fr-FR", "Connexion"),
        ("es", "Iniciar sesión"),
    ] {
        let mut client = Client::new(&app);
        client.accept_language = accept.to_owned();
        let page = client.get("/login").await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains(&format!("<h1>{title}</h1>")), "{accept}");
    }
}

#[tokio::test]
async fn home_page_switches_language_and_remembers_it_in_the_session() {
    let app = spawn_app().await;
    let stefan = demo_login("stefan");
    let mut client = Client::new(&app);
    client.login(stefan.email, stefan.password).await;
    for (lang, greeting) in [
        ("en", "Welcome"),
        ("fr", "Bienvenue"),
        ("es", "Bienvenido"),
        ("de", "Willkommen"),
    ] {
        let home = client.get("/home").await;
        let csrf = home.hidden("_csrf");
        let switched = client
            .post(
                "/language",
                &[("lang", lang), ("_csrf", &csrf), ("next", "/home")],
            )
            .await;
        assert_eq!(switched.location(), "/home");
        // The session, not the cookie, carries the choice.
        client.cookies.remove("kp_lang");
        let page = client.get("/home").await;
        assert!(
            page.body.contains(&format!("<html lang=\"{lang}\" ")),
            "{lang}"
        );
        assert!(page.body.contains(greeting), "{lang}");
    }
}

#[tokio::test]
async fn unknown_pages_answer_404_in_the_users_language_with_the_request_id() {
    let app = spawn_app().await;
    let mut client = Client::new(&app);
    client.accept_language = "fr".to_owned();
    let page = client.get("/no/such/page").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.body.contains("Page introuvable"));
    let id = page.headers.get("x-request-id").unwrap().to_str().unwrap();
    assert!(
        page.body
            .contains(&format!("<code class=\"request-id\">{id}</code>"))
    );
}

#[tokio::test]
async fn the_language_switcher_works_on_error_pages() {
    let app = spawn_app().await;
    let stefan = demo_login("stefan");
    for logged_in in [false, true] {
        let mut client = Client::new(&app);
        if logged_in {
            client.login(stefan.email, stefan.password).await;
        }
        let page = client.get("/no/such/page").await;
        let csrf = page.hidden("_csrf");
        let switched = client
            .post(
                "/language",
                &[("lang", "es"), ("_csrf", &csrf), ("next", "/no/such/page")],
            )
            .await;
        assert_eq!(
            switched.status,
            StatusCode::SEE_OTHER,
            "logged in: {logged_in}"
        );
        assert!(
            client
                .get("/no/such/page")
                .await
                .body
                .contains("Página no encontrada"),
            "logged in: {logged_in}"
        );
    }
}

#[tokio::test]
async fn legal_pages_name_the_broker() {
    let app = spawn_app().await;
    let mut client = Client::new(&app);
    for page in ["imprint", "privacy", "terms"] {
        let response = client.get(&format!("/legal/{page}")).await;
        assert_eq!(response.status, StatusCode::OK, "{page}");
    }
    let imprint = client.get("/legal/imprint").await;
    assert!(imprint.body.contains("<address>"));
    assert_eq!(
        client.get("/legal/other").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn templates_can_be_overridden_from_the_data_directory() {
    let app = crate::harness::spawn_app_with(|dir| {
        std::fs::create_dir_all(dir.join("templates/pages")).unwrap();
        std::fs::write(
            dir.join("templates/pages/legal.html"),
            "{% extends \"layout/base.html\" %}{% block content %}<p>Eigenes Impressum</p>{% endblock %}",
        )
        .unwrap();
    })
    .await;
    let mut client = Client::new(&app);
    assert!(
        client
            .get("/legal/imprint")
            .await
            .body
            .contains("Eigenes Impressum")
    );
}

fn sample_contract() -> kp_app::contracts::ContractDetail {
    let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    kp_app::contracts::ContractDetail {
        id: 1,
        external_id: "V-1".into(),
        customer_id: 1,
        customer_name: "C".into(),
        customer_visible: true,
        policy_number: "P-1".into(),
        insurer_name: None,
        line_of_business: "fire".into(),
        contract_type: "single".into(),
        status: "active".into(),
        description: String::new(),
        start_date: day,
        end_date: None,
        main_due_date: String::new(),
        payment_frequency: "yearly".into(),
        premium_net_minor: 100,
        premium_gross_minor: 119,
        currency: "EUR".into(),
        sum_insured_minor: Some(1),
        deductible_minor: None,
        created_at: chrono::Utc::now(),
        updated_at: chrono::Utc::now(),
    }
}

/// What a list template reads of its `ListView`.
fn sample_list() -> minijinja::Value {
    minijinja::context! {
        base => "/x", search => "", values => minijinja::context! {}, errors => minijinja::context! {},
        headers => Vec::<i64>::new(), total => 0, page => 1, pages => 1, export => "/x.csv", filtered => false
    }
}

/// Enough of a claim, object or customer for their pages to render.
fn sample_record() -> minijinja::Value {
    minijinja::Value::from(minijinja::value::Serde(serde_json::json!({
        "id": 1, "contract_id": 1, "kind": "building", "status": "reported",
        "line_of_business": "fire", "claim_type": "fire", "currency": "EUR",
        "date_of_loss": "2026-01-01", "reported_on": "2026-01-02",
        "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z",
        "reserve_minor": 1, "paid_minor": 2, "value_minor": 3,
    })))
}

fn sample_document() -> kp_app::document_files::DocumentFile {
    kp_app::document_files::DocumentFile {
        id: 1,
        customer_id: 1,
        customer_name: "C".into(),
        contract_id: Some(1),
        policy_number: Some("P-1".into()),
        object_id: None,
        object_description: None,
        claim_id: Some(1),
        claim_number: Some("S-1".into()),
        finance_item_id: None,
        document_type: "policy".into(),
        title: "T".into(),
        file_name: "t.pdf".into(),
        media_type: "application/pdf".into(),
        size_bytes: 1,
        sha256: String::new(),
        storage_key: "k".into(),
        source: "portal".into(),
        created_at: chrono::Utc::now(),
        is_new: true,
    }
}

#[test]
fn every_built_in_template_compiles() {
    let assets = std::sync::Arc::new(kp_web::assets::Assets::embedded());
    let templates = kp_web::templates::Templates::new(None, assets);
    for name in kp_web::templates::Templates::names() {
        if name.starts_with("partials/") || name.starts_with("layout/") {
            continue;
        }
        let ctx = minijinja::context! { theme => minijinja::context! { name => "light" }, errors => minijinja::context! {}, lang => "en", languages => vec!["de"], title_key => "home-title", role_key => "role-admin", page => "imprint", status => 404, message_key => "error-404-message", counts => minijinja::Value::from(minijinja::value::Serde(kp_storage::home::ScopeCounts::default())), contract => minijinja::Value::from(minijinja::value::Serde(sample_contract())), claim => sample_record(), object => sample_record(), customer => sample_record(), list => sample_list(), choices => minijinja::context! { insurers => Vec::<i64>::new() }, document => minijinja::Value::from(minijinja::value::Serde(sample_document())), preview => "pdf", size_kib => 1, converted => minijinja::context! { premium_net => (), premium_gross => (), sum_insured => (), deductible => (), finance_items => Vec::<i64>::new() }, reserve_converted => (), paid_converted => (), form => minijinja::context! {}, mail => minijinja::context! {}, texts => minijinja::context! {}, imports => Vec::<i64>::new(), import => minijinja::context! { id => 1, file_name => "f.gdv", status => "imported", tenant_name => "T", started_date => "2026-11-29", started_time => "10:00", actor_kind => "command_line", actor_name => "ops", size_bytes => 1, sha256 => "00" }, finished_time => "", report => (), written => Vec::<i64>::new(), endpoint => minijinja::context! { id => 1, url => "https://erp.example.com/hook", tenant => "hamburg", state => "active" }, deliveries => Vec::<i64>::new(), types => Vec::<i64>::new(), endpoints => Vec::<i64>::new() };
        if let Err(err) = templates.render(name, ctx) {
            panic!("{name}: {err:#}");
        }
    }
}
