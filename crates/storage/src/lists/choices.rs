//! The options of the list filters, from what the scope shows: a filter
//! never offers a value that would reveal a record outside it.

use kp_domain::Scope;

use crate::Result;
use crate::db::Db;
use crate::scope_sql::Scoped;

use super::Choice;

/// More customers than this and the customer filter is left out (a select
/// of thousands helps nobody; the text search finds customers by name).
pub const MAX_CUSTOMER_CHOICES: usize = 200;

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Choices {
    pub insurers: Vec<Choice>,
    /// `None` when there are too many to offer.
    pub customers: Option<Vec<Choice>>,
}

pub async fn of(db: &Db, scope: &Scope) -> Result<Choices> {
    let mut q = Scoped::new(scope);
    q.push(
        "SELECT i.id, i.name FROM insurers i WHERE i.id IN \
         (SELECT k.insurer_id FROM contracts k WHERE ",
    )
    .contract("k")
    .push(") ORDER BY i.name, i.id");
    let insurers: Vec<Choice> = db.fetch_all(q.finish()?).await?;
    let mut q = Scoped::new(scope);
    q.push("SELECT cu.id, cu.display_name AS name FROM customers cu WHERE ")
        .customer_record("cu.id")
        .push(" ORDER BY cu.display_name, cu.id LIMIT ")
        .bind(i64::try_from(MAX_CUSTOMER_CHOICES + 1).unwrap_or(i64::MAX));
    let customers: Vec<Choice> = db.fetch_all(q.finish()?).await?;
    Ok(Choices {
        insurers,
        customers: (customers.len() <= MAX_CUSTOMER_CHOICES).then_some(customers),
    })
}
