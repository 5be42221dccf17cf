/// An e-mail ready to be sent: the caller has already rendered subject and
/// both bodies (and localised them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OutgoingMail {
    /// Recipients, each `addr@example.org` or `Name <addr@example.org>`.
    pub to: Vec<String>,
    pub subject: String,
    pub html: String,
    /// Plain-text alternative for clients that do not show HTML.
    pub text: String,
    /// Message-ID to use, with or without angle brackets. A stable id lets
    /// receivers recognise a message the outbox had to send twice; `None`
    /// generates a fresh one.
    pub message_id: Option<String>,
    pub reply_to: Option<String>,
    /// Sender for this mail (a tenant's own); `None` uses the settings'
    /// `from`.
    pub from: Option<String>,
}
