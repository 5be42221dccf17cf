//! The customer's answers that may carry a document, read as the form
//! streams in (like `pages::uploads`): `POST /claims/reports/{id}/answer`
//! (the open question of a report: text, optionally a document) and
//! `POST /checklist-items/{id}/documents` (a checklist item of a claim:
//! the document asked for). The record is looked up through the scope
//! before a byte is read (404), then the upload function (403). Whatever
//! is refused leaves no file and no row.

use axum::body::Body;
use axum::extract::Path;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect};
use kp_app::claim_after::{checklist, questions};
use kp_app::uploads::{self, Received};
use kp_app::{AppError, FieldError, claim_wizard};
use kp_domain::{ClaimId, TenantId};

use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::middleware::client_addr::ClientAddr;
use crate::multipart_stream::MultipartReader;
use crate::pages::claim_wizard::report;
use crate::pages::claims::detail::{self, ActionValues};
use crate::pages::parse_id;
use crate::pages::uploads::receive::{Fields, Stop, read_form};

/// The status of a refused form: 413 for a file over the limit.
fn refused_status(errors: &[FieldError]) -> StatusCode {
    if errors.iter().any(|e| e.key == uploads::TOO_LARGE) {
        StatusCode::PAYLOAD_TOO_LARGE
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    }
}

pub(super) async fn report_answer(
    ctx: PageCtx,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> WebResult {
    let principal = ctx.require_user()?;
    let id = parse_id(&id).ok_or(WebError::NotFound)?;
    let app = &ctx.state.app;
    let found = claim_wizard::report(app, principal, id).await?;
    if principal.is_staff() {
        // The answer is the customer's own statement.
        return Err(WebError::Forbidden);
    }
    let tenant = found.tenant_id.ok_or(WebError::NotFound)?;
    let limit = uploads::settings::for_tenant(app, TenantId(tenant))
        .await?
        .limit_bytes();
    let mut reader = MultipartReader::new(&headers, body).ok_or(WebError::BadRequest)?;
    let (mut chosen, mut text) = (String::new(), String::new());
    let mut files: Vec<Received> = Vec::new();
    let mut fields = Fields {
        chosen: &mut chosen,
        text: &mut text,
        files_required: false,
    };
    let read = read_form(&ctx, app, limit, &mut reader, &mut fields, &mut files).await;
    let errors = match read {
        Ok(()) => match questions::answer(app, principal, id, &text, &files).await {
            Ok(()) => {
                return Ok(
                    Redirect::to(&format!("/claims/reports/{id}?answered=1")).into_response()
                );
            }
            Err(AppError::Validation(errors)) => errors,
            Err(err) => {
                uploads::discard(app, &files).await;
                return Err(err.into());
            }
        },
        Err(Stop::Refused(errors)) => {
            reader.drain().await;
            errors
        }
        Err(Stop::Web(err)) => {
            uploads::discard(app, &files).await;
            return Err(err);
        }
    };
    uploads::discard(app, &files).await;
    let status = refused_status(&errors);
    report::render(&ctx, id, status, (false, false), text, errors).await
}

pub(super) async fn item_answer(
    ctx: PageCtx,
    Path(id): Path<String>,
    ClientAddr(ip): ClientAddr,
    headers: HeaderMap,
    body: Body,
) -> WebResult {
    let principal = ctx.require_user()?;
    let item = parse_id(&id).ok_or(WebError::NotFound)?;
    let app = &ctx.state.app;
    let (found, checked) = match checklist::check_answer(app, principal, item).await {
        Ok(ok) => ok,
        Err(AppError::Validation(errors)) => {
            // A done item: the claim's page says so.
            let claim = checklist::claim_of(app, principal, item).await?;
            let values = ActionValues::default();
            return detail::render(
                &ctx,
                claim,
                StatusCode::UNPROCESSABLE_ENTITY,
                values,
                errors,
            )
            .await;
        }
        Err(err) => return Err(err.into()),
    };
    let claim = ClaimId(found.claim_id);
    let mut reader = MultipartReader::new(&headers, body).ok_or(WebError::BadRequest)?;
    let (mut chosen, mut text) = (String::new(), String::new());
    let mut files: Vec<Received> = Vec::new();
    let mut fields = Fields {
        chosen: &mut chosen,
        text: &mut text,
        files_required: true,
    };
    let limit = checked.settings.limit_bytes();
    let read = read_form(&ctx, app, limit, &mut reader, &mut fields, &mut files).await;
    let errors = match read {
        Ok(()) => match uploads::document_type(&checked.settings, &chosen) {
            Ok(kind) => match checklist::answer(app, principal, item, kind, files, ip).await {
                Ok(_) => {
                    let to = format!("/claims/{}?received={item}#checklist", claim.0);
                    return Ok(Redirect::to(&to).into_response());
                }
                // The files were removed by the use case.
                Err(AppError::Validation(errors)) => errors,
                Err(err) => return Err(err.into()),
            },
            Err(AppError::Validation(errors)) => {
                uploads::discard(app, &files).await;
                errors
            }
            Err(err) => {
                uploads::discard(app, &files).await;
                return Err(err.into());
            }
        },
        Err(Stop::Refused(errors)) => {
            uploads::discard(app, &files).await;
            reader.drain().await;
            errors
        }
        Err(Stop::Web(err)) => {
            uploads::discard(app, &files).await;
            return Err(err);
        }
    };
    let status = refused_status(&errors);
    detail::render(&ctx, claim, status, ActionValues::default(), errors).await
}
