//! Data set-ups several test suites share.

use chrono::Utc;
use kp_domain::{Language, OrganizationId, PortalUserId, PortalUserStatus};
use kp_storage::write::{bulk, portal_users};
use kp_storage::{Arg, Db, Sql};

/// Adds `n` new insured objects to `contract` and an active portal user of
/// `organization` whose object list holds exactly those objects (a plant
/// manager with a large site). Returns the user.
pub async fn user_listed_to_new_objects(
    db: &Db,
    contract: i64,
    organization: OrganizationId,
    n: i64,
    email: &str,
    password_hash: Option<String>,
) -> PortalUserId {
    let (tenant, first): (i64, i64) = db
        .fetch_one(
            Sql::new(
                "SELECT k.tenant_id, (SELECT COALESCE(MAX(id), 0) + 1 FROM insured_objects) \
                 FROM contracts k WHERE k.id = $1",
            )
            .arg(contract),
        )
        .await
        .unwrap();
    let now = Utc::now();
    let rows: Vec<Vec<Arg>> = (first..first + n)
        .map(|id| {
            vec![
                Arg::from(id),
                Arg::from(tenant),
                Arg::from(contract),
                Arg::from(format!("listed-{id}")),
                Arg::from("building"),
                Arg::from("Halle"),
                Arg::from(now),
                Arg::from(now),
            ]
        })
        .collect();
    let columns = [
        "id",
        "tenant_id",
        "contract_id",
        "external_id",
        "kind",
        "description",
        "created_at",
        "updated_at",
    ];
    let mut tx = db.begin().await.unwrap();
    bulk::insert_rows(&mut tx, "insured_objects", &columns, &rows)
        .await
        .unwrap();
    let user = portal_users::insert(
        &mut tx,
        &portal_users::NewPortalUser {
            email: email.to_owned(),
            name: "Werkleitung".to_owned(),
            language: Language::De,
            status: PortalUserStatus::Active,
            password_hash,
            owner: portal_users::PortalUserOwner::Organization(organization),
            permission_profile_id: None,
            // The list is filled below, in bulk.
            scope: portal_users::ScopeRestrictions {
                objects: Some(vec![]),
                ..Default::default()
            },
            created_at: now,
        },
    )
    .await
    .unwrap();
    // Accepted the demo's terms and privacy notice (version 1), like the
    // demo's users, so that the consent gate lets them through.
    for kind in ["terms", "privacy"] {
        kp_storage::consents::insert_in(&mut tx, user, kind, "1", now)
            .await
            .unwrap();
    }
    let listed: Vec<Vec<Arg>> = (first..first + n)
        .map(|id| vec![Arg::from(user.0), Arg::from(id)])
        .collect();
    bulk::insert_rows(
        &mut tx,
        "portal_user_scope_objects",
        &["portal_user_id", "object_id"],
        &listed,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    user
}
