//! Automatic self-registration: customer number plus date of birth
//! (private) or postcode (corporate) plus e-mail. Only exactly one match
//! with a customer that has no portal user yet, for an e-mail that no login
//! uses, gets a verification link (single use, valid as long as an
//! invitation); everything else is noted for the staff and answered alike.

use std::net::IpAddr;

use chrono::Duration;
use kp_domain::{CustomerId, Language};
use kp_storage::accounts_email;
use kp_storage::registrations::{self, NewRegistration, Proof, status};

use crate::auth::{random_token, token_hash};
use crate::mail_templates::{self, MailKind, MailVars};
use crate::registration::{
    self, MAX_NAME_CHARS, MAX_NUMBER_CHARS, Portal, check_email, check_line, field,
};
use crate::{App, AppError};

/// Whether the visitor registers as a private or a corporate customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CustomerKind {
    Private,
    Corporate,
}

/// The automatic form as typed.
#[derive(Debug, Clone, Default)]
pub struct AutomaticInput {
    /// `private` or `corporate`.
    pub kind: String,
    pub customer_number: String,
    pub birth_date: String,
    pub postcode: String,
    pub email: String,
    pub name: String,
}

struct Checked {
    number: String,
    proof: Proof,
    email: String,
    name: String,
}

fn check(input: &AutomaticInput) -> Result<Checked, AppError> {
    let mut errors = Vec::new();
    let kind = match input.kind.as_str() {
        "private" => Some(CustomerKind::Private),
        "corporate" => Some(CustomerKind::Corporate),
        _ => {
            errors.push(field("kind", "form-required"));
            None
        }
    };
    let number = check_line(
        &input.customer_number,
        "customer_number",
        MAX_NUMBER_CHARS,
        true,
        &mut errors,
    );
    let proof = match kind {
        Some(CustomerKind::Private) => match registration::parse_date(&input.birth_date) {
            Some(date) => Some(Proof::BirthDate(date)),
            None if input.birth_date.trim().is_empty() => {
                errors.push(field("birth_date", "form-required"));
                None
            }
            None => {
                errors.push(field("birth_date", "registration-date-invalid"));
                None
            }
        },
        Some(CustomerKind::Corporate) => {
            let code = check_line(&input.postcode, "postcode", 10, true, &mut errors);
            (!code.is_empty()).then_some(Proof::Postcode(code))
        }
        None => None,
    };
    let email = check_email(&input.email, &mut errors);
    let name = check_line(&input.name, "name", MAX_NAME_CHARS, false, &mut errors);
    match proof {
        Some(proof) if errors.is_empty() => Ok(Checked {
            number,
            proof,
            email,
            name,
        }),
        _ => Err(AppError::Validation(errors)),
    }
}

/// Handles the automatic form. `Validation` for malformed input; otherwise
/// `Ok` whatever matched (see the module).
pub async fn submit_automatic(
    app: &App,
    portal: &Portal,
    input: &AutomaticInput,
    language: Language,
    client: IpAddr,
) -> Result<(), AppError> {
    let checked = check(input)?;
    let now = app.clock.now();
    let tenant = portal.tenant_id();
    let mut tx = app.db.begin().await?;
    if !registration::within_limits(&mut tx, &checked.email, client, now).await? {
        tx.commit().await?;
        tracing::info!(
            tenant = tenant.0,
            "registration over its limit; nothing sent"
        );
        return Ok(());
    }
    let found =
        registrations::matching_customers(&mut tx, tenant, &checked.number, &checked.proof).await?;
    let email_taken = accounts_email::taken_in(&mut tx, &checked.email).await?;
    let outcome = match found.as_slice() {
        [] => Err(status::UNMATCHED),
        [(_, true)] => Err(status::REFUSED),
        [_] if email_taken => Err(status::REFUSED),
        [(customer, false)] => Ok(*customer),
        _ => Err(status::AMBIGUOUS),
    };
    let new = NewRegistration {
        tenant: Some(tenant),
        mode: "automatic",
        name: &checked.name,
        email: &checked.email,
        language: registration::language_code(language),
        customer_number: &checked.number,
        now,
        ..NewRegistration::default()
    };
    match outcome {
        Err(note) => {
            registrations::insert(
                &mut tx,
                &NewRegistration {
                    status: note,
                    customer: found.first().filter(|_| found.len() == 1).map(|c| c.0),
                    ..new
                },
            )
            .await?;
        }
        Ok(customer) => send_link(app, &mut tx, portal, customer, new, language).await?,
    }
    tx.commit().await?;
    Ok(())
}

async fn send_link(
    app: &App,
    tx: &mut kp_storage::Tx,
    portal: &Portal,
    customer: CustomerId,
    new: NewRegistration<'_>,
    language: Language,
) -> Result<(), AppError> {
    let now = new.now;
    registrations::void_pending(tx, customer, new.email, now).await?;
    let token = random_token();
    let hash = token_hash(&token);
    let valid_for = Duration::days(app.policy.invitation_link_days);
    let id = registrations::insert(
        tx,
        &NewRegistration {
            status: status::PENDING,
            customer: Some(customer),
            token_hash: Some(&hash),
            expires_at: Some(now + valid_for),
            ..new.clone()
        },
    )
    .await?;
    registrations::append_event(
        tx,
        portal.tenant.id,
        "registration.verification_sent",
        Some(customer),
        &serde_json::json!({ "registration": id, "tenant": portal.tenant.id }),
        now,
    )
    .await?;
    let settings = &portal.settings;
    let vars = MailVars {
        name: new.name.to_owned(),
        link: Some(app.link(&format!("/register/verify/{token}"))),
        expires_at: Some(now + valid_for),
        extra_text: settings.extra_option(),
        intro_text: settings.intro_option(),
        colour: settings.colour_option(),
        ..MailVars::default()
    };
    mail_templates::queue(
        app,
        tx,
        Some(portal.tenant_id()),
        MailKind::RegistrationVerify,
        language,
        new.email,
        &vars,
    )
    .await
}
