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
    #[error("invalid input: {0}")]
    Invalid(String),
    #[error("a record with this key already exists")]
    Conflict,
    #[error(transparent)]
    Storage(StorageError),
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<StorageError> for AppError {
    fn from(err: StorageError) -> Self {
        match err {
            StorageError::NotFound => AppError::NotFound,
            StorageError::UniqueViolation => AppError::Conflict,
            other => AppError::Storage(other),
        }
    }
}
