//! The contract page's additions (co-insured customers, finance items,
//! documents, contacts and links to every record) and the detail pages
//! the benchmark measures.

use axum::http::StatusCode;
use kp_storage::Sql;

use crate::details::{
    JENS, JENS_OBJECTS, assert_plain_404, assert_translated, id, signed_in, text,
};
use crate::harness::{TestApp, spawn_app, spawn_app_on_postgres};

async fn contract_page(app: &TestApp) {
    // A group contract with finance items and documents of its own.
    let contract = id(
        app,
        "SELECT k.id FROM contracts k JOIN customers cu ON cu.id = k.customer_id \
         WHERE cu.organization_id IS NOT NULL \
         AND EXISTS (SELECT 1 FROM finance_items f WHERE f.contract_id = k.id) \
         AND EXISTS (SELECT 1 FROM documents d WHERE d.contract_id = k.id AND d.object_id IS NULL \
                     AND d.claim_id IS NULL AND d.message_id IS NULL) \
         AND EXISTS (SELECT 1 FROM claims c WHERE c.contract_id = k.id) ORDER BY k.id LIMIT 1",
    )
    .await;
    let (holder, number): (i64, String) = app
        .db
        .fetch_one(
            Sql::new(
                "SELECT k.customer_id, f.number FROM contracts k JOIN finance_items f \
                 ON f.contract_id = k.id WHERE k.id = $1 ORDER BY f.id LIMIT 1",
            )
            .arg(contract),
        )
        .await
        .unwrap();
    let martina_customer = id(
        app,
        "SELECT customer_id FROM portal_users WHERE email = 'martina.keller@example.de'",
    )
    .await;
    // Martina K. co-insured on a group contract: she sees the contract,
    // but not the group company's own page.
    app.db
        .execute(
            Sql::new("INSERT INTO contract_co_insured (contract_id, customer_id) VALUES ($1, $2)")
                .arg(contract)
                .arg(martina_customer),
        )
        .await
        .unwrap();

    let mut stefan = signed_in(app, "stefan").await;
    let page = stefan.get(&format!("/contracts/{contract}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let body = text(&page.body);
    assert_translated(&body);
    assert!(body.contains(&format!("href=\"/customers/{holder}\"")));
    assert!(body.contains("href=\"/claims/"));
    assert!(body.contains(&number), "finance item {number}");
    assert!(
        body.contains("href=\"/documents/") && body.contains("/file\""),
        "documents"
    );
    assert!(body.contains(">Mitversicherungsnehmer<"));
    assert!(body.contains("Keller"), "the co-insured customer by name");
    assert!(
        !body.contains(&format!("href=\"/customers/{martina_customer}\"")),
        "a link to a customer outside the group"
    );

    let mut martina = signed_in(app, "martina").await;
    let co = text(&martina.get(&format!("/contracts/{contract}")).await.body);
    assert!(co.contains(&format!("href=\"/customers/{martina_customer}\"")));
    assert!(!co.contains(&format!("href=\"/customers/{holder}\"")));
    assert_plain_404(
        &mut martina,
        &format!("/customers/{holder}"),
        "/customers/999999999",
    )
    .await;

    // The site profile has no Finances area: no finance items.
    let mut jens = signed_in(app, JENS).await;
    let site = id(
        app,
        &format!(
            "SELECT o.contract_id FROM insured_objects o WHERE o.id IN ({JENS_OBJECTS}) \
             AND EXISTS (SELECT 1 FROM finance_items f WHERE f.contract_id = o.contract_id) \
             ORDER BY o.id LIMIT 1"
        ),
    )
    .await;
    let narrow = jens.get(&format!("/contracts/{site}")).await;
    assert_eq!(narrow.status, StatusCode::OK);
    assert!(!narrow.body.contains(">Rechnungen und Zahlungen<"));
}

#[tokio::test]
async fn the_contract_page_links_everything_it_has() {
    contract_page(&spawn_app().await).await;
}

#[tokio::test]
async fn the_contract_page_links_everything_it_has_on_postgres() {
    let Some((app, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    contract_page(&app).await;
    drop(app);
    pg.drop_db().await;
}

/// The detail pages in `bench/pages.txt` name fixed ids of the small set,
/// which the large set (measured) contains unchanged: they must answer.
#[tokio::test]
async fn the_benchmarked_detail_pages_exist() {
    let app = spawn_app().await;
    let pages = include_str!("../../../../bench/pages.txt");
    let mut checked = 0;
    for line in pages.lines().filter(|l| !l.starts_with('#')) {
        let [_, path, login] = line.split_whitespace().collect::<Vec<_>>()[..] else {
            continue;
        };
        let detail = ["/claims/", "/objects/", "/customers/", "/contracts/"]
            .iter()
            .any(|p| {
                path.strip_prefix(p)
                    .is_some_and(|id| id.parse::<i64>().is_ok())
            });
        if !detail {
            continue;
        }
        let mut client = signed_in(&app, login).await;
        assert_eq!(client.get(path).await.status, StatusCode::OK, "{line}");
        checked += 1;
    }
    assert!(checked >= 2, "{checked} detail pages in bench/pages.txt");
}
