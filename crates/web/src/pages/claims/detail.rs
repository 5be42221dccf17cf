//! `GET /claims/{id}`: the claim's numbers, loss, status timeline,
//! amounts, "what we still need from you" checklist, documents and
//! handler, read through the principal's scope. Staff of the claim's
//! tenant also get the forms to change the status and keep the
//! checklist (handled in `pages::claim_after`), which show here again
//! with their messages when refused.

use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse};
use kp_app::FieldError;
use kp_app::attached::{AttachedDocument, BrokerContact};
use kp_app::claim_after::{self, ItemRow};
use kp_app::claims::{self, ClaimDetail, StatusChange};
use kp_app::exchange_rates::{self, ConvertedAmount};
use kp_app::uploads::{self, TargetKind};
use kp_domain::fields;
use kp_domain::{ClaimId, ClaimStatus, MenuArea};
use serde::{Deserialize, Serialize};

use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::form::FormErrors;
use crate::pages::parse_id;
use crate::permissions::require_area;

/// One step of the status timeline.
#[derive(Serialize)]
struct Step {
    status: &'static str,
    /// `done`, `current` or `todo`: said in words too, not only by colour.
    state: &'static str,
}

/// The staff forms' values as typed.
#[derive(Serialize, Deserialize, Default, Clone)]
#[serde(default)]
pub(crate) struct ActionValues {
    pub status: String,
    pub note: String,
    pub text: String,
    pub due_on: String,
    #[serde(rename = "_csrf")]
    pub csrf: String,
}

/// What the customer's upload form for an item offers.
#[derive(Serialize)]
struct UploadOffer {
    types: Vec<&'static str>,
    type_mandatory: bool,
    limit_mib: u32,
    max_files: usize,
}

#[derive(Serialize)]
struct View {
    claim: ClaimDetail,
    history: Vec<StatusChange>,
    timeline: Vec<Step>,
    checklist: Vec<ItemRow>,
    /// Staff of the claim's tenant: the status and checklist forms.
    staff_actions: bool,
    /// The customer may answer an item with a document: what the form
    /// offers.
    upload: Option<UploadOffer>,
    statuses: Vec<&'static str>,
    values: ActionValues,
    errors: FormErrors,
    documents: Vec<AttachedDocument>,
    contacts: Vec<BrokerContact>,
    /// Reserve and paid in the profile currency (B9), where shown.
    reserve_converted: Option<ConvertedAmount>,
    paid_converted: Option<ConvertedAmount>,
}

fn timeline(status: &str) -> Vec<Step> {
    let current = ClaimStatus::parse(status).map_or(0, ClaimStatus::step);
    ClaimStatus::TIMELINE
        .iter()
        .enumerate()
        .map(|(i, s)| Step {
            status: s.as_str(),
            state: match i.cmp(&current) {
                std::cmp::Ordering::Less => "done",
                std::cmp::Ordering::Equal => "current",
                std::cmp::Ordering::Greater => "todo",
            },
        })
        .collect()
}

pub(super) async fn page(ctx: PageCtx, Path(id): Path<String>) -> WebResult {
    let id = parse_id(&id).map(ClaimId).ok_or(WebError::NotFound)?;
    render(
        &ctx,
        id,
        StatusCode::OK,
        ActionValues::default(),
        Vec::new(),
    )
    .await
}

/// The claim's page; with `errors` the staff forms show `values` and
/// their messages.
pub(crate) async fn render(
    ctx: &PageCtx,
    id: ClaimId,
    status: StatusCode,
    values: ActionValues,
    errors: Vec<FieldError>,
) -> WebResult {
    let principal = ctx.require_user()?;
    // Looked up before the area check: a claim outside the scope is the
    // same 404 as one that does not exist, for every profile.
    let page = claims::detail(&ctx.state.app, principal, id).await?;
    require_area(principal, MenuArea::Claims)?;
    let checklist = claim_after::checklist::list(&ctx.state.app, principal, id).await?;
    let profile = exchange_rates::profile(&ctx.state.app, principal).await?;
    let convert = |field, minor| {
        profile
            .as_ref()
            .and_then(|p| p.convert_field(principal, field, Some(minor), &page.claim.currency))
    };
    let reserve_converted = convert(fields::CLAIM_RESERVE, page.claim.reserve_minor);
    let paid_converted = convert(fields::CLAIM_PAID, page.claim.paid_minor);
    let staff_actions = claim_after::staff_of(principal).is_ok();
    let upload = if principal.is_staff() || checklist.is_empty() {
        None
    } else {
        // Without the upload function (or its customer-level documents)
        // the items are shown without the form.
        uploads::check_target(&ctx.state.app, principal, TargetKind::Claim, id.0)
            .await
            .ok()
            .map(|c| UploadOffer {
                types: c.settings.offered().iter().map(|t| t.as_str()).collect(),
                type_mandatory: c.settings.type_mandatory,
                limit_mib: c.settings.limit_mib,
                max_files: uploads::MAX_FILES,
            })
    };
    let view = View {
        timeline: timeline(&page.claim.status),
        claim: page.claim,
        history: page.history,
        checklist,
        staff_actions,
        upload,
        statuses: ClaimStatus::TIMELINE.iter().map(|s| s.as_str()).collect(),
        values,
        errors: FormErrors::from(errors),
        documents: page.documents,
        contacts: page.contacts,
        reserve_converted,
        paid_converted,
    };
    let html = ctx.render("pages/claim.html", "claim-title", view)?;
    Ok((status, Html(html)).into_response())
}
