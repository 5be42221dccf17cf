//! A live view: resolving its cookie on every request (audited), ending
//! it, and closing views that are over.

use std::net::IpAddr;

use chrono::{DateTime, Duration, Utc};
use kp_domain::{Actor, PortalUserId, StaffUserId};
use kp_storage::audit::{self, NewEntry};
use kp_storage::session_principal;
use kp_storage::view_as::{self as views, ViewRef};

use super::both;
use crate::auth::{Session, token_hash};
use crate::{App, AppError};

/// A live view, as every page of it needs it.
#[derive(Debug, Clone)]
pub struct ActiveView {
    /// The view's session: its principal is the user's.
    pub session: Session,
    pub view_id: i64,
    pub user: PortalUserId,
    /// The administrator at the keyboard.
    pub staff: StaffUserId,
    /// The administrator's name, for the banner.
    pub staff_name: String,
    pub ends_at: DateTime<Utc>,
}

/// What a view cookie stands for on this request.
#[derive(Debug)]
#[allow(clippy::large_enum_variant)]
pub enum Resolved {
    Active(ActiveView),
    /// The view is over (its time ran out, the staff session ended, the
    /// user was deactivated) or never was: the browser returns to the
    /// staff session; `user` when the view could still be told.
    Ended {
        user: Option<PortalUserId>,
    },
}

/// One request during a view, for the audit log.
pub struct ViewRequest<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub client: IpAddr,
}

/// Resolves a view cookie together with the staff session cookie. A live
/// view's request is audited; a dead one is closed (its record gets its
/// end and the log an entry) so that the browser can drop the cookie.
pub async fn resolve(
    app: &App,
    view_token: &str,
    staff_token: Option<&str>,
    req: &ViewRequest<'_>,
) -> Result<Resolved, AppError> {
    let now = app.clock.now();
    let lifetime = Duration::hours(app.policy.session_absolute_hours);
    let view_hash = token_hash(view_token);
    let found = match staff_token {
        Some(staff) => {
            session_principal::find_view(
                &app.db,
                &view_hash,
                &token_hash(staff),
                now,
                now - lifetime,
            )
            .await?
        }
        None => None,
    };
    let Some(found) = found else {
        return Ok(Resolved::Ended {
            user: close_dead(app, &view_hash, req.client).await?,
        });
    };
    let (Actor::Portal { id: user, .. }, Some(staff)) =
        (&found.principal.actor, found.principal.impersonated_by)
    else {
        return Err(AppError::Internal(
            "a view without a user or staff member".into(),
        ));
    };
    let user = *user;
    // The staff session is not used while the view lasts, but must not
    // run out of idle time meanwhile; slid as a sign-in's own is.
    if now - found.staff_last_seen_at > Duration::minutes(1) {
        let expires = now + Duration::minutes(app.policy.session_idle_minutes);
        kp_storage::sessions::touch(&app.db, found.staff_session_id, now, expires).await?;
    }
    audit::append_now(
        &app.db,
        &NewEntry {
            who: both(staff.0, user.0),
            action: "view_as.request",
            target_kind: "portal_user",
            target_id: Some(user.0),
            ip: &req.client.to_string(),
            request_id: &crate::request_scope::request_id(),
            details: serde_json::json!({ "method": req.method, "path": req.path }),
            at: now,
        },
    )
    .await?;
    let row = found.session;
    Ok(Resolved::Active(ActiveView {
        session: Session {
            id: row.id,
            csrf_token: row.csrf_token.clone(),
            language: row.language(),
            consent_check: false,
            principal: found.principal,
        },
        view_id: found.view_id,
        user,
        staff,
        staff_name: found.staff_name,
        ends_at: row.expires_at,
    }))
}

/// Closes whatever is left of a view that no longer resolves.
async fn close_dead(
    app: &App,
    view_hash: &str,
    client: IpAddr,
) -> Result<Option<PortalUserId>, AppError> {
    let Some(dead) = views::by_token(&app.db, view_hash).await? else {
        return Ok(None);
    };
    let reason = if app.clock.now() >= dead.ends_at {
        "expired"
    } else {
        "closed"
    };
    let mut tx = app.db.begin().await?;
    close(app, &mut tx, &dead, reason, Some(client)).await?;
    tx.commit().await?;
    Ok(Some(PortalUserId(dead.user_id)))
}

/// Why a live view ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndReason {
    /// "End view" was clicked.
    Ended,
    /// The administrator signed out.
    SignedOut,
}

/// Ends a live view; returns its user (for the way back to their page).
pub async fn end(
    app: &App,
    view: &ActiveView,
    reason: EndReason,
    client: IpAddr,
) -> Result<PortalUserId, AppError> {
    let staff = view
        .session
        .principal
        .impersonated_by
        .map(|s| s.0)
        .unwrap_or(0);
    let found = ViewRef {
        session_id: view.session.id,
        view_id: view.view_id,
        staff_id: staff,
        user_id: view.user.0,
        ends_at: view.ends_at,
    };
    let reason = match reason {
        EndReason::Ended => "ended",
        EndReason::SignedOut => "signed_out",
    };
    let mut tx = app.db.begin().await?;
    close(app, &mut tx, &found, reason, Some(client)).await?;
    tx.commit().await?;
    tracing::info!(
        portal_user = view.user.0,
        view = view.view_id,
        reason,
        "view as user ended"
    );
    Ok(view.user)
}

/// Closes a view with its audit entry; `client` is `None` for the
/// housekeeping, which has no request.
pub(super) async fn close(
    app: &App,
    tx: &mut kp_storage::Tx,
    view: &ViewRef,
    reason: &str,
    client: Option<IpAddr>,
) -> Result<(), AppError> {
    let now = app.clock.now();
    if views::close(tx, view.session_id, view.view_id, now, reason).await? {
        let ip = client.map(|c| c.to_string()).unwrap_or_default();
        audit::append(
            tx,
            &NewEntry {
                who: both(view.staff_id, view.user_id),
                action: "view_as.ended",
                target_kind: "portal_user",
                target_id: Some(view.user_id),
                ip: &ip,
                request_id: &crate::request_scope::request_id(),
                details: serde_json::json!({ "view": view.view_id, "reason": reason }),
                at: now,
            },
        )
        .await?;
    }
    Ok(())
}

/// Housekeeping: closes the views whose 30 minutes are over although no
/// request came to notice it, so that their record and the audit log get
/// the end before the expired session rows are deleted.
pub async fn close_expired(app: &App) -> Result<u64, AppError> {
    let expired = views::expired(&app.db, app.clock.now()).await?;
    for view in &expired {
        let mut tx = app.db.begin().await?;
        close(app, &mut tx, view, "expired", None).await?;
        tx.commit().await?;
    }
    Ok(expired.len() as u64)
}
