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
