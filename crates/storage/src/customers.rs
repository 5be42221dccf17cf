//! Reads of one customer for its page: master data and the contracts the
//! customer holds or is co-insured on. The customer record follows the
//! customer predicate; the contracts listed follow the contract predicate,
//! so a user narrowed to some objects sees only the contracts holding them.

use chrono::{DateTime, NaiveDate, Utc};
use kp_domain::{CustomerId, Scope};

use crate::Result;
use crate::db::Db;
use crate::scope_sql::Scoped;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct CustomerDetail {
    pub id: i64,
    pub external_id: String,
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
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct CustomerContract {
    pub id: i64,
    pub policy_number: String,
    pub line_of_business: String,
    pub status: String,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    /// False: the customer is co-insured.
    pub policyholder: bool,
}

/// A customer and the visible contracts they hold or are co-insured on;
/// `None` when the customer does not exist or lies outside the scope.
pub async fn detail(
    db: &Db,
    scope: &Scope,
    id: CustomerId,
) -> Result<Option<(CustomerDetail, Vec<CustomerContract>)>> {
    let mut q = Scoped::new(scope);
    q.push(
        "SELECT cu.id, cu.external_id, cu.kind, cu.salutation, cu.first_name, cu.last_name, \
         cu.company_name, cu.display_name, cu.birth_date, cu.street, cu.postal_code, cu.city, \
         cu.country, cu.email, cu.phone, cu.iban, cu.bic, cu.account_holder, cu.created_at, \
         cu.updated_at FROM customers cu WHERE cu.id = ",
    )
    .bind(id)
    .push(" AND ")
    .customer("cu.id");
    let Some(customer) = db.fetch_optional::<CustomerDetail>(q.finish()?).await? else {
        return Ok(None);
    };
    let mut q = Scoped::new(scope);
    q.push(
        "SELECT k.id, k.policy_number, k.line_of_business, k.status, k.start_date, k.end_date, \
         (k.customer_id = ",
    )
    .bind(id)
    .push(") AS policyholder FROM contracts k WHERE (k.customer_id = ")
    .bind(id)
    .push(" OR k.id IN (SELECT ci.contract_id FROM contract_co_insured ci WHERE ci.customer_id = ")
    .bind(id)
    .push(")) AND ")
    .contract("k")
    .push(" ORDER BY k.policy_number, k.id");
    let contracts = db.fetch_all(q.finish()?).await?;
    Ok(Some((customer, contracts)))
}
