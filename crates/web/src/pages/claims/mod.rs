//! Claims (FEATURES A5): a claim's page. The list comes later.

mod detail;

use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new().get("/claims/{id}", detail::page)
}
