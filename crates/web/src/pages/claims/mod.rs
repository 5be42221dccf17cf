//! Claims (FEATURES A5): the list and its download.

mod list;

use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .get("/claims", list::page)
        .get("/claims.csv", list::export)
}
