//! Reading the documents step's multipart form as it streams in: the
//! token before any file, the document type, the button, and each file
//! through `uploads::Incoming` (the broker's limit while streaming, the
//! content against the name, at most `uploads::MAX_FILES` per draft).
//! Shared by the drafter's and the approver's documents step.

use kp_app::AppError;
use kp_app::FieldError;
use kp_app::uploads::{self, Checked, Incoming, Received};

use crate::context::PageCtx;
use crate::error::WebError;
use crate::multipart_stream::{MultipartError, MultipartReader};

/// Longest text field (the token, a type code, the button's value).
const MAX_FIELD: usize = 1024;

/// How reading the form ended, when not with every file received.
pub(super) enum Stop {
    /// A field error to show on the step (413 for a file over the limit).
    Refused(Vec<FieldError>),
    Web(WebError),
}

impl From<MultipartError> for Stop {
    fn from(_: MultipartError) -> Self {
        Stop::Web(WebError::BadRequest)
    }
}

pub(super) fn refusal(err: AppError) -> Stop {
    match err {
        AppError::Validation(errors) => Stop::Refused(errors),
        other => Stop::Web(other.into()),
    }
}

pub(super) fn refuse(key: &'static str) -> Stop {
    Stop::Refused(vec![FieldError {
        field: uploads::FILES_FIELD,
        key,
    }])
}

/// What the form sent besides the files.
#[derive(Default)]
pub(super) struct Fields {
    pub(super) chosen_type: String,
    /// "next" to go on to the summary, else stay on the step.
    pub(super) next: bool,
}

/// Reads every part; received files are pushed to `received` as they
/// complete, so that the caller can remove them whatever happens.
pub(super) async fn read_form(
    ctx: &PageCtx,
    checked: Option<&Checked>,
    existing: usize,
    reader: &mut MultipartReader,
    fields: &mut Fields,
    received: &mut Vec<Received>,
) -> Result<(), Stop> {
    let mut csrf_checked = false;
    while let Some(part) = reader.next_part().await? {
        match (part.name.as_str(), part.file_name) {
            ("_csrf", None) => {
                let token = reader.text(MAX_FIELD).await?;
                ctx.check_csrf(&token).map_err(Stop::Web)?;
                csrf_checked = true;
            }
            ("document_type", None) => fields.chosen_type = reader.text(MAX_FIELD).await?,
            ("action", None) => fields.next = reader.text(MAX_FIELD).await? == "next",
            (uploads::FILES_FIELD, Some(name)) => {
                if !csrf_checked {
                    return Err(Stop::Web(WebError::Csrf));
                }
                let so_far = existing + received.len();
                if let Some(file) = receive_file(ctx, checked, reader, &name, so_far).await? {
                    received.push(file);
                }
            }
            // Unknown parts are skipped unread.
            _ => {}
        }
    }
    if !csrf_checked {
        return Err(Stop::Web(WebError::Csrf));
    }
    Ok(())
}

/// One file part; `None` for the empty part a browser sends when no file
/// was chosen.
async fn receive_file(
    ctx: &PageCtx,
    checked: Option<&Checked>,
    reader: &mut MultipartReader,
    name: &str,
    so_far: usize,
) -> Result<Option<Received>, Stop> {
    let Some(first) = reader.chunk().await? else {
        return if name.is_empty() {
            Ok(None)
        } else {
            Err(refuse("upload-error-empty"))
        };
    };
    // Not one byte is kept for a profile without the function.
    let checked = checked.ok_or(Stop::Web(WebError::Forbidden))?;
    if so_far >= uploads::MAX_FILES {
        return Err(refuse("upload-error-too-many"));
    }
    let limit = checked.settings.limit_bytes();
    let app = &ctx.state.app;
    let mut incoming = Incoming::begin(app, name, limit).await.map_err(refusal)?;
    incoming.write(first).await.map_err(refusal)?;
    while let Some(piece) = reader.chunk().await? {
        incoming.write(piece).await.map_err(refusal)?;
    }
    incoming.finish().await.map(Some).map_err(refusal)
}
