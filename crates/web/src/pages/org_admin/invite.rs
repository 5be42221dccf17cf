//! `/admin/users/new`: the organization admin invites a colleague — name,
//! e-mail, language, a profile among those no broader than their own, and
//! restrictions within their own scope. Bad input shows the form again
//! with the messages and what was entered (422); a forged request for
//! more than the admin has is refused with 403 and audited; nobody is
//! created in either case.

use axum::Form;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect};
use kp_app::AppError;
use kp_app::org_admin::{self, InviteInput, Invited, ScopeRequest};
use kp_domain::{Language, Principal};
use serde::Serialize;

use super::require_portal;
use super::scope_form::{Fields, field, fields, read};
use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::form::FormErrors;
use crate::middleware::client_addr::ClientAddr;

#[derive(Serialize)]
pub(super) struct ProfileOption {
    pub id: String,
    pub name: String,
    pub selected: bool,
}

#[derive(Serialize, Default)]
struct Entered {
    name: String,
    email: String,
    language: String,
}

#[derive(Serialize)]
struct View {
    form: Entered,
    languages: Vec<&'static str>,
    profiles: Vec<ProfileOption>,
    none_allowed: bool,
    none_selected: bool,
    scope: Fields,
    errors: FormErrors,
    problem: Option<&'static str>,
}

/// The profiles the admin may give, `chosen` selected (`""`: none).
pub(super) async fn profile_options(
    ctx: &PageCtx,
    principal: &Principal,
    chosen: &str,
) -> Result<(Vec<ProfileOption>, bool), WebError> {
    let choices = org_admin::profile_choices(&ctx.state.app, principal).await?;
    let options = choices
        .profiles
        .into_iter()
        .map(|p| ProfileOption {
            selected: p.id.0.to_string() == chosen,
            id: p.id.0.to_string(),
            name: p.name,
        })
        .collect();
    Ok((options, choices.none_allowed))
}

async fn render(
    ctx: &PageCtx,
    principal: &Principal,
    input: &InviteInput,
    errors: FormErrors,
    problem: Option<&'static str>,
    status: StatusCode,
) -> WebResult {
    let app = &ctx.state.app;
    let choices = org_admin::scope_choices(app, principal, None).await?;
    let (profiles, none_allowed) = profile_options(ctx, principal, &input.profile).await?;
    // Without "no profile", the first offered one is preselected.
    let chosen_known = profiles.iter().any(|p| p.selected);
    let view = View {
        form: Entered {
            name: input.name.clone(),
            email: input.email.clone(),
            language: input.language.clone(),
        },
        languages: Language::ALL.iter().map(|l| l.code()).collect(),
        none_selected: none_allowed && !chosen_known,
        profiles,
        none_allowed,
        scope: fields(ctx.language, principal, &choices, &input.scope),
        errors,
        problem,
    };
    let html = ctx.render(
        "pages/org_admin_invite.html",
        "org-admin-invite-title",
        view,
    )?;
    Ok((status, Html(html)).into_response())
}

pub(super) async fn page(ctx: PageCtx) -> WebResult {
    let principal = require_portal(&ctx)?;
    // The form starts with the organization's default profile, when the
    // admin may give it.
    let default = org_admin::profile_choices(&ctx.state.app, principal)
        .await?
        .default;
    let input = InviteInput {
        profile: default.map(|d| d.0.to_string()).unwrap_or_default(),
        language: ctx.language.code().to_owned(),
        scope: ScopeRequest::default(),
        ..InviteInput::default()
    };
    render(
        &ctx,
        principal,
        &input,
        FormErrors::default(),
        None,
        StatusCode::OK,
    )
    .await
}

pub(super) async fn send(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Form(pairs): Form<Vec<(String, String)>>,
) -> WebResult {
    let principal = require_portal(&ctx)?;
    ctx.check_csrf(field(&pairs, "_csrf"))?;
    let scope = read(&pairs).map_err(|()| WebError::BadRequest)?;
    let input = InviteInput {
        email: field(&pairs, "email").to_owned(),
        name: field(&pairs, "name").to_owned(),
        language: field(&pairs, "language").to_owned(),
        profile: field(&pairs, "profile").to_owned(),
        scope,
    };
    let app = &ctx.state.app;
    match org_admin::invite(app, principal, &input, client).await {
        Ok(Invited::Created(_)) => Ok(Redirect::to("/admin/users?done=invited").into_response()),
        Ok(Invited::Refused(key)) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            render(
                &ctx,
                principal,
                &input,
                FormErrors::default(),
                Some(key),
                status,
            )
            .await
        }
        Ok(Invited::Denied(denied)) => {
            let (errors, status) = (FormErrors::default(), StatusCode::FORBIDDEN);
            render(
                &ctx,
                principal,
                &input,
                errors,
                Some(denied.message()),
                status,
            )
            .await
        }
        Err(AppError::Validation(errors)) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            render(&ctx, principal, &input, errors.into(), None, status).await
        }
        Err(other) => Err(other.into()),
    }
}
