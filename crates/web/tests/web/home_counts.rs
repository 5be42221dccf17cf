//! The home page's document numbers follow the profile as the inbox does:
//! a document counts only where the profile shows the area of its record.

use kp_storage::Sql;

use crate::harness::{TestApp, demo_login, spawn_app, spawn_app_on_postgres};
use crate::lists::{html, signed_in, total};

/// The number shown in the element with `id` (a dashboard card or a tile).
fn number_in(body: &str, id: &str) -> i64 {
    let start = body
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("{id} on the page"));
    let rest = &body[start..];
    let marker = ["class=\"card-number\">", "class=\"tile-number\">"]
        .iter()
        .filter_map(|m| rest.find(m).map(|i| i + m.len()))
        .min()
        .expect("a number");
    rest[marker..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .unwrap()
}

async fn documents_in_scope(app: &TestApp, who: &str) -> i64 {
    let (n,): (i64,) = app
        .db
        .fetch_one(
            Sql::new(
                "SELECT COUNT(*) FROM documents d JOIN portal_user_scope_customers s \
                 ON s.customer_id = d.customer_id JOIN portal_users u ON u.id = s.portal_user_id \
                 WHERE u.email = $1 AND d.message_id IS NULL",
            )
            .arg(demo_login(who).email),
        )
        .await
        .unwrap();
    n
}

async fn document_counts_follow_the_profile(app: &TestApp) {
    for who in ["claire", "stefan"] {
        let mut client = signed_in(app, who).await;
        let home = html(&client.get("/home").await);
        let inbox = total(&html(&client.get("/documents").await));
        let unread = total(&html(&client.get("/documents?new=yes").await));
        assert!(unread > 0, "{who} has new documents");
        assert_eq!(
            number_in(&home, "card-documents"),
            unread,
            "{who}: the card counts what the inbox lists as new"
        );
        assert_eq!(
            number_in(&home, "tile-documents"),
            inbox,
            "{who}: the tile counts what the inbox lists"
        );
    }
    // Claire's profile hides contracts, objects and claims, whose documents
    // her scope holds as well: they are counted nowhere.
    let mut claire = signed_in(app, "claire").await;
    let inbox = total(&html(&claire.get("/documents").await));
    assert!(
        documents_in_scope(app, "claire").await > inbox,
        "her scope holds documents her profile does not show"
    );
}

#[tokio::test]
async fn home_document_counts_follow_the_profile() {
    let app = spawn_app().await;
    document_counts_follow_the_profile(&app).await;
}

#[tokio::test]
async fn home_document_counts_follow_the_profile_on_postgres() {
    let Some((app, pg)) = spawn_app_on_postgres().await else {
        return;
    };
    document_counts_follow_the_profile(&app).await;
    drop(app);
    pg.drop_db().await;
}
