//! What a claim can be reported on (FEATURES A4): the insured objects and
//! contracts of the scope, searched by plate, address and policy number,
//! and the facts the sending needs about the chosen one (tenant,
//! customer, line of business, claims handler and clerk), read through the
//! scope so a forged id is the same "not found" as a missing one.

use kp_domain::Scope;

use crate::Result;
use crate::args::Sql;
use crate::db::{Db, Tx};
use crate::lists::{Counted, search_with_plate, split};
use crate::scope_sql::Scoped;

/// One choice: an object (with its contract) or a contract by itself.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct TargetRow {
    pub contract_id: i64,
    pub object_id: Option<i64>,
    pub policy_number: String,
    pub line_of_business: String,
    pub object_kind: Option<String>,
    pub object_description: Option<String>,
    pub plate: String,
    pub address: String,
}

/// The choices matching `text` (policy number, plate in any spelling,
/// description, address), objects only when `with_objects`; active and
/// suspended contracts (an offer or a cancelled contract covers nothing
/// new). Returns a page of `size` rows and the total.
pub async fn search(
    db: &Db,
    scope: &Scope,
    text: Option<&str>,
    with_objects: bool,
    page: u32,
    size: u32,
) -> Result<(Vec<TargetRow>, i64)> {
    let mut q = Scoped::new(scope);
    q.push("SELECT t.*, COUNT(*) OVER () AS total FROM (");
    q.push(
        "SELECT k.id AS contract_id, CAST(NULL AS BIGINT) AS object_id, k.policy_number, \
         k.line_of_business, CAST(NULL AS TEXT) AS object_kind, \
         CAST(NULL AS TEXT) AS object_description, '' AS plate, '' AS address \
         FROM contracts k WHERE k.status IN ('active', 'suspended') AND ",
    )
    .contract("k");
    if with_objects {
        q.push(
            " UNION ALL SELECT k.id, o.id, k.policy_number, k.line_of_business, o.kind, \
             o.description, o.plate, TRIM(o.street || ' ' || o.postal_code || ' ' || o.city) \
             FROM insured_objects o JOIN contracts k ON k.id = o.contract_id \
             WHERE k.status IN ('active', 'suspended') AND ",
        )
        .contract("k")
        .push(" AND ")
        .object("o");
    }
    q.push(") t WHERE TRUE");
    search_with_plate(
        &mut q,
        text,
        &["t.policy_number", "t.object_description", "t.address"],
        Some("t.plate"),
    );
    let size = size.clamp(1, 100);
    q.push(" ORDER BY t.policy_number, t.contract_id, t.object_id IS NOT NULL, t.object_id LIMIT ")
        .bind(i64::from(size))
        .push(" OFFSET ")
        .bind(i64::from(page.max(1) - 1) * i64::from(size));
    let rows: Vec<Counted<TargetRow>> = db.fetch_all(q.finish()?).await?;
    Ok(split(rows))
}

/// The facts about a chosen contract (and object) a report needs.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Target {
    pub tenant_id: i64,
    pub tenant_email: String,
    pub customer_id: i64,
    pub organization_id: Option<i64>,
    pub customer_phone: String,
    pub customer_email: String,
    pub contract_id: i64,
    pub object_id: Option<i64>,
    pub policy_number: String,
    pub line_of_business: String,
    pub currency: String,
    pub object_description: Option<String>,
    pub object_plate: Option<String>,
    /// The active claims handler of the contract, if any.
    pub handler_id: Option<i64>,
    pub handler_email: Option<String>,
    pub handler_name: Option<String>,
    pub handler_language: Option<String>,
    /// The active clerk of the contract, if any.
    pub clerk_id: Option<i64>,
    pub clerk_email: Option<String>,
    pub clerk_name: Option<String>,
    pub clerk_language: Option<String>,
}

fn target_sql(scope: &Scope, contract: i64, object: Option<i64>) -> Result<Sql> {
    let mut q = Scoped::new(scope);
    q.push(
        "SELECT k.tenant_id, t.email AS tenant_email, cu.id AS customer_id, cu.organization_id, \
         cu.phone AS customer_phone, cu.email AS customer_email, k.id AS contract_id, ",
    );
    q.push(if object.is_some() {
        "o.id AS object_id, o.description AS object_description, o.plate AS object_plate, "
    } else {
        "CAST(NULL AS BIGINT) AS object_id, CAST(NULL AS TEXT) AS object_description, \
         CAST(NULL AS TEXT) AS object_plate, "
    });
    q.push(
        "k.policy_number, k.line_of_business, k.currency, \
         h.id AS handler_id, h.email AS handler_email, h.name AS handler_name, \
         h.language AS handler_language, c.id AS clerk_id, c.email AS clerk_email, \
         c.name AS clerk_name, c.language AS clerk_language \
         FROM contracts k JOIN tenants t ON t.id = k.tenant_id \
         JOIN customers cu ON cu.id = k.customer_id \
         LEFT JOIN staff_users h ON h.id = k.claims_handler_id AND h.active \
         LEFT JOIN staff_users c ON c.id = k.clerk_id AND c.active ",
    );
    if let Some(object) = object {
        q.push("JOIN insured_objects o ON o.contract_id = k.id AND o.id = ")
            .bind(object)
            .push(" ");
    }
    q.push("WHERE k.id = ")
        .bind(contract)
        .push(" AND k.status IN ('active', 'suspended') AND ")
        .contract("k");
    if object.is_some() {
        q.push(" AND ").object("o");
    }
    q.finish()
}

/// The chosen contract (and object) if the scope shows them.
pub async fn target(
    db: &Db,
    scope: &Scope,
    contract: i64,
    object: Option<i64>,
) -> Result<Option<Target>> {
    db.fetch_optional(target_sql(scope, contract, object)?)
        .await
}

/// [`target`] inside the transaction that writes the report.
pub async fn target_in(
    tx: &mut Tx,
    scope: &Scope,
    contract: i64,
    object: Option<i64>,
) -> Result<Option<Target>> {
    tx.fetch_optional(target_sql(scope, contract, object)?)
        .await
}
