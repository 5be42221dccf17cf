//! The password policy (FEATURES C2, following NIST SP 800-63B): a length
//! the broker sets (at least 8, by default 12), at most 1,024 characters,
//! not a common password and not built from the user's e-mail or name. No
//! composition rules: they make passwords harder to remember, not to guess.
//!
//! The common passwords are the 100,000 most frequent of the "10 million
//! passwords" list (SecLists), lower-cased and cut to those of 8 characters
//! or more, since shorter ones fail the length rule anyway; see
//! docs/supply-chain.md for source and licence.

use std::collections::HashSet;
use std::sync::LazyLock;

use kp_domain::Principal;
use kp_storage::settings::{self, SettingScope};
use serde::{Deserialize, Serialize};

use crate::auth::MAX_PASSWORD_CHARS;
use crate::{App, AppError, FieldError};

/// The lowest minimum length a broker may set.
pub const MIN_LENGTH_FLOOR: usize = 8;
/// The minimum length without a setting.
pub const DEFAULT_MIN_LENGTH: usize = 12;

const KEY: &str = "password_policy";

static COMMON: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| include_str!("common.txt").lines().collect());

fn error(key: &'static str) -> FieldError {
    FieldError {
        field: "password",
        key,
    }
}

/// Checks a new password against the policy; the first rule it breaks is
/// returned for the field `password` (callers whose field has another name
/// rename it). `min_len` is raised to [`MIN_LENGTH_FLOOR`] if lower.
pub fn check_policy(
    min_len: usize,
    password: &str,
    email: &str,
    name: &str,
) -> Result<(), FieldError> {
    let length = password.chars().count();
    if length < min_len.clamp(MIN_LENGTH_FLOOR, MAX_PASSWORD_CHARS) {
        return Err(error("password-too-short"));
    }
    if length > MAX_PASSWORD_CHARS {
        return Err(error("password-too-long"));
    }
    let lower = password.to_lowercase();
    if COMMON.contains(lower.as_str()) {
        return Err(error("password-common"));
    }
    let email = email.trim().to_lowercase();
    let local = email.split('@').next().unwrap_or_default();
    if [email.as_str(), local]
        .iter()
        .any(|part| part.chars().count() >= 3 && lower.contains(part))
    {
        return Err(error("password-contains-email"));
    }
    let name = name.to_lowercase();
    if name
        .split(|c: char| !c.is_alphanumeric())
        .any(|part| part.chars().count() >= 3 && lower.contains(part))
    {
        return Err(error("password-contains-name"));
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct Stored {
    min_length: usize,
}

/// The broker's minimum length: the setting within its bounds, else 12.
pub async fn min_length(app: &App) -> Result<usize, AppError> {
    let stored = settings::get(&app.db, SettingScope::Global, KEY).await?;
    let value = stored
        .and_then(|json| serde_json::from_str::<Stored>(&json).ok())
        .map_or(DEFAULT_MIN_LENGTH, |s| s.min_length);
    Ok(value.clamp(MIN_LENGTH_FLOOR, MAX_PASSWORD_CHARS))
}

/// The minimum length as an administrator edits it (403 for anyone else).
pub async fn min_length_for_editing(app: &App, principal: &Principal) -> Result<usize, AppError> {
    require_admin(principal)?;
    min_length(app).await
}

/// Stores the minimum length typed by an administrator: a whole number
/// from 8 to 1,024, else the field's message and nothing stored.
pub async fn save_min_length(
    app: &App,
    principal: &Principal,
    typed: &str,
) -> Result<usize, AppError> {
    require_admin(principal)?;
    let value = typed
        .trim()
        .parse::<usize>()
        .ok()
        .filter(|n| (MIN_LENGTH_FLOOR..=MAX_PASSWORD_CHARS).contains(n))
        .ok_or_else(|| {
            AppError::Validation(vec![FieldError {
                field: "min_length",
                key: "password-min-length-invalid",
            }])
        })?;
    let json = serde_json::to_string(&Stored { min_length: value })
        .map_err(|e| AppError::Internal(e.to_string()))?;
    settings::put(&app.db, SettingScope::Global, KEY, &json, app.clock.now()).await?;
    Ok(value)
}

fn require_admin(principal: &Principal) -> Result<(), AppError> {
    if principal.is_admin() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(min: usize, password: &str) -> Option<&'static str> {
        check_policy(min, password, "Jana.Roth@example.org", "Jana Maria Roth")
            .err()
            .map(|e| e.key)
    }

    #[test]
    fn each_rule_has_its_own_message() {
        assert_eq!(key(12, "kurz und gut"), None);
        assert_eq!(key(12, "elf zeichen"), Some("password-too-short"));
        assert_eq!(key(3, "sieben!"), Some("password-too-short"), "floor of 8");
        assert_eq!(key(8, "acht zei"), None);
        assert_eq!(key(12, &"x".repeat(1025)), Some("password-too-long"));
        assert_eq!(key(12, &"xy".repeat(512)), None);
        assert_eq!(key(8, "Password1"), Some("password-common"));
        assert_eq!(key(8, "QWERTYUIOP"), Some("password-common"));
        assert_eq!(
            key(8, "meine jana.roth bleibt"),
            Some("password-contains-email")
        );
        assert_eq!(
            key(8, "xx JANA.ROTH@EXAMPLE.ORG"),
            Some("password-contains-email")
        );
        assert_eq!(
            key(8, "die rothaarige katze"),
            Some("password-contains-name")
        );
        assert_eq!(key(8, "MARIA im Garten 7"), Some("password-contains-name"));
        // Name parts under 3 characters do not count.
        assert_eq!(
            check_policy(8, "ab cd ef gh ij", "x@y.z", "Al Bo").map_err(|e| e.key),
            Ok(())
        );
        assert_eq!(
            check_policy(8, "lange genug", "", "").map_err(|e| e.field),
            Ok(())
        );
    }

    #[test]
    fn the_list_is_large_and_lower_case() {
        assert!(COMMON.len() > 30_000);
        assert!(COMMON.iter().all(|p| p.chars().count() >= 8));
        assert!(COMMON.iter().all(|p| *p == p.to_lowercase()));
    }
}
