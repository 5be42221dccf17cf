//! The access rule's storage side beyond the property test: one identity
//! namespace, the schema's checks, writes that derive and check their
//! parents, and restriction lists read by reference at scale.

use chrono::{DateTime, NaiveDate, Utc};
use kp_domain::{
    ClaimStatus, ContractId, CustomerId, Language, ObjectId, OrganizationId, PortalUserStatus,
    RecordRef, Scope, StaffRole,
};
use kp_storage::users::{self, UserRef};
use kp_storage::write::bulk;
use kp_storage::write::claims::{self, NewClaim};
use kp_storage::write::conversations::{self, NewConversation};
use kp_storage::write::finance_items::{self, FinanceOwner, NewFinanceItem};
use kp_storage::write::portal_users::{self, NewPortalUser, PortalUserOwner, ScopeRestrictions};
use kp_storage::{Arg, Db, Sql, StorageError, home};

use crate::backends;

fn now() -> DateTime<Utc> {
    "2026-11-01T09:00:00Z".parse().unwrap()
}

async fn exec(db: &Db, sql: Sql) {
    db.execute(sql).await.unwrap();
}

/// Two tenants; an organization with customers 1 (tenant 1) and 2 (tenant
/// 2); customer 3 private in tenant 1. Contract 1 of customer 1 with
/// customer 2 co-insured, contract 2 of customer 3; object 1 on contract
/// 1, object 2 on contract 2.
async fn small_world(db: &Db) {
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

fn portal_user(email: &str, owner: PortalUserOwner, scope: ScopeRestrictions) -> NewPortalUser {
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

#[tokio::test]
async fn an_email_names_one_user_across_staff_and_portal() {
    for t in backends::all().await {
        small_world(&t.db).await;
        let mut tx = t.db.begin().await.unwrap();
        users::create_staff(
            &mut tx,
            "Anna@Example.org",
            "A",
            StaffRole::Clerk,
            "h",
            &[],
            now(),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let mut tx = t.db.begin().await.unwrap();
        let owner = PortalUserOwner::Customer(CustomerId(3));
        let err = portal_users::insert(
            &mut tx,
            &portal_user(" anna@example.ORG ", owner, ScopeRestrictions::default()),
        )
        .await
        .unwrap_err();
        assert!(
            matches!(err, StorageError::UniqueViolation),
            "{}: {err:?}",
            t.label
        );
        drop(tx);
        // Nothing half-written: the portal user row went with the identity.
        let (n,): (i64,) =
            t.db.fetch_one(Sql::new("SELECT COUNT(*) FROM portal_users"))
                .await
                .unwrap();
        assert_eq!(n, 0, "{}", t.label);
        let creds = users::credentials_by_email(&t.db, "ANNA@example.org ")
            .await
            .unwrap()
            .unwrap();
        assert!(matches!(creds.user, UserRef::Staff(_)), "{}", t.label);
        t.drop_db().await;
    }
}

#[tokio::test]
async fn portal_users_have_one_owner_and_sessions_one_user() {
    for t in backends::all().await {
        small_world(&t.db).await;
        let both = Sql::new(
            "INSERT INTO portal_users (email, name, status, organization_id, customer_id, created_at, \
             updated_at) VALUES ('x@example.org', 'X', 'active', 1, 3, $1, $1)",
        )
        .arg(now());
        let err = t.db.execute(both).await.unwrap_err();
        assert!(
            matches!(err, StorageError::CheckViolation),
            "{}: {err:?}",
            t.label
        );
        let mut tx = t.db.begin().await.unwrap();
        let staff = users::create_staff(
            &mut tx,
            "s@example.org",
            "S",
            StaffRole::Admin,
            "h",
            &[],
            now(),
        )
        .await
        .unwrap();
        let portal = portal_users::insert(
            &mut tx,
            &portal_user(
                "p@example.org",
                PortalUserOwner::Customer(CustomerId(3)),
                ScopeRestrictions::default(),
            ),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        for (staff_id, portal_id) in [(Some(staff.0), Some(portal.0)), (None, None)] {
            let sql = Sql::new(
                "INSERT INTO sessions (token_hash, staff_user_id, portal_user_id, csrf_token, language, \
                 created_at, last_seen_at, expires_at) VALUES ('t', $1, $2, 'c', 'de', $3, $3, $3)",
            )
            .arg(staff_id)
            .arg(portal_id)
            .arg(now());
            let err = t.db.execute(sql).await.unwrap_err();
            assert!(
                matches!(err, StorageError::CheckViolation),
                "{}: {err:?}",
                t.label
            );
        }
        t.drop_db().await;
    }
}

fn conversation(about: RecordRef) -> NewConversation {
    NewConversation {
        about,
        subject: "Frage".to_owned(),
        status: "open".to_owned(),
        started_by_portal_user_id: None,
        assigned_staff_id: None,
        created_at: now(),
    }
}

#[tokio::test]
async fn a_forged_context_id_writes_nothing() {
    for t in backends::all().await {
        small_world(&t.db).await;
        // The private customer 3 names contract 1 of the organization.
        let own = Scope::customers(kp_domain::CustomerSet::Customer(CustomerId(3)));
        let mut tx = t.db.begin().await.unwrap();
        let err = conversations::insert(
            &mut tx,
            &own,
            &conversation(RecordRef::Contract(ContractId(1))),
        )
        .await
        .unwrap_err();
        assert!(
            matches!(err, StorageError::NotFound),
            "{}: {err:?}",
            t.label
        );
        let err = conversations::insert(
            &mut tx,
            &own,
            &conversation(RecordRef::Customer(CustomerId(1))),
        )
        .await
        .unwrap_err();
        assert!(
            matches!(err, StorageError::NotFound),
            "{}: {err:?}",
            t.label
        );
        // Its own contract works, and the customer is read from it.
        let id =
            conversations::insert(&mut tx, &own, &conversation(RecordRef::Object(ObjectId(2))))
                .await
                .unwrap();
        tx.commit().await.unwrap();
        let (customer, contract): (i64, Option<i64>) =
            t.db.fetch_one(
                Sql::new("SELECT customer_id, contract_id FROM conversations WHERE id = $1")
                    .arg(id),
            )
            .await
            .unwrap();
        assert_eq!((customer, contract), (3, Some(2)), "{}", t.label);
        let (n,): (i64,) =
            t.db.fetch_one(Sql::new("SELECT COUNT(*) FROM conversations"))
                .await
                .unwrap();
        assert_eq!(n, 1, "{}", t.label);

        // A message into a conversation outside the scope is refused too.
        let org = Scope::customers(kp_domain::CustomerSet::Organization(OrganizationId(1)));
        let mut tx = t.db.begin().await.unwrap();
        let err = conversations::insert_message(
            &mut tx,
            &org,
            &conversations::NewMessage {
                conversation_id: id,
                author: conversations::Author::Staff(kp_domain::StaffUserId(1)),
                body: "x".to_owned(),
                created_at: now(),
            },
        )
        .await
        .unwrap_err();
        assert!(
            matches!(err, StorageError::NotFound),
            "{}: {err:?}",
            t.label
        );
        drop(tx);
        t.drop_db().await;
    }
}

#[tokio::test]
async fn parents_come_from_the_most_specific_record() {
    for t in backends::all().await {
        small_world(&t.db).await;
        let mut tx = t.db.begin().await.unwrap();
        let day = NaiveDate::from_ymd_opt(2026, 2, 1).unwrap();
        let item = NewFinanceItem {
            owner: FinanceOwner::Contract(ContractId(2)),
            external_id: "F1".to_owned(),
            kind: kp_domain::FinanceKind::Invoice,
            number: "R-1".to_owned(),
            issue_date: day,
            due_date: day,
            amount_minor: 100,
            currency: "EUR".to_owned(),
            paid_on: None,
            created_at: now(),
        };
        let id = finance_items::insert(&mut tx, &item).await.unwrap();
        let claim = NewClaim {
            contract_id: ContractId(1),
            object_id: Some(ObjectId(2)),
            external_id: "S1".to_owned(),
            broker_claim_number: String::new(),
            insurer_claim_number: String::new(),
            date_of_loss: day,
            reported_on: day,
            claim_type: "fire".to_owned(),
            cause: String::new(),
            place: String::new(),
            description: String::new(),
            status: ClaimStatus::Reported,
            reserve_minor: 0,
            paid_minor: 0,
            currency: "EUR".to_owned(),
            handler_id: None,
            created_at: now(),
        };
        let err = claims::insert(&mut tx, &claim).await.unwrap_err();
        assert!(
            matches!(err, StorageError::Inconsistent(_)),
            "{}: {err:?}",
            t.label
        );
        tx.commit().await.unwrap();
        let (customer, tenant): (i64, i64) =
            t.db.fetch_one(
                Sql::new("SELECT customer_id, tenant_id FROM finance_items WHERE id = $1").arg(id),
            )
            .await
            .unwrap();
        assert_eq!((customer, tenant), (3, 1), "{}", t.label);
        t.drop_db().await;
    }
}

/// A plant manager limited to 20,000 objects: the list is read by user id,
/// so the statement stays small (SQLite allows 32,766 values) and the
/// home counts come back.
#[tokio::test]
async fn a_user_restricted_to_twenty_thousand_objects_gets_home_counts() {
    const N: i64 = 20_000;
    for t in backends::all().await {
        small_world(&t.db).await;
        let ts = now();
        let rows: Vec<Vec<Arg>> = (0..N)
            .map(|i| {
                vec![
                    Arg::from(1000 + i),
                    Arg::from(1_i64),
                    Arg::from(1_i64),
                    Arg::from(format!("bulk{i}")),
                    Arg::from("building"),
                    Arg::from("Halle"),
                    Arg::from(ts),
                    Arg::from(ts),
                ]
            })
            .collect();
        let mut tx = t.db.begin().await.unwrap();
        bulk::insert_rows(
            &mut tx,
            "insured_objects",
            &[
                "id",
                "tenant_id",
                "contract_id",
                "external_id",
                "kind",
                "description",
                "created_at",
                "updated_at",
            ],
            &rows,
        )
        .await
        .unwrap();
        let user = portal_users::insert(
            &mut tx,
            &portal_user(
                "werk@example.org",
                PortalUserOwner::Organization(OrganizationId(1)),
                ScopeRestrictions {
                    objects: Some(vec![]),
                    ..ScopeRestrictions::default()
                },
            ),
        )
        .await
        .unwrap();
        let listed: Vec<Vec<Arg>> = (0..N)
            .map(|i| vec![Arg::from(user.0), Arg::from(1000 + i)])
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

        let principal = users::principal(&t.db, UserRef::Portal(user))
            .await
            .unwrap()
            .unwrap();
        let counts = home::counts(&t.db, &principal.scope).await.unwrap();
        assert_eq!(counts.objects, N, "{}", t.label);
        assert_eq!(counts.contracts, 1, "{}", t.label);
        // The cache key of the home counts stays small: no ids in it.
        assert!(format!("{:?}", principal.scope).len() < 300, "{}", t.label);
        t.drop_db().await;
    }
}
