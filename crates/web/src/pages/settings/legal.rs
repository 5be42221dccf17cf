//! `/settings/legal`: per tenant and language the terms of use, privacy
//! notice, imprint and broker website, each a URL or a text (D5), and
//! "publish a new version" of the terms or the privacy notice, after which
//! every portal user of the tenant accepts again. The tenant comes from the
//! query or form and is checked against those the administrator may edit
//! (any other id: 404).

use axum::Form;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect};
use kp_app::AppError;
use kp_app::legal_settings::{self, LegalEntry, LegalPage};
use kp_domain::Language;
use serde::{Deserialize, Serialize};

use super::require_admin;
use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::form::FormErrors;
use crate::routes::Routes;

const PATH: &str = "/settings/legal";
const TEMPLATE: &str = "pages/settings_legal.html";
const TITLE: &str = "legal-settings-title";

pub fn routes() -> Routes {
    Routes::new()
        .get(PATH, show)
        .post(PATH, save)
        .post("/settings/legal/publish", publish)
}

#[derive(Serialize)]
struct TenantOption {
    id: i64,
    name: String,
}

#[derive(Serialize)]
struct EntryView {
    page: &'static str,
    url_field: &'static str,
    text_field: &'static str,
    url: String,
    text: String,
}

#[derive(Serialize)]
struct View {
    tenants: Vec<TenantOption>,
    tenant: i64,
    edit_lang: &'static str,
    entries: Vec<EntryView>,
    terms_version: u32,
    privacy_version: u32,
    done: Option<&'static str>,
    errors: FormErrors,
}

#[derive(Deserialize)]
struct ShowQuery {
    tenant: Option<String>,
    lang: Option<String>,
    done: Option<String>,
}

async fn show(ctx: PageCtx, Query(q): Query<ShowQuery>) -> WebResult {
    let done = match q.done.as_deref() {
        Some("saved") => Some("legal-settings-saved"),
        Some("terms") => Some("legal-settings-published-terms"),
        Some("privacy") => Some("legal-settings-published-privacy"),
        _ => None,
    };
    let language = q
        .lang
        .as_deref()
        .and_then(Language::parse)
        .unwrap_or(ctx.language);
    let tenant = match q.tenant.as_deref() {
        Some(t) => Some(crate::pages::parse_id(t).ok_or(WebError::NotFound)?),
        None => None,
    };
    let view = view(&ctx, tenant, language, None, done, FormErrors::default()).await?;
    Ok(Html(ctx.render(TEMPLATE, TITLE, view)?).into_response())
}

/// The page for `tenant` (default: the first the administrator may edit),
/// with `typed` entries instead of the stored ones after a refused save.
async fn view(
    ctx: &PageCtx,
    tenant: Option<i64>,
    language: Language,
    typed: Option<Vec<(LegalPage, LegalEntry)>>,
    done: Option<&'static str>,
    errors: FormErrors,
) -> Result<View, WebError> {
    let principal = require_admin(ctx)?;
    let app = &ctx.state.app;
    let tenants = legal_settings::editable_tenants(app, principal).await?;
    let chosen = match tenant {
        Some(id) => legal_settings::editable(app, principal, id).await?,
        None => tenants.first().cloned().ok_or(WebError::NotFound)?,
    };
    let stored = legal_settings::read(app, kp_domain::TenantId(chosen.id)).await?;
    let entries = LegalPage::ALL
        .iter()
        .map(|page| {
            let entry = typed
                .as_ref()
                .and_then(|t| t.iter().find(|(p, _)| p == page).map(|(_, e)| e.clone()))
                .unwrap_or_else(|| stored.entry_exact(*page, language));
            EntryView {
                page: page.key(),
                url_field: legal_settings::url_field(*page),
                text_field: legal_settings::text_field(*page),
                url: entry.url,
                text: entry.text,
            }
        })
        .collect();
    Ok(View {
        tenants: tenants
            .into_iter()
            .map(|t| TenantOption {
                id: t.id,
                name: t.name,
            })
            .collect(),
        tenant: chosen.id,
        edit_lang: language.code(),
        entries,
        terms_version: stored.terms_version,
        privacy_version: stored.privacy_version,
        done,
        errors,
    })
}

#[derive(Deserialize)]
struct LegalForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    tenant: String,
    #[serde(default)]
    lang: String,
    #[serde(default)]
    terms_url: String,
    #[serde(default)]
    terms_text: String,
    #[serde(default)]
    privacy_url: String,
    #[serde(default)]
    privacy_text: String,
    #[serde(default)]
    imprint_url: String,
    #[serde(default)]
    imprint_text: String,
    #[serde(default)]
    website_url: String,
    #[serde(default)]
    website_text: String,
}

async fn save(ctx: PageCtx, Form(form): Form<LegalForm>) -> WebResult {
    let principal = require_admin(&ctx)?;
    ctx.check_csrf(&form.csrf)?;
    let tenant = crate::pages::parse_id(&form.tenant).ok_or(WebError::NotFound)?;
    let language = Language::parse(&form.lang).ok_or(WebError::NotFound)?;
    let entry = |url: &str, text: &str| LegalEntry {
        url: url.to_owned(),
        text: text.to_owned(),
    };
    let entries = vec![
        (LegalPage::Terms, entry(&form.terms_url, &form.terms_text)),
        (
            LegalPage::Privacy,
            entry(&form.privacy_url, &form.privacy_text),
        ),
        (
            LegalPage::Imprint,
            entry(&form.imprint_url, &form.imprint_text),
        ),
        (
            LegalPage::Website,
            entry(&form.website_url, &form.website_text),
        ),
    ];
    let app = &ctx.state.app;
    match legal_settings::save(app, principal, tenant, language, &entries).await {
        Ok(()) => Ok(Redirect::to(&format!(
            "{PATH}?tenant={tenant}&lang={}&done=saved",
            language.code()
        ))
        .into_response()),
        Err(AppError::Validation(errors)) => {
            let errors = FormErrors::from(errors);
            let page = view(&ctx, Some(tenant), language, Some(entries), None, errors).await?;
            let html = ctx.render(TEMPLATE, TITLE, page)?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Deserialize)]
struct PublishForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    tenant: String,
    #[serde(default)]
    document: String,
}

async fn publish(ctx: PageCtx, Form(form): Form<PublishForm>) -> WebResult {
    let principal = require_admin(&ctx)?;
    ctx.check_csrf(&form.csrf)?;
    let tenant = crate::pages::parse_id(&form.tenant).ok_or(WebError::NotFound)?;
    let page = LegalPage::parse(&form.document)
        .filter(|p| p.needs_consent())
        .ok_or(WebError::NotFound)?;
    legal_settings::publish(&ctx.state.app, principal, tenant, page).await?;
    Ok(Redirect::to(&format!("{PATH}?tenant={tenant}&done={}", page.key())).into_response())
}
