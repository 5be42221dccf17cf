//! Customers (FEATURES A3): a customer's page with master data, contracts,
//! documents and contacts. The list comes later.

mod detail;

use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new().get("/customers/{id}", detail::page)
}
