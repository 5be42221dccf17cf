//! The contracts a principal may see: the list and one contract.

use kp_domain::{ContractId, Principal};
pub use kp_storage::contracts::{
    ClaimRow, ContractDetail, ContractQuery, ContractRow, ContractSort, ObjectRow,
};

use crate::{App, AppError};

/// Rows per page of the contract list.
pub const PER_PAGE: u32 = 25;

/// A page of the principal's contracts and how many match in all.
pub async fn list(
    app: &App,
    principal: &Principal,
    query: &ContractQuery,
) -> Result<(Vec<ContractRow>, i64), AppError> {
    Ok(kp_storage::contracts::list(&app.db, &principal.scope, query).await?)
}

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
