//! `PUT/GET/DELETE /api/v1/organizations/{external_id}` and the list: an
//! organization (a group of customers, Organisation) with its members
//! among the tenant's customers. `members` has replace semantics: after
//! an upsert exactly the listed customers of the tenant belong to it;
//! customers of other tenants in the same organization are untouched.

use chrono::{DateTime, Utc};
use kp_domain::TenantId;
use kp_storage::Tx;
use kp_storage::api::organizations::{self as store, OrganizationRow, OrganizationValues};
use kp_storage::api::refs;
use serde::{Deserialize, Serialize};

use super::upsert::{Resource, missing, written};
use super::validate::{self, Checker};
use super::{ApiError, Caller, ListQuery, Outcome, Page, paginate};
use crate::App;

pub const RESOURCE: Resource = Resource {
    kind: "organization",
    collection: "organizations",
    scope: "organizations",
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganizationData {
    pub name: String,
    /// The back office's word for it (group, association …); free text.
    #[serde(default)]
    pub kind: String,
    /// The currency the organization's users see amounts converted into.
    #[serde(default = "super::contracts::eur")]
    pub profile_currency: String,
    /// External ids of the tenant's customers in the organization; the
    /// whole list (replace semantics), sorted in answers.
    #[serde(default)]
    pub members: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OrganizationDoc {
    pub external_id: String,
    #[serde(flatten)]
    pub data: OrganizationData,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

super::schema::record_schema!(OrganizationDoc, OrganizationData);

impl OrganizationData {
    fn check(mut self) -> Result<OrganizationData, ApiError> {
        let mut c = Checker::default();
        c.required("name", &self.name);
        if self.kind.chars().count() > 100 {
            c.fail("kind", "longer than 100 characters");
        }
        c.currency("profile_currency", &mut self.profile_currency);
        for (i, m) in self.members.iter().enumerate() {
            c.reference(&format!("members[{i}]"), m);
        }
        self.members.sort();
        self.members.dedup();
        c.finish()?;
        Ok(self)
    }

    fn from_row(r: OrganizationRow, members: Vec<String>) -> OrganizationDoc {
        OrganizationDoc {
            data: OrganizationData {
                name: r.name,
                kind: r.kind,
                profile_currency: r.profile_currency,
                members,
            },
            external_id: r.external_id,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

pub async fn upsert_in(
    tx: &mut Tx,
    tenant: TenantId,
    ext: &str,
    data: OrganizationData,
    at: DateTime<Utc>,
) -> Result<Outcome, ApiError> {
    validate::external_id(ext)?;
    let data = data.check()?;
    if let Some(stored) = store::get_in(tx, tenant, ext).await? {
        let members = store::members_in(tx, stored.id, tenant).await?;
        if OrganizationData::from_row(stored, members).data == data {
            return Ok(Outcome::Unchanged);
        }
    }
    let mut members = Vec::with_capacity(data.members.len());
    for (i, m) in data.members.iter().enumerate() {
        let id = refs::customer(tx, tenant, m)
            .await?
            .ok_or_else(|| missing(&format!("members[{i}]"), m))?;
        members.push(id);
    }
    let values = OrganizationValues {
        name: &data.name,
        kind: &data.kind,
        profile_currency: &data.profile_currency,
    };
    let existing = store::existing(tx, tenant, ext).await?;
    let id = match existing {
        Some(e) => {
            store::update(tx, e.id, &values, at).await?;
            e.id
        }
        None => store::insert(tx, tenant, ext, &values, at).await?,
    };
    store::set_members(tx, id, tenant, &members).await?;
    let outcome = written(existing);
    RESOURCE.event(tx, tenant, ext, outcome, at).await?;
    Ok(outcome)
}

super::upsert::soft_delete!(
    /// Deletes (softly); the tenant's customers leave the organization.
);

super::upsert::requests!(OrganizationData);

pub async fn get(app: &App, caller: &Caller, ext: &str) -> Result<OrganizationDoc, ApiError> {
    caller.require(&RESOURCE.read_scope())?;
    let row = store::get(&app.db, caller.tenant, ext)
        .await?
        .ok_or(ApiError::NotFound)?;
    let members = store::members(&app.db, row.id, caller.tenant).await?;
    Ok(OrganizationData::from_row(row, members))
}

pub async fn list(
    app: &App,
    caller: &Caller,
    q: &ListQuery,
) -> Result<Page<OrganizationDoc>, ApiError> {
    caller.require(&RESOURCE.read_scope())?;
    let page = q.page()?;
    let rows = store::list(&app.db, caller.tenant, &page).await?;
    let mut with_members = Vec::with_capacity(rows.len());
    for row in rows {
        let m = store::members(&app.db, row.id, caller.tenant).await?;
        with_members.push((row, m));
    }
    paginate(
        with_members,
        &page,
        |(r, _)| r.id,
        |(r, m)| Ok(OrganizationData::from_row(r, m)),
    )
}
