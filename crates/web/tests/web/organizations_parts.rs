//! The parts of `organizations.rs` about an organization's contacts at
//! the broker (shown on its users' contact page only) and its logo (bad
//! type, SVG and oversize refused; the users' claims list PDF carries it
//! once uploaded and none once removed).

use axum::http::StatusCode;
use kp_storage::Sql;

use crate::contract_sheet::download;
use crate::harness::{Client, TestApp, demo_login};
use crate::home_support::upload;
use crate::organizations::{brenner, one_i64};
use crate::profiles::signed_in;
use crate::report_pdfs::{images_in, logo_png};
use crate::staff_users::audit_count;

pub(crate) async fn contacts_flow(t: &TestApp, petra: &mut Client<'_>) {
    let group = brenner(t).await;
    let page = format!("/staff/organizations/{group}");
    let csrf = petra.get(&page).await.hidden("_csrf");
    let thomas = one_i64(
        t,
        Sql::new("SELECT id FROM staff_users WHERE email = $1").arg(demo_login("thomas").email),
    )
    .await
    .to_string();
    let too_long = "x".repeat(81);
    let r = petra
        .post(
            &format!("{page}/contacts"),
            &[("_csrf", &csrf), ("staff", &thomas), ("role", &too_long)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"role-error\""));
    let r = petra
        .post(
            &format!("{page}/contacts"),
            &[
                ("_csrf", &csrf),
                ("staff", &thomas),
                ("role", "Risk-Engineering Gruppe"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(audit_count(t, "organization.contact_set", group).await, 1);
    let mut stefan = signed_in(t, "stefan").await;
    let contact = stefan.get("/contact").await;
    assert!(
        contact.body.contains("Risk-Engineering Gruppe"),
        "{}",
        contact.body
    );
    let mut martina = signed_in(t, "martina").await;
    assert!(
        !martina
            .get("/contact")
            .await
            .body
            .contains("Risk-Engineering Gruppe")
    );
}

pub(crate) async fn logo_flow(t: &TestApp, petra: &mut Client<'_>) {
    let group = brenner(t).await;
    let page = format!("/staff/organizations/{group}");
    let csrf = petra.get(&page).await.hidden("_csrf");
    let key = || async {
        let (k,): (Option<String>,) =
            t.db.fetch_one(
                Sql::new("SELECT logo_storage_key FROM organizations WHERE id = $1").arg(group),
            )
            .await
            .unwrap();
        k
    };
    let before = key().await;
    let logo = format!("{page}/logo");
    let r = upload(petra, &logo, &csrf, "logo", b"GIF89a-not-allowed").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("id=\"logo-error\""));
    let svg = b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
    assert_eq!(
        upload(petra, &logo, &csrf, "logo", svg).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let mut big = b"\x89PNG\r\n\x1a\n".to_vec();
    big.resize(1024 * 1024 + 1, 0);
    let r = upload(petra, &logo, &csrf, "logo", &big).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(key().await, before, "nothing changed");

    // Removed: Stefan's claims list carries no logo; uploaded: one.
    let r = petra
        .post(&format!("{logo}/remove"), &[("_csrf", &csrf)])
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(key().await, None);
    let stefan = signed_in(t, "stefan").await;
    let (status, _, pdf) = download(&stefan, "/claims.pdf").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(images_in(&pdf), 0);
    let r = upload(petra, &logo, &csrf, "logo", &logo_png(40, 20)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(key().await.is_some());
    let (_, _, pdf) = download(&stefan, "/claims.pdf").await;
    assert_eq!(images_in(&pdf), 1);
    assert_eq!(audit_count(t, "organization.logo_uploaded", group).await, 1);
    assert_eq!(audit_count(t, "organization.logo_removed", group).await, 1);
}
