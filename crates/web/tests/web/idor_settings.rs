//! Path parameters the IDOR harness walks that are not customer record
//! ids: staff settings and work items narrowed to the member's tenants,
//! link tokens, a user's own passkeys. Each comment names the test that
//! checks another tenant's or user's id answers like a missing one.

use crate::idor::Param;

/// See `idor::PARAMS`.
pub const PARAMS: &[(&str, &str, Param)] = &[
    // Imports are not customer records: staff-only, narrowed to the
    // member's tenants; `imports.rs` checks that another tenant's import
    // is the 404 of one that does not exist.
    ("/settings/imports/{id}", "id", Param::NotAnId),
    // Webhook endpoints are not customer records either: staff
    // administrators only, narrowed to their tenants; `webhooks_access.rs`
    // checks that another tenant's endpoint is the 404 of an unknown id.
    ("/settings/webhooks/{id}", "id", Param::NotAnId),
    ("/settings/webhooks/{id}/secret", "id", Param::NotAnId),
    ("/settings/webhooks/{id}/active", "id", Param::NotAnId),
    ("/settings/webhooks/{id}/delete", "id", Param::NotAnId),
    ("/settings/webhooks/{id}/redeliver", "id", Param::NotAnId),
    // A portal user's id, on a page for staff administrators only (they
    // see every user; everyone else gets 403 or 404 before it is read).
    ("/staff/users/{id}/reset-two-factor", "id", Param::NotAnId),
    // Likewise "view as user" (other staff 403); `view_as.rs` checks that
    // a user outside an administrator's tenants is the plain 404.
    ("/staff/users/{id}/view-as", "id", Param::NotAnId),
    // Random link tokens and a logo's content hash: secrets or public
    // content, never a record id (tested in password_reset, invitations).
    ("/password/reset/{token}", "token", Param::NotAnId),
    ("/activate/{token}", "token", Param::NotAnId),
    ("/mail/logo/{sha256}", "sha256", Param::NotAnId),
    // Staff administrators only, filtered by their tenants (outgoing_mail).
    ("/settings/outbox/{id}", "id", Param::NotAnId),
    ("/settings/outbox/{id}/html", "id", Param::NotAnId),
    (
        "/settings/mails/{kind}/{language}/preview",
        "kind",
        Param::NotAnId,
    ),
    (
        "/settings/mails/{kind}/{language}/preview",
        "language",
        Param::NotAnId,
    ),
    ("/settings/mails/{kind}/{language}", "kind", Param::NotAnId),
    (
        "/settings/mails/{kind}/{language}",
        "language",
        Param::NotAnId,
    ),
    // Link tokens: unknown, used and expired ones answer alike (tested in
    // registration_auto.rs and email_change.rs).
    ("/register/verify/{token}", "token", Param::NotAnId),
    ("/account/email/confirm/{token}", "token", Param::NotAnId),
    // A staff work item, not customer data: other tenants' staff get the
    // 404 of a missing one (registration_request.rs).
    ("/registrations/{id}", "id", Param::NotAnId),
    ("/registrations/{id}/approve", "id", Param::NotAnId),
    ("/registrations/{id}/reject", "id", Param::NotAnId),
    // The signed-in user's own passkey: every statement names the user,
    // another user's id is the 404 of a missing one (passkeys_pages.rs).
    (
        "/account/two-factor/passkeys/{id}/rename",
        "id",
        Param::NotAnId,
    ),
    (
        "/account/two-factor/passkeys/{id}/remove",
        "id",
        Param::NotAnId,
    ),
];
