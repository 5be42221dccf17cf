//! Staff administration use cases available from the command line.

use kp_domain::{StaffRole, StaffUserId};
use kp_storage::users;

use crate::{App, AppError, passwords};

/// Creates a staff administrator with access to every tenant.
pub async fn create_admin(
    app: &App,
    email: &str,
    name: &str,
    password: &str,
) -> Result<StaffUserId, AppError> {
    let email = email.trim();
    if !looks_like_email(email) {
        return Err(AppError::Invalid(format!(
            "{email:?} is not an e-mail address"
        )));
    }
    if password.chars().count() < 12 {
        return Err(AppError::Invalid(
            "the password must have at least 12 characters".to_owned(),
        ));
    }
    let hash = passwords::hash_blocking(password.to_owned()).await?;
    let tenants = users::all_tenant_ids(&app.db).await?;
    let mut tx = app.db.begin().await?;
    let id = users::create_staff(
        &mut tx,
        email,
        name,
        StaffRole::Admin,
        &hash,
        &tenants,
        app.clock.now(),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub fn looks_like_email(value: &str) -> bool {
    match value.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !value.contains(char::is_whitespace)
        }
        None => false,
    }
}
