use std::fmt;
use std::str::FromStr;

use lettre::message::{Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::{MailError, OutgoingMail, SmtpSecurity, SmtpSettings};

/// Sends mail through one SMTP server. Cheap to clone; each
/// [`send`](Self::send) opens its own connection, which suits a worker that
/// sends in bursts with idle time between.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl fmt::Debug for Mailer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Mailer")
            .field("from", &self.from)
            .finish_non_exhaustive()
    }
}

impl Mailer {
    /// Checks the settings and prepares the transport; no connection is
    /// made until the first send.
    pub fn new(settings: &SmtpSettings) -> Result<Self, MailError> {
        let host = settings.host.trim();
        if host.is_empty() {
            return Err(MailError::Settings("host is empty".to_owned()));
        }
        if settings.timeout_secs == 0 {
            return Err(MailError::Settings(
                "timeout_secs must be positive".to_owned(),
            ));
        }
        let from = Mailbox::from_str(settings.from.trim()).map_err(|e| {
            MailError::Settings(format!("invalid from address {:?}: {e}", settings.from))
        })?;

        let builder = match settings.security {
            SmtpSecurity::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
            SmtpSecurity::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host)
                .map_err(|e| MailError::Settings(format!("STARTTLS setup failed: {e}")))?,
            SmtpSecurity::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(host)
                .map_err(|e| MailError::Settings(format!("TLS setup failed: {e}")))?,
        };
        let mut builder = builder
            .port(settings.port)
            .timeout(Some(settings.timeout()));
        if let Some(username) = &settings.username {
            builder = builder.credentials(Credentials::new(
                username.clone(),
                settings.password.clone().unwrap_or_default(),
            ));
        }
        Ok(Self {
            transport: builder.build(),
            from,
        })
    }

    /// Sends `mail` as multipart/alternative with the plain-text part first,
    /// so clients that cannot show HTML fall back to it.
    pub async fn send(&self, mail: &OutgoingMail) -> Result<(), MailError> {
        let message = self.build(mail)?;
        self.transport
            .send(message)
            .await
            .map(drop)
            .map_err(MailError::from_smtp)
    }

    fn build(&self, mail: &OutgoingMail) -> Result<Message, MailError> {
        if mail.to.is_empty() {
            return Err(MailError::NoRecipients);
        }
        let from = match &mail.from {
            Some(from) => mailbox(from)?,
            None => self.from.clone(),
        };
        let mut builder = Message::builder()
            .from(from)
            .subject(mail.subject.as_str())
            .message_id(mail.message_id.as_deref().map(message_id).transpose()?);
        for to in &mail.to {
            builder = builder.to(mailbox(to)?);
        }
        if let Some(reply_to) = &mail.reply_to {
            builder = builder.reply_to(mailbox(reply_to)?);
        }
        builder
            .multipart(MultiPart::alternative_plain_html(
                mail.text.clone(),
                mail.html.clone(),
            ))
            .map_err(MailError::Message)
    }
}

fn mailbox(address: &str) -> Result<Mailbox, MailError> {
    Mailbox::from_str(address.trim()).map_err(|source| MailError::InvalidAddress {
        address: address.to_owned(),
        source,
    })
}

/// Accepts ids with or without angle brackets; anything that could break
/// the header line is refused rather than sent mangled.
fn message_id(id: &str) -> Result<String, MailError> {
    let inner = id.trim().trim_start_matches('<').trim_end_matches('>');
    let valid = !inner.is_empty()
        && inner.contains('@')
        && inner
            .chars()
            .all(|c| c.is_ascii_graphic() && !matches!(c, '<' | '>'));
    if valid {
        Ok(format!("<{inner}>"))
    } else {
        Err(MailError::InvalidMessageId(id.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_ids_get_angle_brackets() {
        assert_eq!(message_id("abc@host").ok().as_deref(), Some("<abc@host>"));
        assert_eq!(message_id("<abc@host>").ok().as_deref(), Some("<abc@host>"));
        for bad in ["", "<>", "no-at-sign", "a b@host", "a@host\r\nBcc: x@y"] {
            assert!(message_id(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn settings_are_checked_up_front() {
        let bad_from = SmtpSettings {
            from: "not an address".to_owned(),
            ..SmtpSettings::default()
        };
        assert!(matches!(
            Mailer::new(&bad_from),
            Err(MailError::Settings(_))
        ));
        let no_host = SmtpSettings {
            host: " ".to_owned(),
            ..SmtpSettings::default()
        };
        assert!(matches!(Mailer::new(&no_host), Err(MailError::Settings(_))));
    }

    #[test]
    fn bad_recipients_are_permanent() {
        let mailer = Mailer::new(&SmtpSettings::default());
        assert!(mailer.is_ok());
        let Ok(mailer) = mailer else { return };
        let mail = OutgoingMail {
            to: vec!["kein-at-zeichen".to_owned()],
            ..OutgoingMail::default()
        };
        let err = mailer.build(&mail).err();
        assert!(
            matches!(err, Some(MailError::InvalidAddress { .. })),
            "{err:?}"
        );
        assert!(err.is_some_and(|e| e.is_permanent()));
        let none = mailer.build(&OutgoingMail::default()).err();
        assert!(matches!(none, Some(MailError::NoRecipients)));
    }
}
