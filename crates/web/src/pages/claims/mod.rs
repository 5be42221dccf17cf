//! Claims (FEATURES A5): the list, its download and a claim's page.

mod detail;
mod list;

use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .get("/claims", list::page)
        .get("/claims.csv", list::export)
        .get("/claims/{id}", detail::page)
}
