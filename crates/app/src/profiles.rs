//! Permission profiles (FEATURES D2) as staff administrators manage them:
//! the list, create, copy, edit and delete. A profile belongs to one
//! organization or is broker-wide; a staff administrator with tenants
//! manages the broker-wide ones and those of the organizations with a
//! customer in their tenants (another organization's profile is not
//! found). Every change reads the profile in its transaction, refuses a
//! stale form and is written to the audit log. Assigning a profile to a
//! user is [`crate::profile_assign`], the preview [`crate::profile_preview`].

use std::net::IpAddr;

use chrono::{DateTime, Utc};
use kp_domain::fields;
use kp_domain::{Function, MenuArea, OrganizationId, PermissionProfileId, Permissions, Principal};
use kp_storage::invitations;
use kp_storage::profiles::{self as store, ProfileData, ProfileRow};
use kp_storage::write::permission_profiles::{self, NewPermissionProfile};

use crate::audit_log;
use crate::staff_view::{self, StaffView, is_current};
use crate::user_admin::Outcome;
use crate::{App, AppError, FieldError};

/// Longest profile name, in characters.
pub const NAME_MAX: usize = 120;

/// A profile as the pages show it. Keys a stored profile carries that this
/// version does not know are left out: they grant and hide nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub id: PermissionProfileId,
    /// `None`: broker-wide.
    pub organization: Option<(OrganizationId, String)>,
    pub name: String,
    pub areas: Vec<MenuArea>,
    pub functions: Vec<Function>,
    /// Keys of the field catalogue ([`kp_domain::fields`]).
    pub hidden_fields: Vec<String>,
    /// How many portal users have the profile.
    pub users: i64,
    pub updated_at: DateTime<Utc>,
}

impl Profile {
    /// What a user with this profile may use.
    pub fn permissions(&self) -> Permissions {
        Permissions::profile(
            self.areas.clone(),
            self.functions.clone(),
            self.hidden_fields.clone(),
        )
    }

    fn data(&self) -> ProfileData {
        ProfileData {
            name: self.name.clone(),
            menu_areas: self.areas.iter().map(|a| a.as_str().to_owned()).collect(),
            functions: self
                .functions
                .iter()
                .map(|f| f.as_str().to_owned())
                .collect(),
            hidden_fields: self.hidden_fields.clone(),
        }
    }
}

pub(crate) fn profile(row: ProfileRow) -> Result<Profile, AppError> {
    let (areas, functions, hidden) = row.lists()?;
    Ok(Profile {
        id: PermissionProfileId(row.id),
        organization: row.organization_id.map(|id| {
            (
                OrganizationId(id),
                row.organization_name.unwrap_or_default(),
            )
        }),
        name: row.name,
        areas: MenuArea::ALL
            .iter()
            .copied()
            .filter(|a| areas.iter().any(|k| k == a.as_str()))
            .collect(),
        functions: Function::ALL
            .iter()
            .copied()
            .filter(|f| functions.iter().any(|k| k == f.as_str()))
            .collect(),
        hidden_fields: fields::known(&hidden),
        users: row.users,
        updated_at: row.updated_at,
    })
}

/// What the profile form sends: the name and the keys checked. Unknown
/// keys (a forged form) are dropped, not stored.
#[derive(Debug, Clone, Default)]
pub struct ProfileInput {
    pub name: String,
    pub areas: Vec<String>,
    pub functions: Vec<String>,
    /// The catalogue fields left unchecked.
    pub hidden_fields: Vec<String>,
}

impl ProfileInput {
    fn validate(&self) -> Result<ProfileData, AppError> {
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > NAME_MAX {
            return Err(AppError::Validation(vec![FieldError {
                field: "name",
                key: "profiles-error-name",
            }]));
        }
        let known = |all: Vec<&'static str>, sent: &[String]| -> Vec<String> {
            all.into_iter()
                .filter(|k| sent.iter().any(|s| s == k))
                .map(str::to_owned)
                .collect()
        };
        Ok(ProfileData {
            name: name.to_owned(),
            menu_areas: known(
                MenuArea::ALL.iter().map(|a| a.as_str()).collect(),
                &self.areas,
            ),
            functions: known(
                Function::ALL.iter().map(|f| f.as_str()).collect(),
                &self.functions,
            ),
            hidden_fields: fields::known(&self.hidden_fields),
        })
    }
}

/// The profiles the administrator manages, optionally of one organization.
pub async fn list(
    app: &App,
    principal: &Principal,
    organization: Option<OrganizationId>,
) -> Result<Vec<Profile>, AppError> {
    let view = staff_view::admin(principal)?;
    store::list(&app.db, &view.scope, organization)
        .await?
        .into_iter()
        .map(profile)
        .collect()
}

/// The organizations whose profiles the administrator manages.
pub async fn organizations(
    app: &App,
    principal: &Principal,
) -> Result<Vec<(OrganizationId, String)>, AppError> {
    let view = staff_view::admin(principal)?;
    Ok(invitations::organizations(&app.db, &view.scope).await?)
}

/// One profile; `NotFound` outside the administrator's organizations.
pub async fn get(
    app: &App,
    principal: &Principal,
    id: PermissionProfileId,
) -> Result<Profile, AppError> {
    let view = staff_view::admin(principal)?;
    profile(
        store::get(&app.db, &view.scope, id)
            .await?
            .ok_or(AppError::NotFound)?,
    )
}

/// Broker-wide profiles apply to users of every tenant, so only an
/// administrator of every tenant may create, copy to or change them; one
/// tenant's administrator would otherwise decide what another tenant's
/// users see.
async fn administers_every_tenant(app: &App, view: &StaffView) -> Result<bool, AppError> {
    let Some(mine) = view.tenants() else {
        return Ok(true);
    };
    Ok(kp_storage::tenants::list(&app.db)
        .await?
        .iter()
        .all(|t| mine.iter().any(|m| m.0 == t.id)))
}

fn target(id: PermissionProfileId) -> (&'static str, Option<i64>) {
    ("permission_profile", Some(id.0))
}

fn details(data: &ProfileData, organization: Option<OrganizationId>) -> serde_json::Value {
    serde_json::json!({
        "name": data.name,
        "organization": organization.map(|o| o.0),
        "menu_areas": data.menu_areas,
        "functions": data.functions,
        "hidden_fields": data.hidden_fields,
    })
}

async fn insert(
    app: &App,
    principal: &Principal,
    organization: Option<OrganizationId>,
    data: &ProfileData,
    action: &str,
    ip: IpAddr,
) -> Result<PermissionProfileId, AppError> {
    let view = staff_view::admin(principal)?;
    let mut tx = app.db.begin().await?;
    let id = permission_profiles::insert(
        &mut tx,
        &NewPermissionProfile {
            organization_id: organization,
            name: data.name.clone(),
            menu_areas: data.menu_areas.clone(),
            functions: data.functions.clone(),
            hidden_fields: data.hidden_fields.clone(),
            created_at: app.clock.now(),
        },
    )
    .await?;
    audit_log::record(
        app,
        &mut tx,
        audit_log::staff(view.staff),
        action,
        target(id),
        ip,
        details(data, organization),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Creates a profile for an organization of the administrator's (or
/// broker-wide); another organization is a validation error.
pub async fn create(
    app: &App,
    principal: &Principal,
    organization: Option<OrganizationId>,
    input: &ProfileInput,
    ip: IpAddr,
) -> Result<PermissionProfileId, AppError> {
    let view = staff_view::admin(principal)?;
    let data = input.validate()?;
    if let Some(org) = organization
        && !invitations::organization_visible(&app.db, &view.scope, org).await?
    {
        return Err(AppError::Validation(vec![FieldError {
            field: "organization",
            key: "profiles-error-organization",
        }]));
    }
    if organization.is_none() && !administers_every_tenant(app, &view).await? {
        return Err(AppError::Validation(vec![FieldError {
            field: "organization",
            key: "profiles-error-broker-wide",
        }]));
    }
    insert(app, principal, organization, &data, "profile.created", ip).await
}

/// Copies a profile under `name` (the caller words "Copy of …" in the
/// administrator's language), for the same organization.
pub async fn copy(
    app: &App,
    principal: &Principal,
    id: PermissionProfileId,
    name: &str,
    ip: IpAddr,
) -> Result<PermissionProfileId, AppError> {
    let original = get(app, principal, id).await?;
    if original.organization.is_none()
        && !administers_every_tenant(app, &staff_view::admin(principal)?).await?
    {
        return Err(AppError::Forbidden);
    }
    let mut data = original.data();
    data.name = name.chars().take(NAME_MAX).collect();
    insert(
        app,
        principal,
        original.organization.map(|(o, _)| o),
        &data,
        "profile.copied",
        ip,
    )
    .await
}

async fn current(
    principal: &Principal,
    tx: &mut kp_storage::Tx,
    id: PermissionProfileId,
    seen: &str,
) -> Result<Result<Profile, Outcome>, AppError> {
    let view = staff_view::admin(principal)?;
    let row = store::get_in(tx, &view.scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !is_current(seen, row.updated_at) {
        return Ok(Err(Outcome::Stale));
    }
    Ok(Ok(profile(row)?))
}

/// Saves the edit form opened at `seen` (the profile's `updated_at`).
pub async fn save(
    app: &App,
    principal: &Principal,
    id: PermissionProfileId,
    input: &ProfileInput,
    seen: &str,
    ip: IpAddr,
) -> Result<Outcome, AppError> {
    let view = staff_view::admin(principal)?;
    let data = input.validate()?;
    let mut tx = app.db.begin().await?;
    let before = match current(principal, &mut tx, id, seen).await? {
        Ok(p) => p,
        Err(outcome) => return Ok(outcome),
    };
    if before.organization.is_none() && !administers_every_tenant(app, &view).await? {
        return Ok(Outcome::Refused("profiles-refused-broker-wide"));
    }
    if !store::update(&mut tx, id, before.updated_at, &data, app.clock.now()).await? {
        return Ok(Outcome::Stale);
    }
    let organization = before.organization.as_ref().map(|(o, _)| *o);
    let mut changes = details(&data, organization);
    changes["before"] = details(&before.data(), organization);
    audit_log::record(
        app,
        &mut tx,
        audit_log::staff(view.staff),
        "profile.changed",
        target(id),
        ip,
        changes,
    )
    .await?;
    tx.commit().await?;
    Ok(Outcome::Done)
}

/// Deletes a profile no user has; one in use is refused with a message.
pub async fn delete(
    app: &App,
    principal: &Principal,
    id: PermissionProfileId,
    seen: &str,
    ip: IpAddr,
) -> Result<Outcome, AppError> {
    let view = staff_view::admin(principal)?;
    let mut tx = app.db.begin().await?;
    let before = match current(principal, &mut tx, id, seen).await? {
        Ok(p) => p,
        Err(outcome) => return Ok(outcome),
    };
    if before.organization.is_none() && !administers_every_tenant(app, &view).await? {
        return Ok(Outcome::Refused("profiles-refused-broker-wide"));
    }
    if before.users > 0 {
        return Ok(Outcome::Refused("profiles-refused-in-use"));
    }
    if !store::delete_unused(&mut tx, id, before.updated_at).await? {
        // A user got the profile, or it changed, since it was read.
        return Ok(Outcome::Refused("profiles-refused-in-use"));
    }
    audit_log::record(
        app,
        &mut tx,
        audit_log::staff(view.staff),
        "profile.deleted",
        target(id),
        ip,
        details(
            &before.data(),
            before.organization.as_ref().map(|(o, _)| *o),
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(Outcome::Done)
}
