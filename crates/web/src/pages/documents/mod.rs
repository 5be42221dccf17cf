//! Documents (FEATURES A6): the inbox across all contexts and its download.

mod list;

use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .get("/documents", list::page)
        .get("/documents.csv", list::export)
}
