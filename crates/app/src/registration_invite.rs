//! The invitation an approved registration request sends: an activation
//! link (single use, valid `invitation_link_days`, opened at
//! `/activate/{token}`) in the Invitation mail, in the caller's
//! transaction.
//!
//! Kept small and separate because the staff's invitation use case
//! (`kp_app::invitations`, branch wt/mail) does the same for users invited
//! by hand; once merged, this can call its sender instead.

use chrono::Duration;
use kp_domain::PortalUserId;
use kp_storage::users::UserRef;
use kp_storage::{Tx, accounts};

use crate::link_tokens::{self, Purpose};
use crate::mail_templates::{self, MailKind, MailVars};
use crate::{App, AppError};

pub async fn send(app: &App, tx: &mut Tx, id: PortalUserId) -> Result<(), AppError> {
    let user = UserRef::Portal(id);
    let account = accounts::get_in(tx, user)
        .await?
        .ok_or(AppError::NotFound)?;
    let valid_for = Duration::days(app.policy.invitation_link_days);
    let token = link_tokens::issue(app, tx, Purpose::Activation, user, None, valid_for).await?;
    let vars = MailVars {
        name: account.name.clone(),
        link: Some(app.link(&format!("/activate/{token}"))),
        expires_at: Some(app.clock.now() + valid_for),
        ..MailVars::default()
    };
    mail_templates::queue(
        app,
        tx,
        account.tenant,
        MailKind::Invitation,
        account.language,
        &account.email,
        &vars,
    )
    .await
}
