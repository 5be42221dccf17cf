//! Mails as a test receives them: the outbox delivered through the real
//! SMTP sink, each parsed into recipient, subject and text.

use kp_mail::{Mailer, SmtpSettings};
use kp_testkit::smtp::{Mode, TestSmtp};
use mail_parser::MessageParser;

use crate::harness::TestApp;

pub struct Inbox {
    smtp: TestSmtp,
    mailer: Mailer,
    seen: usize,
}

#[derive(Debug, Clone)]
pub struct Mail {
    pub to: String,
    pub from: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

impl Mail {
    /// The first link into the portal under `path`, as a path.
    pub fn link(&self, path: &str) -> String {
        let base = "http://127.0.0.1:8080";
        let start = self
            .text
            .find(&format!("{base}{path}"))
            .unwrap_or_else(|| panic!("no {path} link in {}", self.text));
        let link = self.text[start..].split_whitespace().next().unwrap();
        link.trim_start_matches(base).to_owned()
    }
}

impl Inbox {
    pub fn new() -> Inbox {
        let smtp = TestSmtp::start(Mode::Accept);
        let mailer = Mailer::new(&SmtpSettings {
            host: "127.0.0.1".to_owned(),
            port: smtp.port,
            from: "Portal <portal@makler.test>".to_owned(),
            timeout_secs: 5,
            ..SmtpSettings::default()
        })
        .unwrap();
        Inbox {
            smtp,
            mailer,
            seen: 0,
        }
    }

    /// Runs the outbox delivery and returns the mails that arrived since
    /// the last call.
    pub async fn deliver(&mut self, t: &TestApp) -> Vec<Mail> {
        let report = kp_app::outbox::deliver_due(&t.app, &self.mailer, 100)
            .await
            .unwrap();
        let all = self.smtp.received(self.seen + report.sent);
        let new: Vec<Mail> = all[self.seen..]
            .iter()
            .map(|r| {
                let parsed = MessageParser::default().parse(&r.data).unwrap();
                Mail {
                    to: r.to.join(","),
                    from: r.from.clone(),
                    subject: parsed.subject().unwrap_or_default().to_owned(),
                    text: parsed.body_text(0).unwrap_or_default().into_owned(),
                    html: parsed.body_html(0).unwrap_or_default().into_owned(),
                }
            })
            .collect();
        self.seen = all.len();
        new
    }
}
