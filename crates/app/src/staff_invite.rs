//! Staff administrators invite staff users and change their role and
//! tenants (issue 9, D1). An administrator with tenants hands out only
//! their own tenants and leaves the others a staff user has untouched;
//! only an administrator of every tenant (no tenants) may create or make
//! another one. Nobody changes their own role or tenants here, and the
//! last active administrator keeps the role. Everything is audited.

use std::collections::BTreeSet;
use std::net::IpAddr;

use kp_domain::{Principal, StaffRole, StaffUserId, TenantId};
use kp_storage::staff_admin as admin_store;
use kp_storage::staff_invite::{self as store, NewStaffUser};
use kp_storage::users::UserRef;

use crate::invitations::send_to;
use crate::staff_view::{self, StaffView, is_current};
use crate::user_admin::Outcome;
use crate::{App, AppError, FieldError, audit_log};

/// The form of a new staff user, as sent.
#[derive(Debug, Clone, Default)]
pub struct InviteInput {
    pub name: String,
    pub email: String,
    pub language: String,
    pub role: String,
    /// Tenant ids as sent (checkboxes).
    pub tenants: Vec<String>,
}

/// The tenants an administrator may hand out: their own, or every tenant
/// for an administrator without tenants.
pub async fn grantable(
    app: &App,
    principal: &Principal,
) -> Result<Vec<(TenantId, String)>, AppError> {
    let view = staff_view::admin(principal)?;
    let all = kp_storage::tenants::list(&app.db).await?;
    Ok(all
        .into_iter()
        .map(|t| (TenantId(t.id), t.name))
        .filter(|(id, _)| view.tenants().is_none_or(|own| own.contains(id)))
        .collect())
}

fn field(field: &'static str, key: &'static str) -> FieldError {
    FieldError { field, key }
}

/// The role and tenants chosen, checked against what the administrator
/// may hand out. An empty tenant list means "every tenant", which only an
/// administrator may have and only an administrator of every tenant give.
fn role_and_tenants(
    view: &StaffView,
    grantable: &[(TenantId, String)],
    role: &str,
    tenants: &[String],
    errors: &mut Vec<FieldError>,
) -> Option<(StaffRole, Vec<TenantId>)> {
    let role = StaffRole::parse(role.trim()).ok();
    if role.is_none() {
        errors.push(field("role", "form-required"));
    }
    let mut chosen = BTreeSet::new();
    for raw in tenants {
        match raw.trim().parse::<i64>().map(TenantId) {
            Ok(id) if grantable.iter().any(|(g, _)| *g == id) => {
                chosen.insert(id);
            }
            // A tenant the administrator does not have, or no tenant at
            // all: a forged form.
            _ => {
                errors.push(field("tenants", "staff-invite-tenant-unknown"));
                return None;
            }
        }
    }
    let role = role?;
    if chosen.is_empty() && (role != StaffRole::Admin || view.tenants().is_some()) {
        errors.push(field("tenants", "staff-invite-tenants-required"));
        return None;
    }
    Some((role, chosen.into_iter().collect()))
}

/// Creates the invited staff user and queues the activation mail.
pub async fn invite(
    app: &App,
    principal: &Principal,
    input: &InviteInput,
    ip: IpAddr,
) -> Result<StaffUserId, AppError> {
    let view = staff_view::admin(principal)?;
    let grantable = grantable(app, principal).await?;
    let mut errors = Vec::new();
    let (name, email, language) =
        crate::invitations::person(&input.name, &input.email, &input.language, &mut errors);
    let chosen = role_and_tenants(&view, &grantable, &input.role, &input.tenants, &mut errors);
    let (Some((role, tenants)), Some(language), true) = (chosen, language, errors.is_empty())
    else {
        return Err(AppError::Validation(errors));
    };
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let new = NewStaffUser {
        email,
        name,
        role,
        language,
        tenants: &tenants,
        now,
    };
    let id = match store::insert(&mut tx, &new).await {
        Ok(id) => id,
        Err(kp_storage::StorageError::UniqueViolation) => {
            return Err(AppError::Validation(vec![field(
                "email",
                "invite-email-taken",
            )]));
        }
        Err(other) => return Err(other.into()),
    };
    send_to(app, &mut tx, UserRef::Staff(id)).await?;
    let details = serde_json::json!({
        "role": role.as_str(),
        "tenants": tenants.iter().map(|t| t.0).collect::<Vec<_>>(),
    });
    let target = ("staff_user", Some(id.0));
    let who = audit_log::staff(view.staff);
    audit_log::record(app, &mut tx, who, "staff_user.invited", target, ip, details).await?;
    tx.commit().await?;
    tracing::info!(staff_user = id.0, "staff user invited");
    Ok(id)
}

/// Sends an invited staff user a new activation link (the earlier one
/// stops working); refused once they have set a password.
pub async fn resend(
    app: &App,
    principal: &Principal,
    id: i64,
    seen: &str,
    ip: IpAddr,
) -> Result<Outcome, AppError> {
    let view = staff_view::admin(principal)?;
    let id = StaffUserId(id);
    let mut tx = app.db.begin().await?;
    let staff = admin_store::get_in(&mut tx, view.tenants(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !is_current(seen, staff.updated_at) {
        return Ok(Outcome::Stale);
    }
    if !staff.invited || !staff.active {
        return Ok(Outcome::Refused("users-refused-not-invited"));
    }
    send_to(app, &mut tx, UserRef::Staff(id)).await?;
    let target = ("staff_user", Some(id.0));
    let who = audit_log::staff(view.staff);
    let details = serde_json::json!({});
    audit_log::record(
        app,
        &mut tx,
        who,
        "staff_user.invitation_resent",
        target,
        ip,
        details,
    )
    .await?;
    tx.commit().await?;
    Ok(Outcome::Done)
}

/// The role and tenants form, as sent.
#[derive(Debug, Clone, Default)]
pub struct ChangeInput {
    pub role: String,
    pub tenants: Vec<String>,
    pub updated_at: String,
}

/// Changes a staff user's role and tenants. The tenants outside the
/// administrator's own stay as they are.
pub async fn change(
    app: &App,
    principal: &Principal,
    id: i64,
    input: &ChangeInput,
    ip: IpAddr,
) -> Result<Outcome, AppError> {
    let view = staff_view::admin(principal)?;
    let id = StaffUserId(id);
    let grantable = grantable(app, principal).await?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let staff = admin_store::get_in(&mut tx, view.tenants(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !is_current(&input.updated_at, staff.updated_at) {
        return Ok(Outcome::Stale);
    }
    if view.staff == id {
        return Ok(Outcome::Refused("staff-users-own-change"));
    }
    let mut errors = Vec::new();
    let Some((role, chosen)) =
        role_and_tenants(&view, &grantable, &input.role, &input.tenants, &mut errors)
    else {
        return Err(AppError::Validation(errors));
    };
    let before = store::tenant_ids(&mut tx, id).await?;
    let mut after: BTreeSet<TenantId> = before
        .iter()
        .copied()
        .filter(|t| !grantable.iter().any(|(g, _)| g == t))
        .collect();
    after.extend(chosen);
    let after: Vec<TenantId> = after.into_iter().collect();
    let was_admin = staff.role == StaffRole::Admin.as_str();
    if was_admin
        && role != StaffRole::Admin
        && staff.active
        && !staff.invited
        && admin_store::other_active_admins(&mut tx, id).await? == 0
    {
        return Ok(Outcome::Refused("staff-users-last-admin"));
    }
    if !store::set_role_and_tenants(&mut tx, id, staff.updated_at, role, &after, now).await? {
        return Ok(Outcome::Stale);
    }
    let details = serde_json::json!({
        "role_before": staff.role,
        "role": role.as_str(),
        "tenants_before": before.iter().map(|t| t.0).collect::<Vec<_>>(),
        "tenants": after.iter().map(|t| t.0).collect::<Vec<_>>(),
    });
    let target = ("staff_user", Some(id.0));
    let who = audit_log::staff(view.staff);
    audit_log::record(app, &mut tx, who, "staff_user.changed", target, ip, details).await?;
    tx.commit().await?;
    tracing::info!(staff_user = id.0, "staff user's role and tenants changed");
    Ok(Outcome::Done)
}
