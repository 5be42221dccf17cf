//! `/account` ("My account"), for every signed-in user acting for
//! themselves: language, password change, active sessions with "sign out",
//! the sign-in history and (portal users) the accepted terms and privacy
//! notice. The two-factor section (issue 8) has its own partial,
//! `partials/account_two_factor.html`. A staff member viewing the portal
//! as a customer gets 403: the customer's account is not theirs.

mod password;
mod sessions;

use axum::Form;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::http::header::SET_COOKIE;
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use kp_app::account::{self, Overview};
use kp_app::device::Device;
use kp_domain::Language;
use serde::{Deserialize, Serialize};

use crate::context::PageCtx;
use crate::cookies;
use crate::error::{WebError, WebResult};
use crate::form::FormErrors;
use crate::routes::Routes;

pub const PATH: &str = "/account";
const TEMPLATE: &str = "pages/account.html";
const TITLE: &str = "account-title";

pub fn routes() -> Routes {
    Routes::new()
        .get(PATH, show)
        .post("/account/language", language)
        .merge(password::routes())
        .merge(sessions::routes())
}

#[derive(Serialize)]
struct SessionRow {
    id: i64,
    device: String,
    ip: String,
    created: String,
    last_seen: String,
    current: bool,
}

#[derive(Serialize)]
struct SignInRow {
    at: String,
    ip: String,
    device: String,
    succeeded: bool,
}

/// A staff member's "view as user" of this account.
#[derive(Serialize)]
struct StaffViewRow {
    staff: Option<String>,
    started: String,
    ended: Option<String>,
}

#[derive(Serialize)]
struct ConsentRow {
    kind: String,
    version: String,
    accepted: String,
}

#[derive(Serialize, Default)]
pub(crate) struct View {
    sessions: Vec<SessionRow>,
    sign_ins: Vec<SignInRow>,
    consents: Vec<ConsentRow>,
    staff_views: Vec<StaffViewRow>,
    is_portal: bool,
    min_length: usize,
    /// A message after a change (`?done=`), as a translation key.
    done: Option<&'static str>,
    errors: FormErrors,
}

#[derive(Deserialize)]
struct ShowQuery {
    done: Option<String>,
}

/// The messages `?done=` may name; anything else shows none.
const DONE: &[(&str, &str)] = &[
    ("language", "account-language-saved"),
    ("password", "account-password-changed"),
    ("session", "account-session-ended"),
    ("others", "account-others-ended"),
];

async fn show(ctx: PageCtx, Query(q): Query<ShowQuery>) -> WebResult {
    let done = q
        .done
        .as_deref()
        .and_then(|d| DONE.iter().find(|(k, _)| *k == d).map(|(_, v)| *v));
    render(&ctx, StatusCode::OK, done, FormErrors::default()).await
}

/// The page with `errors` at their fields (422 when there are any).
pub(crate) async fn render(
    ctx: &PageCtx,
    status: StatusCode,
    done: Option<&'static str>,
    errors: FormErrors,
) -> WebResult {
    let principal = ctx.require_user()?;
    let session = ctx.session.as_ref().ok_or(WebError::NotFound)?;
    let app = &ctx.state.app;
    let overview = account::overview(app, session).await?;
    let mut view = view(ctx, overview, principal.is_staff(), done, errors).await?;
    let lang = ctx.language;
    view.staff_views = kp_app::view_as::history(app, principal)
        .await?
        .into_iter()
        .map(|v| StaffViewRow {
            staff: v.staff_name,
            started: when(lang, v.started_at),
            ended: v.ended_at.map(|at| when(lang, at)),
        })
        .collect();
    let html = ctx.render(TEMPLATE, TITLE, view)?;
    Ok((status, Html(html)).into_response())
}

async fn view(
    ctx: &PageCtx,
    overview: Overview,
    is_staff: bool,
    done: Option<&'static str>,
    errors: FormErrors,
) -> Result<View, WebError> {
    let lang = ctx.language;
    let device = |d: Device| describe(lang, d);
    Ok(View {
        sessions: overview
            .sessions
            .into_iter()
            .map(|s| SessionRow {
                id: s.id,
                device: device(s.device),
                ip: s.ip,
                created: when(lang, s.created_at),
                last_seen: when(lang, s.last_seen_at),
                current: s.current,
            })
            .collect(),
        sign_ins: overview
            .sign_ins
            .into_iter()
            .map(|s| SignInRow {
                at: when(lang, s.at),
                ip: s.ip,
                device: device(s.device),
                succeeded: s.succeeded,
            })
            .collect(),
        consents: overview
            .consents
            .into_iter()
            .map(|c| ConsentRow {
                kind: format!("legal-{}", c.document_kind),
                version: c.version,
                accepted: when(lang, c.accepted_at),
            })
            .collect(),
        staff_views: Vec::new(),
        is_portal: !is_staff,
        min_length: kp_app::passwords::min_length(&ctx.state.app).await?,
        done,
        errors,
    })
}

/// "Firefox on Windows", in the page's language.
pub(crate) fn describe(lang: Language, d: Device) -> String {
    let unknown = || crate::i18n::text(lang, "account-device-unknown");
    match (d.browser, d.os) {
        (Some(b), Some(os)) => crate::i18n::text_with(
            lang,
            "account-device",
            &[("browser", b.into()), ("os", os.into())],
        ),
        (Some(one), None) | (None, Some(one)) => one.to_owned(),
        (None, None) => unknown(),
    }
}

/// Date and time in UTC, as the page's language writes dates.
pub(crate) fn when(lang: Language, at: DateTime<Utc>) -> String {
    let date = crate::format::date(lang, &at.date_naive().to_string());
    format!("{date} {} UTC", at.format("%H:%M"))
}

#[derive(Deserialize)]
struct LanguageForm {
    #[serde(default)]
    lang: String,
    #[serde(default, rename = "_csrf")]
    csrf: String,
}

async fn language(ctx: PageCtx, Form(form): Form<LanguageForm>) -> WebResult {
    ctx.require_user()?;
    ctx.check_csrf(&form.csrf)?;
    let session = ctx.session.as_ref().ok_or(WebError::NotFound)?;
    let Some(language) = Language::parse(&form.lang) else {
        let errors = FormErrors::from(vec![kp_app::FieldError {
            field: "lang",
            key: "account-language-invalid",
        }]);
        return render(&ctx, StatusCode::UNPROCESSABLE_ENTITY, None, errors).await;
    };
    account::set_language(&ctx.state.app, session, language).await?;
    let mut response: Response = Redirect::to(&format!("{PATH}?done=language")).into_response();
    let cookie = cookies::set(
        cookies::LANGUAGE,
        language.code(),
        false,
        ctx.state.config.secure_cookies,
        Some(31_536_000),
    );
    if let Ok(v) = cookie.parse() {
        response.headers_mut().append(SET_COOKIE, v);
    }
    Ok(response)
}
