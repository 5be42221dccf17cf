//! The customer list (organization users: the companies of their scope;
//! staff: their tenants' customers): name, customer number, kind, place and
//! the number of visible contracts; filtered by kind.

use kp_domain::{CustomerKind, Scope};

use super::{Counted, ListQuery, SortColumn, split};
use crate::Result;
use crate::db::Db;
use crate::scope_sql::Scoped;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CustomerSort {
    #[default]
    Name,
    Number,
    Kind,
    City,
    Contracts,
}

impl SortColumn for CustomerSort {
    const ALL: &'static [CustomerSort] = &[
        CustomerSort::Name,
        CustomerSort::Number,
        CustomerSort::Kind,
        CustomerSort::City,
        CustomerSort::Contracts,
    ];

    fn key(self) -> &'static str {
        match self {
            CustomerSort::Name => "name",
            CustomerSort::Number => "number",
            CustomerSort::Kind => "kind",
            CustomerSort::City => "city",
            CustomerSort::Contracts => "contracts",
        }
    }

    fn expression(self) -> &'static str {
        match self {
            CustomerSort::Name => "cu.display_name",
            CustomerSort::Number => "cu.external_id",
            CustomerSort::Kind => "cu.kind",
            CustomerSort::City => "cu.city",
            CustomerSort::Contracts => "contracts",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CustomerFilters {
    pub kind: Option<CustomerKind>,
}

pub type CustomerQuery = ListQuery<CustomerFilters, CustomerSort>;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct CustomerRow {
    pub id: i64,
    pub display_name: String,
    pub external_id: String,
    pub kind: String,
    pub postal_code: String,
    pub city: String,
    /// Visible contracts held as policyholder.
    pub contracts: i64,
    /// The customer's tenant: for staff only (`kp_app::lists` blanks it
    /// for portal users).
    pub tenant_name: String,
}

pub async fn list(
    db: &Db,
    scope: &Scope,
    query: &CustomerQuery,
) -> Result<(Vec<CustomerRow>, i64)> {
    let mut q = Scoped::new(scope);
    q.push(
        "SELECT cu.id, cu.display_name, cu.external_id, cu.kind, cu.postal_code, cu.city, \
         (SELECT t.name FROM tenants t WHERE t.id = cu.tenant_id) AS tenant_name, \
         (SELECT COUNT(*) FROM contracts ck WHERE ck.customer_id = cu.id AND ",
    )
    .contract("ck")
    .push(") AS contracts, COUNT(*) OVER () AS total FROM customers cu WHERE ")
    .customer_record("cu.id");
    super::equals(&mut q, "cu.kind", query.filters.kind);
    super::search(
        &mut q,
        query.search.as_deref(),
        &[
            "cu.display_name",
            "cu.external_id",
            "cu.postal_code",
            "cu.city",
            "cu.email",
        ],
    );
    super::order_and_page(&mut q, query, "cu.id");
    let rows: Vec<Counted<CustomerRow>> = db.fetch_all(q.finish()?).await?;
    Ok(split(rows))
}
