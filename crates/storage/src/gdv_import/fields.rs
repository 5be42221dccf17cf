//! The columns an import sets, one struct per table, and their upserts.

use chrono::{DateTime, NaiveDate, Utc};
use kp_domain::{ClaimId, ContractId, CustomerId, FinanceItemId, ObjectId, TenantId};

use super::upsert::{Columns, Outcome, upsert};
use crate::Result;
use crate::args::{Arg, Sql};
use crate::db::Tx;

/// A customer from a GDV 0100 record.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct CustomerFields {
    pub kind: String,
    pub salutation: String,
    pub first_name: String,
    pub last_name: String,
    pub company_name: String,
    pub display_name: String,
    pub birth_date: Option<NaiveDate>,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub email: String,
    pub phone: String,
    pub iban: String,
    pub bic: String,
    pub account_holder: String,
}

impl Columns for CustomerFields {
    const TABLE: &'static str = "customers";
    const COLUMNS: &'static [&'static str] = &[
        "kind",
        "salutation",
        "first_name",
        "last_name",
        "company_name",
        "display_name",
        "birth_date",
        "street",
        "postal_code",
        "city",
        "country",
        "email",
        "phone",
        "iban",
        "bic",
        "account_holder",
    ];
    fn parent(&self, tenant: TenantId) -> (&'static str, i64) {
        ("tenants", tenant.0)
    }
    fn values(&self) -> Vec<Arg> {
        vec![
            self.kind.as_str().into(),
            self.salutation.as_str().into(),
            self.first_name.as_str().into(),
            self.last_name.as_str().into(),
            self.company_name.as_str().into(),
            self.display_name.as_str().into(),
            self.birth_date.into(),
            self.street.as_str().into(),
            self.postal_code.as_str().into(),
            self.city.as_str().into(),
            self.country.as_str().into(),
            self.email.as_str().into(),
            self.phone.as_str().into(),
            self.iban.as_str().into(),
            self.bic.as_str().into(),
            self.account_holder.as_str().into(),
        ]
    }
}

pub async fn upsert_customer(
    tx: &mut Tx,
    tenant: TenantId,
    external_id: &str,
    fields: &CustomerFields,
    now: DateTime<Utc>,
) -> Result<(CustomerId, Outcome)> {
    let (id, outcome, _) = upsert(tx, tenant, external_id, fields, now).await?;
    Ok((CustomerId(id), outcome))
}

/// A contract from a GDV 0200 record (and its 0210 contract part).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ContractFields {
    pub customer_id: i64,
    pub policy_number: String,
    pub insurer_id: Option<i64>,
    pub line_of_business: String,
    pub contract_type: String,
    pub status: String,
    pub description: String,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub main_due_date: String,
    pub payment_frequency: String,
    pub premium_net_minor: i64,
    pub premium_gross_minor: i64,
    pub currency: String,
    pub sum_insured_minor: Option<i64>,
}

impl Columns for ContractFields {
    const TABLE: &'static str = "contracts";
    const COLUMNS: &'static [&'static str] = &[
        "customer_id",
        "policy_number",
        "insurer_id",
        "line_of_business",
        "contract_type",
        "status",
        "description",
        "start_date",
        "end_date",
        "main_due_date",
        "payment_frequency",
        "premium_net_minor",
        "premium_gross_minor",
        "currency",
        "sum_insured_minor",
    ];
    fn parent(&self, _tenant: TenantId) -> (&'static str, i64) {
        ("customers", self.customer_id)
    }
    fn values(&self) -> Vec<Arg> {
        vec![
            self.customer_id.into(),
            self.policy_number.as_str().into(),
            self.insurer_id.into(),
            self.line_of_business.as_str().into(),
            self.contract_type.as_str().into(),
            self.status.as_str().into(),
            self.description.as_str().into(),
            self.start_date.into(),
            self.end_date.into(),
            self.main_due_date.as_str().into(),
            self.payment_frequency.as_str().into(),
            self.premium_net_minor.into(),
            self.premium_gross_minor.into(),
            self.currency.as_str().into(),
            self.sum_insured_minor.into(),
        ]
    }
}

/// Upserts a contract. The customer must belong to `tenant` (the caller
/// made it there); the insert takes the tenant from the customer row.
pub async fn upsert_contract(
    tx: &mut Tx,
    tenant: TenantId,
    external_id: &str,
    fields: &ContractFields,
    now: DateTime<Utc>,
) -> Result<(ContractId, Outcome)> {
    let (id, outcome, _) = upsert(tx, tenant, external_id, fields, now).await?;
    Ok((ContractId(id), outcome))
}

/// An insured object or risk from a GDV 0210/0220 record.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ObjectFields {
    pub contract_id: i64,
    pub kind: String,
    pub description: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
    pub plate: String,
    pub vin: String,
    pub manufacturer: String,
    pub model: String,
    pub value_minor: Option<i64>,
    pub currency: String,
}

impl Columns for ObjectFields {
    const TABLE: &'static str = "insured_objects";
    const COLUMNS: &'static [&'static str] = &[
        "contract_id",
        "kind",
        "description",
        "street",
        "postal_code",
        "city",
        "country",
        "plate",
        "vin",
        "manufacturer",
        "model",
        "value_minor",
        "currency",
    ];
    fn parent(&self, _tenant: TenantId) -> (&'static str, i64) {
        ("contracts", self.contract_id)
    }
    fn values(&self) -> Vec<Arg> {
        vec![
            self.contract_id.into(),
            self.kind.as_str().into(),
            self.description.as_str().into(),
            self.street.as_str().into(),
            self.postal_code.as_str().into(),
            self.city.as_str().into(),
            self.country.as_str().into(),
            self.plate.as_str().into(),
            self.vin.as_str().into(),
            self.manufacturer.as_str().into(),
            self.model.as_str().into(),
            self.value_minor.into(),
            self.currency.as_str().into(),
        ]
    }
}

pub async fn upsert_object(
    tx: &mut Tx,
    tenant: TenantId,
    external_id: &str,
    fields: &ObjectFields,
    now: DateTime<Utc>,
) -> Result<(ObjectId, Outcome)> {
    let (id, outcome, _) = upsert(tx, tenant, external_id, fields, now).await?;
    Ok((ObjectId(id), outcome))
}

/// A claim from GDV 0500/0550 records.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ClaimFields {
    pub contract_id: i64,
    pub broker_claim_number: String,
    pub insurer_claim_number: String,
    pub date_of_loss: NaiveDate,
    pub reported_on: NaiveDate,
    pub claim_type: String,
    pub cause: String,
    pub description: String,
    pub status: String,
    pub reserve_minor: i64,
    pub paid_minor: i64,
    pub currency: String,
}

impl Columns for ClaimFields {
    const TABLE: &'static str = "claims";
    const COLUMNS: &'static [&'static str] = &[
        "contract_id",
        "broker_claim_number",
        "insurer_claim_number",
        "date_of_loss",
        "reported_on",
        "claim_type",
        "cause",
        "description",
        "status",
        "reserve_minor",
        "paid_minor",
        "currency",
    ];
    fn parent(&self, _tenant: TenantId) -> (&'static str, i64) {
        ("contracts", self.contract_id)
    }
    fn values(&self) -> Vec<Arg> {
        vec![
            self.contract_id.into(),
            self.broker_claim_number.as_str().into(),
            self.insurer_claim_number.as_str().into(),
            self.date_of_loss.into(),
            self.reported_on.into(),
            self.claim_type.as_str().into(),
            self.cause.as_str().into(),
            self.description.as_str().into(),
            self.status.as_str().into(),
            self.reserve_minor.into(),
            self.paid_minor.into(),
            self.currency.as_str().into(),
        ]
    }
}

/// Upserts a claim; a new claim or a changed status gets a row in its
/// status history, so the claim page's timeline shows what the insurer
/// reported.
pub async fn upsert_claim(
    tx: &mut Tx,
    tenant: TenantId,
    external_id: &str,
    fields: &ClaimFields,
    now: DateTime<Utc>,
) -> Result<(ClaimId, Outcome)> {
    let (id, outcome, before) = upsert(tx, tenant, external_id, fields, now).await?;
    let status_changed = match (&outcome, &before) {
        (Outcome::Created, _) => true,
        (Outcome::Updated, Some(old)) => old.status != fields.status,
        _ => false,
    };
    if status_changed {
        tx.execute(
            Sql::new(
                "INSERT INTO claim_status_history (claim_id, status, note, changed_at) \
                 VALUES ($1, $2, '', $3)",
            )
            .arg(id)
            .arg(fields.status.as_str())
            .arg(now),
        )
        .await?;
    }
    Ok((ClaimId(id), outcome))
}

/// A finance item from a GDV 0400 record.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct FinanceFields {
    pub customer_id: i64,
    pub contract_id: Option<i64>,
    pub kind: String,
    pub number: String,
    pub issue_date: NaiveDate,
    pub due_date: NaiveDate,
    pub amount_minor: i64,
    pub currency: String,
}

impl Columns for FinanceFields {
    const TABLE: &'static str = "finance_items";
    const COLUMNS: &'static [&'static str] = &[
        "customer_id",
        "contract_id",
        "kind",
        "number",
        "issue_date",
        "due_date",
        "amount_minor",
        "currency",
    ];
    fn parent(&self, _tenant: TenantId) -> (&'static str, i64) {
        ("customers", self.customer_id)
    }
    fn values(&self) -> Vec<Arg> {
        vec![
            self.customer_id.into(),
            self.contract_id.into(),
            self.kind.as_str().into(),
            self.number.as_str().into(),
            self.issue_date.into(),
            self.due_date.into(),
            self.amount_minor.into(),
            self.currency.as_str().into(),
        ]
    }
}

pub async fn upsert_finance_item(
    tx: &mut Tx,
    tenant: TenantId,
    external_id: &str,
    fields: &FinanceFields,
    now: DateTime<Utc>,
) -> Result<(FinanceItemId, Outcome)> {
    let (id, outcome, _) = upsert(tx, tenant, external_id, fields, now).await?;
    Ok((FinanceItemId(id), outcome))
}
