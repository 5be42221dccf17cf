//! Passkey ceremonies (`kp_app::passkeys`) on the demo data with a
//! software authenticator: registration, second factor, passwordless
//! sign-in, and the refusals (forged and replayed challenges, wrong origin
//! and rpId, another user's credential, a bad signature, an expired
//! ceremony, a credential registered twice); on SQLite and PostgreSQL.
//! The pages over them: passkeys_pages.rs and passkeys_sign_in.rs.

use kp_app::AppError;
use kp_app::passkeys::{self, Assertion, RelyingParty};
use kp_storage::users::UserRef;

use crate::harness::{TestApp, demo_login, spawn_app, spawn_app_on_postgres};
use crate::passkey_authenticator::{Authenticator, UP_UV, client_data};

const RP: &str = "portal.example.de";
const ORIGIN: &str = "https://portal.example.de";

fn rp() -> RelyingParty {
    RelyingParty {
        id: RP.to_owned(),
        origin: ORIGIN.to_owned(),
        name: "Testmakler".to_owned(),
    }
}

async fn user(app: &TestApp, who: &str) -> UserRef {
    kp_storage::users::credentials_by_email(&app.db, demo_login(who).email)
        .await
        .unwrap()
        .unwrap()
        .user
}

async fn register(app: &TestApp, user: UserRef, a: &Authenticator, name: &str) -> i64 {
    let started = passkeys::start_registration(&app.app, user).await.unwrap();
    let (cd, att) = a.create(RP, ORIGIN, &started.challenge);
    *a.user_handle.borrow_mut() = passkeys::user_handle(user);
    passkeys::finish_registration(&app.app, &rp(), user, &started.token, name, &cd, &att)
        .await
        .unwrap()
}

/// Starts a ceremony for `user` (None: passwordless) and answers it with
/// `a`, after `tamper` may change (rp, origin, challenge).
async fn sign_in(
    app: &TestApp,
    user: Option<UserRef>,
    a: &mut Authenticator,
    tamper: impl FnOnce(&mut (String, String, String)),
) -> Result<UserRef, AppError> {
    let started = passkeys::start_assertion(&app.app, user).await.unwrap();
    let mut what = (RP.to_owned(), ORIGIN.to_owned(), started.challenge.clone());
    tamper(&mut what);
    let (cd, data, sig) = a.get(&what.0, &what.1, &what.2, UP_UV);
    let handle = a.user_handle.borrow().clone();
    let answer = Assertion {
        credential_id: &a.credential_id(),
        client_data_json: &cd,
        authenticator_data: &data,
        signature: &sig,
        user_handle: Some(&handle),
    };
    passkeys::finish_assertion(&app.app, &rp(), user, &started.token, &answer).await
}

async fn check_passkeys(app: &TestApp) {
    let martina = user(app, "martina").await;
    let stefan = user(app, "stefan").await;
    let mut key = Authenticator::new(1);
    let mut phone = Authenticator::new(2);
    register(app, martina, &key, "Security key").await;
    register(app, martina, &phone, "Phone").await;
    let mut stefans = Authenticator::new(3);
    register(app, stefan, &stefans, "Laptop").await;

    // The same authenticator credential twice: refused.
    let again = passkeys::start_registration(&app.app, martina)
        .await
        .unwrap();
    let (cd, att) = key.create(RP, ORIGIN, &again.challenge);
    let dup =
        passkeys::finish_registration(&app.app, &rp(), martina, &again.token, "x", &cd, &att).await;
    assert!(matches!(dup, Err(AppError::Conflict)), "{dup:?}");
    // An empty name: a message at the field, nothing stored.
    let started = passkeys::start_registration(&app.app, martina)
        .await
        .unwrap();
    let (cd, att) = Authenticator::new(9).create(RP, ORIGIN, &started.challenge);
    let empty =
        passkeys::finish_registration(&app.app, &rp(), martina, &started.token, " ", &cd, &att)
            .await;
    assert!(matches!(empty, Err(AppError::Validation(_))), "{empty:?}");

    // Second factor and passwordless sign-in.
    assert_eq!(
        sign_in(app, Some(martina), &mut key, |_| {}).await.unwrap(),
        martina
    );
    assert_eq!(
        sign_in(app, Some(martina), &mut phone, |_| {})
            .await
            .unwrap(),
        martina
    );
    assert_eq!(
        sign_in(app, None, &mut stefans, |_| {}).await.unwrap(),
        stefan
    );

    // Refusals, all alike for the browser.
    let refused = |r: Result<UserRef, AppError>| {
        assert!(matches!(r, Err(AppError::InvalidCredentials)), "{r:?}")
    };
    refused(sign_in(app, Some(martina), &mut key, |w| w.2 = "Zm9yZ2Vk".into()).await);
    refused(
        sign_in(app, Some(martina), &mut key, |w| {
            w.1 = "https://evil.example".into()
        })
        .await,
    );
    refused(
        sign_in(app, Some(martina), &mut key, |w| {
            w.0 = "evil.example".into()
        })
        .await,
    );
    // Stefan's passkey is not Martina's second factor.
    refused(sign_in(app, Some(martina), &mut stefans, |_| {}).await);
    // An unregistered key signs nothing in.
    refused(sign_in(app, None, &mut Authenticator::new(7), |_| {}).await);

    // A bad signature: a valid answer with one byte of the client data
    // changed after signing.
    let started = passkeys::start_assertion(&app.app, Some(martina))
        .await
        .unwrap();
    let (_, data, sig) = key.get(RP, ORIGIN, &started.challenge, UP_UV);
    let other_cd = client_data("webauthn.get", &started.challenge, ORIGIN)
        .into_iter()
        .chain(*b" ")
        .collect::<Vec<u8>>();
    let answer = Assertion {
        credential_id: &key.credential_id(),
        client_data_json: &other_cd,
        authenticator_data: &data,
        signature: &sig,
        user_handle: None,
    };
    refused(
        passkeys::finish_assertion(&app.app, &rp(), Some(martina), &started.token, &answer).await,
    );

    // A replayed challenge: the second finish with the same token fails
    // even with a fresh, correct signature.
    let started = passkeys::start_assertion(&app.app, Some(martina))
        .await
        .unwrap();
    for round in 0..2 {
        let (cd, data, sig) = key.get(RP, ORIGIN, &started.challenge, UP_UV);
        let answer = Assertion {
            credential_id: &key.credential_id(),
            client_data_json: &cd,
            authenticator_data: &data,
            signature: &sig,
            user_handle: None,
        };
        let r = passkeys::finish_assertion(&app.app, &rp(), Some(martina), &started.token, &answer)
            .await;
        if round == 0 {
            assert_eq!(r.unwrap(), martina);
        } else {
            refused(r);
        }
    }
    // A second-factor ceremony is not a passwordless one, nor another user's.
    let started = passkeys::start_assertion(&app.app, Some(martina))
        .await
        .unwrap();
    let (cd, data, sig) = key.get(RP, ORIGIN, &started.challenge, UP_UV);
    let answer = Assertion {
        credential_id: &key.credential_id(),
        client_data_json: &cd,
        authenticator_data: &data,
        signature: &sig,
        user_handle: None,
    };
    refused(passkeys::finish_assertion(&app.app, &rp(), None, &started.token, &answer).await);

    // An expired ceremony.
    let started = passkeys::start_assertion(&app.app, Some(martina))
        .await
        .unwrap();
    app.clock.advance(chrono::Duration::minutes(6));
    let (cd, data, sig) = key.get(RP, ORIGIN, &started.challenge, UP_UV);
    let answer = Assertion {
        credential_id: &key.credential_id(),
        client_data_json: &cd,
        authenticator_data: &data,
        signature: &sig,
        user_handle: None,
    };
    refused(
        passkeys::finish_assertion(&app.app, &rp(), Some(martina), &started.token, &answer).await,
    );

    // A cloned key: the counter behind the stored one.
    key.count = 0;
    refused(sign_in(app, Some(martina), &mut key, |_| {}).await);
}

#[tokio::test]
async fn passkeys_register_sign_in_and_refuse_forgeries() {
    let app = spawn_app().await;
    check_passkeys(&app).await;
}

#[tokio::test]
async fn passkeys_register_sign_in_and_refuse_forgeries_on_postgres() {
    let Some((app, _pg)) = spawn_app_on_postgres().await else {
        return;
    };
    check_passkeys(&app).await;
}

async fn check_rename_and_remove(app: &TestApp) {
    use kp_app::passkeys::manage;
    let martina = user(app, "martina").await;
    let stefan = user(app, "stefan").await;
    let m = demo_login("martina");
    let s = demo_login("stefan");
    let id = register(app, martina, &Authenticator::new(11), "Key").await;
    let other = register(app, stefan, &Authenticator::new(12), "Laptop").await;

    // A wrong password or an empty name changes nothing.
    let wrong = manage::rename(&app.app, martina, m.email, "nope", id, "New").await;
    assert!(matches!(wrong, Err(AppError::Validation(_))), "{wrong:?}");
    let empty = manage::rename(&app.app, martina, m.email, m.password, id, "  ").await;
    assert!(matches!(empty, Err(AppError::Validation(_))), "{empty:?}");
    // Another user's passkey id: not found, and it stays as it was.
    let forged = manage::rename(&app.app, martina, m.email, m.password, other, "Mine").await;
    assert!(matches!(forged, Err(AppError::NotFound)), "{forged:?}");
    let forged = manage::remove(&app.app, martina, m.email, m.password, other, "").await;
    assert!(matches!(forged, Err(AppError::NotFound)), "{forged:?}");
    let stefans = manage::list(&app.app, stefan).await.unwrap();
    assert_eq!(stefans.len(), 1);
    assert_eq!(stefans[0].name, "Laptop");

    manage::rename(&app.app, martina, m.email, m.password, id, " Work key ")
        .await
        .unwrap();
    assert_eq!(
        manage::list(&app.app, martina).await.unwrap()[0].name,
        "Work key"
    );
    manage::remove(&app.app, martina, m.email, m.password, id, "")
        .await
        .unwrap();
    assert!(manage::list(&app.app, martina).await.unwrap().is_empty());
    manage::remove(&app.app, stefan, s.email, s.password, other, "")
        .await
        .unwrap();
}

#[tokio::test]
async fn passkeys_rename_and_remove_only_the_users_own() {
    let app = spawn_app().await;
    check_rename_and_remove(&app).await;
}

#[tokio::test]
async fn passkeys_rename_and_remove_only_the_users_own_on_postgres() {
    let Some((app, _pg)) = spawn_app_on_postgres().await else {
        return;
    };
    check_rename_and_remove(&app).await;
}
