//! Contracts (Verträge) and their co-insured customers.

use chrono::{DateTime, NaiveDate, Utc};
use kp_domain::{
    ContractId, ContractStatus, ContractType, CustomerId, InsurerId, LineOfBusiness,
    PaymentFrequency, StaffUserId,
};

use crate::Result;
use crate::args::Sql;
use crate::db::Tx;

#[derive(Debug, Clone)]
pub struct NewContract {
    /// The policyholder; the contract's tenant is the customer's.
    pub customer_id: CustomerId,
    pub external_id: String,
    pub policy_number: String,
    pub insurer_id: Option<InsurerId>,
    pub line_of_business: LineOfBusiness,
    pub contract_type: ContractType,
    pub status: ContractStatus,
    pub description: String,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    /// Hauptfälligkeit as `DD.MM.` (day and month, recurring yearly).
    pub main_due_date: String,
    pub payment_frequency: PaymentFrequency,
    pub premium_net_minor: i64,
    pub premium_gross_minor: i64,
    pub currency: String,
    pub sum_insured_minor: Option<i64>,
    pub deductible_minor: Option<i64>,
    pub account_manager_id: Option<StaffUserId>,
    pub clerk_id: Option<StaffUserId>,
    pub claims_handler_id: Option<StaffUserId>,
    pub created_at: DateTime<Utc>,
}

pub async fn insert(tx: &mut Tx, k: &NewContract) -> Result<ContractId> {
    let sql = Sql::new(
        "INSERT INTO contracts (tenant_id, customer_id, external_id, policy_number, insurer_id, \
         line_of_business, contract_type, status, description, start_date, end_date, \
         main_due_date, payment_frequency, premium_net_minor, premium_gross_minor, currency, \
         sum_insured_minor, deductible_minor, account_manager_id, clerk_id, claims_handler_id, \
         created_at, updated_at) \
         SELECT cu.tenant_id, cu.id, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, \
         $16, $17, $18, $19, $20, $21, $21 FROM customers cu WHERE cu.id = $1",
    )
    .arg(k.customer_id)
    .arg(&k.external_id)
    .arg(&k.policy_number)
    .arg(k.insurer_id)
    .arg(k.line_of_business)
    .arg(k.contract_type)
    .arg(k.status)
    .arg(&k.description)
    .arg(k.start_date)
    .arg(k.end_date)
    .arg(&k.main_due_date)
    .arg(k.payment_frequency)
    .arg(k.premium_net_minor)
    .arg(k.premium_gross_minor)
    .arg(&k.currency)
    .arg(k.sum_insured_minor)
    .arg(k.deductible_minor)
    .arg(k.account_manager_id)
    .arg(k.clerk_id)
    .arg(k.claims_handler_id)
    .arg(k.created_at);
    Ok(ContractId(super::insert_from_parent(tx, sql).await?))
}

/// Adds a co-insured customer (Mit-VN) to a contract; the customer then
/// sees the contract in the portal.
pub async fn add_co_insured(tx: &mut Tx, contract: ContractId, customer: CustomerId) -> Result<()> {
    tx.execute(
        Sql::new("INSERT INTO contract_co_insured (contract_id, customer_id) VALUES ($1, $2)")
            .arg(contract)
            .arg(customer),
    )
    .await?;
    Ok(())
}
