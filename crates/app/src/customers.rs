//! One customer as a principal may see them (FEATURES A3): master data,
//! contracts, customer-level documents and the broker's contacts.

use kp_domain::fields;
use kp_domain::{CustomerId, MenuArea, Principal, RecordRef};
pub use kp_storage::customers::{CustomerContract, CustomerDetail};

use crate::attached::{self, AttachedDocument, BrokerContact};
use crate::{App, AppError};

#[derive(Debug, Clone)]
pub struct CustomerPage {
    pub customer: CustomerDetail,
    /// Empty when the profile hides the Contracts area.
    pub contracts: Vec<CustomerContract>,
    pub documents: Vec<AttachedDocument>,
    pub contacts: Vec<BrokerContact>,
}

/// The customer's page; `NotFound` when the customer does not exist or
/// lies outside the principal's scope (the same).
pub async fn detail(
    app: &App,
    principal: &Principal,
    id: CustomerId,
) -> Result<CustomerPage, AppError> {
    let (mut customer, contracts) = kp_storage::customers::detail(&app.db, &principal.scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    // Customer master data goes with the contract view: a profile that
    // hides contracts (a finance clerk's) sees invoices, not the companies'
    // records behind them.
    if !principal.permissions.shows_area(MenuArea::Contracts) {
        return Err(AppError::Forbidden);
    }
    if !principal.permissions.shows_field(fields::CUSTOMER_BANK) {
        customer.iban.clear();
        customer.bic.clear();
        customer.account_holder.clear();
    }
    let record = RecordRef::Customer(id);
    Ok(CustomerPage {
        customer,
        contracts,
        documents: attached::documents(app, principal, record).await?,
        contacts: attached::contacts(app, principal, record).await?,
    })
}
