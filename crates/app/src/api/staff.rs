//! `PUT/GET/DELETE /api/v1/staff/{external_id}` and the list: the
//! tenant's staff members. An upsert creates no password (a new staff
//! member signs in after an invitation or a password reset) and no
//! administrator; it never answers a secret. One e-mail signs in as one
//! user, so an e-mail already used by a portal user, an administrator or
//! someone working for another tenant is a 409. Deleting ends the work for
//! the tenant; who then works for none can no longer sign in.

use chrono::{DateTime, Utc};
use kp_domain::{Language, StaffRole, StaffUserId};
use kp_storage::Tx;
use kp_storage::api::staff::{self as store, StaffRow, StaffValues};
use kp_storage::users::UserRef;
use serde::{Deserialize, Serialize};

use super::customers::corrupt;
use super::upsert::Resource;
use super::validate::{self, Checker};
use super::{ApiError, Caller, ListQuery, Outcome, Page, UpsertResult, paginate};
use crate::App;

pub const RESOURCE: Resource = Resource {
    kind: "staff",
    collection: "staff",
    scope: "staff",
};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffData {
    /// The login e-mail, stored in lower case.
    pub email: String,
    pub name: String,
    /// `clerk` or `account_manager` (administrators are made in the
    /// portal).
    pub role: StaffRole,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub language: Language,
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Serialize)]
pub struct StaffDoc {
    pub external_id: String,
    #[serde(flatten)]
    pub data: StaffData,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

super::schema::record_schema!(StaffDoc, StaffData);

impl StaffData {
    fn check(mut self) -> Result<StaffData, ApiError> {
        let mut c = Checker::default();
        self.email = self.email.trim().to_lowercase();
        if !self.email.contains('@') || self.email.len() > 254 || self.email.contains(' ') {
            c.fail("email", "not an e-mail address");
        }
        c.required("name", &self.name);
        c.text("phone", &self.phone);
        if self.role == StaffRole::Admin {
            c.fail(
                "role",
                "administrators are made in the portal, not through the API",
            );
        }
        c.finish()?;
        Ok(self)
    }

    fn from_row(r: StaffRow) -> Option<StaffDoc> {
        Some(StaffDoc {
            data: StaffData {
                email: r.email,
                name: r.name,
                role: StaffRole::parse(&r.role).ok()?,
                phone: r.phone,
                language: Language::parse(&r.language)?,
                active: r.active,
            },
            external_id: r.external_id,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }
}

fn taken(reason: &str) -> ApiError {
    ApiError::Conflict(format!("email: {reason}"))
}

/// The staff member the tenant may take on under this e-mail, if any
/// exists: refused when the e-mail belongs to someone the tenant does not
/// own alone.
async fn adoptable(
    tx: &mut Tx,
    caller: &Caller,
    email: &str,
    own: Option<StaffUserId>,
) -> Result<Option<StaffUserId>, ApiError> {
    match store::identity(tx, email).await? {
        None => Ok(None),
        Some(UserRef::Portal(_)) => Err(taken("the address signs in a portal user")),
        Some(UserRef::Staff(id)) if Some(id) == own => Ok(Some(id)),
        Some(UserRef::Staff(id)) => {
            let s = store::standing(tx, id, caller.tenant).await?;
            if s.role == StaffRole::Admin.as_str() || s.elsewhere {
                return Err(taken(
                    "the address belongs to an administrator or to staff of another tenant",
                ));
            }
            if own.is_some() || s.external_id.is_some() {
                return Err(taken(&format!(
                    "the address belongs to the staff member with external id {:?}",
                    s.external_id.unwrap_or_default()
                )));
            }
            Ok(Some(id))
        }
    }
}

pub async fn upsert_in(
    tx: &mut Tx,
    caller: &Caller,
    ext: &str,
    data: StaffData,
    at: DateTime<Utc>,
) -> Result<Outcome, ApiError> {
    validate::external_id(ext)?;
    let data = data.check()?;
    let stored = store::get_in(tx, caller.tenant, ext).await?;
    let own = stored.as_ref().map(|r| StaffUserId(r.id));
    if let Some(stored) = stored
        && StaffData::from_row(stored).is_some_and(|d| d.data == data)
    {
        return Ok(Outcome::Unchanged);
    }
    if let Some(id) = own {
        // Someone also working elsewhere is changed in the portal, where
        // all their tenants are seen.
        let s = store::standing(tx, id, caller.tenant).await?;
        if s.elsewhere || s.role == StaffRole::Admin.as_str() {
            return Err(ApiError::Conflict(
                "the staff member also works for another tenant; change them in the portal"
                    .to_owned(),
            ));
        }
    }
    let found = adoptable(tx, caller, &data.email, own).await?;
    let values = StaffValues {
        email: &data.email,
        name: &data.name,
        role: data.role.as_str(),
        phone: &data.phone,
        language: data.language.code(),
        active: data.active,
    };
    let (id, outcome) = match (own, found) {
        (Some(id), _) => {
            store::update(tx, id, &values, at).await?;
            (id, Outcome::Updated)
        }
        (None, Some(id)) => {
            store::link(tx, id, caller.tenant, ext).await?;
            store::update(tx, id, &values, at).await?;
            (id, Outcome::Created)
        }
        (None, None) => (
            store::insert(tx, caller.tenant, ext, &values, at).await?,
            Outcome::Created,
        ),
    };
    store::audit(
        tx,
        &format!("api.staff_{}", outcome.as_str()),
        id,
        &serde_json::json!({ "api_token": caller.token_id, "external_id": ext }),
        at,
    )
    .await?;
    RESOURCE.event(tx, caller.tenant, ext, outcome, at).await?;
    Ok(outcome)
}

pub async fn delete_in(
    tx: &mut Tx,
    caller: &Caller,
    ext: &str,
    at: DateTime<Utc>,
) -> Result<Outcome, ApiError> {
    let id = store::delete(tx, caller.tenant, ext, at)
        .await?
        .ok_or(ApiError::NotFound)?;
    store::audit(
        tx,
        "api.staff_deleted",
        id,
        &serde_json::json!({ "api_token": caller.token_id, "external_id": ext }),
        at,
    )
    .await?;
    RESOURCE
        .event(tx, caller.tenant, ext, Outcome::Deleted, at)
        .await?;
    Ok(Outcome::Deleted)
}

pub async fn upsert(
    app: &App,
    caller: &Caller,
    ext: &str,
    data: StaffData,
) -> Result<UpsertResult, ApiError> {
    caller.require(&RESOURCE.write_scope())?;
    let mut tx = app.db.begin().await?;
    let outcome = upsert_in(&mut tx, caller, ext, data, app.clock.now()).await?;
    tx.commit().await?;
    Ok(RESOURCE.result(outcome, ext))
}

pub async fn delete(app: &App, caller: &Caller, ext: &str) -> Result<UpsertResult, ApiError> {
    caller.require(&RESOURCE.write_scope())?;
    let mut tx = app.db.begin().await?;
    let outcome = delete_in(&mut tx, caller, ext, app.clock.now()).await?;
    tx.commit().await?;
    Ok(RESOURCE.result(outcome, ext))
}

pub async fn get(app: &App, caller: &Caller, ext: &str) -> Result<StaffDoc, ApiError> {
    caller.require(&RESOURCE.read_scope())?;
    let row = store::get(&app.db, caller.tenant, ext)
        .await?
        .ok_or(ApiError::NotFound)?;
    StaffData::from_row(row).ok_or_else(corrupt)
}

pub async fn list(app: &App, caller: &Caller, q: &ListQuery) -> Result<Page<StaffDoc>, ApiError> {
    caller.require(&RESOURCE.read_scope())?;
    let page = q.page()?;
    let rows = store::list(&app.db, caller.tenant, &page).await?;
    paginate(
        rows,
        &page,
        |r| r.id,
        |r| StaffData::from_row(r).ok_or_else(corrupt),
    )
}
