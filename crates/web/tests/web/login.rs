use axum::http::StatusCode;

use crate::harness::{Client, demo_login, spawn_app};

#[tokio::test]
async fn every_demo_login_reaches_its_home_page() {
    let app = spawn_app().await;
    for login in kp_demo::logins() {
        let mut client = Client::new(&app);
        let response = client.login(login.email, login.password).await;
        assert_eq!(
            response.status,
            StatusCode::SEE_OTHER,
            "{}: {}",
            login.email,
            response.body
        );
        assert_eq!(response.location(), "/home");
        let home = client.get("/home").await;
        assert_eq!(home.status, StatusCode::OK, "{}", login.email);
        assert!(
            home.body.contains("Willkommen") || home.body.contains("Bienvenue"),
            "{}",
            login.email
        );
        assert!(home.body.contains("class=\"tiles\""), "{}", login.email);
    }
}

#[tokio::test]
async fn wrong_password_and_unknown_email_get_the_same_generic_message() {
    let app = spawn_app().await;
    let martina = demo_login("martina");
    let mut client = Client::new(&app);
    let wrong = client.login(martina.email, "not-her-password").await;
    let unknown = client.login("nobody@example.com", "whatever").await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
    let message = "E-Mail-Adresse oder Passwort ist falsch.";
    assert!(wrong.body.contains(message) && unknown.body.contains(message));
    assert!(!client.cookies.contains_key("kp_session"));
}

#[tokio::test]
async fn repeated_failures_from_one_browser_are_slowed_down() {
    let app = spawn_app().await;
    let martina = demo_login("martina");
    let mut client = Client::new(&app);
    let free = app.app.policy.login_free_failures_per_device;
    for _ in 0..free {
        assert_eq!(
            client.login(martina.email, "wrong").await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    let blocked = client.login(martina.email, martina.password).await;
    assert_eq!(blocked.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(retry_after(&blocked), app.app.policy.login_delay_first_secs);
    assert!(
        blocked
            .body
            .contains("Zu viele fehlgeschlagene Anmeldeversuche")
            && blocked.body.contains("in spätestens einer Minute"),
        "{}",
        blocked.body
    );
    assert!(!client.cookies.contains_key("kp_session"));
    // Waiting out the pause is enough.
    app.clock
        .advance(chrono::Duration::seconds(retry_after(&blocked)));
    let response = client.login(martina.email, martina.password).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
}

fn retry_after(response: &crate::harness::Response) -> i64 {
    response
        .headers
        .get("retry-after")
        .unwrap_or_else(|| panic!("no Retry-After: {}", response.status))
        .to_str()
        .unwrap()
        .parse()
        .unwrap()
}

/// OWASP's device-cookie scheme: guessing from elsewhere slows down new
/// browsers, but never shuts out the owner's known one.
#[tokio::test]
async fn an_attacker_cannot_lock_the_owner_out() {
    let app = spawn_app().await;
    let martina = demo_login("martina");
    let mut owner = Client::from_ip(&app, "127.0.0.4");
    assert_eq!(
        owner.login(martina.email, martina.password).await.status,
        StatusCode::SEE_OTHER
    );
    assert!(owner.cookies.contains_key("kp_device"));
    owner.cookies.remove("kp_session");

    // 200 wrong passwords from one address, each pause waited out, so that
    // as many as possible are real guesses.
    let mut attacker = Client::from_ip(&app, "127.0.0.2");
    let mut guesses = 0;
    for _ in 0..200 {
        let response = attacker.login(martina.email, "guess").await;
        match response.status {
            StatusCode::UNAUTHORIZED => guesses += 1,
            StatusCode::TOO_MANY_REQUESTS => app
                .clock
                .advance(chrono::Duration::seconds(retry_after(&response))),
            other => panic!("unexpected {other}"),
        }
    }
    assert!(guesses > 20, "{guesses}");

    // The owner's known browser signs in at once, from anywhere.
    let response = owner.login(martina.email, martina.password).await;
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);

    // A new browser waits at most the documented longest pause.
    let mut new_browser = Client::from_ip(&app, "127.0.0.3");
    let mut response = new_browser.login(martina.email, martina.password).await;
    if response.status == StatusCode::TOO_MANY_REQUESTS {
        let wait = retry_after(&response);
        assert!(wait <= app.app.policy.login_delay_max_secs, "{wait}");
        app.clock.advance(chrono::Duration::seconds(wait));
        response = new_browser.login(martina.email, martina.password).await;
    }
    assert_eq!(response.status, StatusCode::SEE_OTHER, "{}", response.body);
}

#[tokio::test]
async fn wrong_login_answers_alike_for_known_and_unknown_emails() {
    let app = spawn_app().await;
    let martina = demo_login("martina");
    let mut client = Client::new(&app);
    let known = client.login(martina.email, "not-her-password").await;
    let unknown_email = "nobody-at-all@example.com";
    let unknown = client.login(unknown_email, "not-her-password").await;
    assert_eq!(known.status, unknown.status);
    let strip = |r: &crate::harness::Response, email: &str| {
        r.body
            .replace(&r.hidden("_csrf"), "TOKEN")
            .replace(email, "EMAIL")
    };
    assert_eq!(strip(&known, martina.email), strip(&unknown, unknown_email));
    let names = |r: &crate::harness::Response| {
        let mut names: Vec<_> = r.headers.keys().map(|k| k.as_str().to_owned()).collect();
        names.sort();
        names
    };
    assert_eq!(names(&known), names(&unknown));

    // Over-long input gets the same answer, without hashing.
    let before = app.app.password_checks();
    let long_email = format!("{}@example.com", "a".repeat(300));
    let long = client.login(&long_email, "x").await;
    let long_password = "p".repeat(1025);
    let long_pw = client.login(martina.email, &long_password).await;
    assert_eq!(app.app.password_checks(), before);
    assert_eq!(long.status, StatusCode::UNAUTHORIZED);
    assert_eq!(strip(&long_pw, martina.email), strip(&known, martina.email));
}

#[tokio::test]
async fn forms_without_the_token_are_rejected() {
    let app = spawn_app().await;
    let martina = demo_login("martina");
    let mut client = Client::new(&app);
    client.get("/login").await;
    let response = client
        .post(
            "/login",
            &[
                ("email", martina.email),
                ("password", martina.password),
                ("_csrf", "forged"),
            ],
        )
        .await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    assert!(!client.cookies.contains_key("kp_session"));

    // Logged in, the session's token is required, not the pre-login one.
    client.login(martina.email, martina.password).await;
    let anon = client.cookies.get("kp_csrf").cloned().unwrap();
    let response = client.post("/logout", &[("_csrf", &anon)]).await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    assert_eq!(client.get("/home").await.status, StatusCode::OK);
}

#[tokio::test]
async fn logout_ends_the_session_on_the_server() {
    let app = spawn_app().await;
    let martina = demo_login("martina");
    let mut client = Client::new(&app);
    client.login(martina.email, martina.password).await;
    let stolen = client.cookies.get("kp_session").cloned().unwrap();
    let home = client.get("/home").await;
    let csrf = home.hidden("_csrf");
    let out = client.post("/logout", &[("_csrf", &csrf)]).await;
    assert_eq!(out.location(), "/login");
    assert!(!client.cookies.contains_key("kp_session"));

    let mut thief = Client::new(&app);
    thief.cookies.insert("kp_session".to_owned(), stolen);
    let response = thief.get("/home").await;
    assert_eq!(response.status, StatusCode::SEE_OTHER);
    assert_eq!(response.location(), "/login?next=/home");
}

#[tokio::test]
async fn session_cookie_is_http_only_and_same_site() {
    let app = spawn_app().await;
    let martina = demo_login("martina");
    let mut client = Client::new(&app);
    let response = client.login(martina.email, martina.password).await;
    let cookie = response
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("kp_session="))
        .unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert!(
        !cookie.contains("Secure"),
        "plain-HTTP test server must not set Secure: {cookie}"
    );
}

#[tokio::test]
async fn login_never_redirects_off_site() {
    let app = spawn_app().await;
    let martina = demo_login("martina");
    let mut client = Client::new(&app);
    let response = client
        .login_from(
            "/login?next=//evil.example/x",
            martina.email,
            martina.password,
            Some("//evil.example/x"),
        )
        .await;
    assert_eq!(response.location(), "/home");
}

/// Values that browsers would turn into another origin, or that cannot go
/// into a header: every form that takes `next` must answer 303 to its
/// default, never 500 and never elsewhere.
const HOSTILE_NEXT: &[&str] = &[
    "/\t/evil.example",
    "/\r\nSet-Cookie: x=1",
    "/\n/evil.example",
    "/%09/evil.example",
    "/%0d%0aSet-Cookie:x=1",
    "/%2f/evil.example",
    "/%5c/evil.example",
    "/\\evil.example",
    "//evil.example",
    "https://evil.example",
    "https:evil.example",
];

#[tokio::test]
async fn hostile_next_values_redirect_to_the_default() {
    let app = spawn_app().await;
    let martina = demo_login("martina");
    let long = format!("/{}", "a".repeat(5000));
    let values: Vec<&str> = HOSTILE_NEXT
        .iter()
        .copied()
        .chain([long.as_str()])
        .collect();

    let mut visitor = Client::new(&app);
    let page = visitor.get("/login").await;
    let csrf = page.hidden("_csrf");
    for next in &values {
        let response = visitor
            .post(
                "/language",
                &[("lang", "en"), ("next", next), ("_csrf", &csrf)],
            )
            .await;
        assert_eq!(response.status, StatusCode::SEE_OTHER, "language {next:?}");
        assert_eq!(response.location(), "/", "language {next:?}");
        let page = visitor
            .get(&format!("/login?next={}", kp_web::pages::urlencode(next)))
            .await;
        assert_eq!(page.status, StatusCode::OK, "login page {next:?}");
        assert!(
            page.body.contains("name=\"next\" value=\"&#x2f;home\"")
                && !page.body.contains("evil.example")
                && !page.body.contains("aaaaaaaa"),
            "login page {next:?}"
        );
    }

    for next in &values {
        let mut client = Client::new(&app);
        let response = client
            .login_from("/login", martina.email, martina.password, Some(next))
            .await;
        assert_eq!(response.status, StatusCode::SEE_OTHER, "login {next:?}");
        assert_eq!(response.location(), "/home", "login {next:?}");
        // Signed in, the login page redirects to `next` at once.
        let again = client
            .get(&format!("/login?next={}", kp_web::pages::urlencode(next)))
            .await;
        assert_eq!(again.status, StatusCode::SEE_OTHER, "signed in {next:?}");
        assert_eq!(again.location(), "/home", "signed in {next:?}");
    }
}
