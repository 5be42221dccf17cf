//! "View as user" (issue 9, `kp_app::view_as`):
//!
//! - `GET/POST /staff/users/{id}/view-as`: the confirmation page, where a
//!   staff administrator gives their own password again; on success the
//!   view's cookie is set and the portal opens as the user. Other staff
//!   403, portal users (and views) 404, a user outside the
//!   administrator's tenants 404, a user who cannot sign in is refused
//!   with a message (409).
//! - `GET/POST /staff/staff-users/{id}/view-as`: staff users cannot be
//!   viewed as; the page says so (409) for the staff users an
//!   administrator may open, and is the 404 of their page for all others.
//! - `POST /view-as/end`: ends the view and returns to the staff session
//!   on the user's page.

use axum::Form;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::http::header::{SET_COOKIE, USER_AGENT};
use axum::response::{Html, IntoResponse, Redirect, Response};
use kp_app::AppError;
use kp_app::view_as::{self, EndReason, StartRequest, Started};
use serde::{Deserialize, Serialize};

use crate::context::PageCtx;
use crate::cookies;
use crate::error::{WebError, WebResult};
use crate::form::FormErrors;
use crate::middleware::client_addr::ClientAddr;
use crate::pages::parse_id;
use crate::pages::staff_users::{require_admin, require_staff};
use crate::routes::Routes;

/// Where a view's "End view" button posts to.
pub const END_PATH: &str = "/view-as/end";
const TEMPLATE: &str = "pages/view_as.html";
const TITLE: &str = "view-as-title";

pub fn routes() -> Routes {
    Routes::new()
        .get("/staff/users/{id}/view-as", confirm)
        .post("/staff/users/{id}/view-as", start)
        .get("/staff/staff-users/{id}/view-as", staff_target)
        .post("/staff/staff-users/{id}/view-as", staff_target)
        .post(END_PATH, end)
}

#[derive(Serialize, Default)]
struct View {
    id: i64,
    name: String,
    email: String,
    minutes: i64,
    /// Why the view cannot start (translation key); no form then.
    refused: Option<&'static str>,
    /// Where "back" leads.
    back: String,
    errors: FormErrors,
}

fn page(ctx: &PageCtx, status: StatusCode, view: View) -> WebResult {
    let html = ctx.render(TEMPLATE, TITLE, view)?;
    Ok((status, Html(html)).into_response())
}

async fn form_page(ctx: &PageCtx, id: &str, errors: FormErrors) -> WebResult {
    let principal = require_admin(ctx)?;
    let id = parse_id(id).ok_or(WebError::NotFound)?;
    let user = view_as::target(&ctx.state.app, principal, id).await?;
    let refused = view_as::refusal(&user);
    let status = match (refused, errors.is_empty()) {
        (Some(_), _) => StatusCode::CONFLICT,
        (None, false) => StatusCode::UNPROCESSABLE_ENTITY,
        (None, true) => StatusCode::OK,
    };
    page(
        ctx,
        status,
        View {
            id,
            name: user.name,
            email: user.email,
            minutes: view_as::VIEW_MINUTES,
            refused,
            back: format!("/staff/users/{id}"),
            errors,
        },
    )
}

async fn confirm(ctx: PageCtx, Path(id): Path<String>) -> WebResult {
    form_page(&ctx, &id, FormErrors::default()).await
}

#[derive(Deserialize)]
struct StartForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    password: String,
}

async fn start(
    ctx: PageCtx,
    headers: axum::http::HeaderMap,
    ClientAddr(client): ClientAddr,
    Path(id): Path<String>,
    Form(form): Form<StartForm>,
) -> WebResult {
    require_admin(&ctx)?;
    ctx.check_csrf(&form.csrf)?;
    let number = parse_id(&id).ok_or(WebError::NotFound)?;
    let session = ctx.session.as_ref().ok_or(WebError::NotFound)?;
    let request = StartRequest {
        password: &form.password,
        client,
        user_agent: headers
            .get(USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default(),
    };
    match view_as::start(&ctx.state.app, session, number, request).await {
        Ok(Started::View { token, .. }) => {
            let secure = ctx.state.config.secure_cookies;
            // No Max-Age: the server ends the view, and must see the
            // cookie afterwards to say so and to record the end.
            let cookie = cookies::set(cookies::view(secure), &token, true, secure, None);
            let mut response: Response = Redirect::to("/").into_response();
            if let Ok(v) = cookie.parse() {
                response.headers_mut().append(SET_COOKIE, v);
            }
            Ok(response)
        }
        Ok(Started::Refused(_)) => form_page(&ctx, &id, FormErrors::default()).await,
        Err(AppError::Validation(errors)) => form_page(&ctx, &id, errors.into()).await,
        Err(AppError::TooManyAttempts { .. }) => {
            let errors = FormErrors::from(vec![kp_app::FieldError {
                field: "password",
                key: "view-as-too-many",
            }]);
            form_page(&ctx, &id, errors).await
        }
        Err(err) => Err(err.into()),
    }
}

/// A staff user as the target: refused with a message, for the staff
/// users the administrator may open at all.
async fn staff_target(ctx: PageCtx, Path(id): Path<String>) -> WebResult {
    let principal = crate::pages::staff_staff::require_admin_hidden(&ctx)?;
    let id = parse_id(&id).ok_or(WebError::NotFound)?;
    let staff = kp_app::staff_admin::get(&ctx.state.app, principal, id).await?;
    page(
        &ctx,
        StatusCode::CONFLICT,
        View {
            id,
            name: staff.staff.name,
            email: staff.staff.email,
            minutes: view_as::VIEW_MINUTES,
            refused: Some("view-as-refused-staff"),
            back: format!("/staff/staff-users/{id}"),
            errors: FormErrors::default(),
        },
    )
}

#[derive(Deserialize)]
struct EndForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
}

async fn end(ctx: PageCtx, ClientAddr(client): ClientAddr, Form(form): Form<EndForm>) -> WebResult {
    let Some(view) = &ctx.view else {
        // No view (any more): the staff session's own pages.
        require_staff(&ctx)?;
        return Ok(Redirect::to("/staff/users").into_response());
    };
    ctx.check_csrf(&form.csrf)?;
    let user = view_as::end(&ctx.state.app, view, EndReason::Ended, client).await?;
    let secure = ctx.state.config.secure_cookies;
    let mut response: Response =
        Redirect::to(&format!("/staff/users/{}?done=view-ended", user.0)).into_response();
    if let Ok(v) = cookies::clear(cookies::view(secure), secure).parse() {
        response.headers_mut().append(SET_COOKIE, v);
    }
    Ok(response)
}
