//! `/documents/{id}`: a document's title, type, where it belongs, its
//! metadata, an inline preview for PDFs and images, and the download.
//!
//! The preview is framed from `/documents/{id}/preview`. The page keeps
//! the site's CSP: its `default-src 'self'` already allows a same-origin
//! frame and image, and the preview response itself allows being framed
//! by the same origin only (`frame-ancestors 'self'`).

use axum::extract::Path;
use axum::response::{Html, IntoResponse};
use kp_app::document_files::{self, DocumentFile};
use kp_domain::MenuArea;
use serde::Serialize;

use super::require_document_area;
use super::{PreviewKind, parse_id, preview_kind};
use crate::context::PageCtx;
use crate::error::WebResult;

#[derive(Serialize)]
struct View {
    document: DocumentFile,
    preview: Option<PreviewKind>,
    /// Size in KiB, at least 1.
    size_kib: i64,
    /// Whether the customer's name links to their page (which goes with
    /// the contract view).
    customer_link: bool,
}

pub async fn show(ctx: PageCtx, Path(id): Path<String>) -> WebResult {
    let principal = ctx.require_user()?;
    let id = parse_id(&id)?;
    // Looked up before the area check: a document outside the scope is a
    // 404 for everyone, exactly like one that does not exist.
    let document = document_files::find(&ctx.state.app, principal, id).await?;
    require_document_area(principal, &document)?;
    let view = View {
        preview: preview_kind(&document.media_type),
        size_kib: ((document.size_bytes + 1023) / 1024).max(1),
        customer_link: principal.permissions.shows_area(MenuArea::Contracts),
        document,
    };
    Ok(Html(ctx.render("pages/document.html", "document-title", view)?).into_response())
}
