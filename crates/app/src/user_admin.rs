//! Staff administer portal users (D1): the list, one user's page and the
//! actions on it — deactivate (ends every session in the same
//! transaction), reactivate, send the activation link again, end all
//! sessions. Each action reads the user through the staff member's view
//! ([`crate::staff_view`]) in its transaction, refuses a stale form
//! (the user changed since the page was opened) and writes an audit entry.

use std::net::IpAddr;

use chrono::Duration;
use kp_domain::{PortalUserId, PortalUserStatus, Principal};
use kp_storage::account::{self, SessionEntry, SignIn};
use kp_storage::invitations;
use kp_storage::lists::Choice;
use kp_storage::user_admin as store;
pub use kp_storage::user_admin::{UserDetail, UserFilters, UserQuery, UserRow, UserSort};
use kp_storage::users::UserRef;

use crate::audit_log;
use crate::lists::{ListQuery, Listed, paged};
use crate::staff_view::{self, is_current};
use crate::{App, AppError};

/// Most customers the list's customer filter offers.
const CUSTOMER_CHOICES: i64 = 200;
/// Sign-ins the user's page shows.
const SIGN_INS: i64 = 20;

pub async fn list(
    app: &App,
    principal: &Principal,
    query: &UserQuery,
    page: u32,
) -> Result<Listed<UserRow>, AppError> {
    let view = staff_view::of(principal)?;
    paged(page, |page| {
        let query = ListQuery {
            page,
            ..query.clone()
        };
        let scope = view.scope.clone();
        async move { store::list(&app.db, &scope, &query).await }
    })
    .await
}

/// Every matching user, for the CSV (at most the lists' export limit).
pub async fn all(
    app: &App,
    principal: &Principal,
    query: &UserQuery,
) -> Result<Vec<UserRow>, AppError> {
    let view = staff_view::of(principal)?;
    let query = ListQuery {
        page: None,
        ..query.clone()
    };
    Ok(store::list(&app.db, &view.scope, &query).await?.0)
}

/// The organizations and customers the filters offer.
pub async fn choices(
    app: &App,
    principal: &Principal,
) -> Result<(Vec<Choice>, Vec<Choice>), AppError> {
    let view = staff_view::of(principal)?;
    let organizations = invitations::organizations(&app.db, &view.scope)
        .await?
        .into_iter()
        .map(|(id, name)| Choice { id: id.0, name })
        .collect();
    let customers = store::customer_choices(&app.db, &view.scope, CUSTOMER_CHOICES).await?;
    Ok((organizations, customers))
}

/// What the user's page shows.
pub struct UserPage {
    pub user: UserDetail,
    pub sessions: Vec<SessionEntry>,
    pub sign_ins: Vec<SignIn>,
}

/// The user's page; `NotFound` outside the staff member's tenants.
pub async fn get(app: &App, principal: &Principal, id: i64) -> Result<UserPage, AppError> {
    let view = staff_view::of(principal)?;
    let user = store::detail(&app.db, &view.scope, PortalUserId(id))
        .await?
        .ok_or(AppError::NotFound)?;
    let now = app.clock.now();
    let lifetime = Duration::hours(app.policy.session_absolute_hours);
    let sessions = account::sessions(
        &app.db,
        UserRef::Portal(PortalUserId(id)),
        now,
        now - lifetime,
    )
    .await?;
    let sign_ins = account::sign_ins(&app.db, &user.email, SIGN_INS).await?;
    Ok(UserPage {
        user,
        sessions,
        sign_ins,
    })
}

/// An action on the user's page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserAction {
    Deactivate,
    Reactivate,
    ResendActivation,
    EndSessions,
}

impl UserAction {
    pub fn parse(s: &str) -> Option<UserAction> {
        Some(match s {
            "deactivate" => UserAction::Deactivate,
            "reactivate" => UserAction::Reactivate,
            "resend" => UserAction::ResendActivation,
            "end-sessions" => UserAction::EndSessions,
            _ => return None,
        })
    }

    pub fn key(self) -> &'static str {
        match self {
            UserAction::Deactivate => "deactivate",
            UserAction::Reactivate => "reactivate",
            UserAction::ResendActivation => "resend",
            UserAction::EndSessions => "end-sessions",
        }
    }

    fn audit_action(self) -> &'static str {
        match self {
            UserAction::Deactivate => "user.deactivated",
            UserAction::Reactivate => "user.reactivated",
            UserAction::ResendActivation => "user.invitation_resent",
            UserAction::EndSessions => "user.sessions_ended",
        }
    }
}

/// How an action ended when nothing went wrong technically.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Done,
    /// The user changed since the form was opened: nothing changed.
    Stale,
    /// Not possible in the user's state (translation key): nothing changed.
    Refused(&'static str),
}

pub async fn act(
    app: &App,
    principal: &Principal,
    id: i64,
    action: UserAction,
    seen: &str,
    ip: IpAddr,
) -> Result<Outcome, AppError> {
    let view = staff_view::of(principal)?;
    let id = PortalUserId(id);
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let user = store::detail_in(&mut tx, &view.scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !is_current(seen, user.updated_at) {
        return Ok(Outcome::Stale);
    }
    let status = PortalUserStatus::parse(&user.status).ok();
    let mut details = serde_json::json!({});
    let changed = match action {
        UserAction::Deactivate => {
            if status == Some(PortalUserStatus::Inactive) {
                return Ok(Outcome::Refused("users-refused-inactive"));
            }
            let ok = store::set_status(
                &mut tx,
                id,
                user.updated_at,
                PortalUserStatus::Inactive,
                now,
            )
            .await?;
            let ended = store::end_sessions(&mut tx, id).await?;
            details = serde_json::json!({ "sessions_ended": ended });
            ok
        }
        UserAction::Reactivate => {
            if status != Some(PortalUserStatus::Inactive) {
                return Ok(Outcome::Refused("users-refused-not-inactive"));
            }
            // Someone who never chose a password goes back to "invited".
            let next = if user.has_password {
                PortalUserStatus::Active
            } else {
                PortalUserStatus::Invited
            };
            store::set_status(&mut tx, id, user.updated_at, next, now).await?
        }
        UserAction::ResendActivation => {
            if status != Some(PortalUserStatus::Invited) {
                return Ok(Outcome::Refused("users-refused-not-invited"));
            }
            let ok = store::touch(&mut tx, id, user.updated_at, now).await?;
            crate::invitations::send(app, &mut tx, id).await?;
            ok
        }
        UserAction::EndSessions => {
            let ok = store::touch(&mut tx, id, user.updated_at, now).await?;
            let ended = store::end_sessions(&mut tx, id).await?;
            details = serde_json::json!({ "sessions_ended": ended });
            ok
        }
    };
    if !changed {
        // Changed between our read and our write (PostgreSQL): roll back.
        return Ok(Outcome::Stale);
    }
    audit_log::record(
        app,
        &mut tx,
        audit_log::staff(view.staff),
        action.audit_action(),
        audit_log::portal_user(id),
        ip,
        details,
    )
    .await?;
    tx.commit().await?;
    tracing::info!(
        portal_user = id.0,
        action = action.key(),
        "portal user administered"
    );
    Ok(Outcome::Done)
}
