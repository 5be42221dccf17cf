//! Domain of Kundenportal: the plain types and rules every layer shares —
//! identifiers, the insurance vocabulary (lines of business, contract and
//! claim states, money), the acting [`Principal`] and its access [`Scope`].
//!
//! Nothing here performs I/O or knows about SQL, HTTP or templates, so the
//! rules can be unit-tested in isolation and reused by storage, services and
//! web alike.

pub mod api_scopes;
pub mod codes;
pub mod delegation;
pub mod document_context;
pub mod exchange;
pub mod fields;
pub mod ids;
pub mod language;
pub mod money;
pub mod permission_codes;
pub mod permissions;
pub mod principal;
pub mod scope;
pub mod tasks;

pub use codes::{
    ClaimStatus, ClaimType, ContractStatus, ContractType, CustomerKind, DocumentType, FinanceKind,
    Function, LineOfBusiness, MenuArea, ObjectKind, PaymentFrequency, PortalUserStatus,
    PremiumChangeReason, StaffRole, UnknownCode,
};
pub use document_context::DocumentContextKind;
pub use exchange::{Converted, RateTable};
pub use ids::*;
pub use language::Language;
pub use money::{Currency, Money};
pub use permissions::Permissions;
pub use principal::{Actor, Principal};
pub use scope::{CustomerSet, ListedIds, Scope};
pub use tasks::{TaskArea, TaskHistoryKind, TaskOrigin, TaskPriority, TaskStatus, TaskTrigger};
