//! A document's bytes: `/documents/{id}/file` downloads them,
//! `/documents/{id}/preview` shows PDFs and images inline (in the
//! document page's frame or a tab of their own).
//!
//! The file is streamed from the blob store in chunks, so a large document
//! costs a constant amount of memory. The audit entry is written before
//! the response (and so any byte of the body) leaves the handler.
//!
//! Headers: the type only from an allow-list, nosniff, no caching, and a
//! CSP that gives the file no script, no requests and (for downloads) no
//! frame. A PDF preview gets `default-src 'none'` without `sandbox`:
//! Chromium's PDF viewer is a plugin, and a document sandboxed by its CSP
//! may not load plugins, so the preview would stay empty. Browser journey
//! 10 checks in Chromium that its PDF viewer shows the preview inside the
//! document page with these headers. `default-src 'none'` still gives a
//! script in a PDF nothing to load or talk to.
//! Images and downloads keep `sandbox`.

use axum::extract::Path;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_LENGTH, CONTENT_SECURITY_POLICY, CONTENT_TYPE,
    X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Redirect};
use kp_app::document_files::{self, DocumentFile, FileAction};

use super::require_document_area;
use super::{PreviewKind, parse_id, preview_kind, served_type};
use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::middleware::client_addr::ClientAddr;

/// Downloads are never framed or rendered with any power.
pub const DOWNLOAD_CSP: &str = "sandbox; default-src 'none'; frame-ancestors 'none'";
/// Images may be framed by the document page (same origin only).
pub const IMAGE_PREVIEW_CSP: &str = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'";
/// See the module documentation for why `sandbox` is missing here.
pub const PDF_PREVIEW_CSP: &str = "default-src 'none'; frame-ancestors 'self'";

pub async fn download(ctx: PageCtx, client: ClientAddr, Path(id): Path<String>) -> WebResult {
    let document = lookup(&ctx, &id).await?;
    serve(&ctx, client, &document, FileAction::Download).await
}

pub async fn preview(ctx: PageCtx, client: ClientAddr, Path(id): Path<String>) -> WebResult {
    let document = lookup(&ctx, &id).await?;
    if preview_kind(&document.media_type).is_none() {
        // Nothing to show inline: the browser gets the file to open with
        // whatever the user has for it (audited as the download it is).
        return Ok(Redirect::to(&format!("/documents/{}/file", document.id)).into_response());
    }
    serve(&ctx, client, &document, FileAction::Preview).await
}

/// The document through the scope (404), then the menu area (403).
async fn lookup(ctx: &PageCtx, id: &str) -> Result<DocumentFile, WebError> {
    let principal = ctx.require_user()?;
    let id = parse_id(id)?;
    let document = document_files::find(&ctx.state.app, principal, id).await?;
    require_document_area(principal, &document)?;
    Ok(document)
}

async fn serve(
    ctx: &PageCtx,
    ClientAddr(ip): ClientAddr,
    document: &DocumentFile,
    action: FileAction,
) -> WebResult {
    let principal = ctx.require_user()?;
    let blob = document_files::open(&ctx.state.app, principal, document, action, ip).await?;
    let len = blob.len;
    let mut response = crate::streaming::body_of(blob.reader, "document").into_response();
    let headers = response.headers_mut();
    let (disposition, csp) = match (action, preview_kind(&document.media_type)) {
        (FileAction::Preview, Some(PreviewKind::Pdf)) => ("inline", PDF_PREVIEW_CSP),
        (FileAction::Preview, _) => ("inline", IMAGE_PREVIEW_CSP),
        (FileAction::Download, _) => ("attachment", DOWNLOAD_CSP),
    };
    let fallback = format!("document-{}", document.id);
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static(served_type(&document.media_type)),
    );
    headers.insert(CONTENT_LENGTH, HeaderValue::from(len));
    set_header(
        headers,
        CONTENT_DISPOSITION,
        content_disposition(disposition, &document.file_name, &fallback),
    )?;
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(csp));
    if action == FileAction::Preview {
        headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("SAMEORIGIN"));
    }
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    Ok(response)
}

fn set_header(
    headers: &mut HeaderMap,
    name: axum::http::HeaderName,
    value: String,
) -> Result<(), WebError> {
    let value = HeaderValue::from_str(&value)
        .map_err(|e| WebError::Internal(format!("header {name}: {e}")))?;
    headers.insert(name, value);
    Ok(())
}

/// `inline` or `attachment` with the file name as RFC 6266 asks: a plain
/// ASCII `filename` for old clients and the exact name as `filename*`
/// (RFC 8187, UTF-8, percent-encoded). Quotes, backslashes, control
/// characters and path separators are dropped from both, so the name can
/// neither break the header nor place the file elsewhere.
pub fn content_disposition(disposition: &str, file_name: &str, fallback: &str) -> String {
    let clean: String = file_name
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '\\' | '/'))
        .collect();
    let clean = clean.trim().trim_start_matches('.').trim();
    let clean = if clean.is_empty() { fallback } else { clean };
    let ascii: String = clean
        .chars()
        .map(|c| match c {
            ' '..='~' => c,
            _ => '_',
        })
        .collect();
    format!(
        "{disposition}; filename=\"{ascii}\"; filename*=UTF-8''{}",
        rfc8187(clean)
    )
}

/// Percent-encodes all but RFC 8187's `attr-char`.
fn rfc8187(value: &str) -> String {
    let mut out = String::with_capacity(value.len() * 3);
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_encoded_for_old_and_new_clients() {
        assert_eq!(
            content_disposition("attachment", "Schadenmeldung Müller.pdf", "d"),
            "attachment; filename=\"Schadenmeldung M_ller.pdf\"; \
             filename*=UTF-8''Schadenmeldung%20M%C3%BCller.pdf"
        );
        assert_eq!(
            content_disposition("inline", "a\"b\\c/..\r\nd.png", "d"),
            "inline; filename=\"abc..d.png\"; filename*=UTF-8''abc..d.png"
        );
        assert_eq!(
            content_disposition("attachment", "../../etc/passwd", "d"),
            "attachment; filename=\"etcpasswd\"; filename*=UTF-8''etcpasswd"
        );
        assert_eq!(
            content_disposition("attachment", " \u{7f}\"/ ", "document-7"),
            "attachment; filename=\"document-7\"; filename*=UTF-8''document-7"
        );
        assert_eq!(rfc8187("ä;,'%"), "%C3%A4%3B%2C%27%25");
    }
}
