//! What every page handler starts from: the user's language, their session
//! (if any), the request id and the form token.

use axum::extract::FromRequestParts;
use axum::http::header::ACCEPT_LANGUAGE;
use axum::http::request::Parts;
use kp_app::auth::{self, Lookup, Pending, Session};
use kp_app::view_as::{self, ActiveView, Resolved, ViewRequest};
use kp_domain::{Language, Principal};
use minijinja::Value;
use minijinja::value::Serde;
use serde::Serialize;

use crate::cookies;
use crate::error::WebError;
use crate::middleware::client_addr::ClientAddr;
use crate::middleware::request_id::RequestId;
use crate::nav;
use crate::permissions::PermissionsView;
use crate::state::AppState;

/// The form token for visitors without a session; the `anon_csrf`
/// middleware makes sure one exists.
#[derive(Debug, Clone)]
pub struct AnonToken(pub String);

pub struct PageCtx {
    pub state: AppState,
    pub language: Language,
    pub session: Option<Session>,
    /// A half-signed-in session (password right, second factor due): only
    /// the second-factor pages use it; for every other page the visitor is
    /// not signed in (`require_user` sends them back to that step).
    pub pending: Option<Pending>,
    /// The raw session token from the cookie, for logout. During a "view
    /// as user" it is the staff member's own session's.
    pub session_token: Option<String>,
    /// A live "view as user": `session` is then the view's (the user's
    /// principal, marked `impersonated_by`).
    pub view: Option<ActiveView>,
    pub request_id: String,
    pub path: String,
    /// The theme the page is shown in.
    pub theme: crate::theme::ThemeView,
    /// The staff member's tasks not done, for the menu.
    pub open_tasks: Option<i64>,
    anon_token: String,
}

impl PageCtx {
    pub fn principal(&self) -> Option<&Principal> {
        self.session.as_ref().map(|s| &s.principal)
    }

    /// The signed-in principal, or a redirect to the login page.
    pub fn require_user(&self) -> Result<&Principal, WebError> {
        if let Some(pending) = &self.pending {
            return Err(WebError::SecondFactorDue {
                enrol: pending.stage == auth::Stage::Enrol,
            });
        }
        self.principal().ok_or_else(|| WebError::LoginRequired {
            next: self.path.clone(),
        })
    }

    /// The token forms must echo: the session's, or before login the
    /// double-submit cookie's.
    pub fn csrf_token(&self) -> &str {
        match (&self.session, &self.pending) {
            (Some(s), _) => &s.csrf_token,
            (None, Some(p)) => &p.csrf_token,
            (None, None) => &self.anon_token,
        }
    }

    pub fn check_csrf(&self, submitted: &str) -> Result<(), WebError> {
        let expected = self.csrf_token();
        if !expected.is_empty() && constant_time_eq(expected.as_bytes(), submitted.as_bytes()) {
            Ok(())
        } else {
            Err(WebError::Csrf)
        }
    }

    /// Like [`PageCtx::check_csrf`], but also accepts the pre-login token:
    /// error pages, rendered without a session lookup, carry only that one.
    /// Used for the language switch, whose worst abuse is a changed language.
    pub fn check_csrf_or_anon(&self, submitted: &str) -> Result<(), WebError> {
        let anon = !self.anon_token.is_empty()
            && constant_time_eq(self.anon_token.as_bytes(), submitted.as_bytes());
        if anon {
            Ok(())
        } else {
            self.check_csrf(submitted)
        }
    }

    /// The template context every page shares, merged with the page's own.
    pub fn page<T: Serialize>(&self, title_key: &str, page: T) -> Value {
        let user = self.principal().map(|p| UserView {
            name: p.name.clone(),
            email: p.email.clone(),
            is_staff: p.is_staff(),
            impersonated: p.impersonated_by.is_some(),
        });
        let base = Base {
            lang: self.language.code(),
            languages: Language::ALL.iter().map(|l| l.code()).collect(),
            title_key: title_key.to_owned(),
            csrf: self.csrf_token().to_owned(),
            request_id: self.request_id.clone(),
            path: self.path.clone(),
            broker_name: self.state.config.broker_name.clone(),
            nav: nav::items(self.principal(), &self.path, self.open_tasks),
            theme: self.theme.clone(),
            permissions: PermissionsView::of(self.principal()),
            view_as: self.view.as_ref().map(|v| ViewAsBanner {
                user_name: v.session.principal.name.clone(),
                staff_name: v.staff_name.clone(),
                ends_at: v.ends_at.format("%H:%M").to_string(),
            }),
            user,
        };
        minijinja::context! { ..Value::from(Serde(&page)), ..Value::from(Serde(&base)) }
    }

    /// A download's file name: the translated name of what it holds and
    /// today's date, in ASCII (`vertraege-2026-11-29.csv`), so that it
    /// needs no encoding in `Content-Disposition`.
    pub fn download_name(&self, what: &str, extension: &str) -> String {
        let stem: String = crate::i18n::text(self.language, &format!("file-{what}"))
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        let today = self.state.app.clock.now().date_naive();
        format!("{stem}-{today}.{extension}")
    }

    pub fn render<T: Serialize>(
        &self,
        template: &str,
        title_key: &str,
        page: T,
    ) -> Result<String, WebError> {
        Ok(self
            .state
            .templates
            .render(template, self.page(title_key, page))?)
    }
}

#[derive(Serialize)]
struct UserView {
    name: String,
    email: String,
    is_staff: bool,
    impersonated: bool,
}

/// The banner on every page of a "view as user".
#[derive(Serialize)]
struct ViewAsBanner {
    user_name: String,
    staff_name: String,
    /// The server-enforced end, `HH:MM` (UTC).
    ends_at: String,
}

#[derive(Serialize)]
struct Base {
    lang: &'static str,
    languages: Vec<&'static str>,
    title_key: String,
    csrf: String,
    request_id: String,
    path: String,
    broker_name: String,
    nav: Vec<nav::NavItem>,
    theme: crate::theme::ThemeView,
    permissions: PermissionsView,
    view_as: Option<ViewAsBanner>,
    user: Option<UserView>,
}

/// What a portal user may still open while the consent gate holds them:
/// the consent page, the documents to accept, signing out and the language.
fn consent_exempt(path: &str) -> bool {
    matches!(path, crate::pages::consent::PATH | "/logout" | "/language")
        || path.starts_with("/legal/")
}

/// What a "view as user" may do: read what the user sees, end the view,
/// sign out and switch the language. Everything else that would change
/// something in the user's name (a POST anywhere), and the user's own
/// account pages (password, e-mail, second factors, sessions, consents),
/// are refused with 403 and their own message.
fn view_allows(method: &axum::http::Method, path: &str) -> bool {
    if matches!(
        path,
        crate::pages::view_as::END_PATH | "/logout" | "/language"
    ) {
        return true;
    }
    if path == crate::pages::account::PATH || path.starts_with("/account/") {
        return false;
    }
    method == axum::http::Method::GET || method == axum::http::Method::HEAD
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The language of a request before any session is looked up: the
/// language cookie, then the browser's preference.
pub fn request_language(parts_headers: &axum::http::HeaderMap) -> Language {
    cookies::get(parts_headers, cookies::LANGUAGE)
        .and_then(|c| Language::parse(&c))
        .or_else(|| {
            parts_headers
                .get(ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Language::negotiate)
        })
        .unwrap_or_default()
}

impl FromRequestParts<AppState> for PageCtx {
    type Rejection = WebError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let session_token = cookies::get(
            &parts.headers,
            cookies::session(state.config.secure_cookies),
        );
        let view = view_of(parts, state, session_token.as_deref()).await?;
        let (session, pending) = match (&view, &session_token) {
            (Some(v), _) => (Some(v.session.clone()), None),
            (None, Some(token)) => match auth::lookup(&state.app, token).await? {
                Some(Lookup::Full(s)) => (Some(s), None),
                Some(Lookup::Pending(p)) => (None, Some(p)),
                None => (None, None),
            },
            (None, None) => (None, None),
        };
        if view.is_some() && !view_allows(&parts.method, parts.uri.path()) {
            return Err(WebError::ViewReadOnly);
        }
        if let Some(s) = &session
            && s.consent_check
            && !consent_exempt(parts.uri.path())
            && kp_app::consent::blocks(&state.app, s).await?
        {
            return Err(WebError::ConsentRequired);
        }
        let cookie_language =
            cookies::get(&parts.headers, cookies::LANGUAGE).and_then(|c| Language::parse(&c));
        let language = match (&session, &pending) {
            (Some(s), _) => s.language,
            (None, Some(p)) => p.language,
            (None, None) => cookie_language.unwrap_or_else(|| request_language(&parts.headers)),
        };
        let request_id = parts
            .extensions
            .get::<RequestId>()
            .map(|r| r.0.clone())
            .unwrap_or_default();
        let anon_token = parts
            .extensions
            .get::<AnonToken>()
            .map(|t| t.0.clone())
            .unwrap_or_default();
        let theme = state.themes.current(&state.app).await;
        let preview = session
            .as_ref()
            .filter(|s| s.principal.is_admin())
            .and_then(|_| crate::theme::preview_of(parts.uri.query()));
        let theme = theme.view(preview);
        let open_tasks = match &session {
            Some(s) => kp_app::task_inbox::open_count(&state.app, &s.principal).await?,
            None => None,
        };
        Ok(PageCtx {
            state: state.clone(),
            language,
            session,
            pending,
            session_token,
            view,
            request_id,
            path: parts.uri.path().to_owned(),
            theme,
            open_tasks,
            anon_token,
        })
    }
}

/// The live "view as user" of the request's view cookie, if any; a view
/// that is over sends the browser back to the staff session.
async fn view_of(
    parts: &Parts,
    state: &AppState,
    staff_token: Option<&str>,
) -> Result<Option<ActiveView>, WebError> {
    let secure = state.config.secure_cookies;
    let Some(token) = cookies::get(&parts.headers, cookies::view(secure)) else {
        return Ok(None);
    };
    let client = parts
        .extensions
        .get::<ClientAddr>()
        .copied()
        .unwrap_or(ClientAddr::UNKNOWN)
        .0;
    let request = ViewRequest {
        method: parts.method.as_str(),
        path: parts.uri.path(),
        client,
    };
    match view_as::resolve(&state.app, &token, staff_token, &request).await? {
        Resolved::Active(view) => Ok(Some(view)),
        Resolved::Ended { user } => Err(WebError::ViewEnded {
            target: match user {
                Some(user) => format!("/staff/users/{}?done=view-expired", user.0),
                None => "/".to_owned(),
            },
            clear_cookie: cookies::clear(cookies::view(secure), secure),
        }),
    }
}
