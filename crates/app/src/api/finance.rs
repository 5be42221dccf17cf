//! `PUT/GET/DELETE /api/v1/finance-items/{external_id}` and the list: an
//! invoice, credit or dunning notice names its customer (and contract) by
//! external id.

use chrono::{DateTime, NaiveDate, Utc};
use kp_domain::{FinanceKind, TenantId};
use kp_storage::Tx;
use kp_storage::api::finance::{self as store, FinanceRow, FinanceValues};
use kp_storage::api::refs;
use serde::{Deserialize, Serialize};

use super::contracts::eur;
use super::customers::corrupt;
use super::upsert::{Resource, missing, written};
use super::validate::{self, Checker};
use super::{ApiError, Caller, ListQuery, Outcome, Page, paginate};
use crate::App;

pub const RESOURCE: Resource = Resource {
    kind: "finance_item",
    collection: "finance-items",
    scope: "finance",
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FinanceData {
    pub customer: String,
    /// The contract's external id; the customer must hold it or be
    /// co-insured on it.
    #[serde(default)]
    pub contract: Option<String>,
    pub kind: FinanceKind,
    pub number: String,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub amount_minor: i64,
    #[serde(default = "eur")]
    pub currency: String,
    #[serde(default)]
    pub paid: bool,
    #[serde(default)]
    pub paid_on: Option<NaiveDate>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FinanceDoc {
    pub external_id: String,
    #[serde(flatten)]
    pub data: FinanceData,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

super::schema::record_schema!(FinanceDoc, FinanceData);

impl FinanceData {
    fn check(mut self) -> Result<FinanceData, ApiError> {
        let mut c = Checker::default();
        c.reference("customer", &self.customer);
        if let Some(k) = &self.contract {
            c.reference("contract", k);
        }
        c.required("number", &self.number);
        c.date("issue_date", Some(self.issue_date));
        c.date("due_date", Some(self.due_date));
        c.date("paid_on", self.paid_on);
        if self.paid_on.is_some() && !self.paid {
            c.fail("paid_on", "set only for a paid item");
        }
        c.currency("currency", &mut self.currency);
        c.finish()?;
        Ok(self)
    }

    fn from_row(r: FinanceRow) -> Option<FinanceDoc> {
        Some(FinanceDoc {
            data: FinanceData {
                customer: r.customer,
                contract: r.contract,
                kind: FinanceKind::parse(&r.kind).ok()?,
                number: r.number,
                issue_date: r.issue_date,
                due_date: r.due_date,
                amount_minor: r.amount_minor,
                currency: r.currency,
                paid: r.paid,
                paid_on: r.paid_on,
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
    data: FinanceData,
    at: DateTime<Utc>,
) -> Result<Outcome, ApiError> {
    validate::external_id(ext)?;
    let data = data.check()?;
    if let Some(stored) = store::get_in(tx, tenant, ext).await?
        && FinanceData::from_row(stored).is_some_and(|d| d.data == data)
    {
        return Ok(Outcome::Unchanged);
    }
    let customer_id = refs::customer(tx, tenant, &data.customer)
        .await?
        .ok_or_else(|| missing("customer", &data.customer))?;
    let contract_id = match &data.contract {
        Some(k) => {
            let id = refs::contract(tx, tenant, k)
                .await?
                .ok_or_else(|| missing("contract", k))?;
            if !store::customer_on_contract(tx, customer_id, id).await? {
                return Err(ApiError::field(
                    "contract",
                    format!("customer {:?} is not on contract {k:?}", data.customer),
                ));
            }
            Some(id)
        }
        None => None,
    };
    let values = FinanceValues {
        customer_id,
        contract_id,
        kind: data.kind.as_str(),
        number: &data.number,
        issue_date: data.issue_date,
        due_date: data.due_date,
        amount_minor: data.amount_minor,
        currency: &data.currency,
        paid: data.paid,
        paid_on: data.paid_on,
    };
    let existing = store::existing(tx, tenant, ext).await?;
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

super::upsert::requests!(FinanceData);

pub async fn get(app: &App, caller: &Caller, ext: &str) -> Result<FinanceDoc, ApiError> {
    caller.require(&RESOURCE.read_scope())?;
    let row = store::get(&app.db, caller.tenant, ext)
        .await?
        .ok_or(ApiError::NotFound)?;
    FinanceData::from_row(row).ok_or_else(corrupt)
}

pub async fn list(app: &App, caller: &Caller, q: &ListQuery) -> Result<Page<FinanceDoc>, ApiError> {
    caller.require(&RESOURCE.read_scope())?;
    let page = q.page()?;
    let rows = store::list(&app.db, caller.tenant, &page).await?;
    paginate(
        rows,
        &page,
        |r| r.id,
        |r| FinanceData::from_row(r).ok_or_else(corrupt),
    )
}
