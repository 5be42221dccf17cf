//! The insured-object list: description, kind, site, place, plate,
//! contract and customer; filtered by kind, line of business and customer.

use kp_domain::{CustomerId, LineOfBusiness, ObjectKind, Scope};

use super::{Counted, ListQuery, SortColumn, split};
use crate::Result;
use crate::db::Db;
use crate::scope_sql::Scoped;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ObjectSort {
    #[default]
    Description,
    Kind,
    Site,
    City,
    Plate,
    Contract,
    Customer,
}

impl SortColumn for ObjectSort {
    const ALL: &'static [ObjectSort] = &[
        ObjectSort::Description,
        ObjectSort::Kind,
        ObjectSort::Site,
        ObjectSort::City,
        ObjectSort::Plate,
        ObjectSort::Contract,
        ObjectSort::Customer,
    ];

    fn key(self) -> &'static str {
        match self {
            ObjectSort::Description => "description",
            ObjectSort::Kind => "kind",
            ObjectSort::Site => "site",
            ObjectSort::City => "city",
            ObjectSort::Plate => "plate",
            ObjectSort::Contract => "contract",
            ObjectSort::Customer => "customer",
        }
    }

    fn expression(self) -> &'static str {
        match self {
            ObjectSort::Description => "o.description",
            ObjectSort::Kind => "o.kind",
            ObjectSort::Site => "o.site",
            ObjectSort::City => "o.city",
            ObjectSort::Plate => "o.plate",
            ObjectSort::Contract => "k.policy_number",
            ObjectSort::Customer => "cu.display_name",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ObjectFilters {
    pub kind: Option<ObjectKind>,
    pub line: Option<LineOfBusiness>,
    pub customer: Option<CustomerId>,
}

pub type ObjectQuery = ListQuery<ObjectFilters, ObjectSort>;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct ObjectListRow {
    pub id: i64,
    pub description: String,
    pub kind: String,
    pub site: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub plate: String,
    pub contract_id: i64,
    pub policy_number: String,
    pub line_of_business: String,
    pub customer_name: String,
    /// The back office's id and the record's tenant: for staff only
    /// (`kp_app::lists` blanks them for portal users).
    pub external_id: String,
    pub tenant_name: String,
}

pub async fn list(
    db: &Db,
    scope: &Scope,
    query: &ObjectQuery,
) -> Result<(Vec<ObjectListRow>, i64)> {
    let mut q = Scoped::new(scope);
    q.push(
        "SELECT o.id, o.description, o.kind, o.site, o.street, o.postal_code, o.city, o.plate, \
         o.contract_id, k.policy_number, k.line_of_business, cu.display_name AS customer_name, \
         o.external_id, t.name AS tenant_name, COUNT(*) OVER () AS total \
         FROM insured_objects o JOIN contracts k ON k.id = o.contract_id \
         JOIN customers cu ON cu.id = k.customer_id JOIN tenants t ON t.id = o.tenant_id WHERE ",
    )
    .object("o");
    let f = &query.filters;
    super::equals(&mut q, "o.kind", f.kind);
    super::equals(&mut q, "k.line_of_business", f.line);
    super::equals(&mut q, "k.customer_id", f.customer);
    // The plate matches as typed and in any spelling, as in the staff
    // search.
    super::search_with_plate(
        &mut q,
        query.search.as_deref(),
        &[
            "o.description",
            "o.site",
            "o.street",
            "o.city",
            "o.postal_code",
            "o.plate",
            "o.vin",
            "k.policy_number",
        ],
        Some("o.plate"),
    );
    super::order_and_page(&mut q, query, "o.id");
    let rows: Vec<Counted<ObjectListRow>> = db.fetch_all(q.finish()?).await?;
    Ok(split(rows))
}
