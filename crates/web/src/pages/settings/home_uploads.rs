//! The logo and video uploads of `/settings/home` (multipart forms). The
//! files are checked in kp-app by their bytes; a refused file stores
//! nothing and shows the page again with its message (422).

use axum::body::Bytes;
use axum::http::HeaderMap;
use kp_app::{AppError, home_files};

use super::home::{refused, saved};
use super::require_admin;
use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::multipart::{self, Part};
use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .post("/settings/home/logo", upload_logo)
        .post("/settings/home/video", upload_video)
}

/// The named file's bytes, once the form's CSRF token is checked (a
/// body that is no multipart form has none).
fn file_of<'p>(ctx: &PageCtx, parts: &'p [Part], field: &str) -> Result<&'p [u8], WebError> {
    ctx.check_csrf(&multipart::text(parts, "_csrf"))?;
    Ok(parts
        .iter()
        .find(|p| p.name == field && p.file_name.is_some())
        .map_or(&[][..], |p| p.data.as_slice()))
}

async fn upload_logo(ctx: PageCtx, headers: HeaderMap, body: Bytes) -> WebResult {
    let principal = require_admin(&ctx)?;
    let Some(parts) = multipart::parse(&headers, &body) else {
        return Err(WebError::Csrf);
    };
    let bytes = file_of(&ctx, &parts, "logo")?;
    match home_files::upload_logo(&ctx.state.app, principal, bytes).await {
        Ok(()) => saved(),
        Err(AppError::Validation(errors)) => refused(&ctx, errors, |_| {}).await,
        Err(err) => Err(err.into()),
    }
}

async fn upload_video(ctx: PageCtx, headers: HeaderMap, body: Bytes) -> WebResult {
    let principal = require_admin(&ctx)?;
    let Some(parts) = multipart::parse(&headers, &body) else {
        return Err(WebError::Csrf);
    };
    let bytes = file_of(&ctx, &parts, "video")?;
    match home_files::upload_video(&ctx.state.app, principal, bytes).await {
        Ok(()) => saved(),
        Err(AppError::Validation(errors)) => refused(&ctx, errors, |_| {}).await,
        Err(err) => Err(err.into()),
    }
}
