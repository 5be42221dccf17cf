//! Errors of the use cases. The web layer maps them to pages or problem
//! documents; storage details never reach a user.

use kp_storage::StorageError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("invalid e-mail or password")]
    InvalidCredentials,
    #[error("too many failed login attempts; retry in {retry_after_secs} s")]
    TooManyAttempts { retry_after_secs: u64 },
    #[error("too busy; retry in {retry_after_secs} s")]
    Busy { retry_after_secs: u64 },
    #[error("not allowed")]
    Forbidden,
    #[error("invalid input: {0}")]
    Invalid(String),
    /// Input a form can show next to its fields.
    #[error("invalid form input: {0:?}")]
    Validation(Vec<FieldError>),
    /// The database or another dependency is overloaded or down; worth
    /// retrying shortly.
    #[error("temporarily unavailable: {0}")]
    Unavailable(String),
    #[error("a record with this key already exists")]
    Conflict,
    #[error(transparent)]
    Storage(StorageError),
    #[error("internal error: {0}")]
    Internal(String),
}

/// One invalid form field: its name and the translation key of the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub key: &'static str,
}

impl From<StorageError> for AppError {
    fn from(err: StorageError) -> Self {
        match err {
            StorageError::NotFound => AppError::NotFound,
            StorageError::UniqueViolation => AppError::Conflict,
            err if err.is_unavailable() => AppError::Unavailable(err.to_string()),
            other => AppError::Storage(other),
        }
    }
}
