//! Themes (D6): the choice on `/settings/theme`, what pages load for each
//! theme, the contrast check, who may change it, the custom theme file.

use axum::http::StatusCode;

use crate::harness::{Client, TestApp, demo_login, spawn_app, spawn_app_with};

const GOOD_PRIMARY: &str = "#0b4f6c";
const LIGHT_ACCENT: &str = "#ffd700";

async fn signed_in<'a>(app: &'a TestApp, who: &str) -> Client<'a> {
    let mut client = Client::new(app);
    let login = demo_login(who);
    client.login(login.email, login.password).await;
    client
}

async fn choose<'a>(
    client: &mut Client<'a>,
    theme: &str,
    primary: &str,
    accent: &str,
) -> crate::harness::Response {
    let csrf = client.get("/settings/theme").await.hidden("_csrf");
    client
        .post(
            "/settings/theme",
            &[
                ("theme", theme),
                ("primary", primary),
                ("accent", accent),
                ("_csrf", &csrf),
            ],
        )
        .await
}

/// The `data-theme` of a page and the theme stylesheet it links, if any.
async fn theme_of(client: &mut Client<'_>, path: &str) -> (String, Option<String>) {
    // Templates escape `/` in values; the browser reads it back.
    let body = client.get(path).await.body.replace("&#x2f;", "/");
    let name = body
        .split("data-theme=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
        .to_owned();
    let sheet = body
        .split("href=\"")
        .filter_map(|rest| rest.split('"').next())
        .find(|href| href.starts_with("/theme/") || href.contains("high-contrast"))
        .map(str::to_owned);
    (name, sheet)
}

#[tokio::test]
async fn each_built_in_theme_renders_for_everyone() {
    let app = spawn_app().await;
    let mut admin = signed_in(&app, "petra").await;
    let mut customer = signed_in(&app, "martina").await;
    assert_eq!(
        theme_of(&mut customer, "/home").await,
        ("light".into(), None)
    );

    let saved = choose(&mut admin, "corporate", GOOD_PRIMARY, LIGHT_ACCENT).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    assert!(
        admin
            .get("/settings/theme?saved=1")
            .await
            .body
            .contains("role=\"status\"")
    );
    let (name, sheet) = theme_of(&mut customer, "/contracts").await;
    assert_eq!(name, "corporate");
    let sheet = sheet.unwrap();
    assert!(sheet.starts_with("/theme/corporate-"), "{sheet}");
    let css = customer.get(&sheet).await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(
        css.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/css")
    );
    assert!(
        css.headers["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    assert!(css.body.contains("--color-primary: #0b4f6c;"));
    // Dark text on the light accent.
    assert!(css.body.contains("--color-on-accent: #000000;"));
    assert_eq!(
        customer
            .get("/theme/corporate-000000000000.css")
            .await
            .status,
        StatusCode::NOT_FOUND
    );

    choose(&mut admin, "high-contrast", GOOD_PRIMARY, LIGHT_ACCENT).await;
    let (name, sheet) = theme_of(&mut customer, "/home").await;
    assert_eq!(name, "high-contrast");
    let sheet = sheet.unwrap();
    assert!(sheet.starts_with("/static/high-contrast."), "{sheet}");
    assert!(
        customer
            .get(&sheet)
            .await
            .body
            .contains("text-decoration: underline")
    );

    choose(&mut admin, "light", GOOD_PRIMARY, LIGHT_ACCENT).await;
    assert_eq!(
        theme_of(&mut customer, "/home").await,
        ("light".into(), None)
    );
    // Error pages follow the theme too.
    choose(&mut admin, "high-contrast", GOOD_PRIMARY, LIGHT_ACCENT).await;
    assert_eq!(
        theme_of(&mut customer, "/no-such-page").await.0,
        "high-contrast"
    );
}

#[tokio::test]
async fn colours_with_poor_contrast_are_refused_and_nothing_is_stored() {
    let app = spawn_app().await;
    let mut admin = signed_in(&app, "petra").await;
    for (primary, accent) in [
        ("#7fb3d5", LIGHT_ACCENT),
        ("red", LIGHT_ACCENT),
        (GOOD_PRIMARY, "#12345"),
    ] {
        let refused = choose(&mut admin, "corporate", primary, accent).await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{primary} {accent}"
        );
        assert!(refused.body.contains("class=\"field-error\""));
        assert!(refused.body.contains("aria-invalid=\"true\""));
    }
    let refused = choose(&mut admin, "corporate", "#7fb3d5", LIGHT_ACCENT).await;
    assert!(refused.body.contains("id=\"primary-error\""));
    // The form keeps what was entered.
    assert!(refused.body.contains("value=\"#7fb3d5\""));
    assert_eq!(theme_of(&mut admin, "/home").await.0, "light");
    let unknown = choose(&mut admin, "dark", GOOD_PRIMARY, LIGHT_ACCENT).await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn only_staff_administrators_may_change_the_theme() {
    let app = spawn_app().await;
    let mut admin = signed_in(&app, "petra").await;
    let admin_csrf = admin.get("/settings/theme").await.hidden("_csrf");
    for (who, status) in [
        ("sabine", StatusCode::FORBIDDEN),
        ("martina", StatusCode::NOT_FOUND),
    ] {
        let mut client = signed_in(&app, who).await;
        assert_eq!(client.get("/settings/theme").await.status, status, "{who}");
        let csrf = client.get("/home").await.hidden("_csrf");
        let post = client
            .post(
                "/settings/theme",
                &[
                    ("theme", "high-contrast"),
                    ("primary", GOOD_PRIMARY),
                    ("accent", LIGHT_ACCENT),
                    ("_csrf", &csrf),
                ],
            )
            .await;
        assert_eq!(post.status, status, "{who}");
        // Previewing is for administrators only.
        assert_eq!(
            theme_of(&mut client, "/home?preview-theme=high-contrast")
                .await
                .0,
            "light"
        );
    }
    let mut anonymous = Client::new(&app);
    assert_eq!(
        anonymous.get("/settings/theme").await.status,
        StatusCode::SEE_OTHER
    );
    // Without the form token nothing changes either.
    for token in ["", "forged", admin_csrf.as_str()] {
        let mut other = signed_in(&app, "petra").await;
        let post = other
            .post(
                "/settings/theme",
                &[
                    ("theme", "high-contrast"),
                    ("primary", GOOD_PRIMARY),
                    ("accent", LIGHT_ACCENT),
                    ("_csrf", token),
                ],
            )
            .await;
        assert_eq!(post.status, StatusCode::FORBIDDEN, "{token:?}");
    }
    assert_eq!(theme_of(&mut admin, "/home").await.0, "light");
    assert_eq!(
        theme_of(&mut admin, "/home?preview-theme=high-contrast")
            .await
            .0,
        "high-contrast"
    );
}

#[tokio::test]
async fn a_custom_theme_file_is_served_and_selectable() {
    let plain = spawn_app().await;
    let mut admin = signed_in(&plain, "petra").await;
    assert!(
        admin
            .get("/settings/theme")
            .await
            .body
            .contains("id=\"theme-custom-missing\"")
    );
    let refused = choose(&mut admin, "custom", GOOD_PRIMARY, LIGHT_ACCENT).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);

    let app = spawn_app_with(|dir| {
        std::fs::create_dir_all(dir.join("theme")).unwrap();
        std::fs::write(
            dir.join("theme/theme.css"),
            ":root { --color-primary: #123456; }\n",
        )
        .unwrap();
    })
    .await;
    let mut admin = signed_in(&app, "petra").await;
    let page = admin.get("/settings/theme").await;
    assert!(!page.body.contains("id=\"theme-custom-missing\""));
    let saved = choose(&mut admin, "custom", GOOD_PRIMARY, LIGHT_ACCENT).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER);
    let mut customer = signed_in(&app, "martina").await;
    let (name, sheet) = theme_of(&mut customer, "/home").await;
    assert_eq!(name, "custom");
    let sheet = sheet.unwrap();
    assert!(sheet.starts_with("/theme/custom-"), "{sheet}");
    assert!(customer.get(&sheet).await.body.contains("#123456"));
}

#[tokio::test]
async fn the_choice_is_stored_on_postgres_too() {
    let Some((app, pg)) = crate::harness::spawn_app_on_postgres().await else {
        return;
    };
    {
        let mut admin = signed_in(&app, "petra").await;
        let saved = choose(&mut admin, "corporate", GOOD_PRIMARY, LIGHT_ACCENT).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER);
        assert_eq!(theme_of(&mut admin, "/home").await.0, "corporate");
        let refused = choose(&mut admin, "corporate", "#dddddd", LIGHT_ACCENT).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(theme_of(&mut admin, "/home").await.0, "corporate");
    }
    drop(app);
    pg.drop_db().await;
}
