//! `/settings/api-tokens`: the back office's API tokens. Listed with their
//! tenant, scopes, expiry, last use and state; a new token is shown once,
//! on the page that answers the form (never in a URL); revoking names the
//! token by id, which the use case checks against the administrator's
//! tenants.

use axum::Form;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect};
use chrono::{DateTime, Utc};
use kp_app::AppError;
use kp_app::api_token_admin::{self, NewToken};
use kp_domain::api_scopes;
use serde::{Deserialize, Serialize};

use super::require_admin;
use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::form::FormErrors;
use crate::routes::Routes;

const PATH: &str = "/settings/api-tokens";

pub fn routes() -> Routes {
    Routes::new()
        .get(PATH, show)
        .post(PATH, create)
        .post("/settings/api-tokens/revoke", revoke)
}

#[derive(Serialize)]
struct TokenView {
    id: i64,
    tenant: String,
    name: String,
    scopes: String,
    created_at: String,
    expires_at: String,
    last_used_at: String,
    /// `active`, `expired` or `revoked`.
    state: &'static str,
}

#[derive(Serialize)]
struct ScopeChoice {
    value: String,
    checked: bool,
}

#[derive(Serialize, Default)]
struct View {
    tokens: Vec<TokenView>,
    tenants: Vec<String>,
    scopes: Vec<ScopeChoice>,
    tenant: String,
    name: String,
    days: String,
    errors: FormErrors,
    /// The token just made: shown this once.
    created: Option<String>,
    revoked: bool,
}

fn day(at: Option<DateTime<Utc>>) -> String {
    at.map(|t| t.date_naive().to_string()).unwrap_or_default()
}

async fn view(ctx: &PageCtx, input: &NewToken) -> Result<View, WebError> {
    let principal = require_admin(ctx)?;
    let overview = api_token_admin::overview(&ctx.state.app, principal).await?;
    let now = ctx.state.app.clock.now();
    Ok(View {
        tokens: overview
            .tokens
            .into_iter()
            .map(|t| TokenView {
                state: if t.revoked_at.is_some() {
                    "revoked"
                } else if t.expires_at.is_some_and(|e| e <= now) {
                    "expired"
                } else {
                    "active"
                },
                id: t.id,
                tenant: t.tenant_key,
                name: t.name,
                scopes: t.scopes,
                created_at: day(Some(t.created_at)),
                expires_at: day(t.expires_at),
                last_used_at: day(t.last_used_at),
            })
            .collect(),
        tenants: overview.tenants.into_iter().map(|t| t.key).collect(),
        scopes: api_scopes::all()
            .into_iter()
            .map(|s| ScopeChoice {
                checked: input.scopes.contains(&s),
                value: s,
            })
            .collect(),
        tenant: input.tenant_key.clone(),
        name: input.name.clone(),
        days: if input.days.is_empty() {
            "365".to_owned()
        } else {
            input.days.clone()
        },
        ..View::default()
    })
}

fn render(ctx: &PageCtx, status: StatusCode, view: View) -> WebResult {
    let html = ctx.render("pages/settings_api_tokens.html", "api-tokens-title", view)?;
    Ok((status, Html(html)).into_response())
}

#[derive(Deserialize)]
struct ShowQuery {
    revoked: Option<String>,
}

async fn show(ctx: PageCtx, Query(q): Query<ShowQuery>) -> WebResult {
    let mut view = view(&ctx, &NewToken::default()).await?;
    view.revoked = q.revoked.is_some();
    render(&ctx, StatusCode::OK, view)
}

/// The form as pairs: each ticked scope is its own `scope` field.
async fn create(ctx: PageCtx, Form(fields): Form<Vec<(String, String)>>) -> WebResult {
    require_admin(&ctx)?;
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    ctx.check_csrf(&field("_csrf"))?;
    let input = NewToken {
        tenant_key: field("tenant"),
        name: field("name"),
        scopes: fields
            .iter()
            .filter(|(k, _)| k == "scope")
            .map(|(_, v)| v.clone())
            .collect(),
        days: field("days"),
    };
    let principal = require_admin(&ctx)?;
    match api_token_admin::create(&ctx.state.app, principal, &input).await {
        Ok(created) => {
            let mut view = view(&ctx, &NewToken::default()).await?;
            view.created = Some(created.token);
            render(&ctx, StatusCode::OK, view)
        }
        Err(AppError::Validation(errors)) => {
            let mut view = view(&ctx, &input).await?;
            view.errors = FormErrors::from(errors);
            render(&ctx, StatusCode::UNPROCESSABLE_ENTITY, view)
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Deserialize)]
struct RevokeForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    token: String,
}

async fn revoke(ctx: PageCtx, Form(form): Form<RevokeForm>) -> WebResult {
    let principal = require_admin(&ctx)?;
    ctx.check_csrf(&form.csrf)?;
    let id = crate::pages::parse_id(&form.token).ok_or(WebError::NotFound)?;
    api_token_admin::revoke(&ctx.state.app, principal, id).await?;
    Ok(Redirect::to(&format!("{PATH}?revoked=1")).into_response())
}
