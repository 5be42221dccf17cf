//! A small world of two tenants, an organization and a private customer,
//! shared by the storage tests of the access rule.

use chrono::{DateTime, NaiveDate, Utc};
use kp_domain::{Language, PortalUserStatus};
use kp_storage::write::portal_users::{NewPortalUser, PortalUserOwner, ScopeRestrictions};
use kp_storage::{Db, Sql};

pub fn now() -> DateTime<Utc> {
    "2026-11-01T09:00:00Z".parse().unwrap()
}

async fn exec(db: &Db, sql: Sql) {
    db.execute(sql).await.unwrap();
}

/// Two tenants; an organization with customers 1 (tenant 1) and 2 (tenant
/// 2); customer 3 private in tenant 1. Contract 1 of customer 1 with
/// customer 2 co-insured, contract 2 of customer 3; object 1 on contract
/// 1, object 2 on contract 2.
pub async fn small_world(db: &Db) {
    let ts = now();
    for t in [1_i64, 2] {
        exec(
            db,
            Sql::new(
                "INSERT INTO tenants (id, name, created_at, updated_at) VALUES ($1, 'T', $2, $2)",
            )
            .arg(t)
            .arg(ts),
        )
        .await;
    }
    exec(
        db,
        Sql::new(
            "INSERT INTO organizations (id, name, created_at, updated_at) VALUES (1, 'O', $1, $1)",
        )
        .arg(ts),
    )
    .await;
    for (id, tenant, org) in [(1_i64, 1_i64, Some(1_i64)), (2, 2, Some(1)), (3, 1, None)] {
        exec(
            db,
            Sql::new(
                "INSERT INTO customers (id, tenant_id, organization_id, external_id, kind, display_name, \
                 created_at, updated_at) VALUES ($1, $2, $3, $4, 'company', 'C', $5, $5)",
            )
            .arg(id)
            .arg(tenant)
            .arg(org)
            .arg(format!("c{id}"))
            .arg(ts),
        )
        .await;
    }
    let day = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    for (id, customer, tenant) in [(1_i64, 1_i64, 1_i64), (2, 3, 1)] {
        exec(
            db,
            Sql::new(
                "INSERT INTO contracts (id, tenant_id, customer_id, external_id, policy_number, \
                 line_of_business, contract_type, status, start_date, payment_frequency, created_at, \
                 updated_at) VALUES ($1, $2, $3, $4, $4, 'fire', 'property', 'active', $5, 'yearly', $6, $6)",
            )
            .arg(id)
            .arg(tenant)
            .arg(customer)
            .arg(format!("k{id}"))
            .arg(day)
            .arg(ts),
        )
        .await;
    }
    exec(
        db,
        Sql::new("INSERT INTO contract_co_insured (contract_id, customer_id) VALUES (1, 2)"),
    )
    .await;
    for (id, contract) in [(1_i64, 1_i64), (2, 2)] {
        exec(
            db,
            Sql::new(
                "INSERT INTO insured_objects (id, tenant_id, contract_id, external_id, kind, description, \
                 created_at, updated_at) VALUES ($1, 1, $2, $3, 'building', 'O', $4, $4)",
            )
            .arg(id)
            .arg(contract)
            .arg(format!("o{id}"))
            .arg(ts),
        )
        .await;
    }
}

pub fn portal_user(email: &str, owner: PortalUserOwner, scope: ScopeRestrictions) -> NewPortalUser {
    NewPortalUser {
        email: email.to_owned(),
        name: "P".to_owned(),
        language: Language::De,
        status: PortalUserStatus::Active,
        password_hash: Some("h".to_owned()),
        owner,
        permission_profile_id: None,
        scope,
        created_at: now(),
    }
}
