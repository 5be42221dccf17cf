//! One claim as a principal may see it (FEATURES A5).

use kp_domain::fields;
use kp_domain::{ClaimId, Principal, RecordRef};
pub use kp_storage::claims::{ClaimDetail, StatusChange};

use crate::attached::{self, AttachedDocument, BrokerContact};
use crate::{App, AppError};

#[derive(Debug, Clone)]
pub struct ClaimPage {
    pub claim: ClaimDetail,
    pub history: Vec<StatusChange>,
    pub documents: Vec<AttachedDocument>,
    pub contacts: Vec<BrokerContact>,
}

/// The claim with its history, documents and handler; `NotFound` when it
/// does not exist or lies outside the principal's scope (the same).
pub async fn detail(app: &App, principal: &Principal, id: ClaimId) -> Result<ClaimPage, AppError> {
    let (mut claim, history) = kp_storage::claims::detail(&app.db, &principal.scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    // Hidden amounts do not leave this layer, whatever a template does.
    if !principal.permissions.shows_field(fields::CLAIM_RESERVE) {
        claim.reserve_minor = 0;
    }
    if !principal.permissions.shows_field(fields::CLAIM_PAID) {
        claim.paid_minor = 0;
    }
    let record = RecordRef::Claim(id);
    Ok(ClaimPage {
        claim,
        history,
        documents: attached::documents(app, principal, record).await?,
        contacts: attached::contacts(app, principal, record).await?,
    })
}
