//! The theme in effect (D6), kept in memory so that a page costs no
//! database read for it: the stored choice is re-read at most every
//! [`REFRESH`] (other instances see a change within that time) and at once
//! on this instance when an administrator saves. The custom theme file
//! `<data-dir>/theme/theme.css` is checked on the same schedule, so a new
//! file takes effect without a restart.
//!
//! Light and high contrast are embedded stylesheets; corporate and custom
//! are served by `/theme/<name>-<hash>.css`, the hash making them
//! cacheable for a year.

use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant, SystemTime};

use kp_app::App;
use kp_app::theme::{Rgb, ThemeName, ThemeSetting};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// How long a loaded theme is used before it is read again.
pub const REFRESH: Duration = Duration::from_secs(10);

/// A custom theme file larger than this is ignored: it is a set of
/// variables and a few rules, not a second stylesheet of the whole site.
const MAX_CUSTOM_BYTES: u64 = 256 * 1024;

/// A generated or read stylesheet under its hashed file name.
#[derive(Debug, Clone)]
pub struct Stylesheet {
    pub file: String,
    pub css: Arc<str>,
}

impl Stylesheet {
    fn new(stem: &str, css: String) -> Stylesheet {
        let hash = hex::encode(&Sha256::digest(css.as_bytes())[..6]);
        Stylesheet {
            file: format!("{stem}-{hash}.css"),
            css: css.into(),
        }
    }
}

#[derive(Debug, Clone)]
struct CustomFile {
    sheet: Stylesheet,
    modified: Option<SystemTime>,
    len: u64,
}

#[derive(Debug)]
pub struct Effective {
    pub setting: ThemeSetting,
    pub corporate: Stylesheet,
    custom: Option<CustomFile>,
    loaded_at: Option<Instant>,
}

impl Effective {
    fn new(setting: ThemeSetting, custom: Option<CustomFile>, loaded_at: Option<Instant>) -> Self {
        Effective {
            corporate: Stylesheet::new("corporate", corporate_css(setting.primary, setting.accent)),
            setting,
            custom,
            loaded_at,
        }
    }

    pub fn custom_available(&self) -> bool {
        self.custom.is_some()
    }

    /// The stylesheet served under `file`, if it is a current one.
    pub fn stylesheet(&self, file: &str) -> Option<&Stylesheet> {
        std::iter::once(&self.corporate)
            .chain(self.custom.as_ref().map(|c| &c.sheet))
            .find(|s| s.file == file)
    }

    /// What the layout needs to show `theme` (the chosen one by default):
    /// a custom theme without its file is shown as light.
    pub fn view(&self, theme: Option<ThemeName>) -> ThemeView {
        let name = theme.unwrap_or(self.setting.theme);
        let (name, stylesheet) = match name {
            ThemeName::Corporate => (name, Some(&self.corporate)),
            ThemeName::Custom => match &self.custom {
                Some(c) => (name, Some(&c.sheet)),
                None => (ThemeName::Light, None),
            },
            other => (other, None),
        };
        ThemeView {
            name: name.code(),
            stylesheet: stylesheet.map(|s| format!("/theme/{}", s.file)),
        }
    }
}

/// The layout's part: `<html data-theme>` and the extra stylesheet.
#[derive(Debug, Clone, Serialize)]
pub struct ThemeView {
    pub name: &'static str,
    pub stylesheet: Option<String>,
}

pub struct Themes {
    custom_path: Option<PathBuf>,
    current: RwLock<Arc<Effective>>,
    reloading: tokio::sync::Mutex<()>,
}

impl Themes {
    /// `dir`: the folder of the custom theme (`<data-dir>/theme`).
    pub fn new(dir: Option<PathBuf>) -> Themes {
        Themes {
            custom_path: dir.map(|d| d.join("theme.css")),
            current: RwLock::new(Arc::new(Effective::new(
                ThemeSetting::default(),
                None,
                None,
            ))),
            reloading: tokio::sync::Mutex::new(()),
        }
    }

    /// The last loaded theme, without waiting (error pages).
    pub fn snapshot(&self) -> Arc<Effective> {
        match self.current.read() {
            Ok(guard) => guard.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// The theme in effect, re-read when older than [`REFRESH`]. While one
    /// request re-reads, the others keep using the previous value.
    pub async fn current(&self, app: &App) -> Arc<Effective> {
        let snapshot = self.snapshot();
        if snapshot.loaded_at.is_some_and(|t| t.elapsed() < REFRESH) {
            return snapshot;
        }
        match self.reloading.try_lock() {
            Ok(_guard) => self.reload(app).await,
            Err(_) => snapshot,
        }
    }

    /// Reads the stored choice and the custom file now (after a save, or
    /// when a stylesheet of another instance's newer theme is asked for).
    pub async fn reload(&self, app: &App) -> Arc<Effective> {
        let previous = self.snapshot();
        let setting = match kp_app::theme::load(app).await {
            Ok(setting) => setting,
            Err(err) => {
                // Keep the last known theme; a page must not fail for it.
                tracing::warn!(error = %err, "theme setting unreadable");
                previous.setting.clone()
            }
        };
        let custom = self.read_custom(previous.custom.as_ref()).await;
        let next = Arc::new(Effective::new(setting, custom, Some(Instant::now())));
        match self.current.write() {
            Ok(mut guard) => *guard = next.clone(),
            Err(poisoned) => *poisoned.into_inner() = next.clone(),
        }
        next
    }

    async fn read_custom(&self, previous: Option<&CustomFile>) -> Option<CustomFile> {
        let path = self.custom_path.as_ref()?;
        let meta = tokio::fs::metadata(path).await.ok()?;
        if !meta.is_file() {
            return None;
        }
        let modified = meta.modified().ok();
        if let Some(p) = previous
            && p.modified == modified
            && p.len == meta.len()
        {
            return Some(p.clone());
        }
        if meta.len() > MAX_CUSTOM_BYTES {
            tracing::warn!(path = %path.display(), "custom theme file too large; ignored");
            return None;
        }
        match tokio::fs::read_to_string(path).await {
            Ok(css) => Some(CustomFile {
                sheet: Stylesheet::new("custom", css),
                modified,
                len: meta.len(),
            }),
            Err(err) => {
                tracing::warn!(path = %path.display(), error = %err, "custom theme unreadable");
                None
            }
        }
    }
}

/// The corporate theme: the light look with the broker's colours. The
/// colours were checked when saved (`kp_app::theme::validate`); the text
/// on the accent is black or white, whichever reads better.
fn corporate_css(primary: Rgb, accent: Rgb) -> String {
    format!(
        "/* Corporate theme, generated from the colours in the theme settings. */\n\
         :root[data-theme=\"corporate\"] {{\n  \
         --color-primary: {primary};\n  \
         --color-primary-dark: {primary_dark};\n  \
         --color-accent: {accent};\n  \
         --color-on-accent: {on_accent};\n\
         }}\n\
         [data-theme=\"corporate\"] h1 {{ color: var(--color-primary-dark); }}\n\
         [data-theme=\"corporate\"] .site-header {{ background: var(--color-accent); color: var(--color-on-accent); }}\n\
         [data-theme=\"corporate\"] .site-header .brand,\n\
         [data-theme=\"corporate\"] .site-header .user-name,\n\
         [data-theme=\"corporate\"] .main-nav a:not([aria-current=\"page\"]) {{ color: var(--color-on-accent); }}\n",
        primary = primary.hex(),
        primary_dark = primary.darken(0.25).hex(),
        accent = accent.hex(),
        on_accent = accent.text_on().hex(),
    )
}

/// The query parameter with which an administrator looks at any page in
/// another theme before choosing it.
pub const PREVIEW_PARAM: &str = "preview-theme";

/// The theme named by [`PREVIEW_PARAM`] in a query string.
pub fn preview_of(query: Option<&str>) -> Option<ThemeName> {
    query?
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(name, _)| *name == PREVIEW_PARAM)
        .and_then(|(_, value)| ThemeName::parse(value))
}
