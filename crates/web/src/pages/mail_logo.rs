//! `/mail/logo/{sha256}`: the broker logo in the frame of every mail,
//! fetched by mail clients without a session. Only a logo that some
//! tenant's (or the global) home page settings name is served, by its
//! full content hash; anything else is the plain 404.

use axum::extract::Path;
use axum::http::HeaderValue;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_LENGTH, CONTENT_SECURITY_POLICY, CONTENT_TYPE, X_CONTENT_TYPE_OPTIONS,
};
use axum::response::IntoResponse;

use crate::context::PageCtx;
use crate::error::WebResult;
use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new().get("/mail/logo/{sha256}", logo)
}

async fn logo(ctx: PageCtx, Path(sha256): Path<String>) -> WebResult {
    let file = kp_app::mail_templates::logo(&ctx.state.app, &sha256).await?;
    let media_type = match file.media_type.as_str() {
        "image/png" => "image/png",
        "image/jpeg" => "image/jpeg",
        _ => "application/octet-stream",
    };
    let len = file.blob.len;
    let mut response = crate::streaming::body_of(file.blob.reader, "mail logo").into_response();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(media_type));
    headers.insert(CONTENT_LENGTH, HeaderValue::from(len));
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(
        CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("sandbox; default-src 'none'"),
    );
    // The URL names the content, so it never changes.
    headers.insert(
        CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    Ok(response)
}
