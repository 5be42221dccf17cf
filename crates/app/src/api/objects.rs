//! `PUT/GET/DELETE /api/v1/objects/{external_id}` and the list: an insured
//! object names its contract by external id.

use chrono::{DateTime, Utc};
use kp_domain::{ObjectKind, TenantId};
use kp_storage::Tx;
use kp_storage::api::objects::{self as store, ObjectRow, ObjectValues};
use kp_storage::api::refs;
use serde::{Deserialize, Serialize};

use super::contracts::eur;
use super::customers::corrupt;
use super::upsert::{Resource, missing, written};
use super::validate::{self, Checker};
use super::{ApiError, Caller, ListQuery, Outcome, Page, paginate};
use crate::App;

pub const RESOURCE: Resource = Resource {
    kind: "object",
    collection: "objects",
    scope: "objects",
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ObjectData {
    /// The contract's external id.
    pub contract: String,
    pub kind: ObjectKind,
    pub description: String,
    #[serde(default)]
    pub site: String,
    #[serde(default)]
    pub street: String,
    #[serde(default)]
    pub postal_code: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub plate: String,
    #[serde(default)]
    pub vin: String,
    #[serde(default)]
    pub manufacturer: String,
    #[serde(default)]
    pub model: String,
    #[serde(default)]
    pub construction_year: Option<i32>,
    #[serde(default)]
    pub value_minor: Option<i64>,
    #[serde(default = "eur")]
    pub currency: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ObjectDoc {
    pub external_id: String,
    #[serde(flatten)]
    pub data: ObjectData,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

super::schema::record_schema!(ObjectDoc, ObjectData);

impl ObjectData {
    pub(super) fn check(mut self) -> Result<ObjectData, ApiError> {
        let mut c = Checker::default();
        c.reference("contract", &self.contract);
        c.required("description", &self.description);
        for (field, value) in [
            ("site", &self.site),
            ("street", &self.street),
            ("postal_code", &self.postal_code),
            ("city", &self.city),
            ("country", &self.country),
            ("plate", &self.plate),
            ("vin", &self.vin),
            ("manufacturer", &self.manufacturer),
            ("model", &self.model),
        ] {
            c.text(field, value);
        }
        if self
            .construction_year
            .is_some_and(|y| !(1000..=2199).contains(&y))
        {
            c.fail("construction_year", "year out of range (1000 to 2199)");
        }
        c.not_negative("value_minor", self.value_minor);
        c.currency("currency", &mut self.currency);
        c.finish()?;
        Ok(self)
    }

    fn from_row(r: ObjectRow) -> Option<ObjectDoc> {
        Some(ObjectDoc {
            data: ObjectData {
                contract: r.contract,
                kind: ObjectKind::parse(&r.kind).ok()?,
                description: r.description,
                site: r.site,
                street: r.street,
                postal_code: r.postal_code,
                city: r.city,
                country: r.country,
                plate: r.plate,
                vin: r.vin,
                manufacturer: r.manufacturer,
                model: r.model,
                construction_year: r.construction_year,
                value_minor: r.value_minor,
                currency: r.currency,
            },
            external_id: r.external_id,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }
}

pub async fn upsert_in(
    tx: &mut Tx,
    tenant: TenantId,
    ext: &str,
    data: ObjectData,
    at: DateTime<Utc>,
) -> Result<Outcome, ApiError> {
    validate::external_id(ext)?;
    let data = data.check()?;
    // One look-up for a new record (the common case of a bulk load); the
    // live row is read only when there is one to compare with.
    let existing = store::existing(tx, tenant, ext).await?;
    if existing.is_some_and(|e| !e.deleted)
        && let Some(stored) = store::get_in(tx, tenant, ext).await?
        && ObjectData::from_row(stored).is_some_and(|d| d.data == data)
    {
        return Ok(Outcome::Unchanged);
    }
    let contract_id = refs::contract(tx, tenant, &data.contract)
        .await?
        .ok_or_else(|| missing("contract", &data.contract))?;
    let values = ObjectValues {
        contract_id,
        kind: data.kind.as_str(),
        description: &data.description,
        site: &data.site,
        street: &data.street,
        postal_code: &data.postal_code,
        city: &data.city,
        country: &data.country,
        plate: &data.plate,
        vin: &data.vin,
        manufacturer: &data.manufacturer,
        model: &data.model,
        construction_year: data.construction_year,
        value_minor: data.value_minor,
        currency: &data.currency,
    };
    match existing {
        Some(e) => store::update(tx, e.id, &values, at).await?,
        None => {
            store::insert(tx, tenant, ext, &values, at).await?;
        }
    }
    let outcome = written(existing);
    RESOURCE.event(tx, tenant, ext, outcome, at).await?;
    Ok(outcome)
}

pub async fn delete_in(
    tx: &mut Tx,
    tenant: TenantId,
    ext: &str,
    at: DateTime<Utc>,
) -> Result<Outcome, ApiError> {
    store::delete(tx, tenant, ext, at)
        .await?
        .ok_or(ApiError::NotFound)?;
    RESOURCE
        .event(tx, tenant, ext, Outcome::Deleted, at)
        .await?;
    Ok(Outcome::Deleted)
}

super::upsert::requests!(ObjectData);

pub async fn get(app: &App, caller: &Caller, ext: &str) -> Result<ObjectDoc, ApiError> {
    caller.require(&RESOURCE.read_scope())?;
    let row = store::get(&app.db, caller.tenant, ext)
        .await?
        .ok_or(ApiError::NotFound)?;
    ObjectData::from_row(row).ok_or_else(corrupt)
}

pub async fn list(app: &App, caller: &Caller, q: &ListQuery) -> Result<Page<ObjectDoc>, ApiError> {
    caller.require(&RESOURCE.read_scope())?;
    let page = q.page()?;
    let rows = store::list(&app.db, caller.tenant, &page).await?;
    paginate(
        rows,
        &page,
        |r| r.id,
        |r| ObjectData::from_row(r).ok_or_else(corrupt),
    )
}
