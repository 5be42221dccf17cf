//! `GET /staff/organizations/{id}/logo/image`: the organization's current
//! logo as its staff page shows it, for every staff member who may read
//! the organization (its customers in their tenants, or made empty by
//! their tenant); another organization, one without a logo and portal
//! users get the 404 of one that does not exist.

use axum::extract::{Path, Query};
use kp_app::home_files;
use serde::Deserialize;

use super::id_of;
use crate::context::PageCtx;
use crate::error::WebResult;
use crate::pages::home::version;
use crate::pages::staff_users::require_staff;

pub(super) const IMAGE: &str = "/staff/organizations/{id}/logo/image";

#[derive(Deserialize)]
pub(super) struct VersionQuery {
    v: Option<String>,
}

/// The image's address on the organization's page: versioned by the
/// stored content, so a new upload is a new address.
pub(super) fn src(id: i64, storage_key: &str) -> String {
    let hash = storage_key.rsplit('/').next().unwrap_or_default();
    format!(
        "{}?v={}",
        IMAGE.replace("{id}", &id.to_string()),
        version(hash)
    )
}

pub(super) async fn image(
    ctx: PageCtx,
    Path(id): Path<String>,
    Query(q): Query<VersionQuery>,
) -> WebResult {
    let principal = require_staff(&ctx)?;
    let id = id_of(&id)?;
    let file = home_files::staff_organization_logo(&ctx.state.app, principal, id).await?;
    crate::pages::home_files::respond(file, q.v.as_deref())
}
