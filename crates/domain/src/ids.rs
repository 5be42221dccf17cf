//! Typed identifiers: a contract id can never be passed where a claim id is
//! expected, which matters most in the access-control code.

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($($name:ident),* $(,)?) => {$(
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

/// Calls `$callback!` with the list of every id type, so that other crates
/// (storage binds them as SQL values) cover exactly the same set.
#[macro_export]
macro_rules! for_each_id_type {
    ($callback:ident) => {
        $callback!(
            TenantId,
            StaffUserId,
            PortalUserId,
            OrganizationId,
            PermissionProfileId,
            CustomerId,
            InsurerId,
            ContractId,
            ObjectId,
            ClaimId,
            FinanceItemId,
            DocumentId,
            ClaimReportId,
            TaskId
        );
    };
}

for_each_id_type!(id_type);

/// The record something (a conversation, a document, a task) belongs to.
/// Only the most specific record is named: the ones above it (a claim's
/// object, contract and customer) are read from it by the storage layer,
/// never taken from a caller, so they cannot disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "snake_case")]
pub enum RecordRef {
    Customer(CustomerId),
    Contract(ContractId),
    Object(ObjectId),
    Claim(ClaimId),
}
