//! `PUT /api/v1/documents/{external_id}`: the file as the raw request body
//! (its own `Content-Type`), the metadata as JSON in the
//! `Kundenportal-Document` header. The metadata and its references are
//! checked before a byte of the body is read; the body is then written
//! piece by piece to the blob store while its SHA-256 is computed (never
//! whole in memory), and only a complete file within the limit, matching
//! the digest the client sent, is kept and recorded.

use kp_documents::{BlobUpload, UploadOutcome};
use kp_domain::DocumentType;
use kp_storage::api::documents::{self as store, DocumentValues};
use serde::{Deserialize, Serialize};

use super::document_meta::{check_file_name, check_title, resolve};
use super::documents::{ContextRef, RESOURCE, context_of};
use super::upsert::written;
use super::validate::{self, Checker, parse_json};
use super::{ApiError, Caller, Outcome, UpsertResult};
use crate::{App, AppError};

/// The header carrying the metadata.
pub const META_HEADER: &str = "kundenportal-document";
/// The header carrying the expected SHA-256 (64 hex digits).
pub const SHA_HEADER: &str = "content-sha256";
/// How problems name the context of an upload.
const CONTEXT_FIELD: &str = "Kundenportal-Document.context";

/// A document's metadata as the back office sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentMeta {
    pub context: ContextRef,
    pub document_type: DocumentType,
    /// The name the file is downloaded under.
    pub file_name: String,
    /// Shown in the portal; the file name when empty.
    #[serde(default)]
    pub title: String,
    /// Whether portal users see it (staff always do).
    #[serde(default = "yes")]
    pub customer_visible: bool,
}

fn yes() -> bool {
    true
}

/// An upload whose metadata passed its checks.
#[derive(Debug)]
pub struct Prepared {
    ext: String,
    meta: DocumentMeta,
    media_type: String,
    expected: Option<String>,
}

/// The metadata header's JSON; fields are named `Kundenportal-Document.…`.
pub fn parse_meta(header: Option<&[u8]>) -> Result<DocumentMeta, ApiError> {
    let Some(bytes) = header else {
        return Err(ApiError::field(
            "Kundenportal-Document",
            "missing: send the metadata as JSON in this header",
        ));
    };
    parse_json(bytes).map_err(|e| match e {
        ApiError::Invalid(p) => ApiError::Invalid(
            p.into_iter()
                .map(|mut f| {
                    f.field = if f.field.is_empty() {
                        "Kundenportal-Document".to_owned()
                    } else {
                        format!("Kundenportal-Document.{}", f.field)
                    };
                    f
                })
                .collect(),
        ),
        other => other,
    })
}

fn check_media_type(c: &mut Checker, media_type: &str) {
    let ok = media_type.len() <= 255
        && media_type.split_once('/').is_some_and(|(t, s)| {
            let token = |x: &str| {
                !x.is_empty()
                    && x.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"!#$&-^_.+".contains(&b))
            };
            token(t) && token(s.split(';').next().unwrap_or("").trim())
        });
    if !ok {
        c.fail("Content-Type", "not a media type (type/subtype)");
    }
}

/// Checks the request before its body is read: scope, external id,
/// metadata, media type, digest, and that the context exists in the
/// tenant (a missing one is named).
pub async fn prepare(
    app: &App,
    caller: &Caller,
    ext: &str,
    mut meta: DocumentMeta,
    media_type: Option<&str>,
    expected: Option<&str>,
) -> Result<Prepared, ApiError> {
    caller.require(&RESOURCE.write_scope())?;
    validate::external_id(ext)?;
    if ext == "by-id" {
        return Err(ApiError::field("external_id", "\"by-id\" is reserved"));
    }
    let mut c = Checker::default();
    check_file_name(
        &mut c,
        "Kundenportal-Document.file_name",
        &mut meta.file_name,
    );
    check_title(
        &mut c,
        "Kundenportal-Document.title",
        &mut meta.title,
        &meta.file_name,
    );
    let media_type = media_type
        .unwrap_or("application/octet-stream")
        .trim()
        .to_ascii_lowercase();
    check_media_type(&mut c, &media_type);
    let expected = expected.map(|e| e.trim().to_ascii_lowercase());
    if let Some(e) = &expected
        && (e.len() != 64 || !e.bytes().all(|b| b.is_ascii_hexdigit()))
    {
        c.fail("Content-SHA256", "must be the SHA-256 as 64 hex digits");
    }
    c.finish()?;
    // Only read: the transaction is rolled back when dropped.
    let mut tx = app.db.begin().await?;
    resolve(&mut tx, caller.tenant, CONTEXT_FIELD, &meta.context).await?;
    drop(tx);
    Ok(Prepared {
        ext: ext.to_owned(),
        meta,
        media_type,
        expected,
    })
}

/// A body being received, bounded by the limit (setting
/// `api.document_limit_bytes`).
#[derive(Debug)]
pub struct Incoming {
    upload: BlobUpload,
    limit: u64,
}

impl Incoming {
    pub async fn begin(app: &App, limit: u64) -> Result<Incoming, ApiError> {
        let upload = app.blobs.begin_upload().await.map_err(internal)?;
        Ok(Incoming { upload, limit })
    }

    /// Adds a piece; beyond the limit the upload is refused (dropping it
    /// removes what was written).
    pub async fn write(&mut self, chunk: bytes::Bytes) -> Result<(), ApiError> {
        if self.upload.len() + chunk.len() as u64 > self.limit {
            return Err(too_large(self.limit));
        }
        self.upload.write(chunk).await.map_err(internal)
    }
}

pub fn too_large(limit: u64) -> ApiError {
    ApiError::TooLarge(format!(
        "the file is larger than {limit} bytes (setting api.document_limit_bytes)"
    ))
}

/// Removes a stored blob no row will name; a failure only leaves an
/// unreferenced file, so it is logged, not reported.
async fn discard(app: &App, key: &str) {
    if let Err(err) = app.blobs.delete(key).await {
        tracing::warn!(%err, key, "an unneeded upload could not be removed");
    }
}

fn internal(e: kp_documents::DocumentError) -> ApiError {
    ApiError::App(AppError::Internal(format!("document upload: {e}")))
}

/// Keeps the received file and records the document: `created`,
/// `updated` (new file or metadata) or `unchanged`.
pub async fn finish(
    app: &App,
    caller: &Caller,
    p: Prepared,
    incoming: Incoming,
) -> Result<UpsertResult, ApiError> {
    let (key, sha256, len) = match incoming
        .upload
        .finish(p.expected.as_deref())
        .await
        .map_err(internal)?
    {
        UploadOutcome::Stored { key, sha256, len } => (key, sha256, len),
        UploadOutcome::Mismatch { sha256 } => {
            return Err(ApiError::field(
                "Content-SHA256",
                format!("the body's SHA-256 is {sha256}; nothing was kept"),
            ));
        }
    };
    let at = app.clock.now();
    let tenant = caller.tenant;
    let mut tx = app.db.begin().await?;
    let context = resolve(&mut tx, tenant, CONTEXT_FIELD, &p.meta.context).await?;
    let m = &p.meta;
    if let Some(stored) = store::get_in(&mut tx, tenant, &p.ext).await?
        && context_of(&stored) == m.context
        && stored.document_type == m.document_type.as_str()
        && stored.title == m.title
        && stored.file_name == m.file_name
        && stored.media_type == p.media_type
        && stored.sha256 == sha256
        && stored.customer_visible == m.customer_visible
    {
        // An encrypted store names each upload afresh: the replay's copy
        // is not needed (content-addressed, it is the stored one).
        if stored.storage_key != key {
            drop(tx);
            discard(app, &key).await;
        }
        return Ok(RESOURCE.result(Outcome::Unchanged, &p.ext));
    }
    let values = DocumentValues {
        context,
        document_type: m.document_type.as_str(),
        title: &m.title,
        file_name: &m.file_name,
        media_type: &p.media_type,
        size_bytes: i64::try_from(len).unwrap_or(i64::MAX),
        sha256: &sha256,
        storage_key: &key,
        customer_visible: m.customer_visible,
    };
    let existing = store::existing(&mut tx, tenant, &p.ext).await?;
    match existing {
        Some(e) => store::update(&mut tx, e.id, &values, at).await?,
        None => {
            store::insert(&mut tx, &p.ext, &values, at).await?;
        }
    }
    let outcome = written(existing);
    RESOURCE.event(&mut tx, tenant, &p.ext, outcome, at).await?;
    tx.commit().await?;
    Ok(RESOURCE.result(outcome, &p.ext))
}
