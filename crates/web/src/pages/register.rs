//! Public self-registration (C3): `/register` shows the form of the
//! visitor's tenant (the first, or `?tenant=<key>`), automatic or on
//! request; a tenant with registration off answers the 404 of an unknown
//! page. Every well-formed submission gets the same answer page
//! (`/register/sent`), whatever matched; see `kp_app::registration`.

use axum::Form;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect};
use kp_app::AppError;
use kp_app::registration::{self, AutomaticInput, Portal, RequestInput};
use kp_app::registration_settings::Mode;
use serde::{Deserialize, Serialize};

use crate::context::PageCtx;
use crate::error::WebResult;
use crate::form::FormErrors;
use crate::middleware::client_addr::ClientAddr;
use crate::pages::urlencode;
use crate::routes::Routes;

const TEMPLATE: &str = "pages/register.html";
const TITLE: &str = "register-title";

pub fn routes() -> Routes {
    Routes::new()
        .get("/register", show)
        .post("/register", submit)
        .get("/register/sent", sent)
        .merge(super::register_verify::routes())
}

#[derive(Deserialize)]
struct TenantQuery {
    tenant: Option<String>,
}

/// What was typed, shown again (both forms' fields; never a password).
#[derive(Serialize, Deserialize, Default)]
struct Typed {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    customer_number: String,
    #[serde(default)]
    birth_date: String,
    #[serde(default)]
    postcode: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    company: String,
    #[serde(default)]
    message: String,
}

#[derive(Serialize)]
struct View {
    tenant_key: String,
    tenant_name: String,
    automatic: bool,
    intro_text: String,
    extra_text: String,
    typed: Typed,
    errors: FormErrors,
}

fn view(portal: &Portal, key: &Option<String>, typed: Typed, errors: FormErrors) -> View {
    View {
        tenant_key: key.clone().unwrap_or_default(),
        tenant_name: portal.tenant.name.clone(),
        automatic: portal.settings.mode == Mode::Automatic,
        intro_text: portal.settings.intro_text.clone(),
        extra_text: portal.settings.extra_text.clone(),
        typed,
        errors,
    }
}

async fn show(ctx: PageCtx, Query(q): Query<TenantQuery>) -> WebResult {
    let portal = registration::open(&ctx.state.app, q.tenant.as_deref()).await?;
    let typed = Typed {
        kind: "private".to_owned(),
        ..Typed::default()
    };
    let page = view(&portal, &q.tenant, typed, FormErrors::default());
    Ok(Html(ctx.render(TEMPLATE, TITLE, page)?).into_response())
}

#[derive(Deserialize)]
struct RegisterForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    tenant: String,
    #[serde(flatten)]
    typed: Typed,
}

async fn submit(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Form(form): Form<RegisterForm>,
) -> WebResult {
    ctx.check_csrf(&form.csrf)?;
    let key = Some(form.tenant.clone()).filter(|k| !k.is_empty());
    let app = &ctx.state.app;
    let portal = registration::open(app, key.as_deref()).await?;
    let t = &form.typed;
    let result = if portal.settings.mode == Mode::Automatic {
        let input = AutomaticInput {
            kind: t.kind.clone(),
            customer_number: t.customer_number.clone(),
            birth_date: t.birth_date.clone(),
            postcode: t.postcode.clone(),
            email: t.email.clone(),
            name: t.name.clone(),
        };
        registration::submit_automatic(app, &portal, &input, ctx.language, client).await
    } else {
        let input = RequestInput {
            name: t.name.clone(),
            email: t.email.clone(),
            customer_number: t.customer_number.clone(),
            company: t.company.clone(),
            message: t.message.clone(),
        };
        registration::submit_request(app, &portal, &input, ctx.language, client).await
    };
    match result {
        Ok(()) => {
            let query = key
                .map(|k| format!("?tenant={}", urlencode(&k)))
                .unwrap_or_default();
            Ok(Redirect::to(&format!("/register/sent{query}")).into_response())
        }
        Err(AppError::Validation(errors)) => {
            let page = view(&portal, &key, form.typed, FormErrors::from(errors));
            let html = ctx.render(TEMPLATE, TITLE, page)?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

/// A page with a heading, one message and a link: the answers of the
/// registration and e-mail change flows.
#[derive(Serialize)]
pub struct Notice {
    pub message: &'static str,
    pub link: Option<(&'static str, &'static str)>,
}

pub const NOTICE_TEMPLATE: &str = "pages/register_notice.html";

async fn sent(ctx: PageCtx, Query(q): Query<TenantQuery>) -> WebResult {
    let portal = registration::open(&ctx.state.app, q.tenant.as_deref()).await?;
    let message = if portal.settings.mode == Mode::Automatic {
        "register-sent-automatic"
    } else {
        "register-sent-request"
    };
    let notice = Notice {
        message,
        link: Some(("/login", "register-to-login")),
    };
    Ok(Html(ctx.render(NOTICE_TEMPLATE, "register-sent-title", notice)?).into_response())
}
