//! Customers (FEATURES A3; organization users see the companies of their
//! scope, staff their tenants' customers): the list, its download and a
//! customer's page with master data, contracts, documents and contacts.

mod detail;
mod list;
mod portal;

use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .get("/customers", list::page)
        .get("/customers.csv", list::export)
        .get("/customers/{id}", detail::page)
        .post("/customers/{id}/portal", portal::enable)
}
