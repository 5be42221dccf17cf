//! Customers (Kunden): persons and companies of a tenant.

use chrono::{DateTime, NaiveDate, Utc};
use kp_domain::{CustomerId, CustomerKind, OrganizationId, StaffUserId, TenantId};

use crate::Result;
use crate::args::Sql;
use crate::db::Tx;

#[derive(Debug, Clone)]
pub struct NewCustomer {
    pub tenant_id: TenantId,
    pub organization_id: Option<OrganizationId>,
    /// The back office's key; unique per tenant.
    pub external_id: String,
    pub kind: CustomerKind,
    pub salutation: String,
    pub first_name: String,
    pub last_name: String,
    pub company_name: String,
    pub display_name: String,
    pub birth_date: Option<NaiveDate>,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub email: String,
    pub phone: String,
    pub iban: String,
    pub bic: String,
    pub account_holder: String,
    pub account_manager_id: Option<StaffUserId>,
    pub clerk_id: Option<StaffUserId>,
    pub created_at: DateTime<Utc>,
}

impl NewCustomer {
    /// A customer with the required fields set and everything else empty
    /// (country DE); callers fill in what they know.
    pub fn new(
        tenant_id: TenantId,
        external_id: impl Into<String>,
        kind: CustomerKind,
        display_name: impl Into<String>,
        created_at: DateTime<Utc>,
    ) -> NewCustomer {
        NewCustomer {
            tenant_id,
            organization_id: None,
            external_id: external_id.into(),
            kind,
            salutation: String::new(),
            first_name: String::new(),
            last_name: String::new(),
            company_name: String::new(),
            display_name: display_name.into(),
            birth_date: None,
            street: String::new(),
            postal_code: String::new(),
            city: String::new(),
            country: "DE".to_owned(),
            email: String::new(),
            phone: String::new(),
            iban: String::new(),
            bic: String::new(),
            account_holder: String::new(),
            account_manager_id: None,
            clerk_id: None,
            created_at,
        }
    }
}

pub async fn insert(tx: &mut Tx, c: &NewCustomer) -> Result<CustomerId> {
    let sql = Sql::new(
        "INSERT INTO customers (tenant_id, organization_id, external_id, kind, salutation, \
         first_name, last_name, company_name, display_name, birth_date, street, postal_code, city, \
         country, email, phone, iban, bic, account_holder, account_manager_id, clerk_id, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, \
         $14, $15, $16, $17, $18, $19, $20, $21, $22, $22)",
    )
    .arg(c.tenant_id)
    .arg(c.organization_id)
    .arg(&c.external_id)
    .arg(c.kind)
    .arg(&c.salutation)
    .arg(&c.first_name)
    .arg(&c.last_name)
    .arg(&c.company_name)
    .arg(&c.display_name)
    .arg(c.birth_date)
    .arg(&c.street)
    .arg(&c.postal_code)
    .arg(&c.city)
    .arg(&c.country)
    .arg(&c.email)
    .arg(&c.phone)
    .arg(&c.iban)
    .arg(&c.bic)
    .arg(&c.account_holder)
    .arg(c.account_manager_id)
    .arg(c.clerk_id)
    .arg(c.created_at);
    Ok(CustomerId(tx.insert_returning_id(sql).await?))
}
