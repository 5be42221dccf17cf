//! Storage errors, classified portably: SQLite cannot name the violated
//! constraint, so callers match on the kind, never on a constraint name.

#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("record not found")]
    NotFound,
    #[error("a record with the same key already exists")]
    UniqueViolation,
    #[error("a referenced record does not exist or is still referenced")]
    ForeignKeyViolation,
    #[error("a record breaks a rule of the schema")]
    CheckViolation,
    /// The ids given for a write disagree with the stored records (an
    /// object of another contract, a contract of another customer).
    #[error("inconsistent references: {0}")]
    Inconsistent(&'static str),
    /// A read of customer data to which no scope predicate was applied: a
    /// programming error, refused rather than run.
    #[error("statement reads customer data without the scope predicate")]
    Unscoped,
    #[error("{0}")]
    Config(String),
    #[error("database error: {0}")]
    Database(#[source] sqlx::Error),
    #[error("stored value is invalid: {0}")]
    Corrupt(String),
}

impl From<sqlx::Error> for StorageError {
    fn from(err: sqlx::Error) -> Self {
        match &err {
            sqlx::Error::RowNotFound => StorageError::NotFound,
            sqlx::Error::Database(db) => match db.kind() {
                sqlx::error::ErrorKind::UniqueViolation => StorageError::UniqueViolation,
                sqlx::error::ErrorKind::ForeignKeyViolation => StorageError::ForeignKeyViolation,
                sqlx::error::ErrorKind::CheckViolation => StorageError::CheckViolation,
                // SQLite enforces the checks added after table creation with
                // triggers, whose RAISE carries this text.
                _ if db.message().contains("CHECK constraint failed") => {
                    StorageError::CheckViolation
                }
                _ => StorageError::Database(err),
            },
            _ => StorageError::Database(err),
        }
    }
}

impl From<kp_domain::UnknownCode> for StorageError {
    fn from(err: kp_domain::UnknownCode) -> Self {
        StorageError::Corrupt(err.to_string())
    }
}

impl StorageError {
    /// The database could not be reached in time (pool exhausted, closed,
    /// connection lost): a retry may succeed, so callers answer 503.
    pub fn is_unavailable(&self) -> bool {
        matches!(
            self,
            StorageError::Database(
                sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_)
            )
        )
    }
}
