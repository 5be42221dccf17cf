//! Finances (FEATURES A3): invoices, credits and dunning letters, the list
//! and its download.

mod list;
pub(crate) use list::sample as list_sample;

use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .get("/finances", list::page)
        .get("/finances.csv", list::export)
}
