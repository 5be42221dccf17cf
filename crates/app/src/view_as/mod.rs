//! "View as user" (issue 9): a staff administrator sees the portal exactly
//! as one of their tenants' portal users does, after giving their own
//! password again (ASVS 7.5.3). The view is a session of its own, with
//! its own cookie, linked to the administrator's session, which stays as
//! it was: ending the view (or its 30 minutes running out) returns to it.
//! The principal of the view is the user's, marked `impersonated_by`;
//! every request, the start and the end are audited with both identities.
//! What may be done during a view is the web layer's read-only rule
//! (docs/architecture.md, "View as user").

use std::net::IpAddr;

mod active;
mod history;

use chrono::Duration;
use kp_domain::{PortalUserId, PortalUserStatus, Principal, StaffUserId};
use kp_storage::user_admin::{self as store, UserDetail};
use kp_storage::users::UserRef;
use kp_storage::view_as::{self as views, NewView};

pub use self::active::{ActiveView, EndReason, Resolved, ViewRequest, close_expired, end, resolve};
pub use self::history::{HistoryEntry, history};
use crate::audit_log::{self, Who};
use crate::auth::{Session, random_token, token_hash};
use crate::step_up::{self, StepUp};
use crate::{App, AppError, FieldError, staff_view};

/// How long a view lasts at most, from its start (not sliding).
pub const VIEW_MINUTES: i64 = 30;
/// Views the user's sign-in history lists.
pub const HISTORY_LENGTH: i64 = 20;

/// The user an administrator is about to view: `NotFound` outside their
/// tenants, `Forbidden` for staff who are no administrators.
pub async fn target(app: &App, principal: &Principal, id: i64) -> Result<UserDetail, AppError> {
    let view = staff_view::admin(principal)?;
    store::detail(&app.db, &view.scope, PortalUserId(id))
        .await?
        .ok_or(AppError::NotFound)
}

/// Why a view cannot start although everything else was right
/// (translation key), or `None`.
pub fn refusal(user: &UserDetail) -> Option<&'static str> {
    (PortalUserStatus::parse(&user.status).ok() != Some(PortalUserStatus::Active))
        .then_some("view-as-refused-inactive")
}

/// The confirmation form as submitted.
pub struct StartRequest<'a> {
    pub password: &'a str,
    pub client: IpAddr,
    pub user_agent: &'a str,
}

/// How a start ended when nothing went wrong technically.
#[derive(Debug)]
pub enum Started {
    /// The view's token, for its cookie.
    View { token: String, user: PortalUserId },
    /// Not possible in the user's state (translation key): nothing started.
    Refused(&'static str),
}

/// Starts a view for the administrator of `staff` (their own session):
/// the user must be in their tenants (else `NotFound`, before the password
/// is looked at) and active; a wrong password is a field error and counts
/// towards the login throttle. An earlier view of the same staff session
/// ends: one view at a time.
pub async fn start(
    app: &App,
    staff: &Session,
    id: i64,
    req: StartRequest<'_>,
) -> Result<Started, AppError> {
    let view = staff_view::admin(&staff.principal)?;
    let user = target(app, &staff.principal, id).await?;
    if let Some(key) = refusal(&user) {
        return Ok(Started::Refused(key));
    }
    if req.password.is_empty() {
        return Err(AppError::Validation(vec![FieldError {
            field: "password",
            key: "form-required",
        }]));
    }
    let step = StepUp {
        user: UserRef::Staff(view.staff),
        email: &staff.principal.email,
        password: req.password,
        client: req.client,
        user_agent: req.user_agent,
    };
    if !step_up::password_ok(app, &step).await? {
        tracing::info!(session = staff.id, "view as user: wrong password");
        return Err(AppError::Validation(vec![FieldError {
            field: "password",
            key: "view-as-password-wrong",
        }]));
    }
    let now = app.clock.now();
    let user_id = PortalUserId(id);
    let earlier = views::of_staff_session(&app.db, staff.id).await?;
    let mut tx = app.db.begin().await?;
    // Checked again in the transaction that opens the view: the user may
    // have been deactivated or moved meanwhile.
    let Some(current) = store::detail_in(&mut tx, &view.scope, user_id).await? else {
        return Err(AppError::NotFound);
    };
    if let Some(key) = refusal(&current) {
        return Ok(Started::Refused(key));
    }
    for old in &earlier {
        active::close(app, &mut tx, old, "replaced", Some(req.client)).await?;
    }
    let token = random_token();
    let ends_at = now + Duration::minutes(VIEW_MINUTES);
    let view_id = views::open(
        &mut tx,
        &NewView {
            staff: view.staff,
            staff_session_id: staff.id,
            user: user_id,
            token_hash: &token_hash(&token),
            csrf_token: &random_token(),
            language: staff.language,
            now,
            ends_at,
            user_agent: req.user_agent,
            ip: &req.client.to_string(),
        },
    )
    .await?;
    audit_log::record(
        app,
        &mut tx,
        both(view.staff.0, id),
        "view_as.started",
        audit_log::portal_user(user_id),
        req.client,
        serde_json::json!({ "view": view_id, "ends_at": ends_at }),
    )
    .await?;
    tx.commit().await?;
    tracing::info!(portal_user = id, view = view_id, "view as user started");
    Ok(Started::View {
        token,
        user: user_id,
    })
}

/// Both identities of an entry about a view.
fn both(staff: i64, user: i64) -> Who {
    Who {
        staff: Some(StaffUserId(staff)),
        portal: None,
        impersonated: Some(PortalUserId(user)),
    }
}
