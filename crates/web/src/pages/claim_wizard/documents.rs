//! The documents and photos step: `GET /claims/drafts/{id}/documents`
//! lists the draft's files (each with a remove button) above one plain
//! multipart form for several files at once; `POST` there receives it as
//! it streams in (outside the request body limit, like the other upload
//! routes), with "add" staying on the step and "next" going on to the
//! summary (with or without files). A script, where it runs, only shows
//! the upload's progress. `POST /claims/drafts/{id}/documents/remove`
//! removes one file (its id from the form, checked against the user's
//! draft). An approver has the same step on a draft awaiting approval
//! (`/claims/approvals/{id}/documents`, [`Mode::Approval`]): the upload
//! checks of the approver's scope and profile, and any file of the draft
//! to remove. Use cases in `kp_app::claim_wizard::{documents,
//! approval_edit}`; the form is read in [`super::documents_form`].

use axum::Form;
use axum::body::Body;
use axum::extract::{Path, Query};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use kp_app::claim_wizard::approval::{self, Review};
use kp_app::claim_wizard::approval_edit;
use kp_app::claim_wizard::documents::{self as files, DraftDocumentRow};
use kp_app::claim_wizard::{self, Draft, Step, StepInput};
use kp_app::uploads::{self, Checked, Received};
use kp_app::{App, AppError};
use kp_domain::{DocumentType, Principal};
use serde::{Deserialize, Serialize};

use super::documents_form::{Fields, Stop, read_form, refusal, refuse};
use super::steps::TargetView;
use super::{Mode, Progress};
use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::form::FormErrors;
use crate::multipart_stream::MultipartReader;
use crate::pages::claim_approval::render_list;
use crate::pages::parse_id;

const TEMPLATE: &str = "pages/claim_wizard_documents.html";

#[derive(Serialize)]
struct View {
    progress: Progress,
    action: String,
    /// Where a file's "remove" posts.
    remove_action: String,
    /// Where "later" leads: the claims page, or the approver's review.
    leave: String,
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
pub(crate) struct StepQuery {
    added: Option<usize>,
    removed: Option<String>,
}

fn draft_id(id: &str) -> Result<i64, WebError> {
    parse_id(id).ok_or(WebError::NotFound)
}

/// The draft and its files as the mode shows them: the drafter's own
/// (`Conflict` while it awaits approval: only the approvers change it
/// then), or one awaiting the approver (`Conflict` when handled
/// meanwhile).
async fn load(
    app: &App,
    principal: &Principal,
    id: i64,
    mode: Mode,
) -> Result<(Draft, Vec<DraftDocumentRow>), AppError> {
    match mode {
        Mode::Own => {
            let draft = claim_wizard::load(app, principal, id).await?;
            if draft.awaiting() {
                return Err(AppError::Conflict);
            }
            let list = files::list(app, principal, id).await?;
            Ok((draft, list))
        }
        Mode::Approval => {
            let Review { draft, files, .. } = approval::review(app, principal, id).await?;
            Ok((draft, files))
        }
    }
}

/// An approver's action on a draft handled meanwhile: the list with its
/// message (409); anything else as it is.
async fn answer(ctx: &PageCtx, err: AppError, mode: Mode) -> WebResult {
    match (err, mode) {
        (AppError::Conflict, Mode::Approval) => render_list(ctx, true).await,
        (other, _) => Err(other.into()),
    }
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
    mode: Mode,
    (draft, list): (&Draft, Vec<DraftDocumentRow>),
    checked: Option<&Checked>,
    shown: Shown,
) -> WebResult {
    let view = View {
        progress: Progress::in_mode(Step::Documents, Some(draft.id), mode),
        action: mode.path(draft.id, Step::Documents),
        remove_action: format!("{}/remove", mode.path(draft.id, Step::Documents)),
        leave: match mode {
            Mode::Own => "/claims".to_owned(),
            Mode::Approval => mode.path(draft.id, Step::Summary),
        },
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

/// `GET /claims/drafts/{id}/documents` (and the approver's).
pub(crate) async fn page(
    ctx: PageCtx,
    Path(id): Path<String>,
    Query(q): Query<StepQuery>,
    mode: Mode,
) -> WebResult {
    let principal = ctx.require_user()?;
    let app = &ctx.state.app;
    let id = draft_id(&id)?;
    let (draft, list) = match load(app, principal, id, mode).await {
        Ok(found) => found,
        // The drafter's draft awaiting approval shows its summary only.
        Err(AppError::Conflict) if mode == Mode::Own => {
            return Ok(Redirect::to(&mode.path(id, Step::Summary)).into_response());
        }
        Err(err) => return answer(&ctx, err, mode).await,
    };
    let checked = checks(app, &ctx, &draft).await?;
    let shown = Shown {
        chosen_type: String::new(),
        errors: FormErrors::default(),
        added: q.added.filter(|n| *n > 0),
        removed: q.removed.is_some(),
    };
    let status = StatusCode::OK;
    render(&ctx, status, mode, (&draft, list), checked.as_ref(), shown).await
}

/// `POST /claims/drafts/{id}/documents` (and the approver's; multipart).
pub(crate) async fn receive(
    ctx: PageCtx,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
    mode: Mode,
) -> WebResult {
    let principal = ctx.require_user()?;
    let app = &ctx.state.app;
    // The draft first: another user's id is a 404 before anything else.
    let (draft, list) = match load(app, principal, draft_id(&id)?, mode).await {
        Ok(found) => found,
        Err(err) => return answer(&ctx, err, mode).await,
    };
    let checked = checks(app, &ctx, &draft).await?;
    let mut reader = MultipartReader::new(&headers, body).ok_or(WebError::BadRequest)?;
    let mut fields = Fields::default();
    let mut received = Vec::new();
    let read = read_form(
        &ctx,
        checked.as_ref(),
        list.len(),
        &mut reader,
        &mut fields,
        &mut received,
    )
    .await;
    let result = match read {
        Ok(()) => store(&ctx, &draft, checked.as_ref(), &fields, &received, mode).await,
        Err(stop) => Err(stop),
    };
    let stop = match result {
        Ok(()) => return moved_on(&ctx, draft.id, &fields, received.len(), mode).await,
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
            render(&ctx, status, mode, (&draft, list), checked.as_ref(), shown).await
        }
        Stop::Web(WebError::Conflict) => answer(&ctx, AppError::Conflict, mode).await,
        Stop::Web(err) => Err(err),
    }
}

/// Where a received form leads: the summary ("next"), else the step again
/// with the number of files added.
async fn moved_on(
    ctx: &PageCtx,
    id: i64,
    fields: &Fields,
    added: usize,
    mode: Mode,
) -> Result<Response, WebError> {
    if fields.next {
        if mode == Mode::Own {
            let principal = ctx.require_user()?;
            claim_wizard::save(&ctx.state.app, principal, id, StepInput::Documents).await?;
        }
        return Ok(Redirect::to(&mode.path(id, Step::Summary)).into_response());
    }
    let to = format!("{}?added={added}", mode.path(id, Step::Documents));
    Ok(Redirect::to(&to).into_response())
}

/// Lists the received files on the draft after checking the type.
async fn store(
    ctx: &PageCtx,
    draft: &Draft,
    checked: Option<&Checked>,
    fields: &Fields,
    received: &[Received],
    mode: Mode,
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
    attach(ctx, draft.id, document_type, received, mode)
        .await
        .map_err(refusal)
}

async fn attach(
    ctx: &PageCtx,
    id: i64,
    document_type: DocumentType,
    received: &[Received],
    mode: Mode,
) -> Result<(), AppError> {
    let principal = ctx.require_user().map_err(|_| AppError::NotFound)?;
    let app = &ctx.state.app;
    match mode {
        Mode::Own => files::attach(app, principal, id, document_type, received).await,
        Mode::Approval => approval_edit::attach(app, principal, id, document_type, received).await,
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub(crate) struct RemoveForm {
    #[serde(rename = "_csrf")]
    csrf: String,
    document: String,
    /// "summary" when removed there.
    from: String,
}

/// `POST /claims/drafts/{id}/documents/remove` (and the approver's): back
/// to the step (or the summary) it was removed from.
pub(crate) async fn remove(
    ctx: PageCtx,
    Path(id): Path<String>,
    Form(form): Form<RemoveForm>,
    mode: Mode,
) -> WebResult {
    let principal = ctx.require_user()?;
    let app = &ctx.state.app;
    let (draft, _) = match load(app, principal, draft_id(&id)?, mode).await {
        Ok(found) => found,
        Err(err) => return answer(&ctx, err, mode).await,
    };
    ctx.check_csrf(&form.csrf)?;
    let step = mode.path(draft.id, Step::Documents);
    let back = if form.from == "summary" {
        mode.path(draft.id, Step::Summary)
    } else {
        format!("{step}?removed=1")
    };
    // A form without a file id removes nothing.
    let Some(document) = parse_id(form.document.trim()) else {
        return Ok(Redirect::to(&step).into_response());
    };
    let removed = match mode {
        Mode::Own => files::remove(app, principal, draft.id, document).await,
        Mode::Approval => approval_edit::remove(app, principal, draft.id, document).await,
    };
    match removed {
        Ok(()) => Ok(Redirect::to(&back).into_response()),
        Err(err) => answer(&ctx, err, mode).await,
    }
}
