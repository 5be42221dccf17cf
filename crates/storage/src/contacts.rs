//! Who a user deals with at the broker: the offices (tenants) of the
//! customers and contracts in the scope, and the staff named on them
//! (account manager, clerk, claims handler). Staff and tenants are not
//! customer data, but which of them a user may learn about follows from the
//! customers and contracts they see, so every statement is scoped.

use kp_domain::{ContractId, Scope};

use crate::Result;
use crate::db::Db;
use crate::scope_sql::Scoped;

/// A broker's office (Mandant) with how to reach it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct BrokerOffice {
    pub id: i64,
    pub name: String,
    pub legal_name: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub phone: String,
    pub email: String,
    pub office_hours: String,
}

/// The roles a staff member can have towards a customer or contract, in
/// the order a page lists them.
pub const ROLES: [&str; 3] = ["account_manager", "clerk", "claims_handler"];

/// A person at the broker with every role they have towards the user.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Contact {
    pub name: String,
    pub email: String,
    pub phone: String,
    /// Keys of [`ROLES`], in that order.
    pub roles: Vec<&'static str>,
}

/// A staff member in one role towards the user's customers or contracts.
/// `role` is `account_manager`, `clerk` or `claims_handler`.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
struct StaffContactRow {
    staff_id: i64,
    name: String,
    email: String,
    phone: String,
    role: String,
}

/// The office of a contract and the organization of its policyholder.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ContractParties {
    #[sqlx(flatten)]
    pub office: BrokerOffice,
    pub organization_name: Option<String>,
    pub organization_logo_key: Option<String>,
}

const OFFICE_COLUMNS: &str = "t.id, t.name, t.legal_name, t.street, t.postal_code, t.city, \
                              t.phone, t.email, t.office_hours";

/// The offices of the customers and contracts in the scope (a contract may
/// be kept by another office than its policyholder).
pub async fn offices(db: &Db, scope: &Scope) -> Result<Vec<BrokerOffice>> {
    let mut q = Scoped::new(scope);
    q.push("SELECT ")
        .push(OFFICE_COLUMNS)
        .push(" FROM tenants t WHERE t.id IN (SELECT cu.tenant_id FROM customers cu WHERE ")
        .customer("cu.id")
        .push(") OR t.id IN (SELECT k.tenant_id FROM contracts k WHERE ")
        .contract("k")
        .push(") ORDER BY t.name, t.id");
    db.fetch_all(q.finish()?).await
}

/// The active staff named on the customers (where the scope shows their
/// customer-level records) and the contracts in the scope, one row per
/// person and role.
pub async fn staff(db: &Db, scope: &Scope) -> Result<Vec<Contact>> {
    let mut q = Scoped::new(scope);
    q.push("SELECT DISTINCT s.id AS staff_id, s.name, s.email, s.phone, r.role FROM (");
    for (i, (column, role)) in [
        ("account_manager_id", "account_manager"),
        ("clerk_id", "clerk"),
    ]
    .into_iter()
    .enumerate()
    {
        if i > 0 {
            q.push(" UNION ");
        }
        q.push("SELECT cu.")
            .push(column)
            .push(" AS staff_id, '")
            .push(role)
            .push("' AS role FROM customers cu WHERE ")
            .customer_level("cu.id");
    }
    for (column, role) in CONTRACT_ROLES {
        q.push(" UNION SELECT k.")
            .push(column)
            .push(" AS staff_id, '")
            .push(role)
            .push("' AS role FROM contracts k WHERE ")
            .contract("k");
    }
    q.push(
        ") r JOIN staff_users s ON s.id = r.staff_id WHERE s.active ORDER BY s.name, s.id, r.role",
    );
    Ok(group(db.fetch_all(q.finish()?).await?))
}

/// The staff columns of a contract and the role each stands for; never
/// user text.
const CONTRACT_ROLES: [(&str, &str); 3] = [
    ("account_manager_id", "account_manager"),
    ("clerk_id", "clerk"),
    ("claims_handler_id", "claims_handler"),
];

/// The active staff named on one contract; empty when the contract lies
/// outside the scope.
pub async fn contract_staff(db: &Db, scope: &Scope, id: ContractId) -> Result<Vec<Contact>> {
    let mut q = Scoped::new(scope);
    q.push("SELECT DISTINCT s.id AS staff_id, s.name, s.email, s.phone, r.role FROM (");
    for (i, (column, role)) in CONTRACT_ROLES.into_iter().enumerate() {
        if i > 0 {
            q.push(" UNION ");
        }
        q.push("SELECT k.")
            .push(column)
            .push(" AS staff_id, '")
            .push(role)
            .push("' AS role FROM contracts k WHERE k.id = ")
            .bind(id)
            .push(" AND ")
            .contract("k");
    }
    q.push(
        ") r JOIN staff_users s ON s.id = r.staff_id WHERE s.active ORDER BY s.name, s.id, r.role",
    );
    Ok(group(db.fetch_all(q.finish()?).await?))
}

/// The office keeping a contract and its policyholder's organization;
/// `None` when the contract does not exist or lies outside the scope.
pub async fn contract_parties(
    db: &Db,
    scope: &Scope,
    id: ContractId,
) -> Result<Option<ContractParties>> {
    let mut q = Scoped::new(scope);
    q.push("SELECT ")
        .push(OFFICE_COLUMNS)
        .push(
            ", o.name AS organization_name, o.logo_storage_key AS organization_logo_key \
             FROM contracts k JOIN tenants t ON t.id = k.tenant_id \
             JOIN customers cu ON cu.id = k.customer_id \
             LEFT JOIN organizations o ON o.id = cu.organization_id WHERE k.id = ",
        )
        .bind(id)
        .push(" AND ")
        .contract("k");
    db.fetch_optional(q.finish()?).await
}

/// One entry per person (rows arrive ordered by name and id), their roles
/// in the order of [`ROLES`].
fn group(rows: Vec<StaffContactRow>) -> Vec<Contact> {
    let mut out: Vec<(i64, Contact)> = Vec::new();
    for row in rows {
        let Some(role) = ROLES.iter().copied().find(|r| *r == row.role) else {
            continue;
        };
        match out.last_mut() {
            Some((id, contact)) if *id == row.staff_id => contact.roles.push(role),
            _ => out.push((
                row.staff_id,
                Contact {
                    name: row.name,
                    email: row.email,
                    phone: row.phone,
                    roles: vec![role],
                },
            )),
        }
    }
    out.into_iter()
        .map(|(_, mut c)| {
            c.roles
                .sort_by_key(|r| ROLES.iter().position(|x| x == r).unwrap_or(ROLES.len()));
            c.roles.dedup();
            c
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: i64, name: &str, role: &str) -> StaffContactRow {
        StaffContactRow {
            staff_id: id,
            name: name.into(),
            email: format!("{id}@example.org"),
            phone: String::new(),
            role: role.into(),
        }
    }

    #[test]
    fn one_entry_per_person_with_roles_in_order() {
        let contacts = group(vec![
            row(2, "Meyer", "clerk"),
            row(2, "Meyer", "claims_handler"),
            row(2, "Meyer", "account_manager"),
            row(5, "Richter", "account_manager"),
            row(7, "Zeta", "no-such-role"),
        ]);
        assert_eq!(contacts.len(), 2);
        assert_eq!(
            contacts[0].roles,
            vec!["account_manager", "clerk", "claims_handler"]
        );
        assert_eq!(contacts[1].name, "Richter");
    }
}
