//! Tenants (Mandanten) from the command line: a broker starting from an
//! empty database creates its tenants here, and scripts name them by key.

use kp_domain::TenantId;
use kp_storage::write::tenants::{self as write, NewTenant};

pub use kp_storage::tenants::TenantRow;

use crate::{App, AppError};

/// Longest key accepted.
const MAX_KEY: usize = 32;

/// A key is 2 to 32 lower-case letters, digits and hyphens, starting with a
/// letter or digit: safe in a URL, a file name and a shell line.
pub fn check_key(key: &str) -> Result<(), AppError> {
    let ok = (2..=MAX_KEY).contains(&key.len())
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !key.starts_with('-');
    if ok {
        Ok(())
    } else {
        Err(AppError::Invalid(format!(
            "{key:?} is not a tenant key: 2 to {MAX_KEY} lower-case letters, digits or hyphens, not starting with a hyphen"
        )))
    }
}

/// Creates a tenant; `Conflict` when the key is taken.
pub async fn create(app: &App, key: &str, name: &str) -> Result<TenantId, AppError> {
    check_key(key)?;
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::Invalid("the tenant needs a name".to_owned()));
    }
    let tenant = NewTenant {
        key: key.to_owned(),
        name: name.to_owned(),
        legal_name: name.to_owned(),
        created_at: app.clock.now(),
        ..NewTenant::default()
    };
    let mut tx = app.db.begin().await?;
    let id = write::insert(&mut tx, &tenant).await?;
    tx.commit().await?;
    Ok(id)
}

/// Every tenant, by key.
pub async fn list(app: &App) -> Result<Vec<TenantRow>, AppError> {
    Ok(kp_storage::tenants::list(&app.db).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_short_lower_case_words() {
        for good in ["hh", "hamburg", "muenchen-2", "t1"] {
            assert!(check_key(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "a",
            "Hamburg",
            "-hh",
            "hh hh",
            "hh/x",
            "münchen",
            &"x".repeat(33),
        ] {
            assert!(check_key(bad).is_err(), "{bad}");
        }
    }
}
