use chrono::{Duration, Utc};
use kp_domain::{Language, StaffRole};
use kp_storage::Sql;
use kp_storage::sessions::{self, NewSession};
use kp_storage::users::{self, UserRef};

use crate::backends;

#[tokio::test]
async fn sessions_expire_idle_and_absolute() {
    for t in backends::all().await {
        let now = Utc::now();
        t.db.execute(
            Sql::new("INSERT INTO tenants (name, created_at, updated_at) VALUES ('T', $1, $1)")
                .arg(now),
        )
        .await
        .unwrap();
        let mut tx = t.db.begin().await.unwrap();
        let staff = users::create_staff(
            &mut tx,
            "A@Example.org",
            "A",
            StaffRole::Admin,
            "h",
            &[],
            now,
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let creds = users::credentials_by_email(&t.db, " a@example.ORG ")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(creds.user, UserRef::Staff(staff));

        sessions::create(
            &t.db,
            NewSession {
                token_hash: "abc",
                user: creds.user,
                csrf_token: "c",
                language: Language::Fr,
                now,
                expires_at: now + Duration::hours(1),
                stage: "full",
                login_attempt_id: None,
                user_agent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0",
                ip: "192.0.2.7",
            },
        )
        .await
        .unwrap();
        let found = sessions::find_valid(&t.db, "abc", now)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(found.user(), Some(UserRef::Staff(staff)));
        assert_eq!(found.language(), Language::Fr);
        let (joined, principal) =
            kp_storage::session_principal::find(&t.db, "abc", now, now - Duration::hours(12))
                .await
                .unwrap()
                .unwrap();
        assert_eq!(joined.id, found.id);
        assert!(principal.is_admin(), "{}", t.label);
        t.db.execute(Sql::new("UPDATE staff_users SET active = FALSE"))
            .await
            .unwrap();
        let gone =
            kp_storage::session_principal::find(&t.db, "abc", now, now - Duration::hours(12))
                .await
                .unwrap();
        assert!(
            gone.is_none(),
            "a deactivated user's session must end: {}",
            t.label
        );
        t.db.execute(Sql::new("UPDATE staff_users SET active = TRUE"))
            .await
            .unwrap();
        assert!(
            sessions::find_valid(&t.db, "abc", now + Duration::hours(2))
                .await
                .unwrap()
                .is_none(),
            "{}",
            t.label
        );

        // The absolute lifetime: a session created before the cut-off is
        // gone even though its idle expiry lies ahead.
        assert!(
            kp_storage::session_principal::find(&t.db, "abc", now, now + Duration::seconds(1))
                .await
                .unwrap()
                .is_none(),
            "{}",
            t.label
        );
        assert_eq!(
            sessions::delete_expired(&t.db, now, now - Duration::hours(1))
                .await
                .unwrap(),
            0,
            "{}",
            t.label
        );
        assert_eq!(
            sessions::delete_expired(&t.db, now, now + Duration::seconds(1))
                .await
                .unwrap(),
            1,
            "{}",
            t.label
        );

        let principal = users::principal(&t.db, UserRef::Staff(staff))
            .await
            .unwrap()
            .unwrap();
        assert!(principal.is_admin());
        t.drop_db().await;
    }
}
