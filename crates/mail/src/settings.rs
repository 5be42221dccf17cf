use std::fmt;
use std::time::Duration;

use serde::Deserialize;

/// How the connection to the SMTP server is secured.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpSecurity {
    /// Plain text; only for a relay on localhost or a test server.
    #[default]
    None,
    /// Plain connection upgraded with STARTTLS, which must succeed
    /// (usually port 587).
    Starttls,
    /// TLS from the first byte (usually port 465).
    Tls,
}

/// SMTP connection settings, typically read from the configuration file.
/// Every field has a default, so a configuration may set only what differs
/// from a local relay on `localhost:25`.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    /// Authenticate only when set.
    pub username: Option<String>,
    pub password: Option<String>,
    /// Sender, either `addr@example.org` or `Name <addr@example.org>`.
    pub from: String,
    /// Limit for connecting and for each SMTP command.
    pub timeout_secs: u64,
}

impl Default for SmtpSettings {
    fn default() -> Self {
        Self {
            host: "localhost".to_owned(),
            port: 25,
            security: SmtpSecurity::None,
            username: None,
            password: None,
            from: "noreply@localhost".to_owned(),
            timeout_secs: 30,
        }
    }
}

impl SmtpSettings {
    pub fn timeout(&self) -> Duration {
        Duration::from_secs(self.timeout_secs)
    }
}

// Hand-written so the password can never end up in a log line.
impl fmt::Debug for SmtpSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SmtpSettings")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .field("from", &self.from)
            .field("timeout_secs", &self.timeout_secs)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_redacts_the_password() {
        let settings = SmtpSettings {
            username: Some("makler".to_owned()),
            password: Some("geheim-123".to_owned()),
            ..SmtpSettings::default()
        };
        let debug = format!("{settings:?}");
        assert!(!debug.contains("geheim-123"), "{debug}");
        assert!(debug.contains("<redacted>"), "{debug}");
        assert!(debug.contains("makler"), "{debug}");
    }

    #[test]
    fn defaults_are_a_local_relay() {
        let settings = SmtpSettings::default();
        assert_eq!(
            (settings.host.as_str(), settings.port, settings.security),
            ("localhost", 25, SmtpSecurity::None)
        );
    }
}
