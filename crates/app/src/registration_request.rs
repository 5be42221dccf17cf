//! Registration on request: the visitor's request is stored as the
//! staff's work item (`/registrations`) and mailed to the tenant's
//! registration recipient (D10) in the registration mails' colour with the
//! broker's texts (D11–D13). The mail names the person and links the work
//! item, nothing more (A11).

use std::net::IpAddr;

use kp_domain::Language;
use kp_storage::registrations::{self, NewRegistration, status};

use crate::mail_templates::{self, MailKind, MailVars};
use crate::registration::{
    self, MAX_MESSAGE_CHARS, MAX_NAME_CHARS, MAX_NUMBER_CHARS, Portal, check_email, check_line,
    field,
};
use crate::{App, AppError};

/// The request form as typed.
#[derive(Debug, Clone, Default)]
pub struct RequestInput {
    pub name: String,
    pub email: String,
    pub customer_number: String,
    pub company: String,
    pub message: String,
}

/// Stores the request and mails the recipient; `Validation` for bad input.
/// Over the limits of its address or client nothing is stored, and the
/// answer is the same.
pub async fn submit_request(
    app: &App,
    portal: &Portal,
    input: &RequestInput,
    language: Language,
    client: IpAddr,
) -> Result<(), AppError> {
    let mut errors = Vec::new();
    let name = check_line(&input.name, "name", MAX_NAME_CHARS, true, &mut errors);
    let email = check_email(&input.email, &mut errors);
    let number = check_line(
        &input.customer_number,
        "customer_number",
        MAX_NUMBER_CHARS,
        false,
        &mut errors,
    );
    let company = check_line(
        &input.company,
        "company",
        MAX_NAME_CHARS,
        false,
        &mut errors,
    );
    let message = input.message.replace("\r\n", "\n").trim().to_owned();
    if message.chars().count() > MAX_MESSAGE_CHARS
        || message.chars().any(|c| c.is_control() && c != '\n')
    {
        errors.push(field("message", "registration-field-too-long"));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    if !registration::within_limits(&mut tx, &email, client, now).await? {
        tx.commit().await?;
        tracing::info!(
            tenant = portal.tenant.id,
            "registration request over its limit"
        );
        return Ok(());
    }
    let id = registrations::insert(
        &mut tx,
        &NewRegistration {
            tenant: Some(portal.tenant_id()),
            mode: "request",
            status: status::OPEN,
            name: &name,
            email: &email,
            language: registration::language_code(language),
            customer_number: &number,
            company: &company,
            message: &message,
            now,
            ..NewRegistration::default()
        },
    )
    .await?;
    registrations::append_event(
        &mut tx,
        portal.tenant.id,
        "registration.requested",
        None,
        &serde_json::json!({ "registration": id, "tenant": portal.tenant.id }),
        now,
    )
    .await?;
    let settings = &portal.settings;
    if !settings.recipient.is_empty() {
        let vars = MailVars {
            name: name.clone(),
            link: Some(app.link(&format!("/registrations/{id}"))),
            extra_text: settings.extra_option(),
            intro_text: settings.intro_option(),
            colour: settings.colour_option(),
            ..MailVars::default()
        };
        let language = recipient_language(app, &settings.recipient).await?;
        mail_templates::queue(
            app,
            &mut tx,
            Some(portal.tenant_id()),
            MailKind::RegistrationRequest,
            language,
            &settings.recipient,
            &vars,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The language of the mail to the registration recipient: tenants keep no
/// language of their own, so it is the staff user's with that address
/// (their choice on "My account"), and for any other address (a shared
/// office mailbox) German, the portal's default language.
async fn recipient_language(app: &App, recipient: &str) -> Result<Language, AppError> {
    let staff = kp_storage::users::credentials_by_email(&app.db, recipient)
        .await?
        .filter(|c| matches!(c.user, kp_storage::users::UserRef::Staff(_)));
    Ok(staff.map_or_else(Language::default, |c| c.language))
}
