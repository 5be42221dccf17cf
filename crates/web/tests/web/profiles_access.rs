//! Who may use the permission profile pages (D2): other staff get 403,
//! portal users the 404 of an unknown page, an administrator the 404 for
//! a profile of an organization outside their tenants; and keys a stored
//! profile carries that this version does not know are ignored.

use axum::http::StatusCode;
use kp_storage::Sql;

use crate::harness::{Client, TestApp, demo_login, spawn_app, spawn_app_on_postgres};
use crate::profiles::{profile_of, signed_in, stored, without_claims_and_premium};

pub(crate) async fn access(
    t: &TestApp,
    petra: &mut Client<'_>,
    id: i64,
    foreign: i64,
    stefan_id: i64,
) {
    let mut sabine = signed_in(t, "Sabine").await; // clerk
    let mut stefan = signed_in(t, "stefan").await; // portal user
    for path in [
        "/staff/profiles".to_owned(),
        format!("/staff/profiles/{id}"),
        format!("/staff/profiles/{id}/preview"),
    ] {
        assert_eq!(
            sabine.get(&path).await.status,
            StatusCode::FORBIDDEN,
            "{path}"
        );
        assert_eq!(
            stefan.get(&path).await.status,
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let csrf = stefan.get("/home").await.hidden("_csrf");
    let r = stefan
        .post(
            &format!("/staff/users/{stefan_id}/profile"),
            &[("_csrf", &csrf), ("profile", "")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // Petra works for München only now: the Hamburg organization's
    // profile is the 404 of a missing one, for reading and every change.
    assert_eq!(
        petra
            .get(&format!("/staff/profiles/{foreign}"))
            .await
            .status,
        StatusCode::OK
    );
    t.db.execute(
        Sql::new(
            "DELETE FROM staff_user_tenants WHERE tenant_id = \
             (SELECT id FROM tenants WHERE tenant_key = 'hamburg') AND staff_user_id = \
             (SELECT id FROM staff_users WHERE email = $1)",
        )
        .arg(demo_login("portal administrator").email),
    )
    .await
    .unwrap();
    let csrf = petra.get("/staff/profiles").await.hidden("_csrf");
    let missing = petra.get("/staff/profiles/99999999").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let page = format!("/staff/profiles/{foreign}");
    assert_eq!(petra.get(&page).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        petra.get(&format!("{page}/preview")).await.status,
        StatusCode::NOT_FOUND
    );
    for action in ["", "/copy", "/delete"] {
        let r = petra
            .post(
                &format!("{page}{action}"),
                &[("_csrf", &csrf), ("name", "x"), ("updated_at", "1")],
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{action}");
    }
    assert!(
        !petra
            .get("/staff/profiles")
            .await
            .body
            .contains("Fremdes Profil")
    );

    // Broker-wide profiles apply in Hamburg too, which Petra no longer
    // administers: she may read them but not create, copy or change them.
    let (broker_wide,): (i64,) =
        t.db.fetch_one(Sql::new(
            "SELECT MIN(id) FROM permission_profiles WHERE organization_id IS NULL",
        ))
        .await
        .unwrap();
    let page = format!("/staff/profiles/{broker_wide}");
    let edit = petra.get(&page).await;
    assert_eq!(edit.status, StatusCode::OK);
    let stamp = edit.hidden("updated_at");
    let name = stored(t, broker_wide).await.0;
    let refusal = "nur wer alle Mandanten verwaltet";
    let mut form = without_claims_and_premium(&csrf, "Umbenannt");
    form.push(("updated_at", &stamp));
    let r = petra.post(&page, &form).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert!(r.body.contains(refusal), "{}", r.body);
    let r = petra
        .post(
            &format!("{page}/delete"),
            &[("_csrf", &csrf), ("updated_at", &stamp)],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    assert_eq!(stored(t, broker_wide).await.0, name, "nothing changed");
    let r = petra
        .post(
            &format!("{page}/copy"),
            &[("_csrf", &csrf), ("updated_at", &stamp)],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let mut new = without_claims_and_premium(&csrf, "Maklerweit neu");
    new.push(("organization", ""));
    let r = petra.post("/staff/profiles", &new).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains(refusal), "{}", r.body);
    assert_eq!(stored(t, foreign).await.0, "Fremdes Profil");
}

/// Keys a stored profile carries that this version does not know (a newer
/// version's, a removed feature's) grant and hide nothing and break nothing.
async fn unknown_keys(t: &TestApp) {
    let stefan = demo_login("stefan");
    t.db.execute(
        Sql::new(
            "UPDATE permission_profiles SET menu_areas = '[\"contracts\",\"teleport\"]', \
             functions = '[\"fly\"]', hidden_fields = '[\"contract.colour\",\"contract.premium\"]' \
             WHERE id = (SELECT permission_profile_id FROM portal_users WHERE email = $1)",
        )
        .arg(stefan.email),
    )
    .await
    .unwrap();
    let id = profile_of(t, stefan.email).await.unwrap();
    let mut c = signed_in(t, "stefan").await;
    let contracts = c.get("/contracts").await;
    assert_eq!(contracts.status, StatusCode::OK);
    let premium = kp_web::i18n::text(kp_domain::Language::De, "col-premium");
    assert!(!contracts.body.contains(&premium), "the known key applies");
    assert_eq!(c.get("/claims").await.status, StatusCode::FORBIDDEN);
    let mut petra = signed_in(t, "portal administrator").await;
    let page = petra.get(&format!("/staff/profiles/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("teleport"));
}

#[tokio::test]
async fn unknown_keys_in_a_stored_profile_are_ignored() {
    let t = spawn_app().await;
    unknown_keys(&t).await;
}

#[tokio::test]
async fn unknown_keys_in_a_stored_profile_are_ignored_on_postgres() {
    let Some((t, _pg)) = spawn_app_on_postgres().await else {
        return;
    };
    unknown_keys(&t).await;
}
