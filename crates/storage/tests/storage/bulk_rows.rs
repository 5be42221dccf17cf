//! A bulk batch's multi-row inserts (records and their events) read back
//! exactly as rows written one by one: the time, quotes in values, the
//! events in the order given, and each event's webhook deliveries.

use chrono::{DateTime, Duration, Utc};
use kp_domain::TenantId;
use kp_storage::Sql;
use kp_storage::api::PageQuery;
use kp_storage::api::customers::{self, CustomerValues};
use kp_storage::events::{self, NewEvent, Position, ResourceLink};

use crate::backends;
use crate::world::now;

fn values(name: &str) -> CustomerValues<'_> {
    CustomerValues {
        kind: "person",
        salutation: "",
        first_name: name,
        last_name: "O'Neill",
        company_name: "",
        display_name: name,
        birth_date: None,
        street: "",
        postal_code: "",
        city: "",
        country: "DE",
        email: "",
        phone: "",
        iban: "",
        bic: "",
        account_holder: "",
        account_manager_id: None,
        clerk_id: None,
    }
}

#[tokio::test]
async fn bulk_rows_read_back_with_their_time_events_and_deliveries() {
    for t in backends::all().await {
        // A tenant alone: records with explicit ids would hold the first
        // ids of PostgreSQL's identity columns.
        t.db.execute(
            Sql::new(
                "INSERT INTO tenants (id, name, created_at, updated_at) VALUES (1, 'T', $1, $1)",
            )
            .arg(now()),
        )
        .await
        .unwrap();
        let tenant = TenantId(1);
        // Endpoints: every type; one type only; off.
        for (id, all, active) in [(1_i64, true, true), (2, false, true), (3, true, false)] {
            t.db.execute(
                Sql::new(
                    "INSERT INTO webhook_endpoints (id, tenant_id, url, all_events, active, \
                     created_at, updated_at) VALUES ($1, 1, 'https://example.org/', $2, $3, $4, $4)",
                )
                .arg(id)
                .arg(all)
                .arg(active)
                .arg(now()),
            )
            .await
            .unwrap();
        }
        t.db.execute(Sql::new(
            "INSERT INTO webhook_endpoint_events (endpoint_id, event_type) VALUES (2, 'it''s.other')",
        ))
        .await
        .unwrap();
        // Nanoseconds: SQLite keeps them, PostgreSQL keeps microseconds.
        let at: DateTime<Utc> = "2026-12-01T06:30:00.123456789Z".parse().unwrap();
        let rows = [("B-1", values("Ann")), ("B-2", values("Bo"))];
        let mut tx = t.db.begin().await.unwrap();
        let ids = customers::build_insert(t.db.backend(), tenant, &rows, at)
            .run(&mut tx)
            .await
            .unwrap();
        assert_eq!(ids.len(), 2);
        let created = |ext, link| NewEvent {
            event_type: "customer.created".to_owned(),
            resource: ResourceLink {
                kind: "customer",
                link,
            },
            payload: serde_json::json!({ "external_id": ext }),
        };
        let new = [
            created("B-1", "/api/v1/customers/B-1"),
            created("B-2", "/api/v1/customers/B-2"),
            NewEvent {
                event_type: "it's.other".to_owned(),
                resource: ResourceLink {
                    kind: "o'ther",
                    link: "/x",
                },
                payload: serde_json::json!({}),
            },
        ];
        let statements = events::build_many(t.db.backend(), tenant, &new, at).unwrap();
        events::append_built(&mut tx, statements).await.unwrap();
        tx.commit().await.unwrap();

        let row = customers::get(&t.db, tenant, "B-1").await.unwrap().unwrap();
        let stored = at - Duration::nanoseconds(i64::from(at.timestamp_subsec_nanos() % 1_000));
        assert!(row.updated_at == at || row.updated_at == stored, "{row:?}");
        assert_eq!(row.created_at, row.updated_at);
        assert_eq!(row.last_name, "O'Neill");
        let since = |updated_since| PageQuery {
            after_id: 0,
            updated_since: Some(updated_since),
            limit: 10,
        };
        // The stored time compares with a bound one as the same instant.
        let listed = customers::list(&t.db, tenant, &since(row.updated_at))
            .await
            .unwrap();
        assert_eq!(listed.len(), 2, "{listed:?}");
        let later = row.updated_at + Duration::microseconds(1);
        assert!(
            customers::list(&t.db, tenant, &since(later))
                .await
                .unwrap()
                .is_empty()
        );

        // PostgreSQL hands out events only below the oldest running
        // transaction, which another test's may hold back for a moment.
        let mut feed = Vec::new();
        for _ in 0..100 {
            feed = events::after(&t.db, tenant, Position::default(), 10)
                .await
                .unwrap();
            if feed.len() >= 3 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        let got: Vec<_> = feed
            .iter()
            .map(|e| {
                (
                    e.event_type.as_str(),
                    e.resource_type.as_str(),
                    e.resource_link.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("customer.created", "customer", "/api/v1/customers/B-1"),
                ("customer.created", "customer", "/api/v1/customers/B-2"),
                ("it's.other", "o'ther", "/x"),
            ]
        );
        assert_eq!(feed[1].payload, "{\"external_id\":\"B-2\"}");
        assert!(
            feed.iter().all(|e| e.created_at == row.updated_at),
            "{feed:?}"
        );

        // One more event on its own, in a transaction of its own.
        let mut tx = t.db.begin().await.unwrap();
        let single = events::append(
            &mut tx,
            tenant,
            "it's.other",
            ResourceLink {
                kind: "o'ther",
                link: "/y",
            },
            &serde_json::json!({}),
            at,
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let deliveries: Vec<(i64, i64, String)> =
            t.db.fetch_all(Sql::new(
                "SELECT endpoint_id, event_id, status FROM webhook_deliveries \
                 ORDER BY event_id, endpoint_id",
            ))
            .await
            .unwrap();
        let pending = |endpoint, event| (endpoint, event, "pending".to_owned());
        assert_eq!(
            deliveries,
            [
                pending(1, feed[0].id),
                pending(1, feed[1].id),
                pending(1, feed[2].id),
                pending(2, feed[2].id),
                pending(1, single),
                pending(2, single),
            ],
            "one delivery per active endpoint taking the type ({})",
            t.label
        );
        t.drop_db().await;
    }
}
