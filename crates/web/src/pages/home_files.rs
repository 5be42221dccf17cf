//! The home page's files: the broker logo, the organization's logo and the
//! welcome video, streamed from the blob store. The URL carries the start
//! of the content hash (`?v=`), so a file may be cached for a year: a new
//! upload gets a new URL, and an old URL answers 404 rather than different
//! bytes.

use axum::extract::Query;
use axum::http::HeaderValue;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_LENGTH, CONTENT_SECURITY_POLICY, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS,
};
use axum::response::IntoResponse;
use kp_app::home_files::{self, HomeFile};
use serde::Deserialize;

use super::home::version;
use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .get("/home/logo", broker_logo)
        .get("/home/organization-logo", organization_logo)
        .get("/home/video", video)
}

#[derive(Deserialize)]
struct VersionQuery {
    #[serde(default)]
    v: String,
}

async fn broker_logo(ctx: PageCtx, Query(q): Query<VersionQuery>) -> WebResult {
    serve(&ctx, HomeFile::BrokerLogo, &q.v).await
}

async fn organization_logo(ctx: PageCtx, Query(q): Query<VersionQuery>) -> WebResult {
    serve(&ctx, HomeFile::OrganizationLogo, &q.v).await
}

async fn video(ctx: PageCtx, Query(q): Query<VersionQuery>) -> WebResult {
    serve(&ctx, HomeFile::Video, &q.v).await
}

async fn serve(ctx: &PageCtx, which: HomeFile, wanted: &str) -> WebResult {
    let principal = ctx.require_user()?;
    let file = home_files::open(&ctx.state.app, principal, which).await?;
    respond(file, Some(wanted))
}

/// The file's response. Asked by its version (`wanted`), it is cached for
/// good and another version (an old link after a new upload) is a 404;
/// asked without one, the browser asks again each time.
pub(crate) fn respond(file: home_files::OpenedFile, wanted: Option<&str>) -> WebResult {
    if wanted.is_some_and(|w| version(&file.sha256) != w) {
        return Err(WebError::NotFound);
    }
    let media_type = match file.media_type.as_str() {
        "image/png" => "image/png",
        "image/jpeg" => "image/jpeg",
        "video/mp4" => "video/mp4",
        "video/webm" => "video/webm",
        _ => "application/octet-stream",
    };
    let len = file.blob.len;
    let mut response =
        crate::streaming::body_of(file.blob.reader, "home page file").into_response();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(media_type));
    headers.insert(CONTENT_LENGTH, HeaderValue::from(len));
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(
        CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox; default-src 'none'"),
    );
    // Private: the file follows the signed-in user's broker.
    headers.insert(
        CACHE_CONTROL,
        HeaderValue::from_static(if wanted.is_some() {
            "private, max-age=31536000, immutable"
        } else {
            "private, no-cache"
        }),
    );
    Ok(response)
}
