//! Sending e-mail over SMTP: connection settings ([`SmtpSettings`]), the
//! outgoing message ([`OutgoingMail`]) and a [`Mailer`] that delivers it as
//! multipart/alternative (plain text and HTML). Failures are classified as
//! permanent or transient so the outbox worker (elsewhere, with the
//! database) can decide whether to retry. No database code lives here.

mod error;
mod mailer;
mod message;
mod settings;

pub use error::MailError;
pub use mailer::Mailer;
pub use message::OutgoingMail;
pub use settings::{SmtpSecurity, SmtpSettings};
