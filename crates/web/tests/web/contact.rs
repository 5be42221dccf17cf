//! The contact page: the broker's offices of the user's customers and the
//! user's own contacts there, never another customer's.

use axum::http::StatusCode;
use kp_storage::Sql;

use crate::harness::{Client, TestApp, demo_login, spawn_app, spawn_app_on_postgres};

async fn page(app: &TestApp, who: &str) -> String {
    let login = demo_login(who);
    let mut client = Client::new(app);
    client.login(login.email, login.password).await;
    let page = client.get("/contact").await;
    assert_eq!(page.status, StatusCode::OK, "{who}: {}", page.body);
    assert!(!page.body.contains(">contact-"), "untranslated key");
    page.body.replace("&#x2f;", "/")
}

/// Names of the active staff on a customer and on its contracts.
async fn staff_of_customer(app: &TestApp, customer: i64) -> Vec<String> {
    let rows: Vec<(String,)> = app
        .db
        .fetch_all(
            Sql::new(
                "SELECT DISTINCT s.name FROM staff_users s WHERE s.id IN ( \
                 SELECT account_manager_id FROM customers WHERE id = $1 \
                 UNION SELECT clerk_id FROM customers WHERE id = $2 \
                 UNION SELECT account_manager_id FROM contracts WHERE customer_id = $3 \
                 UNION SELECT clerk_id FROM contracts WHERE customer_id = $4 \
                 UNION SELECT claims_handler_id FROM contracts WHERE customer_id = $5)",
            )
            .arg(customer)
            .arg(customer)
            .arg(customer)
            .arg(customer)
            .arg(customer),
        )
        .await
        .unwrap();
    rows.into_iter().map(|(n,)| n).collect()
}

async fn shows_the_broker_and_own_contacts(app: &TestApp) {
    let martina = demo_login("martina");
    let (customer, office, phone, mail): (i64, String, String, String) = app
        .db
        .fetch_one(
            Sql::new(
                "SELECT c.id, t.name, t.phone, t.email FROM portal_users p \
                 JOIN customers c ON c.id = p.customer_id JOIN tenants t ON t.id = c.tenant_id \
                 WHERE p.email = $1",
            )
            .arg(martina.email),
        )
        .await
        .unwrap();
    let own = staff_of_customer(app, customer).await;
    assert!(!own.is_empty());
    let body = page(app, "martina").await;
    assert!(body.contains(&office), "{office}");
    assert!(body.contains(&format!("href=\"tel:{}\"", phone.replace(' ', ""))));
    assert!(body.contains(&format!("href=\"mailto:{mail}\"")));
    assert!(body.contains("id=\"contact-people\""));
    for name in &own {
        assert!(body.contains(name.as_str()), "own contact {name} missing");
    }
    // Staff who look after other customers only (the group's account
    // manager) are not Martina K.'s contacts.
    let others: Vec<(String,)> = app
        .db
        .fetch_all(Sql::new(
            "SELECT DISTINCT s.name FROM staff_users s JOIN contracts k ON k.account_manager_id = s.id \
             JOIN customers c ON c.id = k.customer_id WHERE c.organization_id IS NOT NULL",
        ))
        .await
        .unwrap();
    let foreign: Vec<String> = others
        .into_iter()
        .map(|(n,)| n)
        .filter(|n| !own.contains(n))
        .collect();
    assert!(!foreign.is_empty(), "the demo has a group-only contact");
    for name in &foreign {
        assert!(!body.contains(name.as_str()), "{name} shown to Martina K.");
    }
    // The group's risk manager sees them, with their role in words.
    let stefan = page(app, "stefan").await;
    for name in &foreign {
        assert!(
            stefan.contains(name.as_str()),
            "{name} not shown to Stefan B."
        );
    }
    assert!(stefan.contains("Betreuer"));
    assert!(stefan.contains("Schadensachbearbeiter"));

    // The entry is in every user's menu, whatever the profile shows.
    let claire = page(app, "claire").await;
    assert!(claire.contains("href=\"/contact\""));
    // Staff see their offices and no "your contacts" list.
    let petra = page(app, "petra").await;
    assert!(petra.contains(&office));
    assert!(!petra.contains("id=\"contact-people\""));
}

#[tokio::test]
async fn the_contact_page_shows_the_broker_and_only_own_contacts() {
    let app = spawn_app().await;
    shows_the_broker_and_own_contacts(&app).await;
}

#[tokio::test]
async fn the_contact_page_shows_the_broker_and_only_own_contacts_on_postgres() {
    let Some((app, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    shows_the_broker_and_own_contacts(&app).await;
    drop(app);
    pg.drop_db().await;
}
