//! Storage of Kundenportal: the only crate that writes SQL.
//!
//! One code path serves SQLite (the embedded default) and PostgreSQL (scale
//! out): queries are plain, portable SQL with `$n` placeholders, which both
//! drivers accept, executed through [`Db`]. Migrations are embedded and
//! written once with type placeholders that [`migrate`] fills in per
//! dialect. Every read of customer data filters with the predicate that
//! [`scope_sql`] compiles from the principal's [`kp_domain::Scope`].

pub mod account;
pub mod accounts;
pub mod accounts_email;
pub mod api;
pub mod args;
pub mod audit;
pub mod broker_contacts;
pub mod claim_approvals;
pub mod claim_checklist;
pub mod claim_draft_documents;
pub mod claim_drafts;
pub mod claim_reports;
pub mod claim_review;
pub mod claim_status;
pub mod claim_targets;
pub mod claims;
pub mod consents;
pub mod contacts;
pub mod contract_parts;
pub mod contracts;
pub mod customers;
pub mod dashboard;
pub mod db;
pub mod document_files;
pub mod documents_attached;
pub mod error;
pub mod events;
pub mod exchange_rates;
pub mod gdv_import;
pub mod home;
pub mod invitations;
pub mod link_tokens;
pub mod lists;
pub mod login_attempts;
pub mod migrate;
pub mod objects;
pub mod org_admin;
pub mod organization_members;
pub mod organizations;
pub mod outbox;
pub mod outbox_list;
pub mod passkeys;
mod placeholders;
pub mod premium_history;
pub mod preview_rows;
mod principal_row;
pub mod profiles;
pub mod registrations;
pub mod request_throttle;
mod savepoints;
pub mod scope_sql;
pub mod search;
pub mod server_secrets;
pub mod session_principal;
pub mod sessions;
pub mod settings;
pub mod staff_admin;
pub mod staff_invite;
pub mod task_changes;
pub mod task_detail;
pub mod task_inbox;
pub mod tasks;
pub mod tenants;
pub mod two_factor;
pub mod uploads;
pub mod user_admin;
pub mod user_audit;
pub mod user_scope;
pub mod user_scope_pick;
pub mod users;
pub mod view_as;
pub mod webhook_deliveries;
pub mod webhooks;
pub mod write;

pub use args::{Arg, Sql};
pub use db::{Backend, Db, Tx};
pub use error::StorageError;

pub type Result<T, E = StorageError> = std::result::Result<T, E>;
