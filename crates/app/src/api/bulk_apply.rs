//! One bulk line applied in the caller's transaction, and how its
//! problems name the fields of its `data`.

use chrono::{DateTime, Utc};
use kp_domain::TenantId;
use kp_storage::Tx;

use super::bulk::{Change, Item};
use super::{
    ApiError, Caller, Outcome, claims, contracts, customers, finance, objects, organizations,
    rates, staff,
};

/// Names the fields of a line's `data` as such (`data.customer`); the
/// line's own `external_id` keeps its name.
pub(super) fn in_data(err: ApiError) -> ApiError {
    let prefix = |mut f: super::FieldProblem| {
        f.field = match f.field.as_str() {
            "external_id" => f.field,
            "" => "data".to_owned(),
            other => format!("data.{other}"),
        };
        f
    };
    match err {
        ApiError::Invalid(p) => ApiError::Invalid(p.into_iter().map(prefix).collect()),
        ApiError::MissingReference(f) => ApiError::MissingReference(prefix(f)),
        other => other,
    }
}

pub(super) async fn apply_one(
    tx: &mut Tx,
    caller: &Caller,
    item: &Item,
    at: DateTime<Utc>,
) -> Result<Outcome, ApiError> {
    let tenant: TenantId = caller.tenant;
    let ext = item.external_id.as_str();
    match (&item.change, item.kind.as_str()) {
        (Change::Customer(d), _) => customers::upsert_in(tx, tenant, ext, d.clone(), at).await,
        (Change::Contract(d), _) => contracts::upsert_in(tx, tenant, ext, d.clone(), at).await,
        (Change::Object(d), _) => objects::upsert_in(tx, tenant, ext, d.clone(), at).await,
        (Change::Claim(d), _) => claims::upsert_in(tx, tenant, ext, d.clone(), at).await,
        (Change::Finance(d), _) => finance::upsert_in(tx, tenant, ext, d.clone(), at).await,
        (Change::Staff(d), _) => staff::upsert_in(tx, caller, ext, d.clone(), at).await,
        (Change::Organization(d), _) => {
            organizations::upsert_in(tx, tenant, ext, d.clone(), at).await
        }
        (Change::Rate(d), _) => {
            rates::upsert_in(tx, tenant, rates::bulk_key(ext)?, d.clone(), at).await
        }
        (Change::Delete, "customer") => customers::delete_in(tx, tenant, ext, at).await,
        (Change::Delete, "contract") => contracts::delete_in(tx, tenant, ext, at).await,
        (Change::Delete, "object") => objects::delete_in(tx, tenant, ext, at).await,
        (Change::Delete, "claim") => claims::delete_in(tx, tenant, ext, at).await,
        (Change::Delete, "staff") => staff::delete_in(tx, caller, ext, at).await,
        (Change::Delete, "organization") => organizations::delete_in(tx, tenant, ext, at).await,
        (Change::Delete, "exchange_rate") => {
            rates::delete_in(tx, tenant, rates::bulk_key(ext)?, at).await
        }
        (Change::Delete, _) => finance::delete_in(tx, tenant, ext, at).await,
    }
}
