//! The logo and video uploads of `/settings/home` (multipart forms). The
//! files are checked in kp-app by their bytes; a refused file stores
//! nothing and shows the page again with its message (422, or 413 for a
//! video over the upload limit).
//!
//! The video route is not under the request body limit (2 MiB): it reads
//! its body itself up to `video_upload_limit_bytes` and stops there. The
//! form is parsed in memory (`kp_web::multipart`), so an upload holds up
//! to the limit in memory while it is checked; only administrators reach
//! it, and not before their session is checked.

use axum::body::{Body, Bytes};
use axum::http::header::CONTENT_LENGTH;
use axum::http::{HeaderMap, StatusCode};
use futures_util::StreamExt;
use kp_app::{AppError, FieldError, home_files};

use super::home::{refused, refused_with, saved};
use super::require_admin;
use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::multipart::{self, Part};
use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new().post("/settings/home/logo", upload_logo)
}

/// The routes with their own body limit (see [`crate::pages::upload_routes`]).
pub fn large_routes() -> Routes {
    Routes::new().post("/settings/home/video", upload_video)
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

async fn upload_video(ctx: PageCtx, headers: HeaderMap, body: Body) -> WebResult {
    let principal = require_admin(&ctx)?;
    let limit = ctx.state.config.video_upload_limit_bytes;
    let Some(body) = read_capped(&headers, body, limit).await? else {
        let error = FieldError {
            field: "video",
            key: "home-settings-video-too-large",
        };
        return refused_with(&ctx, StatusCode::PAYLOAD_TOO_LARGE, vec![error], |_| {}).await;
    };
    let Some(parts) = multipart::parse(&headers, &body) else {
        return Err(WebError::Csrf);
    };
    let bytes = file_of(&ctx, &parts, "video")?;
    match home_files::upload_video(&ctx.state.app, principal, bytes, limit).await {
        Ok(()) => saved(),
        Err(AppError::Validation(errors)) => refused(&ctx, errors, |_| {}).await,
        Err(err) => Err(err.into()),
    }
}

/// The body, or `None` when it is longer than `limit` (declared or
/// actually sent). Beyond the limit nothing more is kept: the rest is
/// read and dropped, so that the browser, still sending, gets the page
/// with the message rather than a reset connection (the request timeout
/// bounds how long that takes).
async fn read_capped(
    headers: &HeaderMap,
    body: Body,
    limit: usize,
) -> Result<Option<Vec<u8>>, WebError> {
    let declared = headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let mut over = declared.is_some_and(|n| n > limit as u64);
    let capacity = declared.map_or(0, |n| usize::try_from(n).unwrap_or(limit).min(limit));
    let mut kept = Vec::with_capacity(if over { 0 } else { capacity });
    let mut stream = body.into_data_stream();
    while let Some(chunk) = stream.next().await {
        // A client that goes away mid-upload sent no form.
        let chunk = chunk.map_err(|_| WebError::BadRequest)?;
        if over {
            continue;
        }
        if kept.len() + chunk.len() > limit {
            over = true;
            kept = Vec::new();
            continue;
        }
        kept.extend_from_slice(&chunk);
    }
    Ok((!over).then_some(kept))
}
