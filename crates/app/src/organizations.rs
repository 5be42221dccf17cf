//! Organizations as the broker's staff manage them (FEATURES D3, D4): the
//! list and one organization for every staff member of its tenants, and
//! for staff administrators create and edit (name, kind — company group or
//! household —, profile currency, second factor required, default
//! permission profile for new users). Every change reads the organization
//! in its transaction, refuses a stale form and is written to the audit
//! log. Its customers, logins, contacts and logo are
//! [`crate::organization_members`].

use std::net::IpAddr;

use chrono::{DateTime, Utc};
use kp_domain::{Currency, OrganizationId, PermissionProfileId, Principal};
use kp_storage::organizations::{self as store, OrganizationData};
pub use kp_storage::organizations::{GROUP, HOUSEHOLD, OrganizationRow};

use crate::audit_log;
use crate::staff_view::{self, StaffView, is_current};
use crate::user_admin::Outcome;
use crate::{App, AppError, FieldError};

/// Longest organization name, in characters.
pub const NAME_MAX: usize = 160;
/// Organizations per page of the list.
pub const PAGE_SIZE: i64 = 25;

/// What the settings form sends, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrganizationInput {
    pub name: String,
    pub kind: String,
    pub currency: String,
    pub require_two_factor: bool,
    /// A profile id, or empty for none.
    pub default_profile: String,
}

impl OrganizationInput {
    /// The form of a stored organization.
    pub fn of(row: &OrganizationRow) -> OrganizationInput {
        OrganizationInput {
            name: row.name.clone(),
            kind: if is_household(row) { HOUSEHOLD } else { GROUP }.to_owned(),
            currency: row.profile_currency.clone(),
            require_two_factor: row.require_two_factor,
            default_profile: row
                .default_profile_id
                .map(|p| p.to_string())
                .unwrap_or_default(),
        }
    }
}

/// Whether the organization is a household (one login for several
/// private customers); anything else is shown as a company group.
pub fn is_household(row: &OrganizationRow) -> bool {
    row.kind == HOUSEHOLD
}

fn invalid(field: &'static str, key: &'static str) -> FieldError {
    FieldError { field, key }
}

/// Checks the form; the profile and the currency against the database.
async fn validate(
    app: &App,
    tx: &mut kp_storage::Tx,
    id: Option<OrganizationId>,
    input: &OrganizationInput,
) -> Result<OrganizationData, AppError> {
    let mut errors = Vec::new();
    let name = input.name.trim();
    if name.is_empty() || name.chars().count() > NAME_MAX || name.chars().any(char::is_control) {
        errors.push(invalid("name", "org-error-name"));
    }
    let kind = match input.kind.as_str() {
        HOUSEHOLD => HOUSEHOLD,
        GROUP => GROUP,
        _ => {
            errors.push(invalid("kind", "org-error-kind"));
            GROUP
        }
    };
    let currency = match Currency::parse(&input.currency) {
        Some(c) if known_currency(app, c.as_str()).await? => Some(c),
        _ => {
            errors.push(invalid("currency", "org-error-currency"));
            None
        }
    };
    let profile = match input.default_profile.trim() {
        "" => None,
        text => match text.parse::<i64>().ok().map(PermissionProfileId) {
            Some(p) if profile_allowed(tx, id, p).await? => Some(p),
            _ => {
                errors.push(invalid("default_profile", "org-error-profile"));
                None
            }
        },
    };
    match (errors.is_empty(), currency) {
        (true, Some(currency)) => Ok(OrganizationData {
            name: name.to_owned(),
            kind: kind.to_owned(),
            profile_currency: currency.as_str().to_owned(),
            require_two_factor: input.require_two_factor,
            default_profile_id: profile,
        }),
        _ => Err(AppError::Validation(errors)),
    }
}

/// EUR, or a currency the portal has exchange rates for: amounts can only
/// be converted into those.
async fn known_currency(app: &App, code: &str) -> Result<bool, AppError> {
    if code == "EUR" {
        return Ok(true);
    }
    Ok(kp_storage::exchange_rates::all(&app.db)
        .await?
        .iter()
        .any(|r| r.currency == code))
}

/// Broker-wide, or (for an existing organization) one of its own.
async fn profile_allowed(
    tx: &mut kp_storage::Tx,
    id: Option<OrganizationId>,
    profile: PermissionProfileId,
) -> Result<bool, AppError> {
    let id = id.unwrap_or(OrganizationId(0));
    Ok(store::profile_fits(tx, id, profile).await?)
}

/// One page (from 1) of the organizations the staff member sees whose
/// name contains `text`, and how many there are.
pub async fn list(
    app: &App,
    principal: &Principal,
    text: &str,
    page: i64,
) -> Result<(Vec<OrganizationRow>, i64), AppError> {
    let view = staff_view::of(principal)?;
    let page = page.max(1);
    let rows = store::list(
        &app.db,
        &view.scope,
        text,
        PAGE_SIZE,
        (page - 1) * PAGE_SIZE,
    )
    .await?;
    let total = store::count(&app.db, &view.scope, text).await?;
    Ok((rows, total))
}

/// One organization; `NotFound` outside the staff member's tenants.
pub async fn get(
    app: &App,
    principal: &Principal,
    id: OrganizationId,
) -> Result<OrganizationRow, AppError> {
    let view = staff_view::of(principal)?;
    store::get(&app.db, &view.scope, id)
        .await?
        .ok_or(AppError::NotFound)
}

/// The profiles the organization's users may get as default: the
/// broker-wide ones, and (for an existing organization) its own.
pub async fn profile_choices(
    app: &App,
    principal: &Principal,
    id: Option<OrganizationId>,
) -> Result<Vec<(i64, String)>, AppError> {
    let view = staff_view::of(principal)?;
    Ok(kp_storage::profiles::assignable(&app.db, &view.scope, id)
        .await?
        .into_iter()
        .map(|p| (p.id, p.name))
        .collect())
}

pub(crate) fn target(id: OrganizationId) -> (&'static str, Option<i64>) {
    ("organization", Some(id.0))
}

fn details(data: &OrganizationData) -> serde_json::Value {
    serde_json::json!({
        "name": data.name,
        "kind": data.kind,
        "profile_currency": data.profile_currency,
        "require_two_factor": data.require_two_factor,
        "default_profile": data.default_profile_id.map(|p| p.0),
    })
}

/// Creates an organization, kept with the administrator's (first) tenant
/// so that it stays theirs until it has customers.
pub async fn create(
    app: &App,
    principal: &Principal,
    input: &OrganizationInput,
    ip: IpAddr,
) -> Result<OrganizationId, AppError> {
    let view = staff_view::admin(principal)?;
    let mut tx = app.db.begin().await?;
    let data = validate(app, &mut tx, None, input).await?;
    let tenant = view.tenants().and_then(|t| t.first().copied());
    let id = store::insert(&mut tx, &data, tenant, app.clock.now()).await?;
    audit_log::record(
        app,
        &mut tx,
        audit_log::staff(view.staff),
        "organization.created",
        target(id),
        ip,
        details(&data),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The organization read in the transaction of a change by an
/// administrator; `Err(Stale)` when the form's stamp is not current.
pub(crate) async fn current(
    principal: &Principal,
    tx: &mut kp_storage::Tx,
    id: OrganizationId,
    seen: Option<&str>,
) -> Result<Result<(StaffView, OrganizationRow), Outcome>, AppError> {
    let view = staff_view::admin(principal)?;
    let row = store::get_in(tx, &view.scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(seen) = seen
        && !is_current(seen, row.updated_at)
    {
        return Ok(Err(Outcome::Stale));
    }
    Ok(Ok((view, row)))
}

/// Saves the settings form opened at `seen` (the organization's
/// `updated_at`).
pub async fn save(
    app: &App,
    principal: &Principal,
    id: OrganizationId,
    input: &OrganizationInput,
    seen: &str,
    ip: IpAddr,
) -> Result<Outcome, AppError> {
    let mut tx = app.db.begin().await?;
    let (view, before) = match current(principal, &mut tx, id, Some(seen)).await? {
        Ok(found) => found,
        Err(outcome) => return Ok(outcome),
    };
    let data = validate(app, &mut tx, Some(id), input).await?;
    if !store::update(&mut tx, id, before.updated_at, &data, app.clock.now()).await? {
        return Ok(Outcome::Stale);
    }
    let mut changes = details(&data);
    changes["before"] = serde_json::json!({
        "name": before.name,
        "kind": before.kind,
        "profile_currency": before.profile_currency,
        "require_two_factor": before.require_two_factor,
        "default_profile": before.default_profile_id,
    });
    audit_log::record(
        app,
        &mut tx,
        audit_log::staff(view.staff),
        "organization.changed",
        target(id),
        ip,
        changes,
    )
    .await?;
    tx.commit().await?;
    // The currency and the second-factor rule apply from the users' next
    // request; counts converted into the old currency must not outlive it.
    crate::home::invalidate_counts(app);
    Ok(Outcome::Done)
}

/// The stamp a form of the organization carries.
pub fn stamp(at: DateTime<Utc>) -> String {
    staff_view::stamp(at)
}
