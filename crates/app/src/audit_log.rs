//! The audit log (ASVS 16.3): writing entries for sign-ins and
//! administrative actions, the administrators' list and export, and the
//! retention period with its purge. Which entries a staff administrator
//! sees is [`kp_storage::audit`]'s tenant rule.

use std::net::IpAddr;

use chrono::Duration;
use kp_domain::{Actor, PortalUserId, Principal, StaffUserId};
use kp_storage::Tx;
use kp_storage::audit::{self, NewEntry};
pub use kp_storage::audit::{AuditFilters, AuditRow, Cursor, Who};
use kp_storage::settings::{self, SettingScope};
use kp_storage::users::UserRef;
use serde::{Deserialize, Serialize};

use crate::staff_view::{self, StaffView};
use crate::{App, AppError, FieldError};

const KEY: &str = "audit";
pub const DEFAULT_RETENTION_DAYS: i64 = 730;
pub const MIN_RETENTION_DAYS: i64 = 30;
pub const MAX_RETENTION_DAYS: i64 = 3650;
/// Entries per chunk of the CSV export.
pub const EXPORT_CHUNK: i64 = 500;

/// The acting identities of a principal: the staff member at the keyboard
/// (also when viewing the portal as a customer) or the portal user.
pub fn who(principal: &Principal) -> Who {
    match (&principal.actor, principal.impersonated_by) {
        (Actor::Staff { id, .. }, _) => Who {
            staff: Some(*id),
            ..Who::default()
        },
        (Actor::Portal { id, .. }, Some(staff)) => Who {
            staff: Some(staff),
            portal: None,
            impersonated: Some(*id),
        },
        (Actor::Portal { id, .. }, None) => Who {
            portal: Some(*id),
            ..Who::default()
        },
    }
}

/// Writes an entry about `target` in the caller's transaction.
pub async fn record(
    app: &App,
    tx: &mut Tx,
    who: Who,
    action: &str,
    target: (&str, Option<i64>),
    ip: IpAddr,
    details: serde_json::Value,
) -> Result<(), AppError> {
    audit::append(
        tx,
        &NewEntry {
            who,
            action,
            target_kind: target.0,
            target_id: target.1,
            ip: &ip.to_string(),
            request_id: &crate::request_scope::request_id(),
            details,
            at: app.clock.now(),
        },
    )
    .await?;
    Ok(())
}

/// A sign-in step's outcome: the user (when the e-mail names one) acts
/// on themselves; an unknown e-mail is kept in the details.
pub(crate) async fn sign_in(
    app: &App,
    user: Option<UserRef>,
    email: &str,
    action: &str,
    ip: &str,
) -> Result<(), AppError> {
    let (who, target) = match user {
        Some(UserRef::Staff(id)) => (
            Who {
                staff: Some(id),
                ..Who::default()
            },
            ("staff_user", Some(id.0)),
        ),
        Some(UserRef::Portal(id)) => (
            Who {
                portal: Some(id),
                ..Who::default()
            },
            ("portal_user", Some(id.0)),
        ),
        None => (Who::default(), ("", None)),
    };
    let details = match user {
        None => serde_json::json!({ "email": email.chars().take(254).collect::<String>() }),
        Some(_) => serde_json::json!({}),
    };
    audit::append_now(
        &app.db,
        &NewEntry {
            who,
            action,
            target_kind: target.0,
            target_id: target.1,
            ip,
            request_id: &crate::request_scope::request_id(),
            details,
            at: app.clock.now(),
        },
    )
    .await?;
    Ok(())
}

/// A staff member opened a page showing a person's personal data (ASVS
/// 16.3.2): a customer's master data or a portal user's account. Portal
/// users reading their own data are not recorded, nor is staff viewing
/// the portal as a user (each of those pages is `view_as.request`).
pub async fn personal_data_read(
    app: &App,
    principal: &Principal,
    target: (&str, Option<i64>),
    ip: IpAddr,
) -> Result<(), AppError> {
    let Actor::Staff { id, .. } = principal.actor else {
        return Ok(());
    };
    audit::append_now(
        &app.db,
        &NewEntry {
            who: staff(id),
            action: "personal_data.read",
            target_kind: target.0,
            target_id: target.1,
            ip: &ip.to_string(),
            request_id: &crate::request_scope::request_id(),
            details: serde_json::json!({}),
            at: app.clock.now(),
        },
    )
    .await?;
    Ok(())
}

/// Who a staff member is as an actor.
pub fn staff(id: StaffUserId) -> Who {
    Who {
        staff: Some(id),
        ..Who::default()
    }
}

/// Target of an entry about a portal user.
pub fn portal_user(id: PortalUserId) -> (&'static str, Option<i64>) {
    ("portal_user", Some(id.0))
}

/// One page of the log for a staff administrator, newest first, from
/// `cursor` (keyset paging, [`kp_storage::audit::page`]), and whether
/// another page follows in the direction read.
pub async fn list(
    app: &App,
    principal: &Principal,
    filters: &AuditFilters,
    cursor: Cursor,
) -> Result<(Vec<AuditRow>, bool), AppError> {
    let view = staff_view::admin(principal)?;
    Ok(audit::page(
        &app.db,
        view.tenants(),
        filters,
        cursor,
        crate::lists::PER_PAGE,
    )
    .await?)
}

/// The next chunk of the export after entry `before` (see
/// [`kp_storage::audit::chunk`]).
pub async fn chunk(
    app: &App,
    view: &StaffView,
    filters: &AuditFilters,
    before: Option<i64>,
) -> Result<Vec<AuditRow>, AppError> {
    Ok(audit::chunk(&app.db, view.tenants(), filters, before, EXPORT_CHUNK).await?)
}

/// The actions and record kinds the filters offer.
pub async fn vocabulary(
    app: &App,
    principal: &Principal,
) -> Result<(Vec<String>, Vec<String>), AppError> {
    staff_view::admin(principal)?;
    Ok(audit::vocabulary(&app.db).await?)
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct Stored {
    retention_days: i64,
}

/// Days entries are kept: the setting within its bounds, else 730.
pub async fn retention_days(app: &App) -> Result<i64, AppError> {
    let stored = settings::get(&app.db, SettingScope::Global, KEY).await?;
    Ok(stored
        .and_then(|json| serde_json::from_str::<Stored>(&json).ok())
        .map_or(DEFAULT_RETENTION_DAYS, |s| s.retention_days)
        .clamp(MIN_RETENTION_DAYS, MAX_RETENTION_DAYS))
}

/// Stores the retention typed by an administrator (30–3,650 days), and
/// audits the change.
pub async fn save_retention(
    app: &App,
    principal: &Principal,
    typed: &str,
    ip: IpAddr,
) -> Result<i64, AppError> {
    let view = staff_view::admin(principal)?;
    let days = typed
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (MIN_RETENTION_DAYS..=MAX_RETENTION_DAYS).contains(n))
        .ok_or_else(|| {
            AppError::Validation(vec![FieldError {
                field: "retention_days",
                key: "audit-retention-invalid",
            }])
        })?;
    let json = serde_json::to_string(&Stored {
        retention_days: days,
    })
    .map_err(|e| AppError::Internal(e.to_string()))?;
    let mut tx = app.db.begin().await?;
    settings::put_in(&mut tx, SettingScope::Global, KEY, &json, app.clock.now()).await?;
    record(
        app,
        &mut tx,
        staff(view.staff),
        "audit.retention_changed",
        ("", None),
        ip,
        serde_json::json!({ "retention_days": days }),
    )
    .await?;
    tx.commit().await?;
    Ok(days)
}

/// Removes the entries older than the retention period (housekeeping).
pub async fn purge(app: &App) -> Result<u64, AppError> {
    let days = retention_days(app).await?;
    let before = app.clock.now() - Duration::days(days);
    let n = audit::purge(&app.db, before).await?;
    if n > 0 {
        tracing::info!(
            removed = n,
            days,
            "audit entries past their retention removed"
        );
    }
    Ok(n)
}
