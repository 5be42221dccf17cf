//! Customers (FEATURES A3; organization users see the companies of their
//! scope, staff their tenants' customers): the list and its download.

mod list;

use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .get("/customers", list::page)
        .get("/customers.csv", list::export)
}
