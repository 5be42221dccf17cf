//! A claim's "what we still need from you" checklist and its status
//! changes made in the portal (issue 10). Reads go through the scope;
//! writes take a claim or item the caller found through it in the same
//! transaction. The sync API reads and writes the items by their key
//! (`kp_storage::api::claims` calls [`for_claim_in`] and [`upsert_key`]).

use chrono::{DateTime, NaiveDate, Utc};
use kp_domain::{ClaimId, Scope};

use crate::Result;
use crate::args::Sql;
use crate::db::{Db, Tx};
use crate::scope_sql::Scoped;

pub const ITEM_OPEN: &str = "open";
pub const ITEM_RECEIVED: &str = "received";
pub const ITEM_DONE: &str = "done";
pub const ITEM_STATUSES: &[&str] = &[ITEM_OPEN, ITEM_RECEIVED, ITEM_DONE];

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct ItemRow {
    pub id: i64,
    pub claim_id: i64,
    pub item_key: Option<String>,
    pub text: String,
    pub due_on: Option<NaiveDate>,
    pub status: String,
    pub document_id: Option<i64>,
    pub document_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

const SELECT: &str = "SELECT i.id, i.claim_id, i.item_key, i.text, i.due_on, i.status, \
     i.document_id, d.file_name AS document_name, i.created_at, i.updated_at \
     FROM claim_checklist_items i LEFT JOIN documents d ON d.id = i.document_id ";

/// The items of claim `claim` (oldest first) if the scope shows it.
pub async fn for_claim(db: &Db, scope: &Scope, claim: ClaimId) -> Result<Vec<ItemRow>> {
    let mut q = Scoped::new(scope);
    q.push(SELECT)
        .push("WHERE i.claim_id = ")
        .bind(claim)
        .push(" AND ")
        .claim_id("i.claim_id")
        .push(" ORDER BY i.created_at, i.id");
    db.fetch_all(q.finish()?).await
}

/// Item `id` if the scope shows its claim, read in the caller's
/// transaction.
pub async fn item_in(tx: &mut Tx, scope: &Scope, id: i64) -> Result<Option<ItemRow>> {
    let mut q = Scoped::new(scope);
    q.push(SELECT)
        .push("WHERE i.id = ")
        .bind(id)
        .push(" AND ")
        .claim_id("i.claim_id");
    tx.fetch_optional(q.finish()?).await
}

/// Item `id` if the scope shows its claim.
pub async fn item(db: &Db, scope: &Scope, id: i64) -> Result<Option<ItemRow>> {
    let mut q = Scoped::new(scope);
    q.push(SELECT)
        .push("WHERE i.id = ")
        .bind(id)
        .push(" AND ")
        .claim_id("i.claim_id");
    db.fetch_optional(q.finish()?).await
}

/// Adds an open item made in the portal; its key becomes `portal-<id>`.
pub async fn insert(
    tx: &mut Tx,
    claim: ClaimId,
    text: &str,
    due_on: Option<NaiveDate>,
    at: DateTime<Utc>,
) -> Result<i64> {
    let id = tx
        .insert_returning_id(
            Sql::new(
                "INSERT INTO claim_checklist_items (claim_id, text, due_on, status, created_at, \
                 updated_at) VALUES ($1, $2, $3, $4, $5, $5)",
            )
            .arg(claim)
            .arg(text)
            .arg(due_on)
            .arg(ITEM_OPEN)
            .arg(at),
        )
        .await?;
    tx.execute(
        Sql::new("UPDATE claim_checklist_items SET item_key = $1 WHERE id = $2")
            .arg(format!("portal-{id}"))
            .arg(id),
    )
    .await?;
    Ok(id)
}

/// Sets an item's status.
pub async fn set_status(tx: &mut Tx, id: i64, status: &str, at: DateTime<Utc>) -> Result<()> {
    tx.execute(
        Sql::new("UPDATE claim_checklist_items SET status = $1, updated_at = $2 WHERE id = $3")
            .arg(status)
            .arg(at)
            .arg(id),
    )
    .await?;
    Ok(())
}

/// Attaches the customer's document to an item not yet done; it becomes
/// "received". `false` when the item was done meanwhile.
pub async fn attach(tx: &mut Tx, id: i64, document: i64, at: DateTime<Utc>) -> Result<bool> {
    let changed = tx
        .execute(
            Sql::new(
                "UPDATE claim_checklist_items SET status = $1, document_id = $2, updated_at = $3 \
                 WHERE id = $4 AND status <> $5",
            )
            .arg(ITEM_RECEIVED)
            .arg(document)
            .arg(at)
            .arg(id)
            .arg(ITEM_DONE),
        )
        .await?;
    Ok(changed == 1)
}

pub async fn remove(tx: &mut Tx, id: i64) -> Result<()> {
    tx.execute(Sql::new("DELETE FROM claim_checklist_items WHERE id = $1").arg(id))
        .await?;
    Ok(())
}

/// An item as the sync API exchanges it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct KeyedItem {
    pub item_key: String,
    pub text: String,
    pub due_on: Option<NaiveDate>,
    pub status: String,
    pub document_id: Option<i64>,
}

const KEYED: &str = "SELECT COALESCE(item_key, 'portal-' || CAST(id AS TEXT)) AS item_key, text, \
     due_on, status, document_id FROM claim_checklist_items WHERE claim_id = $1 \
     ORDER BY created_at, id";

/// Every item of the claim (the API's caller is the claim's tenant).
pub async fn for_claim_in(tx: &mut Tx, claim: i64) -> Result<Vec<KeyedItem>> {
    tx.fetch_all(Sql::new(KEYED).arg(claim)).await
}

/// [`for_claim_in`] outside a transaction.
pub async fn keyed(db: &Db, claim: i64) -> Result<Vec<KeyedItem>> {
    db.fetch_all(Sql::new(KEYED).arg(claim)).await
}

/// Writes the item with `key` (text, due date, status); made when new.
pub async fn upsert_key(
    tx: &mut Tx,
    claim: i64,
    key: &str,
    text: &str,
    due_on: Option<NaiveDate>,
    status: &str,
    at: DateTime<Utc>,
) -> Result<()> {
    tx.execute(
        Sql::new(
            "INSERT INTO claim_checklist_items (claim_id, item_key, text, due_on, status, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) \
             ON CONFLICT (claim_id, item_key) DO UPDATE SET text = $3, due_on = $4, status = $5, \
             updated_at = $6",
        )
        .arg(claim)
        .arg(key)
        .arg(text)
        .arg(due_on)
        .arg(status)
        .arg(at),
    )
    .await?;
    Ok(())
}

/// Removes the items of the claim whose key is not in `keep`.
pub async fn retain_keys(tx: &mut Tx, claim: i64, keep: &[String]) -> Result<()> {
    let mut sql = Sql::new("DELETE FROM claim_checklist_items WHERE claim_id = ");
    sql.bind(claim);
    if !keep.is_empty() {
        sql.push(" AND item_key NOT IN ")
            .bind_list(keep.iter().map(String::as_str));
    }
    tx.execute(sql).await?;
    Ok(())
}
