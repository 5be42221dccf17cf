//! What the detail pages show beside a record: its documents (only for
//! profiles showing the Documents area) and the broker's contacts for it.

use kp_domain::{MenuArea, Principal, RecordRef};
pub use kp_storage::broker_contacts::BrokerContact;
pub use kp_storage::documents_attached::AttachedDocument;

use crate::{App, AppError};

/// The record's documents; none at all, not even read, when the profile
/// hides the Documents area.
pub async fn documents(
    app: &App,
    principal: &Principal,
    record: RecordRef,
) -> Result<Vec<AttachedDocument>, AppError> {
    if !principal.permissions.shows_area(MenuArea::Documents) {
        return Ok(Vec::new());
    }
    Ok(kp_storage::documents_attached::list(&app.db, &principal.scope, record).await?)
}

/// The broker's people responsible for the record.
pub async fn contacts(
    app: &App,
    principal: &Principal,
    record: RecordRef,
) -> Result<Vec<BrokerContact>, AppError> {
    Ok(kp_storage::broker_contacts::list(&app.db, &principal.scope, record).await?)
}
