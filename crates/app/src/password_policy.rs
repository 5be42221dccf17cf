//! PLACEHOLDER until the password policy of issue 8 (C2) is merged as
//! `kp_app::passwords::check_policy`: same signature, so the callers here
//! (`activation`, `password_reset`) switch by changing one path. It checks
//! only the length limits, which the real policy also enforces.

use crate::FieldError;
use crate::auth::MAX_PASSWORD_CHARS;

/// The broker's default minimum length (C2).
pub const DEFAULT_MIN_LENGTH: usize = 12;

/// Whether `password` may be set; the message key for the `password`
/// field otherwise.
pub fn check_policy(
    min_len: usize,
    password: &str,
    _email: &str,
    _name: &str,
) -> Result<(), FieldError> {
    let len = password.chars().count();
    if len < min_len.max(8) {
        return Err(FieldError {
            field: "password",
            key: "reset-password-too-short",
        });
    }
    if len > MAX_PASSWORD_CHARS {
        return Err(FieldError {
            field: "password",
            key: "reset-password-too-long",
        });
    }
    Ok(())
}
