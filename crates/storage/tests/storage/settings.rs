use chrono::Utc;
use kp_domain::{OrganizationId, TenantId};
use kp_storage::settings::{self, SettingScope};

use crate::backends;

#[tokio::test]
async fn settings_are_kept_per_scope_and_replaced() {
    for t in backends::all().await {
        let now = Utc::now();
        let tenant = SettingScope::Tenant(TenantId(1));
        let org = SettingScope::Organization(OrganizationId(1));
        assert_eq!(
            settings::get(&t.db, tenant, "home.view").await.unwrap(),
            None
        );
        settings::put(&t.db, tenant, "home.view", "\"icons\"", now)
            .await
            .unwrap();
        settings::put(&t.db, tenant, "home.view", "\"dashboard\"", now)
            .await
            .unwrap();
        settings::put(&t.db, tenant, "home.welcome.de", "\"Hallo\"", now)
            .await
            .unwrap();
        settings::put(&t.db, org, "home.view", "\"icons\"", now)
            .await
            .unwrap();
        assert_eq!(
            settings::get(&t.db, tenant, "home.view")
                .await
                .unwrap()
                .as_deref(),
            Some("\"dashboard\"")
        );
        let home = settings::with_prefix(&t.db, tenant, "home.").await.unwrap();
        assert_eq!(home.len(), 2, "{home:?}");
        assert!(
            settings::with_prefix(&t.db, SettingScope::Global, "home.")
                .await
                .unwrap()
                .is_empty()
        );
        settings::delete(&t.db, tenant, "home.view").await.unwrap();
        assert_eq!(
            settings::get(&t.db, tenant, "home.view").await.unwrap(),
            None
        );
        assert!(
            settings::get(&t.db, org, "home.view")
                .await
                .unwrap()
                .is_some()
        );
        t.drop_db().await;
    }
}
