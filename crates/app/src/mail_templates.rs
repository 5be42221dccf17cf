//! E-mail templates (D7, D8): every automatic mail has a kind; each kind
//! has a subject, an HTML body and a plain-text body per language, shipped
//! as defaults (`crates/app/mail/<kind>/<language>.{subject,html,txt}`,
//! compiled in) and overridable by the broker per tenant (or globally) on
//! `/settings/mails`. Rendered with minijinja from a few variables
//! ([`MailVars`]); the HTML body is auto-escaped and put into a frame with
//! the broker's colour, logo and name.
//!
//! Other use cases send a mail with [`queue`], inside their own
//! transaction, so the mail goes out only if their change is committed.
//! Mails carry the recipient's name and a link, nothing else personal
//! (A11).

mod defaults;
pub mod editing;
mod look;
mod render;

use chrono::{DateTime, Utc};
use kp_domain::{Language, TenantId};
use kp_storage::Tx;
use kp_storage::outbox::{self, NewMail};
use serde::Serialize;

pub use look::{Look, logo};
pub use render::{Part, RenderError, Rendered, render};

use crate::{App, AppError};

/// What a mail is about; `code()` names it in the outbox and the settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum MailKind {
    /// To an invited user: the activation link.
    Invitation,
    /// The forgotten-password link.
    PasswordReset,
    /// Notice after a password change or reset.
    PasswordChanged,
    /// Self-registration: the e-mail verification link.
    RegistrationVerify,
    /// Self-registration on request: to the broker's registration recipient.
    RegistrationRequest,
    /// Self-registration on request: the rejection, with a reason.
    RegistrationRejected,
    /// E-mail change: the confirmation link, to the new address.
    EmailChangeConfirm,
    /// E-mail change: the notice to the old address.
    EmailChanged,
    /// Staff reset the user's second factor.
    TwoFactorReset,
    /// To a tenant's administrators: a webhook endpoint was disabled after
    /// failing for days.
    WebhookDisabled,
    /// A new claim report, to the claims handler, clerk or the broker's
    /// central address (D9): a link only.
    ClaimReportReceived,
    /// To the customer who sent a claim report: link and reference number.
    ClaimReportConfirmation,
    /// To an organization's extra recipients of claim reports (B12).
    ClaimReportCopy,
    /// A claim report met an escalation rule (D16–D19).
    ClaimReportEscalation,
    /// To an organization's approvers: a claim report awaits approval
    /// (four-eyes approval); a link only.
    ClaimApprovalRequested,
    /// To the drafter: an approver sent the report back with a comment; a
    /// link only.
    ClaimApprovalReturned,
    /// To the customer side: staff asked a question about a claim report
    /// (a link only, A11).
    ClaimReportQuestion,
    /// To the customer side: a claim's status changed (a link only).
    ClaimStatusChanged,
    /// To the customer side: staff added an item to a claim's "what we
    /// still need from you" checklist (a link only).
    ClaimChecklistItem,
}

impl MailKind {
    pub const ALL: [MailKind; 19] = [
        MailKind::Invitation,
        MailKind::PasswordReset,
        MailKind::PasswordChanged,
        MailKind::RegistrationVerify,
        MailKind::RegistrationRequest,
        MailKind::RegistrationRejected,
        MailKind::EmailChangeConfirm,
        MailKind::EmailChanged,
        MailKind::TwoFactorReset,
        MailKind::WebhookDisabled,
        MailKind::ClaimReportReceived,
        MailKind::ClaimReportConfirmation,
        MailKind::ClaimReportCopy,
        MailKind::ClaimReportEscalation,
        MailKind::ClaimApprovalRequested,
        MailKind::ClaimApprovalReturned,
        MailKind::ClaimReportQuestion,
        MailKind::ClaimStatusChanged,
        MailKind::ClaimChecklistItem,
    ];

    pub fn code(self) -> &'static str {
        match self {
            MailKind::Invitation => "invitation",
            MailKind::PasswordReset => "password_reset",
            MailKind::PasswordChanged => "password_changed",
            MailKind::RegistrationVerify => "registration_verify",
            MailKind::RegistrationRequest => "registration_request",
            MailKind::RegistrationRejected => "registration_rejected",
            MailKind::EmailChangeConfirm => "email_change_confirm",
            MailKind::EmailChanged => "email_changed",
            MailKind::TwoFactorReset => "two_factor_reset",
            MailKind::WebhookDisabled => "webhook_disabled",
            MailKind::ClaimReportReceived => "claim_report_received",
            MailKind::ClaimReportConfirmation => "claim_report_confirmation",
            MailKind::ClaimReportCopy => "claim_report_copy",
            MailKind::ClaimReportEscalation => "claim_report_escalation",
            MailKind::ClaimApprovalRequested => "claim_approval_requested",
            MailKind::ClaimApprovalReturned => "claim_approval_returned",
            MailKind::ClaimReportQuestion => "claim_report_question",
            MailKind::ClaimStatusChanged => "claim_status_changed",
            MailKind::ClaimChecklistItem => "claim_checklist_item",
        }
    }

    pub fn parse(code: &str) -> Option<MailKind> {
        MailKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// Subject, HTML body and text body of one kind in one language: the
/// templates, before rendering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Texts<'a> {
    pub subject: &'a str,
    pub html: &'a str,
    pub text: &'a str,
}

/// [`Texts`] owned, as stored for an override or typed into the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct OwnedTexts {
    pub subject: String,
    pub html: String,
    pub text: String,
}

impl OwnedTexts {
    pub fn as_texts(&self) -> Texts<'_> {
        Texts {
            subject: &self.subject,
            html: &self.html,
            text: &self.text,
        }
    }
}

impl From<Texts<'_>> for OwnedTexts {
    fn from(t: Texts<'_>) -> Self {
        OwnedTexts {
            subject: t.subject.to_owned(),
            html: t.html.to_owned(),
            text: t.text.to_owned(),
        }
    }
}

/// The shipped texts of a kind in a language.
pub fn default_texts(kind: MailKind, language: Language) -> Texts<'static> {
    defaults::texts(kind, language)
}

/// The variables a template may use besides the broker's look (`tenant`,
/// `colour`, `portal_url`): `name`, `link`, `expires` (formatted in the
/// mail's language), `reason`, `extra_text`, `intro_text`, `reference`. Unused ones may stay empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MailVars {
    /// The recipient's name (for the registration request: the person
    /// asking).
    pub name: String,
    /// The absolute link the mail is about (see [`App::link`]).
    pub link: Option<String>,
    /// When the link stops working.
    pub expires_at: Option<DateTime<Utc>>,
    /// A rejection's reason.
    pub reason: Option<String>,
    /// Extra text, e.g. the registration's terms (D13).
    pub extra_text: Option<String>,
    /// The broker's own text of a registration mail (D12), plain text
    /// shown with its line breaks.
    pub intro_text: Option<String>,
    /// A colour (`#rrggbb`) replacing the theme's for this mail (D11: the
    /// registration mails' own colour code).
    pub colour: Option<String>,
    /// A claim report's reference number (`SM-2026-000123`).
    pub reference: Option<String>,
}

/// Renders the mail of `kind` for the tenant's look (the tenant's own
/// texts, else the global ones, else the defaults) and queues it in the
/// caller's transaction. A stored override that no longer renders (it was
/// checked when saved) falls back to the default, logged, so that the mail
/// still goes out.
pub async fn queue(
    app: &App,
    tx: &mut Tx,
    tenant: Option<TenantId>,
    kind: MailKind,
    language: Language,
    to: &str,
    vars: &MailVars,
) -> Result<(), AppError> {
    let look = Look::of_tenant(app, tenant).await?;
    let stored = editing::effective_override(app, tenant, kind, language).await?;
    let rendered = match stored
        .as_ref()
        .map(|t| render(language, t.as_texts(), &look, vars))
    {
        Some(Ok(rendered)) => rendered,
        other => {
            if let Some(Err(err)) = other {
                tracing::warn!(kind = kind.code(), %err, "stored mail template fails; default used");
            }
            render(language, default_texts(kind, language), &look, vars)
                .map_err(|e| AppError::Internal(format!("default mail template {kind:?}: {e}")))?
        }
    };
    outbox::enqueue(
        tx,
        &NewMail {
            recipients: vec![to.trim().to_owned()],
            template: kind.code().to_owned(),
            language,
            subject: rendered.subject,
            body_html: rendered.html,
            body_text: rendered.text,
            sender: look.sender.clone(),
            tenant,
            now: app.clock.now(),
        },
    )
    .await?;
    Ok(())
}

#[cfg(test)]
#[path = "mail_templates_tests.rs"]
mod tests;
