//! Insured objects (FEATURES A3): the list and its download.

mod list;

use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .get("/objects", list::page)
        .get("/objects.csv", list::export)
}
