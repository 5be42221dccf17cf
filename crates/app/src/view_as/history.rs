//! The user's side: the views of their account in their sign-in history.

use chrono::{DateTime, Utc};
use kp_domain::Principal;
use kp_storage::users::UserRef;
use kp_storage::view_as as views;

use super::HISTORY_LENGTH;
use crate::{App, AppError};

/// A staff member's view of the user's account, for their sign-in history.
#[derive(Debug, Clone)]
pub struct HistoryEntry {
    pub staff_name: Option<String>,
    pub started_at: DateTime<Utc>,
    /// The end: when it was ended, else its planned end once that passed;
    /// `None` while it may still be going on.
    pub ended_at: Option<DateTime<Utc>>,
}

/// The views of the signed-in portal user's account by staff, newest
/// first; empty for staff. Only the user acting for themselves.
pub async fn history(app: &App, principal: &Principal) -> Result<Vec<HistoryEntry>, AppError> {
    let UserRef::Portal(user) = crate::account::own_user(principal)? else {
        return Ok(Vec::new());
    };
    let now = app.clock.now();
    Ok(views::of_user(&app.db, user, HISTORY_LENGTH)
        .await?
        .into_iter()
        .map(|v| HistoryEntry {
            staff_name: v.staff_name,
            started_at: v.started_at,
            ended_at: v.ended_at.or((v.ends_at <= now).then_some(v.ends_at)),
        })
        .collect())
}
