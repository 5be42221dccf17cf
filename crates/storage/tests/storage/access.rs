//! The access rule's storage side beyond the property test: writes that
//! derive and check their parents, and restriction lists read by
//! reference at scale.

use chrono::NaiveDate;
use kp_domain::{ClaimStatus, ContractId, CustomerId, ObjectId, OrganizationId, RecordRef, Scope};
use kp_storage::users::{self, UserRef};
use kp_storage::write::claims::{self, NewClaim};
use kp_storage::write::conversations::{self, NewConversation};
use kp_storage::write::finance_items::{self, FinanceOwner, NewFinanceItem};
use kp_storage::{Sql, StorageError, home};

use crate::backends;
use crate::world::{now, small_world};

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
        // Its contract and the organization's customer: both foreign.
        for forged in [
            RecordRef::Contract(ContractId(1)),
            RecordRef::Customer(CustomerId(1)),
        ] {
            let err = conversations::insert(&mut tx, &own, &conversation(forged))
                .await
                .unwrap_err();
            assert!(
                matches!(err, StorageError::NotFound),
                "{}: {err:?}",
                t.label
            );
        }
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
        let user = kp_testkit::fixtures::user_listed_to_new_objects(
            &t.db,
            1,
            OrganizationId(1),
            N,
            "werk@example.org",
            None,
        )
        .await;
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
