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

id_type!(
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
);
