//! Who may view the portal as a user (issue 9): other staff get 403,
//! portal users 404, a user outside the administrator's tenants the 404 of
//! an unknown id, a staff user or an inactive user as the target is
//! refused with a message; a view cookie without its staff session is
//! worth nothing. Run by `view_as.rs` on both databases.

use axum::http::StatusCode;
use kp_storage::Sql;

use crate::harness::{Client, TestApp, demo_login};
use crate::view_as::{VIEW, signed_in, start, user_id};

/// An error page without what differs by request: the path (language
/// switcher) and the request id.
fn plain(body: &str, path: &str) -> String {
    let body = body.replace("&#x2f;", "/").replace(path, "{path}");
    match body.split_once("request-id\">") {
        Some((head, tail)) => format!("{head}{}", tail.split_once('<').map_or("", |t| t.1)),
        None => body,
    }
}

pub(crate) async fn who_may(t: &TestApp) {
    let martina = user_id(t, "portal_users", "Martina").await;
    let sabine_id = user_id(t, "staff_users", "Sabine").await;
    let page = format!("/staff/users/{martina}/view-as");

    // Other staff: 403; portal users: 404.
    let mut clerk = signed_in(t, "Sabine").await;
    assert_eq!(clerk.get(&page).await.status, StatusCode::FORBIDDEN);
    let csrf = clerk.get("/home").await.hidden("_csrf");
    let r = clerk
        .post(
            &page,
            &[
                ("_csrf", &csrf),
                ("password", demo_login("Sabine").password),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let mut customer = signed_in(t, "Stefan").await;
    assert_eq!(customer.get(&page).await.status, StatusCode::NOT_FOUND);
    let csrf = customer.get("/home").await.hidden("_csrf");
    let r = customer
        .post(&page, &[("_csrf", &csrf), ("password", "x")])
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // A staff user as the target: refused with a message.
    let mut admin = signed_in(t, "Petra").await;
    let staff_page = format!("/staff/staff-users/{sabine_id}/view-as");
    let refused = admin.get(&staff_page).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert!(refused.body.contains("id=\"view-as-refused\""));
    let csrf = admin.get("/home").await.hidden("_csrf");
    let r = admin
        .post(
            &staff_page,
            &[("_csrf", &csrf), ("password", demo_login("Petra").password)],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(!admin.cookies.contains_key(VIEW));
    assert_eq!(
        admin
            .get("/staff/staff-users/99999999/view-as")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        admin.get("/staff/users/99999999/view-as").await.status,
        StatusCode::NOT_FOUND
    );

    // An administrator for München only: Martina (Hamburg) is unknown.
    t.db.execute(
        Sql::new("UPDATE staff_users SET role = 'admin' WHERE email = $1")
            .arg(demo_login("Andreas").email),
    )
    .await
    .unwrap();
    let mut munich = signed_in(t, "Andreas").await;
    let outside = munich.get(&page).await;
    assert_eq!(outside.status, StatusCode::NOT_FOUND);
    let missing_path = "/staff/users/99999999/view-as";
    let missing = munich.get(missing_path).await;
    assert_eq!(
        plain(&outside.body, &page),
        plain(&missing.body, missing_path),
        "like an unknown id"
    );
    let csrf = munich.get("/home").await.hidden("_csrf");
    let r = munich
        .post(
            &page,
            &[
                ("_csrf", &csrf),
                ("password", demo_login("Andreas").password),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(!munich.cookies.contains_key(VIEW));
    t.db.execute(
        Sql::new("UPDATE staff_users SET role = 'clerk' WHERE email = $1")
            .arg(demo_login("Andreas").email),
    )
    .await
    .unwrap();

    // An inactive user cannot be viewed.
    t.db.execute(
        Sql::new("UPDATE portal_users SET status = 'inactive' WHERE id = $1").arg(martina),
    )
    .await
    .unwrap();
    let inactive = admin.get(&page).await;
    assert_eq!(inactive.status, StatusCode::CONFLICT);
    assert!(inactive.body.contains("id=\"view-as-refused\""));
    t.db.execute(Sql::new("UPDATE portal_users SET status = 'active' WHERE id = $1").arg(martina))
        .await
        .unwrap();
}

/// A view cookie without its staff session, or with another staff
/// member's session, is worth nothing.
pub(crate) async fn view_cookie_alone(t: &TestApp) {
    let martina = user_id(t, "portal_users", "Martina").await;
    let mut staff = signed_in(t, "Petra").await;
    let r = start(&mut staff, martina, demo_login("Petra").password).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let view = staff.cookies[VIEW].clone();
    let mut thief = signed_in(t, "Sabine").await;
    thief.cookies.insert(VIEW.to_owned(), view.clone());
    let home = thief.get("/home").await;
    assert_eq!(home.status, StatusCode::SEE_OTHER, "not the view");
    let mut bare = Client::new(t);
    bare.cookies.insert(VIEW.to_owned(), view);
    assert_ne!(bare.get("/contracts").await.status, StatusCode::OK);
    // The stolen cookie ended the view; the staff session is intact.
    assert_eq!(staff.get("/home").await.status, StatusCode::SEE_OTHER);
    assert_eq!(staff.get("/staff/users").await.status, StatusCode::OK);
}
