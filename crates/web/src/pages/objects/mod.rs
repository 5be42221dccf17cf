//! Insured objects and risks (FEATURES A3): the list, its download and an
//! object's page.

mod detail;
mod list;
pub(crate) use list::sample as list_sample;

use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .get("/objects", list::page)
        .get("/objects.csv", list::export)
        .get("/objects/{id}", detail::page)
}
