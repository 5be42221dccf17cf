//! Errors of the demo loader.

use kp_documents::DocumentError;
use kp_storage::StorageError;

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("the database already holds data; the demo set is loaded only into an empty database")]
    NotEmpty,
    #[error(transparent)]
    Storage(#[from] StorageError),
    #[error(transparent)]
    Documents(#[from] DocumentError),
    #[error("demo data incomplete: {0} missing (a bug in the demo tables)")]
    Incomplete(&'static str),
    #[error("cannot hash a demo password: {0}")]
    Password(String),
    #[error("cannot enrol the demo's two-factor user: {0}")]
    TwoFactor(String),
}
