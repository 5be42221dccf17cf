use std::io;

/// Everything that can go wrong in this crate. Rendering a PDF cannot fail,
/// so all variants concern the blob store.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    /// The key does not follow the key rules (see [`crate::validate_key`]).
    #[error("invalid blob key {key:?}: {reason}")]
    InvalidKey { key: String, reason: &'static str },

    /// No blob is stored under this key.
    #[error("no blob stored under {0:?}")]
    NotFound(String),

    /// The stored bytes do not open: not encrypted where they must be,
    /// cut short, or changed (authentication failed).
    #[error("blob {key:?} does not open: {reason}")]
    Corrupt { key: String, reason: &'static str },

    /// The storage backend failed.
    #[error("blob store I/O failed for {key:?}: {source}")]
    Io {
        key: String,
        #[source]
        source: io::Error,
    },
}

impl DocumentError {
    pub(crate) fn io(key: &str, source: io::Error) -> Self {
        Self::Io {
            key: key.to_owned(),
            source,
        }
    }
}
