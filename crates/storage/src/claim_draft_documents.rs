//! Files of a claim wizard draft (FEATURES A4, A7): stored sealed in the
//! blob store while the report is a draft, listed here until the draft is
//! sent (they become documents) or discarded (they are deleted). Every
//! statement names the portal user and the draft, so another user's file
//! id matches nothing (the 404 of a missing one).

use chrono::{DateTime, Utc};
use kp_domain::{DocumentId, PortalUserId};

use crate::Result;
use crate::args::Sql;
use crate::db::{Db, Tx};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct DraftDocumentRow {
    pub id: i64,
    pub document_type: String,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub storage_key: String,
    pub created_at: DateTime<Utc>,
}

/// A received file to list on a draft.
#[derive(Debug, Clone)]
pub struct NewDraftDocument<'a> {
    pub document_type: &'a str,
    pub file_name: &'a str,
    pub media_type: &'a str,
    pub size_bytes: i64,
    pub sha256: &'a str,
    pub storage_key: &'a str,
}

const COLUMNS: &str =
    "id, document_type, file_name, media_type, size_bytes, sha256, storage_key, created_at";

/// Lists the files on the user's draft in one transaction; `false` (and
/// nothing written) when the user has no such draft.
pub async fn insert_all(
    db: &Db,
    user: PortalUserId,
    draft: i64,
    files: &[NewDraftDocument<'_>],
    at: DateTime<Utc>,
) -> Result<bool> {
    let mut tx = db.begin().await?;
    // Touching the draft finds it and holds it against a concurrent send.
    let found = tx
        .execute(
            Sql::new(
                "UPDATE claim_report_drafts SET updated_at = $1 WHERE id = $2 \
                 AND portal_user_id = $3",
            )
            .arg(at)
            .arg(draft)
            .arg(user),
        )
        .await?;
    if found != 1 {
        return Ok(false);
    }
    insert_in(&mut tx, user, draft, files, at).await?;
    tx.commit().await?;
    Ok(true)
}

/// Lists the files on draft `draft` of `user` (its drafter) in the
/// caller's transaction, which has found the draft (an approver adding
/// files: see [`crate::claim_approvals::hold`]).
pub async fn insert_in(
    tx: &mut Tx,
    user: PortalUserId,
    draft: i64,
    files: &[NewDraftDocument<'_>],
    at: DateTime<Utc>,
) -> Result<()> {
    for f in files {
        tx.execute(
            Sql::new(
                "INSERT INTO claim_draft_documents (draft_id, portal_user_id, document_type, \
                 file_name, media_type, size_bytes, sha256, storage_key, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .arg(draft)
            .arg(user)
            .arg(f.document_type)
            .arg(f.file_name)
            .arg(f.media_type)
            .arg(f.size_bytes)
            .arg(f.sha256)
            .arg(f.storage_key)
            .arg(at),
        )
        .await?;
    }
    Ok(())
}

/// The files on the user's draft, in the order they arrived.
pub async fn list(db: &Db, user: PortalUserId, draft: i64) -> Result<Vec<DraftDocumentRow>> {
    db.fetch_all(
        Sql::new(format!(
            "SELECT {COLUMNS} FROM claim_draft_documents WHERE draft_id = $1 \
             AND portal_user_id = $2 ORDER BY id"
        ))
        .arg(draft)
        .arg(user),
    )
    .await
}

/// Removes one file from the user's draft; its storage key, or `None`
/// when the user has no such file on that draft.
pub async fn remove(db: &Db, user: PortalUserId, draft: i64, id: i64) -> Result<Option<String>> {
    // A write: through a transaction (plain reads may use a read-only pool).
    let mut tx = db.begin().await?;
    let row: Option<(String,)> = tx
        .fetch_optional(
            Sql::new(
                "DELETE FROM claim_draft_documents WHERE id = $1 AND draft_id = $2 \
                 AND portal_user_id = $3 RETURNING storage_key",
            )
            .arg(id)
            .arg(draft)
            .arg(user),
        )
        .await?;
    tx.commit().await?;
    Ok(row.map(|(key,)| key))
}

/// Removes one file from draft `draft` of `user` in the caller's
/// transaction (an approver's removal); its storage key, `None` when the
/// draft has no such file.
pub async fn remove_in(
    tx: &mut Tx,
    user: PortalUserId,
    draft: i64,
    id: i64,
) -> Result<Option<String>> {
    let row: Option<(String,)> = tx
        .fetch_optional(
            Sql::new(
                "DELETE FROM claim_draft_documents WHERE id = $1 AND draft_id = $2 \
                 AND portal_user_id = $3 RETURNING storage_key",
            )
            .arg(id)
            .arg(draft)
            .arg(user),
        )
        .await?;
    Ok(row.map(|(key,)| key))
}

/// Takes every file off the user's draft in the caller's transaction (on
/// send or discard) and returns them.
pub async fn take_all(
    tx: &mut Tx,
    user: PortalUserId,
    draft: i64,
) -> Result<Vec<DraftDocumentRow>> {
    let mut rows: Vec<DraftDocumentRow> = tx
        .fetch_all(
            Sql::new(format!(
                "DELETE FROM claim_draft_documents WHERE draft_id = $1 \
                 AND portal_user_id = $2 RETURNING {COLUMNS}"
            ))
            .arg(draft)
            .arg(user),
        )
        .await?;
    rows.sort_by_key(|r| r.id);
    Ok(rows)
}

/// Links the documents a report was sent with.
pub async fn link_to_report(tx: &mut Tx, report: i64, documents: &[DocumentId]) -> Result<()> {
    for d in documents {
        tx.execute(
            Sql::new(
                "INSERT INTO claim_report_documents (claim_report_id, document_id) \
                 VALUES ($1, $2)",
            )
            .arg(report)
            .arg(d.0),
        )
        .await?;
    }
    Ok(())
}
