use lettre::transport::smtp;

/// Why a mail could not be sent.
///
/// The outbox worker only needs [`is_transient`](Self::is_transient):
/// transient failures are retried with backoff, everything else marks the
/// mail as failed.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    /// The settings cannot work (empty host, bad sender address, …).
    /// Only returned by [`Mailer::new`](crate::Mailer::new).
    #[error("invalid SMTP settings: {0}")]
    Settings(String),

    /// A recipient or reply-to address is malformed.
    #[error("invalid e-mail address {address:?}: {source}")]
    InvalidAddress {
        address: String,
        #[source]
        source: lettre::address::AddressError,
    },

    #[error("mail has no recipients")]
    NoRecipients,

    #[error("invalid Message-ID {0:?}")]
    InvalidMessageId(String),

    /// The message could not be assembled.
    #[error("could not build the message: {0}")]
    Message(#[source] lettre::error::Error),

    /// The server answered with a 5xx reply; sending again will not help.
    #[error("SMTP server rejected the mail: {0}")]
    Rejected(#[source] smtp::Error),

    /// Connection, TLS, timeout or 4xx failure; a later attempt may work.
    #[error("SMTP delivery failed temporarily: {0}")]
    Temporary(#[source] smtp::Error),
}

impl MailError {
    /// Whether retrying the same mail later may succeed.
    pub fn is_transient(&self) -> bool {
        matches!(self, Self::Temporary(_))
    }

    pub fn is_permanent(&self) -> bool {
        !self.is_transient()
    }

    /// The SMTP reply code, when the failure was a server reply.
    pub fn smtp_code(&self) -> Option<u16> {
        match self {
            Self::Rejected(e) | Self::Temporary(e) => e.status().map(u16::from),
            _ => None,
        }
    }

    /// Only 5xx replies are final. Connection, TLS and protocol problems
    /// count as transient even when they stem from configuration: the admin
    /// can fix that while the mail waits, whereas a dropped mail is lost.
    pub(crate) fn from_smtp(error: smtp::Error) -> Self {
        if error.is_permanent() {
            Self::Rejected(error)
        } else {
            Self::Temporary(error)
        }
    }
}
