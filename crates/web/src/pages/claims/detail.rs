//! `GET /claims/{id}`: the claim's numbers, loss, status timeline,
//! amounts, documents and handler, read through the principal's scope.

use axum::extract::Path;
use axum::response::{Html, IntoResponse};
use kp_app::attached::{AttachedDocument, BrokerContact};
use kp_app::claims::{self, ClaimDetail, StatusChange};
use kp_domain::{ClaimId, MenuArea};
use serde::Serialize;

use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::pages::parse_id;
use crate::permissions::require_area;

/// Claim types with a message of their own (`claim-type-<key>`); the back
/// office may send others, which are shown as sent.
const CLAIM_TYPES: &[&str] = &[
    "water",
    "storm",
    "collision",
    "theft",
    "fire",
    "glass",
    "liability",
    "machine_breakdown",
    "transport_damage",
];

/// The message key of a claim type, if it has one.
pub fn claim_type_key(claim_type: &str) -> Option<String> {
    CLAIM_TYPES
        .contains(&claim_type)
        .then(|| format!("claim-type-{claim_type}"))
}

#[derive(Serialize)]
struct View {
    claim: ClaimDetail,
    claim_type_key: Option<String>,
    history: Vec<StatusChange>,
    documents: Vec<AttachedDocument>,
    contacts: Vec<BrokerContact>,
}

pub(super) async fn page(ctx: PageCtx, Path(id): Path<String>) -> WebResult {
    let principal = ctx.require_user()?;
    let id = parse_id(&id).map(ClaimId).ok_or(WebError::NotFound)?;
    // Looked up before the area check: a claim outside the scope is the
    // same 404 as one that does not exist, for every profile.
    let page = claims::detail(&ctx.state.app, principal, id).await?;
    require_area(principal, MenuArea::Claims)?;
    let view = View {
        claim_type_key: claim_type_key(&page.claim.claim_type),
        claim: page.claim,
        history: page.history,
        documents: page.documents,
        contacts: page.contacts,
    };
    Ok(Html(ctx.render("pages/claim.html", "claim-title", view)?).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_claim_types_have_no_key() {
        assert_eq!(claim_type_key("fire").as_deref(), Some("claim-type-fire"));
        assert_eq!(claim_type_key("meteorite"), None);
    }
}
