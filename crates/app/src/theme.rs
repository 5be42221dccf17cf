//! The portal's theme (D6), chosen by a staff administrator for the whole
//! installation: stored as JSON in the global setting `theme`. Colours of
//! the corporate theme are checked for WCAG AA contrast here, so no stored
//! choice can make text unreadable.

mod colour;

pub use colour::{Rgb, contrast};
use kp_domain::Principal;
use kp_storage::settings::{self, SettingScope};
use serde::{Deserialize, Serialize};

use crate::{App, AppError, FieldError};

/// The settings key of the theme.
pub const SETTING_KEY: &str = "theme";

/// Minimum contrast of normal text (WCAG 2.1 AA, 1.4.3).
pub const MIN_TEXT_CONTRAST: f64 = 4.5;

/// The page background and the card surface of the light base the
/// corporate theme builds on; text colours must read on both.
pub const PAGE_BACKGROUND: Rgb = Rgb(0xf5, 0xf7, 0xf9);
pub const SURFACE: Rgb = Rgb(0xff, 0xff, 0xff);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum ThemeName {
    #[default]
    Light,
    Corporate,
    HighContrast,
    Custom,
}

impl ThemeName {
    pub const ALL: [ThemeName; 4] = [
        ThemeName::Light,
        ThemeName::Corporate,
        ThemeName::HighContrast,
        ThemeName::Custom,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ThemeName::Light => "light",
            ThemeName::Corporate => "corporate",
            ThemeName::HighContrast => "high-contrast",
            ThemeName::Custom => "custom",
        }
    }

    pub fn parse(code: &str) -> Option<ThemeName> {
        ThemeName::ALL.into_iter().find(|t| t.code() == code)
    }
}

/// The stored choice. The corporate colours are kept whatever theme is
/// chosen, so switching back does not lose them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeSetting {
    pub theme: ThemeName,
    pub primary: Rgb,
    pub accent: Rgb,
}

impl Default for ThemeSetting {
    fn default() -> Self {
        ThemeSetting {
            theme: ThemeName::Light,
            primary: Rgb(0x0b, 0x4f, 0x6c),
            accent: Rgb(0xe8, 0xf1, 0xf5),
        }
    }
}

/// The form as sent: colours as `#rrggbb` text.
#[derive(Debug, Clone, Default)]
pub struct ThemeInput {
    pub theme: String,
    pub primary: String,
    pub accent: String,
}

/// The theme in effect. A stored value that no longer parses (edited by
/// hand, older format) falls back to the default rather than failing pages.
pub async fn load(app: &App) -> Result<ThemeSetting, AppError> {
    let stored = settings::get(&app.db, SettingScope::Global, SETTING_KEY).await?;
    Ok(stored
        .and_then(|json| match serde_json::from_str(&json) {
            Ok(setting) => Some(setting),
            Err(err) => {
                tracing::warn!(error = %err, "stored theme unreadable; using the default");
                None
            }
        })
        .unwrap_or_default())
}

/// Checks and stores a theme choice; staff administrators only.
/// `custom_available`: whether the installation has a custom theme file,
/// without which `custom` cannot be chosen.
pub async fn save(
    app: &App,
    principal: &Principal,
    input: &ThemeInput,
    custom_available: bool,
) -> Result<ThemeSetting, AppError> {
    if !principal.is_admin() {
        return Err(AppError::Forbidden);
    }
    let setting = validate(input, custom_available).map_err(AppError::Validation)?;
    let json = serde_json::to_string(&setting).map_err(|e| AppError::Internal(e.to_string()))?;
    settings::put(
        &app.db,
        SettingScope::Global,
        SETTING_KEY,
        &json,
        app.clock.now(),
    )
    .await?;
    tracing::info!(theme = setting.theme.code(), by = %principal.name, "theme changed");
    Ok(setting)
}

/// The checks of [`save`], without storing.
pub fn validate(
    input: &ThemeInput,
    custom_available: bool,
) -> Result<ThemeSetting, Vec<FieldError>> {
    let mut errors = Vec::new();
    let theme = match ThemeName::parse(input.theme.trim()) {
        Some(ThemeName::Custom) if !custom_available => {
            errors.push(FieldError {
                field: "theme",
                key: "theme-error-no-custom",
            });
            None
        }
        Some(theme) => Some(theme),
        None => {
            errors.push(FieldError {
                field: "theme",
                key: "theme-error-unknown",
            });
            None
        }
    };
    let primary = colour_field(&input.primary, "primary", &mut errors);
    let accent = colour_field(&input.accent, "accent", &mut errors);
    // The primary colour is text (links, headings, outlined buttons) on
    // the page background and on cards, and the background of filled
    // buttons under white text; white is lighter than both backgrounds, so
    // passing against them covers the buttons too.
    if let Some(primary) = primary
        && text_contrast(primary) < MIN_TEXT_CONTRAST
    {
        errors.push(FieldError {
            field: "primary",
            key: "theme-error-primary-contrast",
        });
    }
    match (theme, primary, accent) {
        (Some(theme), Some(primary), Some(accent)) if errors.is_empty() => Ok(ThemeSetting {
            theme,
            primary,
            accent,
        }),
        _ => Err(errors),
    }
}

/// The contrast of a colour as text on the lighter of the two backgrounds
/// it appears on (the worse case).
pub fn text_contrast(colour: Rgb) -> f64 {
    contrast(colour, PAGE_BACKGROUND).min(contrast(colour, SURFACE))
}

fn colour_field(text: &str, field: &'static str, errors: &mut Vec<FieldError>) -> Option<Rgb> {
    let parsed = Rgb::parse(text.trim());
    if parsed.is_none() {
        errors.push(FieldError {
            field,
            key: "theme-error-colour",
        });
    }
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(theme: &str, primary: &str, accent: &str) -> ThemeInput {
        ThemeInput {
            theme: theme.into(),
            primary: primary.into(),
            accent: accent.into(),
        }
    }

    #[test]
    fn poor_contrast_and_bad_colours_are_refused() {
        assert!(validate(&input("corporate", "#0b4f6c", "#ffd700"), false).is_ok());
        let light = validate(&input("corporate", "#7fb3d5", "#ffffff"), false).unwrap_err();
        assert_eq!(light[0].key, "theme-error-primary-contrast");
        let bad = validate(&input("corporate", "blue", "#12345"), false).unwrap_err();
        assert_eq!(bad.len(), 2);
        let custom = validate(&input("custom", "#0b4f6c", "#ffffff"), false).unwrap_err();
        assert_eq!(custom[0].field, "theme");
        assert!(validate(&input("custom", "#0b4f6c", "#ffffff"), true).is_ok());
        assert!(validate(&input("dark", "#0b4f6c", "#ffffff"), true).is_err());
    }
}
