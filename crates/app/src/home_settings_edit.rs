//! Changes an administrator makes to the home page settings, validated
//! here; an invalid form changes nothing.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use kp_domain::{Language, Principal};

use crate::home_settings::{self, HomeView, StartMessage, check_text};
use crate::{App, AppError, FieldError};

/// Longest accepted video address.
const MAX_URL: usize = 2000;

/// The main settings form.
#[derive(Debug, Clone, Default)]
pub struct GeneralInput {
    pub view: String,
    pub show_welcome: bool,
    /// Language code → text.
    pub welcome: BTreeMap<String, String>,
    pub show_logo: bool,
    pub video_enabled: bool,
    pub video_url: String,
}

fn texts(
    input: &BTreeMap<String, String>,
    field_prefix: &[&'static str; 4],
    errors: &mut Vec<FieldError>,
) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (language, field) in Language::ALL.iter().zip(field_prefix) {
        let text = input
            .get(language.code())
            .map(|t| t.trim())
            .unwrap_or_default();
        check_text(text, field, errors);
        if !text.is_empty() {
            out.insert(language.code().to_owned(), text.to_owned());
        }
    }
    out
}

/// An https address without spaces, or nothing.
fn video_url(text: &str, errors: &mut Vec<FieldError>) -> Option<String> {
    let url = text.trim();
    if url.is_empty() {
        return None;
    }
    let host = url.strip_prefix("https://").unwrap_or_default();
    if url.len() > MAX_URL
        || host.is_empty()
        || host.starts_with('/')
        || url.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        errors.push(FieldError {
            field: "video_url",
            key: "home-settings-video-url-invalid",
        });
        return None;
    }
    Some(url.to_owned())
}

pub async fn update_general(
    app: &App,
    principal: &Principal,
    input: &GeneralInput,
) -> Result<(), AppError> {
    let mut value = home_settings::for_editing(app, principal).await?;
    let mut errors = Vec::new();
    let view = HomeView::parse(&input.view);
    if view.is_none() {
        errors.push(FieldError {
            field: "view",
            key: "home-settings-view-invalid",
        });
    }
    let welcome = texts(
        &input.welcome,
        &["welcome_de", "welcome_en", "welcome_fr", "welcome_es"],
        &mut errors,
    );
    let url = video_url(&input.video_url, &mut errors);
    if input.video_enabled && url.is_none() && value.video.file.is_none() && errors.is_empty() {
        errors.push(FieldError {
            field: "video_url",
            key: "home-settings-video-missing",
        });
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    value.view = view.unwrap_or_default();
    value.show_welcome = input.show_welcome;
    value.welcome = welcome;
    value.show_logo = input.show_logo;
    value.video.enabled = input.video_enabled;
    value.video.url = url;
    home_settings::save(app, principal, &value).await
}

fn date(text: &str, field: &'static str, errors: &mut Vec<FieldError>) -> Option<NaiveDate> {
    let parsed = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok();
    if parsed.is_none() {
        errors.push(FieldError {
            field,
            key: "home-settings-date-invalid",
        });
    }
    parsed
}

/// Adds a start message: at least one text, a valid period.
pub async fn add_message(
    app: &App,
    principal: &Principal,
    input: &BTreeMap<String, String>,
    valid_from: &str,
    valid_until: &str,
) -> Result<(), AppError> {
    let mut value = home_settings::for_editing(app, principal).await?;
    let mut errors = Vec::new();
    let texts = texts(
        input,
        &["message_de", "message_en", "message_fr", "message_es"],
        &mut errors,
    );
    if texts.is_empty() {
        errors.push(FieldError {
            field: "message_de",
            key: "home-settings-message-missing",
        });
    }
    let from = date(valid_from, "valid_from", &mut errors);
    let until = date(valid_until, "valid_until", &mut errors);
    if let (Some(from), Some(until)) = (from, until)
        && until < from
    {
        errors.push(FieldError {
            field: "valid_until",
            key: "home-settings-period-invalid",
        });
    }
    let (Some(valid_from), Some(valid_until), true) = (from, until, errors.is_empty()) else {
        return Err(AppError::Validation(errors));
    };
    let id = value.messages.iter().map(|m| m.id).max().unwrap_or(0) + 1;
    value.messages.push(StartMessage {
        id,
        texts,
        valid_from,
        valid_until,
    });
    home_settings::save(app, principal, &value).await
}

/// Removes a start message; an unknown id is a 404.
pub async fn remove_message(app: &App, principal: &Principal, id: u32) -> Result<(), AppError> {
    let mut value = home_settings::for_editing(app, principal).await?;
    let before = value.messages.len();
    value.messages.retain(|m| m.id != id);
    if value.messages.len() == before {
        return Err(AppError::NotFound);
    }
    home_settings::save(app, principal, &value).await
}

/// Removes the logo (the blob stays: content-addressed blobs may be shared).
pub async fn remove_logo(app: &App, principal: &Principal) -> Result<(), AppError> {
    let mut value = home_settings::for_editing(app, principal).await?;
    value.logo = None;
    value.show_logo = false;
    home_settings::save(app, principal, &value).await
}

/// Removes the uploaded video file (an address stays).
pub async fn remove_video_file(app: &App, principal: &Principal) -> Result<(), AppError> {
    let mut value = home_settings::for_editing(app, principal).await?;
    value.video.file = None;
    if value.video.url.is_none() {
        value.video.enabled = false;
    }
    home_settings::save(app, principal, &value).await
}
