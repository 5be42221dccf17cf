//! Insured objects and risks (FEATURES A3): an object's page. The list
//! comes later.

mod detail;

use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new().get("/objects/{id}", detail::page)
}
