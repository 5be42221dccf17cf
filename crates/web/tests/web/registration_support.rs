//! Mails of the registration and e-mail change tests: the outbox is
//! delivered to the real SMTP sink (`kp_testkit::smtp`) and the messages
//! are read back from what it received, links included.

use kp_mail::{Mailer, SmtpSettings};
use kp_testkit::smtp::{Mode, TestSmtp};
use mail_parser::MessageParser;

use crate::harness::{Client, Response, TestApp};

/// A mail as the recipient got it.
#[derive(Debug, Clone)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

impl Mail {
    /// The portal path of the first link starting with `prefix`.
    pub fn link(&self, prefix: &str) -> String {
        let marker = format!("http://127.0.0.1:8080{prefix}");
        let start = self
            .text
            .find(&marker)
            .unwrap_or_else(|| panic!("no link {prefix} in {}", self.text));
        let url = self.text[start..].split_whitespace().next().unwrap();
        url.trim_start_matches("http://127.0.0.1:8080").to_owned()
    }
}

/// The SMTP sink and how many of its mails the test has read.
pub struct Inbox {
    smtp: TestSmtp,
    mailer: Mailer,
    seen: usize,
}

impl Inbox {
    pub fn start() -> Inbox {
        let smtp = TestSmtp::start(Mode::Accept);
        let mailer = Mailer::new(&SmtpSettings {
            host: "127.0.0.1".to_owned(),
            port: smtp.port,
            from: "Kundenportal <portal@makler.test>".to_owned(),
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

    /// Delivers the outbox and returns the mails that arrived since the
    /// last call.
    pub async fn deliver(&mut self, app: &TestApp) -> Vec<Mail> {
        let report = kp_app::outbox::deliver_due(&app.app, &self.mailer, 50)
            .await
            .unwrap();
        assert_eq!(report.sent, report.claimed, "every mail delivered");
        let all = self.smtp.received(self.seen + report.sent);
        let new: Vec<Mail> = all[self.seen..]
            .iter()
            .map(|r| {
                let parsed = MessageParser::default().parse(&r.data).unwrap();
                Mail {
                    to: r.to.join(","),
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

/// Posts a form after reading the page's form token.
pub async fn post_form(
    client: &mut Client<'_>,
    page: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> Response {
    let csrf = client.get(page).await.hidden("_csrf");
    let mut form = vec![("_csrf", csrf.as_str())];
    form.extend_from_slice(fields);
    client.post(action, &form).await
}

/// Counts rows of a table, for "nothing was written".
pub async fn count(app: &TestApp, sql: &str) -> i64 {
    let (n,): (i64,) = app.db.fetch_one(kp_storage::Sql::new(sql)).await.unwrap();
    n
}
