//! `PUT/GET/DELETE /api/v1/contracts/{external_id}` and the list: a
//! contract names its policyholder and co-insured customers by external
//! id and its responsible staff by e-mail.

use chrono::{DateTime, NaiveDate, Utc};
use kp_domain::{ContractStatus, ContractType, LineOfBusiness, PaymentFrequency, TenantId};
use kp_storage::Tx;
use kp_storage::api::contracts::{self as store, ContractRow, ContractValues};
use kp_storage::api::refs;
use serde::{Deserialize, Serialize};

use super::customers::{corrupt, staff_ref};
use super::upsert::{Resource, missing, written};
use super::validate::{self, Checker};
use super::{ApiError, Caller, ListQuery, Outcome, Page, paginate};
use crate::App;

pub const RESOURCE: Resource = Resource {
    kind: "contract",
    collection: "contracts",
    scope: "contracts",
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContractData {
    /// The policyholder's external id.
    pub customer: String,
    pub policy_number: String,
    pub line_of_business: LineOfBusiness,
    pub contract_type: ContractType,
    pub status: ContractStatus,
    #[serde(default)]
    pub description: String,
    pub start_date: NaiveDate,
    #[serde(default)]
    pub end_date: Option<NaiveDate>,
    /// Hauptfälligkeit, `DD.MM.`.
    #[serde(default)]
    pub main_due_date: String,
    pub payment_frequency: PaymentFrequency,
    #[serde(default)]
    pub premium_net_minor: i64,
    #[serde(default)]
    pub premium_gross_minor: i64,
    #[serde(default = "eur")]
    pub currency: String,
    #[serde(default)]
    pub sum_insured_minor: Option<i64>,
    #[serde(default)]
    pub deductible_minor: Option<i64>,
    /// External ids of co-insured customers.
    #[serde(default)]
    pub co_insured: Vec<String>,
    #[serde(default)]
    pub account_manager: Option<String>,
    #[serde(default)]
    pub clerk: Option<String>,
    #[serde(default)]
    pub claims_handler: Option<String>,
}

pub(crate) fn eur() -> String {
    "EUR".to_owned()
}

#[derive(Debug, Clone, Serialize)]
pub struct ContractDoc {
    pub external_id: String,
    #[serde(flatten)]
    pub data: ContractData,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

super::schema::record_schema!(ContractDoc, ContractData);

impl ContractData {
    pub(super) fn check(mut self) -> Result<ContractData, ApiError> {
        let mut c = Checker::default();
        c.reference("customer", &self.customer);
        c.required("policy_number", &self.policy_number);
        c.text("description", &self.description);
        c.date("start_date", Some(self.start_date));
        c.date("end_date", self.end_date);
        if self.end_date.is_some_and(|end| end < self.start_date) {
            c.fail("end_date", "before start_date");
        }
        if !self.main_due_date.is_empty() && !is_day_month(&self.main_due_date) {
            c.fail("main_due_date", "must be DD.MM. (day and month)");
        }
        c.currency("currency", &mut self.currency);
        for (field, v) in [
            ("premium_net_minor", Some(self.premium_net_minor)),
            ("premium_gross_minor", Some(self.premium_gross_minor)),
            ("sum_insured_minor", self.sum_insured_minor),
            ("deductible_minor", self.deductible_minor),
        ] {
            c.not_negative(field, v);
        }
        for (i, ext) in self.co_insured.iter().enumerate() {
            c.reference(&format!("co_insured[{i}]"), ext);
        }
        self.co_insured.sort();
        self.co_insured.dedup();
        c.staff("account_manager", &mut self.account_manager);
        c.staff("clerk", &mut self.clerk);
        c.staff("claims_handler", &mut self.claims_handler);
        c.finish()?;
        Ok(self)
    }

    fn from_row(r: ContractRow, co_insured: Vec<String>) -> Option<ContractDoc> {
        Some(ContractDoc {
            data: ContractData {
                customer: r.customer,
                policy_number: r.policy_number,
                line_of_business: LineOfBusiness::parse(&r.line_of_business).ok()?,
                contract_type: ContractType::parse(&r.contract_type).ok()?,
                status: ContractStatus::parse(&r.status).ok()?,
                description: r.description,
                start_date: r.start_date,
                end_date: r.end_date,
                main_due_date: r.main_due_date,
                payment_frequency: PaymentFrequency::parse(&r.payment_frequency).ok()?,
                premium_net_minor: r.premium_net_minor,
                premium_gross_minor: r.premium_gross_minor,
                currency: r.currency,
                sum_insured_minor: r.sum_insured_minor,
                deductible_minor: r.deductible_minor,
                co_insured,
                account_manager: r.account_manager,
                clerk: r.clerk,
                claims_handler: r.claims_handler,
            },
            external_id: r.external_id,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }
}

/// `DD.MM.` with a day and month that exist in a leap year.
fn is_day_month(text: &str) -> bool {
    let parts: Vec<&str> = text.split('.').collect();
    match parts.as_slice() {
        [d, m, ""] if d.len() == 2 && m.len() == 2 => match (d.parse::<u32>(), m.parse::<u32>()) {
            (Ok(d), Ok(m)) => NaiveDate::from_ymd_opt(2024, m, d).is_some(),
            _ => false,
        },
        _ => false,
    }
}

pub async fn upsert_in(
    tx: &mut Tx,
    tenant: TenantId,
    ext: &str,
    data: ContractData,
    at: DateTime<Utc>,
) -> Result<Outcome, ApiError> {
    validate::external_id(ext)?;
    let data = data.check()?;
    // One look-up for a new record (the common case of a bulk load); the
    // live row is read only when there is one to compare with.
    let existing = store::existing(tx, tenant, ext).await?;
    if existing.is_some_and(|e| !e.deleted)
        && let Some(stored) = store::get_in(tx, tenant, ext).await?
    {
        let co = store::co_insured_in(tx, stored.id).await?;
        if ContractData::from_row(stored, co).is_some_and(|d| d.data == data) {
            return Ok(Outcome::Unchanged);
        }
    }
    let customer_id = refs::customer(tx, tenant, &data.customer)
        .await?
        .ok_or_else(|| missing("customer", &data.customer))?;
    let mut co_insured = Vec::with_capacity(data.co_insured.len());
    for (i, co) in data.co_insured.iter().enumerate() {
        let id = refs::customer(tx, tenant, co)
            .await?
            .ok_or_else(|| missing(&format!("co_insured[{i}]"), co))?;
        co_insured.push(id);
    }
    let values = ContractValues {
        customer_id,
        policy_number: &data.policy_number,
        line_of_business: data.line_of_business.as_str(),
        contract_type: data.contract_type.as_str(),
        status: data.status.as_str(),
        description: &data.description,
        start_date: data.start_date,
        end_date: data.end_date,
        main_due_date: &data.main_due_date,
        payment_frequency: data.payment_frequency.as_str(),
        premium_net_minor: data.premium_net_minor,
        premium_gross_minor: data.premium_gross_minor,
        currency: &data.currency,
        sum_insured_minor: data.sum_insured_minor,
        deductible_minor: data.deductible_minor,
        account_manager_id: staff_ref(
            tx,
            tenant,
            "account_manager",
            data.account_manager.as_deref(),
        )
        .await?,
        clerk_id: staff_ref(tx, tenant, "clerk", data.clerk.as_deref()).await?,
        claims_handler_id: staff_ref(tx, tenant, "claims_handler", data.claims_handler.as_deref())
            .await?,
    };
    let id = match existing {
        Some(e) => {
            store::update(tx, e.id, &values, at).await?;
            e.id
        }
        None => store::insert(tx, tenant, ext, &values, at).await?,
    };
    // A new contract has no co-insured rows to clear.
    if existing.is_some() || !co_insured.is_empty() {
        store::set_co_insured(tx, id, &co_insured).await?;
    }
    let outcome = written(existing);
    RESOURCE.event(tx, tenant, ext, outcome, at).await?;
    Ok(outcome)
}

super::upsert::soft_delete!(
    /// Deletes the contract with its objects, claims and finance items.
);

super::upsert::requests!(ContractData);

pub async fn get(app: &App, caller: &Caller, ext: &str) -> Result<ContractDoc, ApiError> {
    caller.require(&RESOURCE.read_scope())?;
    let row = store::get(&app.db, caller.tenant, ext)
        .await?
        .ok_or(ApiError::NotFound)?;
    let co = store::co_insured(&app.db, row.id).await?;
    ContractData::from_row(row, co).ok_or_else(corrupt)
}

pub async fn list(
    app: &App,
    caller: &Caller,
    q: &ListQuery,
) -> Result<Page<ContractDoc>, ApiError> {
    caller.require(&RESOURCE.read_scope())?;
    let page = q.page()?;
    let rows = store::list(&app.db, caller.tenant, &page).await?;
    let mut with_co = Vec::with_capacity(rows.len());
    for row in rows {
        let co = store::co_insured(&app.db, row.id).await?;
        with_co.push((row, co));
    }
    paginate(
        with_co,
        &page,
        |(r, _)| r.id,
        |(r, co)| ContractData::from_row(r, co).ok_or_else(corrupt),
    )
}
