//! The permission profile on a user's page (`/staff/users/{id}`): staff
//! administrators choose among the broker-wide profiles and those of the
//! user's organization (`kp_app::profile_assign`). A profile of another
//! organization (a forged form) is refused with a message; the form
//! carries the user's `updated_at` like the page's other actions.

use axum::Form;
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect};
use kp_app::profile_assign;
use kp_app::user_admin::Outcome;
use kp_domain::{PermissionProfileId, PortalUserId, Principal};
use serde::{Deserialize, Serialize};

use super::detail::render;
use super::require_admin;
use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::middleware::client_addr::ClientAddr;
use crate::pages::parse_id;

#[derive(Serialize)]
pub(super) struct Choice {
    id: i64,
    name: String,
    organization: Option<String>,
    selected: bool,
}

/// The choice the user page offers; `None` for staff who are not
/// administrators (they see the profile's name only).
pub(super) async fn choices(
    ctx: &PageCtx,
    principal: &Principal,
    user: i64,
) -> Result<Option<Vec<Choice>>, WebError> {
    if !principal.is_admin() {
        return Ok(None);
    }
    let (profiles, current) =
        profile_assign::choices(&ctx.state.app, principal, PortalUserId(user)).await?;
    Ok(Some(
        profiles
            .into_iter()
            .map(|p| Choice {
                selected: Some(p.id) == current,
                id: p.id.0,
                name: p.name,
                organization: p.organization.map(|(_, name)| name),
            })
            .collect(),
    ))
}

#[derive(Deserialize)]
pub(super) struct AssignForm {
    #[serde(default, rename = "_csrf")]
    csrf: String,
    #[serde(default)]
    updated_at: String,
    /// Empty: no profile.
    #[serde(default)]
    profile: String,
}

pub(super) async fn assign(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Path(id): Path<String>,
    Form(form): Form<AssignForm>,
) -> WebResult {
    let principal = require_admin(&ctx)?;
    ctx.check_csrf(&form.csrf)?;
    let user = parse_id(&id).ok_or(WebError::NotFound)?;
    let chosen = match form.profile.trim() {
        "" => None,
        text => Some(PermissionProfileId(
            parse_id(text).ok_or(WebError::BadRequest)?,
        )),
    };
    let app = &ctx.state.app;
    match profile_assign::assign(
        app,
        principal,
        PortalUserId(user),
        chosen,
        &form.updated_at,
        client,
    )
    .await?
    {
        Outcome::Done => {
            Ok(Redirect::to(&format!("/staff/users/{user}?done=profile")).into_response())
        }
        Outcome::Stale => render(&ctx, &id, None, Some("users-stale")).await,
        Outcome::Refused(key) => render(&ctx, &id, None, Some(key)).await,
    }
}
