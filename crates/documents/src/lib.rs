//! Producing and storing documents: A4 PDF rendering with the base-14
//! Helvetica fonts ([`pdf`]) and a byte store for the rendered files
//! ([`blob`]). Nothing here touches the database, and every user-visible
//! string comes from the caller, who is responsible for localising it.

pub mod blob;
mod error;
pub mod pdf;

pub use blob::{
    BlobKey, BlobReader, BlobStore, BlobUpload, LocalStore, StreamDigest, UploadOutcome, fresh_key,
    key_for_sha256, sha256_hex, validate_key,
};
pub use error::DocumentError;
pub use pdf::{Image, ImageError, PdfSpec, Section, Table, TableColumn, render};
