//! The GDV import's writes (issue 11, E1): insurers by VU number, upserts
//! of customers, contracts, objects, claims and finance items by their
//! derived external id that compare before they write (a second import of
//! the same file changes nothing, not even `updated_at`), the records kept
//! raw, and the `imports` log.
//!
//! The import is back-office work on one tenant named by the caller (a CLI
//! operator or an API token), not a portal user's write, so these
//! functions take the tenant, not a scope; parents' tenants are still
//! taken from the parent row inside each insert.

mod fields;
pub mod imports;
mod upsert;

pub use fields::{
    ClaimFields, ContractFields, CustomerFields, FinanceFields, ObjectFields, upsert_claim,
    upsert_contract, upsert_customer, upsert_finance_item, upsert_object,
};
pub use upsert::{Outcome, RawRecord, customer_by_external_id, insurer_by_vu, keep_raw};
