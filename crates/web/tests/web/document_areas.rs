//! Documents follow the menu area of the record they belong to, on top of
//! the scope: in the inbox, on a document's page and as a file.

use axum::http::StatusCode;
use kp_storage::Sql;

use crate::harness::{demo_login, spawn_app};
use crate::lists::{html, signed_in, total};

/// A finance-only profile (documents and finances) sees the documents of
/// its finance items, not the policy documents of the contracts behind
/// them: in the inbox, on a document's page and as a file.
#[tokio::test]
async fn documents_follow_the_area_of_their_record() {
    let app = spawn_app().await;
    let mut claire = signed_in(&app, "claire").await;
    let inbox = html(&claire.get("/documents").await);
    assert!(total(&inbox) > 0, "Claire has invoices");
    assert!(
        !inbox.contains("href=\"/contracts/"),
        "no contract document listed"
    );
    assert!(
        !inbox.contains("value=\"contract\""),
        "no contract context offered"
    );
    let csv = claire.get("/documents.csv").await;
    if csv.status == StatusCode::OK {
        assert_eq!(
            csv.body.trim_end().split("\r\n").count() as i64 - 1,
            total(&inbox)
        );
    }
    // A policy document of a contract in her scope: refused, not hidden.
    let login = demo_login("claire");
    let (policy,): (i64,) = app
        .db
        .fetch_one(
            Sql::new(
                "SELECT d.id FROM documents d JOIN portal_user_scope_customers s \
                 ON s.customer_id = d.customer_id JOIN portal_users u ON u.id = s.portal_user_id \
                 WHERE u.email = $1 AND d.contract_id IS NOT NULL AND d.claim_id IS NULL \
                 AND d.object_id IS NULL AND d.finance_item_id IS NULL ORDER BY d.id LIMIT 1",
            )
            .arg(login.email),
        )
        .await
        .unwrap();
    for path in [
        format!("/documents/{policy}"),
        format!("/documents/{policy}/file"),
        format!("/documents/{policy}/preview"),
    ] {
        assert_eq!(
            claire.get(&path).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
}

/// Customer master data goes with the contract view: a finance-only
/// profile has no customer list, no customer page (after the scope, which
/// still answers 404 outside it) and no link to one.
#[tokio::test]
async fn a_profile_without_contracts_has_no_customer_pages() {
    let app = spawn_app().await;
    let mut claire = signed_in(&app, "claire").await;
    let home = html(&claire.get("/home").await);
    assert!(!home.contains("href=\"/customers\""), "no menu entry");
    for path in ["/customers", "/customers.csv"] {
        assert_eq!(
            claire.get(path).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
    }
    let login = demo_login("claire");
    let (own,): (i64,) = app
        .db
        .fetch_one(
            Sql::new(
                "SELECT s.customer_id FROM portal_user_scope_customers s \
                 JOIN portal_users u ON u.id = s.portal_user_id WHERE u.email = $1 LIMIT 1",
            )
            .arg(login.email),
        )
        .await
        .unwrap();
    assert_eq!(
        claire.get(&format!("/customers/{own}")).await.status,
        StatusCode::FORBIDDEN
    );
    let (foreign,): (i64,) = app
        .db
        .fetch_one(Sql::new(
            "SELECT id FROM customers WHERE id NOT IN (SELECT customer_id FROM \
                 portal_user_scope_customers) AND organization_id IS NULL LIMIT 1",
        ))
        .await
        .unwrap();
    assert_eq!(
        claire.get(&format!("/customers/{foreign}")).await.status,
        StatusCode::NOT_FOUND
    );
    let inbox = html(&claire.get("/documents").await);
    assert!(!inbox.contains("href=\"/customers/"), "no customer links");
    // The risk manager keeps both.
    let mut stefan = signed_in(&app, "stefan").await;
    assert!(html(&stefan.get("/home").await).contains("href=\"/customers\""));
    assert_eq!(
        stefan.get(&format!("/customers/{own}")).await.status,
        StatusCode::OK,
        "Claire's company belongs to Stefan's group"
    );
}
