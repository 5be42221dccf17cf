//! Rules the schema itself enforces: one identity namespace across staff
//! and portal users, one owner per portal user, one user per session.

use kp_domain::{CustomerId, StaffRole};
use kp_storage::users::{self, UserRef};
use kp_storage::write::portal_users::{self, PortalUserOwner, ScopeRestrictions};
use kp_storage::{Sql, StorageError};

use crate::backends;
use crate::world::{now, portal_user, small_world};

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
