//! One contract a principal may see (the list is in [`crate::lists`]).

use kp_domain::fields;
use kp_domain::{ContractId, MenuArea, Principal, RecordRef};
use kp_storage::contract_parts;
pub use kp_storage::contract_parts::{CoInsured, FinanceItemRow};
pub use kp_storage::contracts::{ClaimRow, ContractDetail, ObjectRow};
pub use kp_storage::premium_history::PremiumChange;

use crate::attached::{self, AttachedDocument, BrokerContact};
use crate::{App, AppError};

/// Everything a contract's page shows.
#[derive(Debug, Clone)]
pub struct ContractPage {
    pub contract: ContractDetail,
    pub objects: Vec<ObjectRow>,
    pub claims: Vec<ClaimRow>,
    pub co_insured: Vec<CoInsured>,
    /// Empty when the profile hides the Finances area.
    pub finance_items: Vec<FinanceItemRow>,
    pub documents: Vec<AttachedDocument>,
    pub contacts: Vec<BrokerContact>,
    /// Oldest first; empty when the profile hides the premium (then it is
    /// not even read).
    pub premium_history: Vec<PremiumChange>,
}

/// One contract with what hangs below it, as far as the scope shows it;
/// `NotFound` when it does not exist or lies outside the principal's scope
/// (the two are the same).
pub async fn detail(
    app: &App,
    principal: &Principal,
    id: ContractId,
) -> Result<ContractPage, AppError> {
    let (contract, objects, claims) = kp_storage::contracts::detail(&app.db, &principal.scope, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let scope = &principal.scope;
    let finance_items = if principal.permissions.shows_area(MenuArea::Finances) {
        contract_parts::finance_items(&app.db, scope, id).await?
    } else {
        Vec::new()
    };
    let premium_history = if principal.permissions.shows_field(fields::CONTRACT_PREMIUM) {
        kp_storage::premium_history::of_contract(&app.db, scope, id).await?
    } else {
        Vec::new()
    };
    let record = RecordRef::Contract(id);
    Ok(ContractPage {
        contract,
        objects,
        claims,
        co_insured: contract_parts::co_insured(&app.db, scope, id).await?,
        finance_items,
        documents: attached::documents(app, principal, record).await?,
        contacts: attached::contacts(app, principal, record).await?,
        premium_history,
    })
}
