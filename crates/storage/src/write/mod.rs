//! Typed inserts for every record the back office or the demo data creates,
//! plus a bulk path for large loads ([`bulk`]).
//!
//! Each submodule has a `New…` input struct and an `insert(tx, &new)` that
//! returns the generated id. Tenant ids and the context ids of records
//! below a contract are derived from the parent record inside the same
//! statement (`INSERT … SELECT … FROM parent`), so a caller cannot create a
//! claim in another tenant than its contract, or a claim document that
//! lacks its contract id — the access predicate in [`crate::scope_sql`]
//! relies on those ids. A missing parent yields [`crate::StorageError::NotFound`].
//!
//! Writes that a portal user can trigger (conversations, messages,
//! documents) take the [`kp_domain::Scope`] they act within and put its
//! predicate into the same statement, so a forged id in a form writes
//! nothing and answers `NotFound`; the back office passes
//! [`kp_domain::Scope::everything`].

pub mod api_tokens;
pub mod bulk;
pub mod certificates;
pub mod claims;
pub mod contracts;
pub mod conversations;
pub mod customers;
pub mod documents;
pub mod exchange_rates;
pub mod finance_items;
pub mod insurers;
pub mod objects;
pub mod organizations;
pub mod permission_profiles;
pub mod portal_users;
pub mod staff;
mod target;
pub mod tenants;

use crate::args::Sql;
use crate::db::Tx;
use crate::{Result, StorageError};

/// Runs an `INSERT … SELECT … RETURNING id`; no row means the parent record
/// named in the `WHERE` clause does not exist.
pub(crate) async fn insert_from_parent(tx: &mut Tx, mut sql: Sql) -> Result<i64> {
    sql.push(" RETURNING id");
    let row: Option<(i64,)> = tx.fetch_optional(sql).await?;
    row.map(|(id,)| id).ok_or(StorageError::NotFound)
}
