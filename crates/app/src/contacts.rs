//! The contact page (FEATURES D21): the broker's offices that look after
//! the principal's customers, and the people there who look after them.

use kp_domain::{ContractId, Principal};
pub use kp_storage::contacts::{BrokerOffice, Contact, ROLES};

use crate::{App, AppError};

/// What the contact page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactPage {
    pub offices: Vec<BrokerOffice>,
    /// Empty for staff: they are the broker's people themselves.
    pub contacts: Vec<Contact>,
}

/// The offices of the principal's customers and contracts and, for a
/// portal user, their contacts there.
pub async fn page(app: &App, principal: &Principal) -> Result<ContactPage, AppError> {
    let offices = kp_storage::contacts::offices(&app.db, &principal.scope).await?;
    let contacts = if principal.is_staff() {
        Vec::new()
    } else {
        kp_storage::contacts::staff(&app.db, &principal.scope).await?
    };
    Ok(ContactPage { offices, contacts })
}

/// The people named on one contract; empty when it lies outside the scope.
pub async fn of_contract(
    app: &App,
    principal: &Principal,
    id: ContractId,
) -> Result<Vec<Contact>, AppError> {
    Ok(kp_storage::contacts::contract_staff(&app.db, &principal.scope, id).await?)
}
