//! The record a write attaches to, read from the database inside the write
//! and checked against the scope it acts within.
//!
//! Callers name only the most specific record ([`RecordRef`]); the ids
//! above it come from that record's row, so they cannot disagree. The scope
//! predicate sits in the same `INSERT … SELECT`, so a forged id — one that
//! does not exist or lies outside the scope — selects no row, writes
//! nothing and surfaces as [`crate::StorageError::NotFound`].

use kp_domain::RecordRef;

use crate::scope_sql::Scoped;

/// Appends `(SELECT tenant_id, customer_id, contract_id, object_id,
/// claim_id FROM … WHERE <id and scope>) src`.
pub(crate) fn source(q: &mut Scoped<'_>, target: RecordRef) {
    const NULL: &str = "CAST(NULL AS BIGINT)";
    q.push("(SELECT ");
    match target {
        RecordRef::Customer(id) => {
            q.push("p.tenant_id, p.id AS customer_id, ")
                .push(&format!(
                    "{NULL} AS contract_id, {NULL} AS object_id, {NULL} AS claim_id "
                ))
                .push("FROM customers p WHERE p.id = ")
                .bind(id)
                .push(" AND ")
                .customer_level("p.id");
        }
        RecordRef::Contract(id) => {
            q.push("p.tenant_id, p.customer_id, p.id AS contract_id, ")
                .push(&format!("{NULL} AS object_id, {NULL} AS claim_id "))
                .push("FROM contracts p WHERE p.id = ")
                .bind(id)
                .push(" AND ")
                .contract("p");
        }
        RecordRef::Object(id) => {
            q.push("p.tenant_id, k.customer_id, p.contract_id, p.id AS object_id, ")
                .push(&format!("{NULL} AS claim_id "))
                .push(
                    "FROM insured_objects p JOIN contracts k ON k.id = p.contract_id WHERE p.id = ",
                )
                .bind(id)
                .push(" AND ")
                .object("p");
        }
        RecordRef::Claim(id) => {
            q.push("p.tenant_id, k.customer_id, p.contract_id, p.object_id, p.id AS claim_id ")
                .push("FROM claims p JOIN contracts k ON k.id = p.contract_id WHERE p.id = ")
                .bind(id)
                .push(" AND ")
                .claim("p");
        }
    }
    q.push(") src");
}
