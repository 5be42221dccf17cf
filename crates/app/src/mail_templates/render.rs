//! Rendering a kind's texts with minijinja: the HTML body is auto-escaped
//! (its template name ends in `.html`) and put into the frame; subject and
//! text body are plain. Unknown variables are errors, so a typo in a
//! broker's template is refused when it is saved rather than mailed.

use chrono::{DateTime, Utc};
use kp_domain::Language;
use minijinja::{Environment, UndefinedBehavior, Value, context};

use super::{Look, MailVars, Texts};

const FRAME: &str = include_str!("../../mail/frame.html");

/// Longest subject kept; a longer rendered one is cut.
pub const MAX_SUBJECT_CHARS: usize = 200;

/// A rendered mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    /// The whole HTML document, frame included.
    pub html: String,
    pub text: String,
}

/// Which template failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Subject,
    Html,
    Text,
}

impl Part {
    /// The form field of the part.
    pub fn field(self) -> &'static str {
        match self {
            Part::Subject => "subject",
            Part::Html => "html",
            Part::Text => "text",
        }
    }
}

/// A template that does not render, with minijinja's message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}: {message}", part.field())]
pub struct RenderError {
    pub part: Part,
    pub message: String,
}

/// The link expiry as the mail's language writes a date and time (UTC,
/// said so, since the recipient's zone is not known).
pub fn format_expiry(language: Language, at: DateTime<Utc>) -> String {
    let pattern = match language {
        Language::De => "%d.%m.%Y, %H:%M UTC",
        Language::En => "%d/%m/%Y, %H:%M UTC",
        Language::Fr => "%d/%m/%Y %H:%M UTC",
        Language::Es => "%d/%m/%Y, %H:%M UTC",
    };
    at.format(pattern).to_string()
}

/// Renders subject, HTML (in the frame) and text of one mail.
pub fn render(
    language: Language,
    texts: Texts<'_>,
    look: &Look,
    vars: &MailVars,
) -> Result<Rendered, RenderError> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    let add = |env: &mut Environment<'_>, name: &'static str, source: &str, part: Part| {
        env.add_template_owned(name, source.to_owned())
            .map_err(|e| error(part, &e))
    };
    add(&mut env, "subject.txt", texts.subject, Part::Subject)?;
    add(&mut env, "body.html", texts.html, Part::Html)?;
    add(&mut env, "body.txt", texts.text, Part::Text)?;
    add(&mut env, "frame.html", FRAME, Part::Html)?;
    let ctx = context! {
        name => vars.name.clone(),
        link => vars.link.clone().unwrap_or_default(),
        expires => vars.expires_at.map(|at| format_expiry(language, at)).unwrap_or_default(),
        reason => vars.reason.clone().unwrap_or_default(),
        extra_text => vars.extra_text.clone().unwrap_or_default(),
        intro_text => vars.intro_text.clone().unwrap_or_default(),
        reference => vars.reference.clone().unwrap_or_default(),
        tenant => look.tenant_name.clone(),
        colour => vars.colour.clone().unwrap_or_else(|| look.colour.clone()),
        portal_url => look.portal_url.clone(),
    };
    let run = |env: &Environment<'_>, name: &str, part: Part, ctx: Value| {
        env.get_template(name)
            .and_then(|t| t.render(ctx))
            .map_err(|e| error(part, &e))
    };
    let subject = run(&env, "subject.txt", Part::Subject, ctx.clone())?;
    let subject: String = subject
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(MAX_SUBJECT_CHARS)
        .collect();
    let content = run(&env, "body.html", Part::Html, ctx.clone())?;
    let text = run(&env, "body.txt", Part::Text, ctx.clone())?;
    let html = run(
        &env,
        "frame.html",
        Part::Html,
        context! {
            content => Value::from_safe_string(content),
            subject => subject.clone(),
            lang => language.code(),
            logo_url => look.logo_url.clone(),
            ..ctx
        },
    )?;
    Ok(Rendered {
        subject,
        html,
        text: text.trim_end().to_owned() + "\n",
    })
}

/// minijinja's message with its cause chain, without the template's
/// internal name.
fn error(part: Part, err: &minijinja::Error) -> RenderError {
    let mut message = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    for internal in ["subject.txt", "body.html", "body.txt"] {
        message = message.replace(&format!(" (in {internal}:"), " (line ");
    }
    RenderError { part, message }
}
