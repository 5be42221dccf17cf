//! One contract a principal may see (the list is in [`crate::lists`]).

use kp_domain::{ContractId, Principal};
pub use kp_storage::contracts::{ClaimRow, ContractDetail, ObjectRow};

use crate::{App, AppError};

/// One contract with its objects and claims; `NotFound` when it does not
/// exist or lies outside the principal's scope (the two are the same).
pub async fn detail(
    app: &App,
    principal: &Principal,
    id: ContractId,
) -> Result<(ContractDetail, Vec<ObjectRow>, Vec<ClaimRow>), AppError> {
    kp_storage::contracts::detail(&app.db, &principal.scope, id)
        .await?
        .ok_or(AppError::NotFound)
}
