//! The audit log's keyset paging and filter choices (issue 9): pages of
//! 25 newest first, "older" and "newer" links that neither skip nor repeat
//! an entry (also among entries of the same instant), the person search
//! kept in the links and the CSV link, and the action choices read from
//! the log through the index.

use axum::http::StatusCode;
use chrono::{Duration, TimeZone, Utc};
use kp_storage::audit::{self, NewEntry, Who};

use crate::harness::{Client, TestApp, demo_login, spawn_app, spawn_app_on_postgres};

const ACTION: &str = "test.paging";

/// 60 entries by Martina K., two per second: entry `i` has the address
/// `paging-<i>`.
async fn seed(t: &TestApp) {
    let (martina,): (i64,) =
        t.db.fetch_one(
            kp_storage::Sql::new("SELECT id FROM portal_users WHERE email = $1")
                .arg(demo_login("Martina").email),
        )
        .await
        .unwrap();
    let start = Utc.with_ymd_and_hms(2026, 11, 2, 8, 0, 0).unwrap();
    for i in 0..60_i64 {
        let ip = format!("paging-{i:02}");
        audit::append_now(
            &t.db,
            &NewEntry {
                who: Who {
                    portal: Some(kp_domain::PortalUserId(martina)),
                    ..Who::default()
                },
                action: ACTION,
                target_kind: "",
                target_id: None,
                ip: &ip,
                request_id: "",
                details: serde_json::json!({}),
                at: start + Duration::seconds(i / 2),
            },
        )
        .await
        .unwrap();
    }
}

/// The entries a page shows, by their number, in page order.
fn shown(body: &str) -> Vec<i64> {
    body.split("paging-")
        .skip(1)
        .filter_map(|s| s.get(..2)?.parse().ok())
        .collect()
}

fn link(body: &str, id: &str) -> Option<String> {
    let from = body.find(&format!("id=\"{id}\""))?;
    let before = &body[..from];
    let href = before.rsplit("href=\"").next()?.split('"').next()?;
    Some(href.replace("&amp;", "&").replace("&#x2f;", "/"))
}

async fn paging(t: &TestApp) {
    seed(t).await;
    let petra = demo_login("Petra");
    let mut admin = Client::new(t);
    admin.login(petra.email, petra.password).await;

    let first = admin.get(&format!("/staff/audit?action={ACTION}")).await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(shown(&first.body), (35..60).rev().collect::<Vec<_>>());
    assert!(link(&first.body, "audit-newer").is_none());
    assert!(link(&first.body, "audit-newest").is_none());
    // The action is offered because the log holds it.
    assert!(first.body.contains(&format!("<option value=\"{ACTION}\"")));
    assert!(!first.body.contains("<option value=\"test.none\""));

    let older = link(&first.body, "audit-older").expect("an older page");
    assert!(older.contains(&format!("action={ACTION}")), "{older}");
    let second = admin.get(&older).await;
    assert_eq!(shown(&second.body), (10..35).rev().collect::<Vec<_>>());
    let third = admin.get(&link(&second.body, "audit-older").unwrap()).await;
    assert_eq!(shown(&third.body), (0..10).rev().collect::<Vec<_>>());
    assert!(
        link(&third.body, "audit-older").is_none(),
        "the oldest page"
    );

    // Back: the same entries as on the way there.
    let back = admin.get(&link(&third.body, "audit-newer").unwrap()).await;
    assert_eq!(shown(&back.body), shown(&second.body));
    let top = admin.get(&link(&back.body, "audit-newer").unwrap()).await;
    assert_eq!(shown(&top.body), shown(&first.body));
    assert!(link(&top.body, "audit-newest").is_some());

    // The person search stays in the pager's and the CSV's links.
    let by_person = admin
        .get(&format!(
            "/staff/audit?action={ACTION}&person=martina.keller"
        ))
        .await;
    assert_eq!(shown(&by_person.body).len(), 25);
    let older = link(&by_person.body, "audit-older").unwrap();
    assert!(older.contains("person=martina.keller"), "{older}");
    let plain = by_person.body.replace("&amp;", "&").replace("&#x2f;", "/");
    assert!(
        plain.contains("/staff/audit.csv?action=test.paging&sort=time&person=martina.keller"),
        "{plain}"
    );
    let nobody = admin
        .get(&format!("/staff/audit?action={ACTION}&person=niemand-da"))
        .await;
    assert!(shown(&nobody.body).is_empty());
    assert!(link(&nobody.body, "audit-older").is_none());
}

#[tokio::test]
async fn the_audit_log_pages_by_keyset() {
    paging(&spawn_app().await).await;
}

#[tokio::test]
async fn the_audit_log_pages_by_keyset_on_postgres() {
    let Some((t, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    paging(&t).await;
    pg.drop_db().await;
}
