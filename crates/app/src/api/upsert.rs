//! What every upsert and delete shares: the outcome, the event written in
//! the same transaction, and the transaction around a single record.

use chrono::{DateTime, Utc};
use kp_domain::TenantId;
use kp_storage::Tx;
use kp_storage::events::{self, ResourceLink};
use serde::Serialize;

use super::ApiError;

/// What an upsert or delete did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Created,
    Updated,
    /// Nothing differed: nothing was written, not even `updated_at`.
    Unchanged,
    Deleted,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Created => "created",
            Outcome::Updated => "updated",
            Outcome::Unchanged => "unchanged",
            Outcome::Deleted => "deleted",
        }
    }
}

/// The answer to an upsert or delete.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct UpsertResult {
    pub result: Outcome,
    pub external_id: String,
    pub link: String,
}

/// A kind of record of the API: its names and scopes.
#[derive(Debug, Clone, Copy)]
pub struct Resource {
    /// `contract`: the event prefix and the bulk line's `type`.
    pub kind: &'static str,
    /// `contracts`: the path segment.
    pub collection: &'static str,
    /// `contracts`: the scope's resource (`read:contracts`).
    pub scope: &'static str,
}

impl Resource {
    pub fn read_scope(&self) -> String {
        format!("read:{}", self.scope)
    }

    pub fn write_scope(&self) -> String {
        format!("write:{}", self.scope)
    }

    pub fn result(&self, result: Outcome, ext: &str) -> UpsertResult {
        UpsertResult {
            result,
            external_id: ext.to_owned(),
            link: super::link(self.collection, ext),
        }
    }

    /// Writes the event of a change (none for `Unchanged`) in the
    /// transaction of the change.
    pub async fn event(
        &self,
        tx: &mut Tx,
        tenant: TenantId,
        ext: &str,
        outcome: Outcome,
        at: DateTime<Utc>,
    ) -> Result<(), ApiError> {
        if outcome == Outcome::Unchanged {
            return Ok(());
        }
        let link = super::link(self.collection, ext);
        events::append(
            tx,
            tenant,
            &format!("{}.{}", self.kind, outcome.as_str()),
            ResourceLink {
                kind: self.kind,
                link: &link,
            },
            &serde_json::json!({ "external_id": ext }),
            at,
        )
        .await?;
        Ok(())
    }
}

/// `Created` for a new or a revived (deleted) record, else `Updated`.
pub(crate) fn written(existing: Option<kp_storage::api::Existing>) -> Outcome {
    match existing {
        Some(e) if !e.deleted => Outcome::Updated,
        _ => Outcome::Created,
    }
}

/// A reference by external id that names no live record of the tenant:
/// the answer names the id that is missing.
pub(crate) fn missing(field: &str, ext: &str) -> ApiError {
    ApiError::MissingReference(super::FieldProblem::new(
        field,
        format!("unknown external id {ext:?}"),
    ))
}

/// A resource's `upsert` and `delete` for one API request: the scope
/// checked, then its `upsert_in` / `delete_in` (which the bulk route runs
/// inside its batches) in a transaction of their own.
macro_rules! requests {
    ($data:ty) => {
        pub async fn upsert(
            app: &$crate::App,
            caller: &$crate::api::Caller,
            ext: &str,
            data: $data,
        ) -> Result<$crate::api::UpsertResult, $crate::api::ApiError> {
            caller.require(&RESOURCE.write_scope())?;
            let mut tx = app.db.begin().await?;
            let outcome = upsert_in(&mut tx, caller.tenant, ext, data, app.clock.now()).await?;
            tx.commit().await?;
            Ok(RESOURCE.result(outcome, ext))
        }

        pub async fn delete(
            app: &$crate::App,
            caller: &$crate::api::Caller,
            ext: &str,
        ) -> Result<$crate::api::UpsertResult, $crate::api::ApiError> {
            caller.require(&RESOURCE.write_scope())?;
            let mut tx = app.db.begin().await?;
            let outcome = delete_in(&mut tx, caller.tenant, ext, app.clock.now()).await?;
            tx.commit().await?;
            Ok(RESOURCE.result(outcome, ext))
        }
    };
}

pub(crate) use requests;

/// A resource's `delete_in`: marks the live record deleted (its store's
/// `delete`, which also cascades where the resource says so) and writes
/// the event; `NotFound` when the tenant has no such live record.
macro_rules! soft_delete {
    ($(#[$doc:meta])*) => {
        $(#[$doc])*
        pub async fn delete_in(
            tx: &mut kp_storage::Tx,
            tenant: kp_domain::TenantId,
            ext: &str,
            at: chrono::DateTime<chrono::Utc>,
        ) -> Result<$crate::api::Outcome, $crate::api::ApiError> {
            store::delete(tx, tenant, ext, at)
                .await?
                .ok_or($crate::api::ApiError::NotFound)?;
            RESOURCE
                .event(tx, tenant, ext, $crate::api::Outcome::Deleted, at)
                .await?;
            Ok($crate::api::Outcome::Deleted)
        }
    };
}

pub(crate) use soft_delete;
