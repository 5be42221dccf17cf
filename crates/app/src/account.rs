//! "My account": the signed-in user's own sessions, sign-in history,
//! consents and language. Only the user acting for themselves gets here: a
//! staff member viewing the portal as a customer may not read or change
//! the customer's account (403).

use chrono::{DateTime, Duration, Utc};
use kp_domain::{Actor, Language, Principal};
use kp_storage::account::{self, SessionEntry, SignIn};
use kp_storage::consents::{self, Consent};
use kp_storage::users::UserRef;

use crate::auth::Session;
use crate::device::{self, Device};
use crate::{App, AppError};

/// How many sign-ins the history shows.
pub const HISTORY_LENGTH: i64 = 50;

/// The user acting for themselves; 403 for an impersonating session.
pub fn own_user(principal: &Principal) -> Result<UserRef, AppError> {
    if principal.impersonated_by.is_some() {
        return Err(AppError::Forbidden);
    }
    Ok(match &principal.actor {
        Actor::Staff { id, .. } => UserRef::Staff(*id),
        Actor::Portal { id, .. } => UserRef::Portal(*id),
    })
}

#[derive(Debug, Clone)]
pub struct SessionView {
    pub id: i64,
    pub device: Device,
    pub ip: String,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub current: bool,
}

#[derive(Debug, Clone)]
pub struct SignInView {
    pub at: DateTime<Utc>,
    pub ip: String,
    pub device: Device,
    pub succeeded: bool,
}

/// Everything the page shows besides the forms.
#[derive(Debug, Clone)]
pub struct Overview {
    pub sessions: Vec<SessionView>,
    pub sign_ins: Vec<SignInView>,
    /// Portal users only; staff are not asked for consent.
    pub consents: Vec<Consent>,
}

pub async fn overview(app: &App, session: &Session) -> Result<Overview, AppError> {
    let user = own_user(&session.principal)?;
    let now = app.clock.now();
    let lifetime = Duration::hours(app.policy.session_absolute_hours);
    let sessions = account::sessions(&app.db, user, now, now - lifetime)
        .await?
        .into_iter()
        .map(|s: SessionEntry| SessionView {
            current: s.id == session.id,
            device: device::describe(&s.user_agent),
            id: s.id,
            ip: s.ip,
            created_at: s.created_at,
            last_seen_at: s.last_seen_at,
        })
        .collect();
    let sign_ins = account::sign_ins(&app.db, &session.principal.email, HISTORY_LENGTH)
        .await?
        .into_iter()
        .map(|s: SignIn| SignInView {
            device: device::describe(&s.user_agent),
            at: s.attempted_at,
            ip: s.ip,
            succeeded: s.succeeded,
        })
        .collect();
    let consents = match user {
        UserRef::Portal(id) => consents::of_user(&app.db, id).await?,
        UserRef::Staff(_) => Vec::new(),
    };
    Ok(Overview {
        sessions,
        sign_ins,
        consents,
    })
}

/// Ends one of the user's sessions; `NotFound` for any id that is not one
/// of theirs. Ending the current one is signing out.
pub async fn end_session(app: &App, session: &Session, id: i64) -> Result<(), AppError> {
    let user = own_user(&session.principal)?;
    account::end_session(&app.db, user, id).await?;
    Ok(())
}

/// "Sign out everywhere else".
pub async fn end_other_sessions(app: &App, session: &Session) -> Result<u64, AppError> {
    let user = own_user(&session.principal)?;
    Ok(account::end_other_sessions(&app.db, user, session.id).await?)
}

/// Saves the language on the user and the current session.
pub async fn set_language(
    app: &App,
    session: &Session,
    language: Language,
) -> Result<(), AppError> {
    let user = own_user(&session.principal)?;
    account::set_language(&app.db, user, language, app.clock.now()).await?;
    kp_storage::sessions::set_language(&app.db, session.id, language).await?;
    Ok(())
}
