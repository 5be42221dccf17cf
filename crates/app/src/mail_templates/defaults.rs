//! The shipped texts of every mail kind and language, compiled into the
//! binary from `crates/app/mail/<kind>/<language>.{subject,html,txt}`.

use kp_domain::Language;

use super::{MailKind, Texts};

macro_rules! texts {
    ($kind:literal, $lang:literal) => {
        Texts {
            subject: include_str!(concat!("../../mail/", $kind, "/", $lang, ".subject")),
            html: include_str!(concat!("../../mail/", $kind, "/", $lang, ".html")),
            text: include_str!(concat!("../../mail/", $kind, "/", $lang, ".txt")),
        }
    };
}

/// The default texts of a kind in a language.
pub fn texts(kind: MailKind, language: Language) -> Texts<'static> {
    use Language::{De, En, Es, Fr};
    match (kind, language) {
        (MailKind::Invitation, De) => texts!("invitation", "de"),
        (MailKind::Invitation, En) => texts!("invitation", "en"),
        (MailKind::Invitation, Fr) => texts!("invitation", "fr"),
        (MailKind::Invitation, Es) => texts!("invitation", "es"),
        (MailKind::PasswordReset, De) => texts!("password_reset", "de"),
        (MailKind::PasswordReset, En) => texts!("password_reset", "en"),
        (MailKind::PasswordReset, Fr) => texts!("password_reset", "fr"),
        (MailKind::PasswordReset, Es) => texts!("password_reset", "es"),
        (MailKind::PasswordChanged, De) => texts!("password_changed", "de"),
        (MailKind::PasswordChanged, En) => texts!("password_changed", "en"),
        (MailKind::PasswordChanged, Fr) => texts!("password_changed", "fr"),
        (MailKind::PasswordChanged, Es) => texts!("password_changed", "es"),
        (MailKind::RegistrationVerify, De) => texts!("registration_verify", "de"),
        (MailKind::RegistrationVerify, En) => texts!("registration_verify", "en"),
        (MailKind::RegistrationVerify, Fr) => texts!("registration_verify", "fr"),
        (MailKind::RegistrationVerify, Es) => texts!("registration_verify", "es"),
        (MailKind::RegistrationRequest, De) => texts!("registration_request", "de"),
        (MailKind::RegistrationRequest, En) => texts!("registration_request", "en"),
        (MailKind::RegistrationRequest, Fr) => texts!("registration_request", "fr"),
        (MailKind::RegistrationRequest, Es) => texts!("registration_request", "es"),
        (MailKind::RegistrationRejected, De) => texts!("registration_rejected", "de"),
        (MailKind::RegistrationRejected, En) => texts!("registration_rejected", "en"),
        (MailKind::RegistrationRejected, Fr) => texts!("registration_rejected", "fr"),
        (MailKind::RegistrationRejected, Es) => texts!("registration_rejected", "es"),
        (MailKind::EmailChangeConfirm, De) => texts!("email_change_confirm", "de"),
        (MailKind::EmailChangeConfirm, En) => texts!("email_change_confirm", "en"),
        (MailKind::EmailChangeConfirm, Fr) => texts!("email_change_confirm", "fr"),
        (MailKind::EmailChangeConfirm, Es) => texts!("email_change_confirm", "es"),
        (MailKind::EmailChanged, De) => texts!("email_changed", "de"),
        (MailKind::EmailChanged, En) => texts!("email_changed", "en"),
        (MailKind::EmailChanged, Fr) => texts!("email_changed", "fr"),
        (MailKind::EmailChanged, Es) => texts!("email_changed", "es"),
        (MailKind::TwoFactorReset, De) => texts!("two_factor_reset", "de"),
        (MailKind::TwoFactorReset, En) => texts!("two_factor_reset", "en"),
        (MailKind::TwoFactorReset, Fr) => texts!("two_factor_reset", "fr"),
        (MailKind::TwoFactorReset, Es) => texts!("two_factor_reset", "es"),
        (MailKind::WebhookDisabled, De) => texts!("webhook_disabled", "de"),
        (MailKind::WebhookDisabled, En) => texts!("webhook_disabled", "en"),
        (MailKind::WebhookDisabled, Fr) => texts!("webhook_disabled", "fr"),
        (MailKind::WebhookDisabled, Es) => texts!("webhook_disabled", "es"),
        (MailKind::ClaimReportReceived, De) => texts!("claim_report_received", "de"),
        (MailKind::ClaimReportReceived, En) => texts!("claim_report_received", "en"),
        (MailKind::ClaimReportReceived, Fr) => texts!("claim_report_received", "fr"),
        (MailKind::ClaimReportReceived, Es) => texts!("claim_report_received", "es"),
        (MailKind::ClaimReportConfirmation, De) => texts!("claim_report_confirmation", "de"),
        (MailKind::ClaimReportConfirmation, En) => texts!("claim_report_confirmation", "en"),
        (MailKind::ClaimReportConfirmation, Fr) => texts!("claim_report_confirmation", "fr"),
        (MailKind::ClaimReportConfirmation, Es) => texts!("claim_report_confirmation", "es"),
        (MailKind::ClaimReportCopy, De) => texts!("claim_report_copy", "de"),
        (MailKind::ClaimReportCopy, En) => texts!("claim_report_copy", "en"),
        (MailKind::ClaimReportCopy, Fr) => texts!("claim_report_copy", "fr"),
        (MailKind::ClaimReportCopy, Es) => texts!("claim_report_copy", "es"),
        (MailKind::ClaimReportEscalation, De) => texts!("claim_report_escalation", "de"),
        (MailKind::ClaimReportEscalation, En) => texts!("claim_report_escalation", "en"),
        (MailKind::ClaimReportEscalation, Fr) => texts!("claim_report_escalation", "fr"),
        (MailKind::ClaimReportEscalation, Es) => texts!("claim_report_escalation", "es"),
        (MailKind::ClaimApprovalRequested, De) => texts!("claim_approval_requested", "de"),
        (MailKind::ClaimApprovalRequested, En) => texts!("claim_approval_requested", "en"),
        (MailKind::ClaimApprovalRequested, Fr) => texts!("claim_approval_requested", "fr"),
        (MailKind::ClaimApprovalRequested, Es) => texts!("claim_approval_requested", "es"),
        (MailKind::ClaimApprovalReturned, De) => texts!("claim_approval_returned", "de"),
        (MailKind::ClaimApprovalReturned, En) => texts!("claim_approval_returned", "en"),
        (MailKind::ClaimApprovalReturned, Fr) => texts!("claim_approval_returned", "fr"),
        (MailKind::ClaimApprovalReturned, Es) => texts!("claim_approval_returned", "es"),
        (MailKind::ClaimReportQuestion, De) => texts!("claim_report_question", "de"),
        (MailKind::ClaimReportQuestion, En) => texts!("claim_report_question", "en"),
        (MailKind::ClaimReportQuestion, Fr) => texts!("claim_report_question", "fr"),
        (MailKind::ClaimReportQuestion, Es) => texts!("claim_report_question", "es"),
        (MailKind::ClaimStatusChanged, De) => texts!("claim_status_changed", "de"),
        (MailKind::ClaimStatusChanged, En) => texts!("claim_status_changed", "en"),
        (MailKind::ClaimStatusChanged, Fr) => texts!("claim_status_changed", "fr"),
        (MailKind::ClaimStatusChanged, Es) => texts!("claim_status_changed", "es"),
        (MailKind::ClaimChecklistItem, De) => texts!("claim_checklist_item", "de"),
        (MailKind::ClaimChecklistItem, En) => texts!("claim_checklist_item", "en"),
        (MailKind::ClaimChecklistItem, Fr) => texts!("claim_checklist_item", "fr"),
        (MailKind::ClaimChecklistItem, Es) => texts!("claim_checklist_item", "es"),
    }
}
