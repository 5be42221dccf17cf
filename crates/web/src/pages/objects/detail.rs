//! `GET /objects/{id}`: an insured object's facts by kind, its contract,
//! claims and documents, read through the principal's scope.

use axum::extract::Path;
use axum::response::{Html, IntoResponse};
use kp_app::attached::AttachedDocument;
use kp_app::objects::{self, ClaimRow, ObjectDetail};
use kp_domain::{MenuArea, ObjectId};
use serde::Serialize;

use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::pages::parse_id;
use crate::permissions::require_area;

#[derive(Serialize)]
struct View {
    object: ObjectDetail,
    claims: Vec<ClaimRow>,
    documents: Vec<AttachedDocument>,
}

pub(super) async fn page(ctx: PageCtx, Path(id): Path<String>) -> WebResult {
    let principal = ctx.require_user()?;
    let id = parse_id(&id).map(ObjectId).ok_or(WebError::NotFound)?;
    // Scope first (404), then the menu area (403), as for every record.
    let page = objects::detail(&ctx.state.app, principal, id).await?;
    require_area(principal, MenuArea::Objects)?;
    let view = View {
        object: page.object,
        claims: page.claims,
        documents: page.documents,
    };
    Ok(Html(ctx.render("pages/object.html", "object-title", view)?).into_response())
}
