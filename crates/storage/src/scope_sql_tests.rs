use super::*;
use kp_domain::{CustomerId, ListedIds};

#[test]
fn a_statement_without_a_predicate_is_refused() {
    let admin = Scope::everything();
    let mut q = Scoped::new(&admin);
    q.push("SELECT id FROM contracts");
    assert!(matches!(q.finish(), Err(StorageError::Unscoped)));
    let mut q = Scoped::new(&admin);
    q.push("SELECT id FROM contracts k WHERE ").contract("k");
    assert!(q.finish().is_ok());
}

#[test]
fn id_lists_are_read_by_user_not_bound() {
    let scope = Scope {
        listed: Some(ListedIds {
            user: PortalUserId(42),
            customers: true,
            objects: true,
            claims: true,
        }),
        ..Scope::customers(CustomerSet::Customer(CustomerId(1)))
    };
    let mut q = Scoped::new(&scope);
    q.push("SELECT COUNT(*) FROM insured_objects o WHERE ")
        .object("o");
    let sql = q.finish().unwrap();
    assert!(sql.text().contains("portal_user_scope_objects"));
    assert!(sql.args().len() < 12, "{} values", sql.args().len());
}
