//! The documents and photos step: `GET /claims/drafts/{id}/documents`
//! lists the draft's files (each with a remove button) above one plain
//! multipart form for several files at once; `POST` there receives it as
//! it streams in (outside the request body limit, like the other upload
//! routes), with "add" staying on the step and "next" going on to the
//! summary (with or without files). A script, where it runs, only shows
//! the upload's progress. `POST /claims/drafts/{id}/documents/remove`
//! removes one file (its id from the form, checked against the user's
//! draft). Use cases in `kp_app::claim_wizard::documents`.

use axum::Form;
use axum::body::Body;
use axum::extract::{Path, Query};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect};
use kp_app::claim_wizard::documents::{self as files, DraftDocumentRow};
use kp_app::claim_wizard::{self, Draft, Step, StepInput};
use kp_app::uploads::{self, Checked, Incoming, Received};
use kp_app::{App, AppError, FieldError};
use serde::{Deserialize, Serialize};

use super::steps::TargetView;
use super::{Progress, draft_path};
use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::form::FormErrors;
use crate::multipart_stream::{MultipartError, MultipartReader};
use crate::pages::parse_id;

const TEMPLATE: &str = "pages/claim_wizard_documents.html";
/// Longest text field (the token, a type code, the button's value).
const MAX_FIELD: usize = 1024;

#[derive(Serialize)]
struct View {
    progress: Progress,
    action: String,
    draft_id: i64,
    target: TargetView,
    files: Vec<DraftDocumentRow>,
    /// Whether the profile may send documents (else the step only moves on).
    may_upload: bool,
    types: Vec<&'static str>,
    type_mandatory: bool,
    limit_mib: u32,
    max_files: usize,
    chosen_type: String,
    errors: FormErrors,
    added: Option<usize>,
    removed: bool,
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct StepQuery {
    added: Option<usize>,
    removed: Option<String>,
}

fn draft_id(id: &str) -> Result<i64, WebError> {
    parse_id(id).ok_or(WebError::NotFound)
}

/// The upload checks of the draft's record; `None` for a profile without
/// `upload_document` (the step then only moves on).
async fn checks(app: &App, ctx: &PageCtx, draft: &Draft) -> Result<Option<Checked>, WebError> {
    let principal = ctx.require_user()?;
    match files::check(app, principal, draft).await {
        Ok(checked) => Ok(Some(checked)),
        Err(AppError::Forbidden) => Ok(None),
        Err(other) => Err(other.into()),
    }
}

struct Shown {
    chosen_type: String,
    errors: FormErrors,
    added: Option<usize>,
    removed: bool,
}

async fn render(
    ctx: &PageCtx,
    status: StatusCode,
    draft: &Draft,
    checked: Option<&Checked>,
    shown: Shown,
) -> WebResult {
    let principal = ctx.require_user()?;
    let list = files::list(&ctx.state.app, principal, draft.id).await?;
    let view = View {
        progress: Progress::of(Step::Documents, Some(draft.id)),
        action: draft_path(draft.id, Step::Documents),
        draft_id: draft.id,
        target: TargetView::of(draft),
        files: list,
        may_upload: checked.is_some(),
        types: checked
            .map(|c| c.settings.offered().iter().map(|t| t.as_str()).collect())
            .unwrap_or_default(),
        type_mandatory: checked.is_some_and(|c| c.settings.type_mandatory),
        limit_mib: checked.map(|c| c.settings.limit_mib).unwrap_or_default(),
        max_files: uploads::MAX_FILES,
        chosen_type: shown.chosen_type,
        errors: shown.errors,
        added: shown.added,
        removed: shown.removed,
    };
    let html = ctx.render(TEMPLATE, "claim-wizard-title", view)?;
    Ok((status, Html(html)).into_response())
}

/// `GET /claims/drafts/{id}/documents`.
pub(super) async fn page(
    ctx: PageCtx,
    Path(id): Path<String>,
    Query(q): Query<StepQuery>,
) -> WebResult {
    let principal = ctx.require_user()?;
    let app = &ctx.state.app;
    let draft = claim_wizard::load(app, principal, draft_id(&id)?).await?;
    let checked = checks(app, &ctx, &draft).await?;
    let shown = Shown {
        chosen_type: String::new(),
        errors: FormErrors::default(),
        added: q.added.filter(|n| *n > 0),
        removed: q.removed.is_some(),
    };
    render(&ctx, StatusCode::OK, &draft, checked.as_ref(), shown).await
}

/// How reading the form ended, when not with every file received.
enum Stop {
    /// A field error to show on the step (413 for a file over the limit).
    Refused(Vec<FieldError>),
    Web(WebError),
}

impl From<MultipartError> for Stop {
    fn from(_: MultipartError) -> Self {
        Stop::Web(WebError::BadRequest)
    }
}

fn refusal(err: AppError) -> Stop {
    match err {
        AppError::Validation(errors) => Stop::Refused(errors),
        other => Stop::Web(other.into()),
    }
}

fn refuse(key: &'static str) -> Stop {
    Stop::Refused(vec![FieldError {
        field: uploads::FILES_FIELD,
        key,
    }])
}

/// What the form sent besides the files.
#[derive(Default)]
struct Fields {
    chosen_type: String,
    /// "next" to go on to the summary, else stay on the step.
    next: bool,
}

/// `POST /claims/drafts/{id}/documents` (multipart).
pub(super) async fn receive(
    ctx: PageCtx,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> WebResult {
    let principal = ctx.require_user()?;
    let app = &ctx.state.app;
    // The draft first: another user's id is a 404 before anything else.
    let draft = claim_wizard::load(app, principal, draft_id(&id)?).await?;
    let checked = checks(app, &ctx, &draft).await?;
    let existing = files::list(app, principal, draft.id).await?.len();
    let mut reader = MultipartReader::new(&headers, body).ok_or(WebError::BadRequest)?;
    let mut fields = Fields::default();
    let mut received = Vec::new();
    let read = read_form(
        &ctx,
        checked.as_ref(),
        existing,
        &mut reader,
        &mut fields,
        &mut received,
    )
    .await;
    let result = match read {
        Ok(()) => store(&ctx, &draft, checked.as_ref(), &fields, &received).await,
        Err(stop) => Err(stop),
    };
    let stop = match result {
        Ok(()) => {
            if fields.next {
                claim_wizard::save(app, principal, draft.id, StepInput::Documents).await?;
                return Ok(Redirect::to(&draft_path(draft.id, Step::Summary)).into_response());
            }
            let to = format!(
                "{}?added={}",
                draft_path(draft.id, Step::Documents),
                received.len()
            );
            return Ok(Redirect::to(&to).into_response());
        }
        Err(stop) => stop,
    };
    uploads::discard(app, &received).await;
    match stop {
        Stop::Refused(errors) => {
            // The browser may still be sending: it gets the page, not a
            // reset connection (the upload timeout bounds the wait).
            reader.drain().await;
            let status = if errors.iter().any(|e| e.key == uploads::TOO_LARGE) {
                StatusCode::PAYLOAD_TOO_LARGE
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            let shown = Shown {
                chosen_type: fields.chosen_type,
                errors: errors.into(),
                added: None,
                removed: false,
            };
            render(&ctx, status, &draft, checked.as_ref(), shown).await
        }
        Stop::Web(err) => Err(err),
    }
}

/// Lists the received files on the draft after checking the type.
async fn store(
    ctx: &PageCtx,
    draft: &Draft,
    checked: Option<&Checked>,
    fields: &Fields,
    received: &[Received],
) -> Result<(), Stop> {
    if received.is_empty() {
        return if fields.next {
            Ok(())
        } else {
            Err(refuse("upload-error-no-file"))
        };
    }
    let checked = checked.ok_or(Stop::Web(WebError::Forbidden))?;
    let document_type =
        uploads::document_type(&checked.settings, &fields.chosen_type).map_err(refusal)?;
    let principal = ctx.require_user().map_err(Stop::Web)?;
    files::attach(&ctx.state.app, principal, draft.id, document_type, received)
        .await
        .map_err(refusal)
}

/// Reads every part; received files are pushed to `received` as they
/// complete, so that the caller can remove them whatever happens.
async fn read_form(
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

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct RemoveForm {
    #[serde(rename = "_csrf")]
    csrf: String,
    document: String,
    /// "summary" when removed there.
    from: String,
}

/// `POST /claims/drafts/{id}/documents/remove`: back to the step (or the
/// summary) it was removed from.
pub(super) async fn remove(
    ctx: PageCtx,
    Path(id): Path<String>,
    Form(form): Form<RemoveForm>,
) -> WebResult {
    let principal = ctx.require_user()?;
    let app = &ctx.state.app;
    let draft = claim_wizard::load(app, principal, draft_id(&id)?).await?;
    ctx.check_csrf(&form.csrf)?;
    let back = if form.from == "summary" {
        draft_path(draft.id, Step::Summary)
    } else {
        format!("{}?removed=1", draft_path(draft.id, Step::Documents))
    };
    // A form without a file id removes nothing.
    let Some(document) = parse_id(form.document.trim()) else {
        return Ok(Redirect::to(&draft_path(draft.id, Step::Documents)).into_response());
    };
    files::remove(app, principal, draft.id, document).await?;
    Ok(Redirect::to(&back).into_response())
}
