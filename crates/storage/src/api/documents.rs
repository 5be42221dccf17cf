//! Documents through the sync API: metadata by external id (the back
//! office's) or by portal id (customer uploads have no external id), in
//! the token's tenant only. Context references are shown by the external
//! ids of the records they name.

use chrono::{DateTime, Utc};
use kp_domain::TenantId;

use super::{Existing, PageQuery};
use crate::Result;
use crate::args::Sql;
use crate::db::{Db, Tx};
use crate::write::documents::{DocumentContext, context_id, context_source};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DocumentRow {
    pub id: i64,
    pub external_id: Option<String>,
    pub customer: String,
    pub contract: Option<String>,
    pub object: Option<String>,
    pub claim: Option<String>,
    pub finance_item: Option<String>,
    pub certificate_id: Option<i64>,
    pub message_id: Option<i64>,
    pub document_type: String,
    pub title: String,
    pub file_name: String,
    pub media_type: String,
    pub size_bytes: i64,
    pub sha256: String,
    pub storage_key: String,
    pub source: String,
    pub customer_visible: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// What an upsert writes besides the context.
#[derive(Debug, Clone)]
pub struct DocumentValues<'a> {
    pub context: DocumentContext,
    pub document_type: &'a str,
    pub title: &'a str,
    pub file_name: &'a str,
    pub media_type: &'a str,
    pub size_bytes: i64,
    pub sha256: &'a str,
    pub storage_key: &'a str,
    pub customer_visible: bool,
}

fn select() -> Sql {
    Sql::new(
        "SELECT d.id, d.external_id, cu.external_id AS customer, k.external_id AS contract, \
         o.external_id AS object, c.external_id AS claim, f.external_id AS finance_item, \
         d.certificate_id, d.message_id, d.document_type, d.title, d.file_name, d.media_type, \
         d.size_bytes, d.sha256, d.storage_key, d.source, d.customer_visible, d.created_at, \
         d.updated_at FROM documents d JOIN customers cu ON cu.id = d.customer_id \
         LEFT JOIN contracts k ON k.id = d.contract_id \
         LEFT JOIN insured_objects o ON o.id = d.object_id \
         LEFT JOIN claims c ON c.id = d.claim_id \
         LEFT JOIN finance_items f ON f.id = d.finance_item_id \
         WHERE d.deleted_at IS NULL AND d.tenant_id = ",
    )
}

fn by_external(tenant: TenantId, ext: &str) -> Sql {
    let mut sql = select();
    sql.bind(tenant).push(" AND d.external_id = ").bind(ext);
    sql
}

pub async fn get(db: &Db, tenant: TenantId, ext: &str) -> Result<Option<DocumentRow>> {
    db.fetch_optional(by_external(tenant, ext)).await
}

pub async fn get_in(tx: &mut Tx, tenant: TenantId, ext: &str) -> Result<Option<DocumentRow>> {
    tx.fetch_optional(by_external(tenant, ext)).await
}

/// Any live document of the tenant by its portal id, with or without an
/// external id.
pub async fn by_id(db: &Db, tenant: TenantId, id: i64) -> Result<Option<DocumentRow>> {
    let mut sql = select();
    sql.bind(tenant).push(" AND d.id = ").bind(id);
    db.fetch_optional(sql).await
}

/// Every live document of the tenant in id order, customer uploads too.
pub async fn list(db: &Db, tenant: TenantId, q: &PageQuery) -> Result<Vec<DocumentRow>> {
    let mut sql = select();
    sql.bind(tenant).push(" AND d.id > ").bind(q.after_id);
    if let Some(since) = q.updated_since {
        sql.push(" AND d.updated_at >= ").bind(since);
    }
    sql.push(" ORDER BY d.id LIMIT ").bind(q.limit);
    db.fetch_all(sql).await
}

/// The document with `ext`, live or deleted.
pub async fn existing(tx: &mut Tx, tenant: TenantId, ext: &str) -> Result<Option<Existing>> {
    let row: Option<(i64, bool)> = tx
        .fetch_optional(
            Sql::new(
                "SELECT id, deleted_at IS NOT NULL FROM documents \
                 WHERE tenant_id = $1 AND external_id = $2",
            )
            .arg(tenant)
            .arg(ext),
        )
        .await?;
    Ok(row.map(|(id, deleted)| Existing { id, deleted }))
}

/// `(tenant_id, customer_id, …, message_id) = (SELECT … FROM <context>)`:
/// the context ids copied from the context record, as the portal's
/// writers do, so that they cannot disagree.
fn set_context(sql: &mut Sql, ctx: DocumentContext) {
    let (cols, from) = context_source(ctx);
    sql.push(
        "(tenant_id, customer_id, contract_id, object_id, claim_id, finance_item_id, \
         certificate_id, message_id) = (SELECT ",
    );
    sql.push(&cols)
        .push(" FROM ")
        .push(from)
        .push(" WHERE p.id = ")
        .bind(context_id(ctx));
    sql.push(")");
}

fn set_values(sql: &mut Sql, v: &DocumentValues<'_>, at: DateTime<Utc>) {
    sql.push(", document_type = ").bind(v.document_type);
    sql.push(", title = ").bind(v.title);
    sql.push(", file_name = ").bind(v.file_name);
    sql.push(", media_type = ").bind(v.media_type);
    sql.push(", size_bytes = ").bind(v.size_bytes);
    sql.push(", sha256 = ").bind(v.sha256);
    sql.push(", storage_key = ").bind(v.storage_key);
    sql.push(", customer_visible = ").bind(v.customer_visible);
    sql.push(", updated_at = ").bind(at);
}

/// A new document of the back office under `ext`; the context ids are
/// copied from the context record, as the portal's writers do.
pub async fn insert(
    tx: &mut Tx,
    ext: &str,
    v: &DocumentValues<'_>,
    at: DateTime<Utc>,
) -> Result<i64> {
    let (cols, from) = context_source(v.context);
    let mut sql = Sql::new(format!(
        "INSERT INTO documents (tenant_id, customer_id, contract_id, object_id, claim_id, \
         finance_item_id, certificate_id, message_id, external_id, document_type, title, \
         file_name, media_type, size_bytes, sha256, storage_key, customer_visible, source, \
         created_at, updated_at) SELECT {cols}"
    ));
    for value in [
        crate::args::Arg::from(ext),
        v.document_type.into(),
        v.title.into(),
        v.file_name.into(),
        v.media_type.into(),
        v.size_bytes.into(),
        v.sha256.into(),
        v.storage_key.into(),
        v.customer_visible.into(),
        "back_office".into(),
        at.into(),
        at.into(),
    ] {
        sql.push(", ").bind(value);
    }
    sql.push(&format!(" FROM {from} WHERE p.id = "))
        .bind(context_id(v.context));
    tx.insert_returning_id(sql).await
}

/// Overwrites the document's context, metadata and file (and undeletes
/// it).
pub async fn update(tx: &mut Tx, id: i64, v: &DocumentValues<'_>, at: DateTime<Utc>) -> Result<()> {
    let mut sql = Sql::new("UPDATE documents SET deleted_at = NULL, ");
    set_context(&mut sql, v.context);
    set_values(&mut sql, v, at);
    sql.push(" WHERE id = ").bind(id);
    tx.execute(sql).await?;
    Ok(())
}

/// Marks the live document deleted; its id, or `None`.
pub async fn delete(
    tx: &mut Tx,
    tenant: TenantId,
    ext: &str,
    at: DateTime<Utc>,
) -> Result<Option<i64>> {
    super::soft_delete(tx, "documents", tenant, ext, at).await
}
