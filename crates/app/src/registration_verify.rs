//! Following the verification link of an automatic registration: the
//! visitor sets a password (the broker's policy) and the portal user is
//! created for the matched customer, active at once, in the transaction
//! that uses the link. An unknown, used or expired link, and one whose
//! customer or e-mail got a login meanwhile, all answer `NotFound`.

use kp_domain::{CustomerId, Language, PortalUserStatus};
use kp_storage::registrations::{self, Registration};
use kp_storage::write::portal_users::{self, NewPortalUser, PortalUserOwner, ScopeRestrictions};

use crate::auth::token_hash;
use crate::{App, AppError, FieldError, passwords};

const MAX_TOKEN_CHARS: usize = 128;

fn plausible(token: &str) -> bool {
    !token.is_empty() && token.len() <= MAX_TOKEN_CHARS
}

/// The pending registration of a link, without using it (for the form).
pub async fn peek(app: &App, token: &str) -> Result<Registration, AppError> {
    if !plausible(token) {
        return Err(AppError::NotFound);
    }
    registrations::find_pending(&app.db, &token_hash(token), app.clock.now())
        .await?
        .ok_or(AppError::NotFound)
}

/// The name the new user gets: as typed, else the customer's.
fn user_name(r: &Registration) -> String {
    if r.name.trim().is_empty() {
        r.customer_name.clone().unwrap_or_default()
    } else {
        r.name.clone()
    }
}

/// Sets the password and creates the portal user; `Validation` for a
/// password the policy refuses or a confirmation that differs (the link
/// stays usable).
pub async fn complete(
    app: &App,
    token: &str,
    password: &str,
    confirmation: &str,
) -> Result<Language, AppError> {
    let pending = peek(app, token).await?;
    let name = user_name(&pending);
    let min = passwords::min_length(app).await?;
    if let Err(e) = passwords::check_policy(min, password, &pending.email, &name) {
        return Err(AppError::Validation(vec![e]));
    }
    if password != confirmation {
        return Err(AppError::Validation(vec![FieldError {
            field: "password_confirm",
            key: "registration-password-mismatch",
        }]));
    }
    let hash = passwords::hash_blocking(password.to_owned()).await?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let Some((id, Some(customer))) =
        registrations::consume(&mut tx, &token_hash(token), now).await?
    else {
        return Err(AppError::NotFound);
    };
    let customer = CustomerId(customer);
    if registrations::customer_has_user(&mut tx, customer).await? {
        return Err(AppError::NotFound);
    }
    let language = Language::parse(&pending.language).unwrap_or_default();
    let created = portal_users::insert(
        &mut tx,
        &NewPortalUser {
            email: pending.email.clone(),
            name,
            language,
            status: PortalUserStatus::Active,
            password_hash: Some(hash),
            owner: PortalUserOwner::Customer(customer),
            permission_profile_id: None,
            scope: ScopeRestrictions::default(),
            created_at: now,
        },
    )
    .await;
    let user = match created {
        Ok(user) => user,
        // The e-mail got a login since the link was sent.
        Err(kp_storage::StorageError::UniqueViolation) => return Err(AppError::NotFound),
        Err(other) => return Err(other.into()),
    };
    registrations::set_portal_user(&mut tx, id, user).await?;
    registrations::append_event(
        &mut tx,
        pending.tenant_id,
        "user.registered",
        Some(customer),
        &serde_json::json!({ "registration": id, "portal_user": user.0, "tenant": pending.tenant_id }),
        now,
    )
    .await?;
    tx.commit().await?;
    tracing::info!(user = user.0, "portal user registered");
    Ok(language)
}
