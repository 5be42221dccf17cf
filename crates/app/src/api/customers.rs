//! `PUT/GET/DELETE /api/v1/customers/{external_id}` and the list.

use chrono::{DateTime, NaiveDate, Utc};
use kp_domain::{CustomerKind, TenantId};
use kp_storage::Tx;
use kp_storage::api::customers::{self as store, CustomerRow, CustomerValues};
use kp_storage::api::refs;
use serde::{Deserialize, Serialize};

use super::upsert::{Resource, written};
use super::validate::{self, Checker};
use super::{ApiError, Caller, ListQuery, Outcome, Page, paginate};
use crate::App;

pub const RESOURCE: Resource = Resource {
    kind: "customer",
    collection: "customers",
    scope: "customers",
};

/// A customer as the back office sends and reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CustomerData {
    pub kind: CustomerKind,
    #[serde(default)]
    pub salutation: String,
    #[serde(default)]
    pub first_name: String,
    #[serde(default)]
    pub last_name: String,
    #[serde(default)]
    pub company_name: String,
    pub display_name: String,
    #[serde(default)]
    pub birth_date: Option<NaiveDate>,
    #[serde(default)]
    pub street: String,
    #[serde(default)]
    pub postal_code: String,
    #[serde(default)]
    pub city: String,
    #[serde(default = "default_country")]
    pub country: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub iban: String,
    #[serde(default)]
    pub bic: String,
    #[serde(default)]
    pub account_holder: String,
    /// Staff by e-mail.
    #[serde(default)]
    pub account_manager: Option<String>,
    #[serde(default)]
    pub clerk: Option<String>,
}

fn default_country() -> String {
    "DE".to_owned()
}

/// A customer as the API answers it.
#[derive(Debug, Clone, Serialize)]
pub struct CustomerDoc {
    pub external_id: String,
    #[serde(flatten)]
    pub data: CustomerData,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

super::schema::record_schema!(CustomerDoc, CustomerData);

impl CustomerData {
    pub(super) fn check(mut self) -> Result<CustomerData, ApiError> {
        let mut c = Checker::default();
        c.required("display_name", &self.display_name);
        for (field, value) in [
            ("salutation", &self.salutation),
            ("first_name", &self.first_name),
            ("last_name", &self.last_name),
            ("company_name", &self.company_name),
            ("street", &self.street),
            ("postal_code", &self.postal_code),
            ("city", &self.city),
            ("email", &self.email),
            ("phone", &self.phone),
            ("iban", &self.iban),
            ("bic", &self.bic),
            ("account_holder", &self.account_holder),
        ] {
            c.text(field, value);
        }
        self.country = self.country.trim().to_ascii_uppercase();
        if self.country.len() != 2 || !self.country.bytes().all(|b| b.is_ascii_uppercase()) {
            c.fail("country", "must be an ISO 3166-1 alpha-2 code");
        }
        c.date("birth_date", self.birth_date);
        c.staff("account_manager", &mut self.account_manager);
        c.staff("clerk", &mut self.clerk);
        c.finish()?;
        Ok(self)
    }

    fn from_row(r: CustomerRow) -> Option<CustomerDoc> {
        Some(CustomerDoc {
            data: CustomerData {
                kind: CustomerKind::parse(&r.kind).ok()?,
                salutation: r.salutation,
                first_name: r.first_name,
                last_name: r.last_name,
                company_name: r.company_name,
                display_name: r.display_name,
                birth_date: r.birth_date,
                street: r.street,
                postal_code: r.postal_code,
                city: r.city,
                country: r.country,
                email: r.email,
                phone: r.phone,
                iban: r.iban,
                bic: r.bic,
                account_holder: r.account_holder,
                account_manager: r.account_manager,
                clerk: r.clerk,
            },
            external_id: r.external_id,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }
}

/// A staff member named by e-mail, who must work for the tenant.
pub(crate) async fn staff_ref(
    tx: &mut Tx,
    tenant: TenantId,
    field: &str,
    email: Option<&str>,
) -> Result<Option<i64>, ApiError> {
    let Some(email) = email else {
        return Ok(None);
    };
    match refs::staff(tx, tenant, email).await? {
        Some(id) => Ok(Some(id)),
        None => Err(ApiError::field(
            field,
            format!("no staff member {email:?} works for this tenant"),
        )),
    }
}

/// The upsert inside a transaction (single request or bulk line).
pub async fn upsert_in(
    tx: &mut Tx,
    tenant: TenantId,
    ext: &str,
    data: CustomerData,
    at: DateTime<Utc>,
) -> Result<Outcome, ApiError> {
    validate::external_id(ext)?;
    let data = data.check()?;
    // One look-up for a new record (the common case of a bulk load); the
    // live row is read only when there is one to compare with.
    let existing = store::existing(tx, tenant, ext).await?;
    if existing.is_some_and(|e| !e.deleted)
        && let Some(stored) = store::get_in(tx, tenant, ext).await?
        && CustomerData::from_row(stored).is_some_and(|d| d.data == data)
    {
        return Ok(Outcome::Unchanged);
    }
    let account_manager_id = staff_ref(
        tx,
        tenant,
        "account_manager",
        data.account_manager.as_deref(),
    )
    .await?;
    let clerk_id = staff_ref(tx, tenant, "clerk", data.clerk.as_deref()).await?;
    let values = CustomerValues {
        kind: data.kind.as_str(),
        salutation: &data.salutation,
        first_name: &data.first_name,
        last_name: &data.last_name,
        company_name: &data.company_name,
        display_name: &data.display_name,
        birth_date: data.birth_date,
        street: &data.street,
        postal_code: &data.postal_code,
        city: &data.city,
        country: &data.country,
        email: &data.email,
        phone: &data.phone,
        iban: &data.iban,
        bic: &data.bic,
        account_holder: &data.account_holder,
        account_manager_id,
        clerk_id,
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

/// Deletes (softly) inside a transaction; a customer still holding a live
/// contract is refused.
pub async fn delete_in(
    tx: &mut Tx,
    tenant: TenantId,
    ext: &str,
    at: DateTime<Utc>,
) -> Result<Outcome, ApiError> {
    let Some(existing) = store::existing(tx, tenant, ext)
        .await?
        .filter(|e| !e.deleted)
    else {
        return Err(ApiError::NotFound);
    };
    if kp_storage::api::contracts::customer_holds_any(tx, existing.id).await? {
        return Err(ApiError::Conflict(
            "the customer still holds contracts; delete them first".to_owned(),
        ));
    }
    store::delete(tx, tenant, ext, at)
        .await?
        .ok_or(ApiError::NotFound)?;
    RESOURCE
        .event(tx, tenant, ext, Outcome::Deleted, at)
        .await?;
    Ok(Outcome::Deleted)
}

super::upsert::requests!(CustomerData);

pub async fn get(app: &App, caller: &Caller, ext: &str) -> Result<CustomerDoc, ApiError> {
    caller.require(&RESOURCE.read_scope())?;
    let row = store::get(&app.db, caller.tenant, ext)
        .await?
        .ok_or(ApiError::NotFound)?;
    CustomerData::from_row(row).ok_or_else(corrupt)
}

pub async fn list(
    app: &App,
    caller: &Caller,
    q: &ListQuery,
) -> Result<Page<CustomerDoc>, ApiError> {
    caller.require(&RESOURCE.read_scope())?;
    let page = q.page()?;
    let rows = store::list(&app.db, caller.tenant, &page).await?;
    paginate(
        rows,
        &page,
        |r| r.id,
        |r| CustomerData::from_row(r).ok_or_else(corrupt),
    )
}

pub(crate) fn corrupt() -> ApiError {
    ApiError::App(crate::AppError::Internal(
        "a stored code is not known".to_owned(),
    ))
}
