//! Claims (FEATURES A5): the list, its downloads (CSV, PDF report) and a
//! claim's page.

pub(crate) mod detail;
mod list;
pub(crate) use list::sample as list_sample;
mod report;

use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .get("/claims", list::page)
        .get("/claims.csv", list::export)
        .get("/claims.pdf", report::download)
        .get("/claims/{id}", detail::page)
}
