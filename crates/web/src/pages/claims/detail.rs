//! `GET /claims/{id}`: the claim's numbers, loss, status timeline,
//! amounts, documents and handler, read through the principal's scope.

use axum::extract::Path;
use axum::response::{Html, IntoResponse};
use kp_app::attached::{AttachedDocument, BrokerContact};
use kp_app::claims::{self, ClaimDetail, StatusChange};
use kp_app::exchange_rates::{self, ConvertedAmount};
use kp_domain::fields;
use kp_domain::{ClaimId, MenuArea};
use serde::Serialize;

use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::pages::parse_id;
use crate::permissions::require_area;

#[derive(Serialize)]
struct View {
    claim: ClaimDetail,
    history: Vec<StatusChange>,
    documents: Vec<AttachedDocument>,
    contacts: Vec<BrokerContact>,
    /// Reserve and paid in the profile currency (B9), where shown.
    reserve_converted: Option<ConvertedAmount>,
    paid_converted: Option<ConvertedAmount>,
}

pub(super) async fn page(ctx: PageCtx, Path(id): Path<String>) -> WebResult {
    let principal = ctx.require_user()?;
    let id = parse_id(&id).map(ClaimId).ok_or(WebError::NotFound)?;
    // Looked up before the area check: a claim outside the scope is the
    // same 404 as one that does not exist, for every profile.
    let page = claims::detail(&ctx.state.app, principal, id).await?;
    require_area(principal, MenuArea::Claims)?;
    let profile = exchange_rates::profile(&ctx.state.app, principal).await?;
    let convert = |field, minor| {
        profile
            .as_ref()
            .and_then(|p| p.convert_field(principal, field, Some(minor), &page.claim.currency))
    };
    let reserve_converted = convert(fields::CLAIM_RESERVE, page.claim.reserve_minor);
    let paid_converted = convert(fields::CLAIM_PAID, page.claim.paid_minor);
    let view = View {
        claim: page.claim,
        history: page.history,
        documents: page.documents,
        contacts: page.contacts,
        reserve_converted,
        paid_converted,
    };
    Ok(Html(ctx.render("pages/claim.html", "claim-title", view)?).into_response())
}
