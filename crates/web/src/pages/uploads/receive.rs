//! Receiving an upload form as it streams in. The form's fields come in
//! page order: the CSRF token and the document type before the files (a
//! file arriving before the token is refused unread). Each file goes
//! through a `kp_app::uploads::Incoming`; whatever is refused (a file over
//! the limit, a disguised or empty one, a missing type), and a client that
//! goes away mid-upload, leaves no file and no row: the stored files of
//! the request are removed before the answer.

use axum::body::Body;
use axum::extract::Path;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect};
use kp_app::uploads::{self, Incoming, Received, TargetKind};
use kp_app::{App, AppError, FieldError};

use super::refused;
use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::middleware::client_addr::ClientAddr;
use crate::multipart_stream::{MultipartError, MultipartReader};
use crate::pages::parse_id;

/// Longest text field (the token, a type code).
const MAX_FIELD: usize = 1024;
/// Longest free text field (`text`: an answer sent with its document).
const MAX_TEXT_FIELD: usize = 64 * 1024;

/// How reading the form ended, when not with every file received.
pub(crate) enum Stop {
    /// A field error to show on the form (413 for a file over the limit).
    Refused(Vec<FieldError>),
    Web(WebError),
}

impl From<MultipartError> for Stop {
    /// Malformed, or cut off by a client that went away (then nobody reads
    /// the answer): a bad request either way.
    fn from(_: MultipartError) -> Self {
        Stop::Web(WebError::BadRequest)
    }
}

pub(crate) fn refusal(err: AppError) -> Stop {
    match err {
        AppError::Validation(errors) => Stop::Refused(errors),
        other => Stop::Web(other.into()),
    }
}

pub(super) async fn receive(
    ctx: PageCtx,
    kind: TargetKind,
    Path(id): Path<String>,
    ClientAddr(ip): ClientAddr,
    headers: HeaderMap,
    body: Body,
) -> WebResult {
    let principal = ctx.require_user()?;
    let id = parse_id(&id).ok_or(WebError::NotFound)?;
    let app = &ctx.state.app;
    let checked = uploads::check_target(app, principal, kind, id).await?;
    let mut reader = MultipartReader::new(&headers, body).ok_or(WebError::BadRequest)?;
    let mut chosen = String::new();
    let mut files = Vec::new();
    let mut fields = Fields {
        chosen: &mut chosen,
        text: &mut String::new(),
        files_required: true,
    };
    let limit = checked.settings.limit_bytes();
    let read = read_form(&ctx, app, limit, &mut reader, &mut fields, &mut files).await;
    let stop = match read {
        Ok(()) => match uploads::document_type(&checked.settings, &chosen) {
            Ok(document_type) => {
                let count = files.len();
                return match uploads::submit(
                    app,
                    principal,
                    &checked,
                    kind,
                    id,
                    document_type,
                    files,
                    ip,
                )
                .await
                {
                    Ok(_) => {
                        let to = format!("{}?received={count}", upload_page(kind, id));
                        Ok(Redirect::to(&to).into_response())
                    }
                    Err(AppError::Validation(errors)) => refused(
                        &ctx,
                        StatusCode::UNPROCESSABLE_ENTITY,
                        kind,
                        id,
                        &checked,
                        chosen,
                        errors,
                    ),
                    Err(err) => Err(err.into()),
                };
            }
            Err(err) => refusal(err),
        },
        Err(stop) => stop,
    };
    uploads::discard(app, &files).await;
    match stop {
        Stop::Refused(errors) => {
            // The browser may still be sending: it gets the page, not a
            // reset connection (the upload timeout bounds the wait).
            reader.drain().await;
            let too_large = errors.iter().any(|e| e.key == uploads::TOO_LARGE);
            let status = if too_large {
                StatusCode::PAYLOAD_TOO_LARGE
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            refused(&ctx, status, kind, id, &checked, chosen, errors)
        }
        Stop::Web(err) => Err(err),
    }
}

fn upload_page(kind: TargetKind, id: i64) -> String {
    let action = super::action_path(kind, id);
    format!(
        "{}/upload",
        action.strip_suffix("/documents").unwrap_or(&action)
    )
}

/// The text fields of an upload form besides the token.
pub(crate) struct Fields<'a> {
    /// `document_type`.
    pub chosen: &'a mut String,
    /// `text` (a free text sent with the files, e.g. an answer).
    pub text: &'a mut String,
    /// Whether a form without a file is refused.
    pub files_required: bool,
}

/// Reads every part; the received files are pushed to `files` as they
/// complete, so that the caller can remove them whatever happens.
pub(crate) async fn read_form(
    ctx: &PageCtx,
    app: &App,
    limit: u64,
    reader: &mut MultipartReader,
    fields: &mut Fields<'_>,
    files: &mut Vec<Received>,
) -> Result<(), Stop> {
    let mut csrf_checked = false;
    while let Some(part) = reader.next_part().await? {
        match (part.name.as_str(), part.file_name) {
            ("_csrf", None) => {
                let token = reader.text(MAX_FIELD).await?;
                ctx.check_csrf(&token).map_err(Stop::Web)?;
                csrf_checked = true;
            }
            ("document_type", None) => *fields.chosen = reader.text(MAX_FIELD).await?,
            ("text", None) => *fields.text = reader.text(MAX_TEXT_FIELD).await?,
            (uploads::FILES_FIELD, Some(name)) => {
                if !csrf_checked {
                    return Err(Stop::Web(WebError::Csrf));
                }
                if let Some(received) = receive_file(app, reader, &name, limit, files.len()).await?
                {
                    files.push(received);
                }
            }
            // Unknown parts are skipped unread.
            _ => {}
        }
    }
    if !csrf_checked {
        return Err(Stop::Web(WebError::Csrf));
    }
    if files.is_empty() && fields.files_required {
        return Err(Stop::Refused(vec![FieldError {
            field: uploads::FILES_FIELD,
            key: "upload-error-no-file",
        }]));
    }
    Ok(())
}

/// One file part; `None` for the empty part a browser sends when no file
/// was chosen.
async fn receive_file(
    app: &App,
    reader: &mut MultipartReader,
    name: &str,
    limit: u64,
    so_far: usize,
) -> Result<Option<Received>, Stop> {
    let first = reader.chunk().await?;
    let Some(first) = first else {
        if name.is_empty() {
            return Ok(None);
        }
        return Err(Stop::Refused(vec![FieldError {
            field: uploads::FILES_FIELD,
            key: "upload-error-empty",
        }]));
    };
    if so_far >= uploads::MAX_FILES {
        return Err(Stop::Refused(vec![FieldError {
            field: uploads::FILES_FIELD,
            key: "upload-error-too-many",
        }]));
    }
    let mut incoming = Incoming::begin(app, name, limit).await.map_err(refusal)?;
    incoming.write(first).await.map_err(refusal)?;
    while let Some(piece) = reader.chunk().await? {
        incoming.write(piece).await.map_err(refusal)?;
    }
    incoming.finish().await.map(Some).map_err(refusal)
}
