//! `GET/PUT /api/v1/tenant`: a token acts for one tenant, so the resource
//! is that tenant itself. Its key and existence stay with the command line
//! (`kundenportal tenant create`); the API changes name and contact. The
//! tenants table has no default language or currency, so neither is here.

use chrono::{DateTime, Utc};
use kp_storage::api::tenant::{self as store, TenantRow, TenantValues};
use kp_storage::events::{self, ResourceLink};
use serde::{Deserialize, Serialize};

use super::upsert::Resource;
use super::validate::Checker;
use super::{ApiError, Caller, Outcome, UpsertResult};
use crate::App;

pub const RESOURCE: Resource = Resource {
    kind: "tenant",
    collection: "tenant",
    scope: "tenants",
};

/// The path of the resource (one per token, no external id).
pub const LINK: &str = "/api/v1/tenant";

/// The tenant's name and contact as the back office sends them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TenantData {
    pub name: String,
    #[serde(default)]
    pub legal_name: String,
    #[serde(default)]
    pub street: String,
    #[serde(default)]
    pub postal_code: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub office_hours: String,
}

/// The tenant as the API answers: its key (read-only) and the data.
#[derive(Debug, Clone, Serialize)]
pub struct TenantDoc {
    pub key: String,
    #[serde(flatten)]
    pub data: TenantData,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

super::schema::record_schema!(TenantDoc, TenantData, tenant);

impl TenantData {
    fn check(self) -> Result<TenantData, ApiError> {
        let mut c = Checker::default();
        c.required("name", &self.name);
        for (field, value) in [
            ("legal_name", &self.legal_name),
            ("street", &self.street),
            ("postal_code", &self.postal_code),
            ("city", &self.city),
            ("phone", &self.phone),
            ("email", &self.email),
            ("office_hours", &self.office_hours),
        ] {
            c.text(field, value);
        }
        if !self.email.is_empty() && !self.email.contains('@') {
            c.fail("email", "not an e-mail address");
        }
        c.finish()?;
        Ok(self)
    }

    fn from_row(r: TenantRow) -> TenantDoc {
        TenantDoc {
            key: r.tenant_key,
            data: TenantData {
                name: r.name,
                legal_name: r.legal_name,
                street: r.street,
                postal_code: r.postal_code,
                city: r.city,
                phone: r.phone,
                email: r.email,
                office_hours: r.office_hours,
            },
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

fn result(outcome: Outcome, key: &str) -> UpsertResult {
    UpsertResult {
        result: outcome,
        external_id: key.to_owned(),
        link: LINK.to_owned(),
    }
}

pub async fn get(app: &App, caller: &Caller) -> Result<TenantDoc, ApiError> {
    caller.require(&RESOURCE.read_scope())?;
    let row = store::get(&app.db, caller.tenant)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(TenantData::from_row(row))
}

/// Updates the tenant's name and contact; `unchanged` when nothing
/// differs (then nothing is written, no event).
pub async fn update(
    app: &App,
    caller: &Caller,
    data: TenantData,
) -> Result<UpsertResult, ApiError> {
    caller.require(&RESOURCE.write_scope())?;
    let data = data.check()?;
    let at = app.clock.now();
    let mut tx = app.db.begin().await?;
    let stored = store::get_in(&mut tx, caller.tenant)
        .await?
        .ok_or(ApiError::NotFound)?;
    let key = stored.tenant_key.clone();
    if TenantData::from_row(stored).data == data {
        return Ok(result(Outcome::Unchanged, &key));
    }
    let values = TenantValues {
        name: &data.name,
        legal_name: &data.legal_name,
        street: &data.street,
        postal_code: &data.postal_code,
        city: &data.city,
        phone: &data.phone,
        email: &data.email,
        office_hours: &data.office_hours,
    };
    store::update(&mut tx, caller.tenant, &values, at).await?;
    events::append(
        &mut tx,
        caller.tenant,
        "tenant.updated",
        ResourceLink {
            kind: RESOURCE.kind,
            link: LINK,
        },
        &serde_json::json!({ "key": key }),
        at,
    )
    .await?;
    tx.commit().await?;
    Ok(result(Outcome::Updated, &key))
}
