//! After the report (FEATURES A4, A11; issue 10): the broker's staff
//! accept a claim report into a claim ([`accept`]) or ask the customer
//! questions about it ([`questions`]); they move the claim along its
//! status timeline ([`status`]) and keep its "what we still need from
//! you" checklist, which the customer answers by uploading a document
//! ([`checklist`]). Every use case runs in one transaction with its
//! event and its mails; mails to the customer side carry only a link.

pub mod accept;
pub mod checklist;
pub mod questions;
pub mod status;

use kp_domain::{Actor, Language, Principal, StaffUserId, TenantId};
use kp_storage::Tx;
use kp_storage::claim_status::Recipient;

use crate::mail_templates::{self, MailKind, MailVars};
use crate::{App, AppError, FieldError};

pub use kp_storage::claim_checklist::ItemRow;
pub use kp_storage::claim_review::{ListRow, QuestionRow, STATUSES};

/// Longest question, answer or note.
pub const MAX_TEXT: usize = 5000;
/// Longest checklist item text and claim number.
pub const MAX_SHORT: usize = 300;

/// A staff member acting as themselves; anyone else is answered as if
/// the record did not exist (staff routes are not revealed).
pub fn staff_of(principal: &Principal) -> Result<StaffUserId, AppError> {
    match (&principal.actor, principal.impersonated_by) {
        (Actor::Staff { id, .. }, None) => Ok(*id),
        _ => Err(AppError::NotFound),
    }
}

pub(crate) fn invalid(field: &'static str, key: &'static str) -> AppError {
    AppError::Validation(vec![FieldError { field, key }])
}

/// `text` trimmed; a field error when empty (`required`) or longer than
/// `max` characters.
pub(crate) fn text_field(
    text: &str,
    field: &'static str,
    required: bool,
    max: usize,
) -> Result<String, AppError> {
    let text = text.trim();
    if required && text.is_empty() {
        return Err(invalid(field, "after-report-error-required"));
    }
    if text.chars().count() > max {
        return Err(invalid(field, "after-report-error-too-long"));
    }
    Ok(text.to_owned())
}

/// Queues `kind` with only a link (and the report's reference) to each
/// recipient in their language.
pub(crate) async fn tell(
    app: &App,
    tx: &mut Tx,
    tenant: TenantId,
    kind: MailKind,
    recipients: &[Recipient],
    path: &str,
    reference: Option<&str>,
) -> Result<(), AppError> {
    let link = app.link(path);
    for r in recipients {
        let vars = MailVars {
            name: r.name.clone(),
            link: Some(link.clone()),
            reference: reference.map(str::to_owned),
            ..MailVars::default()
        };
        let language = Language::parse(&r.language).unwrap_or(Language::De);
        mail_templates::queue(app, tx, Some(tenant), kind, language, &r.email, &vars).await?;
    }
    Ok(())
}

/// The claim reports of the staff member's tenants, newest first; only
/// those of `status` when it is one of [`STATUSES`].
pub async fn reports(
    app: &App,
    principal: &Principal,
    status: Option<&str>,
) -> Result<Vec<ListRow>, AppError> {
    staff_of(principal)?;
    let status = status.filter(|s| STATUSES.contains(s));
    Ok(kp_storage::claim_review::list(&app.db, &principal.scope, status, 200).await?)
}

/// Report `id` for the staff page: `NotFound` for anyone but the staff
/// of its tenant.
pub async fn report(
    app: &App,
    principal: &Principal,
    id: i64,
) -> Result<kp_storage::claim_reports::ReportRow, AppError> {
    staff_of(principal)?;
    kp_storage::claim_reports::detail(&app.db, &principal.scope, id)
        .await?
        .ok_or(AppError::NotFound)
}
