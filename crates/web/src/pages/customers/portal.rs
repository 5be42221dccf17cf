//! `POST /customers/{id}/portal`: staff enable the customer portal for a
//! private customer (`kp_app::customer_portal`): the new user's page on
//! success, the customer's page with the reason (409) when refused.
//! Portal users get the 404 of an unknown page.

use axum::Form;
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect};
use kp_app::customer_portal::{self, Enabled};
use serde::Deserialize;

use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::middleware::client_addr::ClientAddr;
use crate::pages::parse_id;

#[derive(Deserialize)]
pub(super) struct PortalForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
}

pub(super) async fn enable(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Path(id): Path<String>,
    Form(form): Form<PortalForm>,
) -> WebResult {
    let principal = ctx.require_user()?;
    if !principal.is_staff() || principal.impersonated_by.is_some() {
        return Err(WebError::NotFound);
    }
    ctx.check_csrf(&form.csrf)?;
    let customer = parse_id(&id).ok_or(WebError::NotFound)?;
    let app = &ctx.state.app;
    match customer_portal::enable(app, principal, customer, ctx.language, client).await? {
        Enabled::Invited(user) => {
            Ok(Redirect::to(&format!("/staff/users/{}?done=invited", user.0)).into_response())
        }
        Enabled::Refused(key) => super::detail::render(&ctx, &id, Some(key)).await,
    }
}
