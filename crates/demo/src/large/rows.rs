//! Column lists of the bulk tables and the batch of rows one slice of
//! contracts produces. Values go in column order.

use kp_storage::write::bulk;
use kp_storage::{Arg, Tx};

use crate::DemoError;

pub(super) const CUSTOMERS: &[&str] = &[
    "id",
    "tenant_id",
    "organization_id",
    "external_id",
    "kind",
    "salutation",
    "first_name",
    "last_name",
    "company_name",
    "display_name",
    "birth_date",
    "street",
    "postal_code",
    "city",
    "country",
    "email",
    "phone",
    "iban",
    "bic",
    "account_holder",
    "account_manager_id",
    "clerk_id",
    "created_at",
    "updated_at",
];

pub(super) const CONTRACTS: &[&str] = &[
    "id",
    "tenant_id",
    "customer_id",
    "external_id",
    "policy_number",
    "insurer_id",
    "line_of_business",
    "contract_type",
    "status",
    "description",
    "start_date",
    "end_date",
    "main_due_date",
    "payment_frequency",
    "premium_net_minor",
    "premium_gross_minor",
    "currency",
    "sum_insured_minor",
    "deductible_minor",
    "account_manager_id",
    "clerk_id",
    "claims_handler_id",
    "created_at",
    "updated_at",
];

pub(super) const OBJECTS: &[&str] = &[
    "id",
    "tenant_id",
    "contract_id",
    "external_id",
    "kind",
    "description",
    "site",
    "street",
    "postal_code",
    "city",
    "country",
    "plate",
    "vin",
    "manufacturer",
    "model",
    "construction_year",
    "value_minor",
    "currency",
    "created_at",
    "updated_at",
];

pub(super) const CLAIMS: &[&str] = &[
    "id",
    "tenant_id",
    "contract_id",
    "object_id",
    "external_id",
    "broker_claim_number",
    "insurer_claim_number",
    "date_of_loss",
    "reported_on",
    "claim_type",
    "cause",
    "place",
    "description",
    "status",
    "reserve_minor",
    "paid_minor",
    "currency",
    "handler_id",
    "created_at",
    "updated_at",
];

pub(super) const HISTORY: &[&str] = &["id", "claim_id", "status", "note", "changed_at"];

pub(super) const FINANCE: &[&str] = &[
    "id",
    "tenant_id",
    "customer_id",
    "contract_id",
    "external_id",
    "kind",
    "number",
    "issue_date",
    "due_date",
    "amount_minor",
    "currency",
    "paid",
    "paid_on",
    "created_at",
    "updated_at",
];

pub(super) const DOCUMENTS: &[&str] = &[
    "id",
    "tenant_id",
    "customer_id",
    "contract_id",
    "object_id",
    "claim_id",
    "finance_item_id",
    "external_id",
    "document_type",
    "title",
    "file_name",
    "media_type",
    "size_bytes",
    "sha256",
    "storage_key",
    "source",
    "created_at",
    "updated_at",
];

pub(super) const SCOPE_OBJECTS: &[&str] = &["portal_user_id", "object_id"];

/// The tables whose identity sequences the bulk load moves (PostgreSQL).
pub(super) const WITH_IDS: &[&str] = &[
    "customers",
    "contracts",
    "insured_objects",
    "claims",
    "claim_status_history",
    "finance_items",
    "documents",
];

/// Builds a row from values of mixed types.
macro_rules! row {
    ($($v:expr),* $(,)?) => { vec![$(kp_storage::Arg::from($v)),*] };
}
pub(super) use row;

/// The rows of one slice of contracts, in foreign-key order.
#[derive(Debug, Default)]
pub(super) struct Batch {
    pub contracts: Vec<Vec<Arg>>,
    pub objects: Vec<Vec<Arg>>,
    pub claims: Vec<Vec<Arg>>,
    pub history: Vec<Vec<Arg>>,
    pub finance: Vec<Vec<Arg>>,
    pub documents: Vec<Vec<Arg>>,
    pub scope_objects: Vec<Vec<Arg>>,
}

impl Batch {
    pub async fn insert(&self, tx: &mut Tx) -> Result<(), DemoError> {
        bulk::insert_rows(tx, "contracts", CONTRACTS, &self.contracts).await?;
        bulk::insert_rows(tx, "insured_objects", OBJECTS, &self.objects).await?;
        bulk::insert_rows(tx, "claims", CLAIMS, &self.claims).await?;
        bulk::insert_rows(tx, "claim_status_history", HISTORY, &self.history).await?;
        bulk::insert_rows(tx, "finance_items", FINANCE, &self.finance).await?;
        bulk::insert_rows(tx, "documents", DOCUMENTS, &self.documents).await?;
        if !self.scope_objects.is_empty() {
            bulk::insert_rows(
                tx,
                "portal_user_scope_objects",
                SCOPE_OBJECTS,
                &self.scope_objects,
            )
            .await?;
        }
        Ok(())
    }
}
