//! The people at the broker responsible for a record: account manager and
//! clerk of a customer or contract, the claims handler of a contract or
//! claim. Read through the record, so a record outside the scope names
//! nobody.

use kp_domain::{RecordRef, Scope};

use crate::Result;
use crate::db::Db;
use crate::scope_sql::Scoped;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct BrokerContact {
    /// `account_manager`, `clerk` or `claims_handler`.
    pub role: String,
    pub name: String,
    pub email: String,
    pub phone: String,
}

/// The contacts of `record` in a fixed order (account manager, clerk,
/// claims handler); roles nobody holds are left out. Objects have none of
/// their own: their contract's apply.
pub async fn list(db: &Db, scope: &Scope, record: RecordRef) -> Result<Vec<BrokerContact>> {
    let (table, alias, id, roles): (&str, &str, i64, &[(&str, &str)]) = match record {
        RecordRef::Customer(id) => (
            "customers",
            "cu",
            id.0,
            &[
                ("account_manager", "account_manager_id"),
                ("clerk", "clerk_id"),
            ],
        ),
        RecordRef::Contract(id) => (
            "contracts",
            "k",
            id.0,
            &[
                ("account_manager", "account_manager_id"),
                ("clerk", "clerk_id"),
                ("claims_handler", "claims_handler_id"),
            ],
        ),
        RecordRef::Claim(id) => ("claims", "c", id.0, &[("claims_handler", "handler_id")]),
        RecordRef::Object(_) => return Ok(Vec::new()),
    };
    let mut q = Scoped::new(scope);
    q.push("SELECT role, name, email, phone FROM (");
    for (i, (role, column)) in roles.iter().enumerate() {
        if i > 0 {
            q.push(" UNION ALL ");
        }
        // Role names and columns are the constants above, never input.
        q.push(&format!(
            "SELECT {i} AS pos, '{role}' AS role, s.name, s.email, s.phone FROM {table} {alias} \
             JOIN staff_users s ON s.id = {alias}.{column} WHERE {alias}.id = "
        ))
        .bind(id)
        .push(" AND ");
        match record {
            RecordRef::Customer(_) => q.customer("cu.id"),
            RecordRef::Contract(_) => q.contract("k"),
            RecordRef::Claim(_) | RecordRef::Object(_) => q.claim("c"),
        };
    }
    q.push(") contacts ORDER BY pos");
    db.fetch_all(q.finish()?).await
}
