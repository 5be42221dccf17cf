//! After the report (issue 10): the staff list and page of claim reports
//! (accept into a claim, ask a question), the claim page's staff actions
//! (status, checklist) and the customer's answers (to a question on the
//! report's page, to a checklist item on the claim's page, each with a
//! document). Use cases in `kp_app::claim_after`.

mod answers;
mod claim_actions;
mod staff;

use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .get("/staff/claim-reports", staff::list)
        .get("/staff/claim-reports/{id}", staff::page)
        .post("/staff/claim-reports/{id}/accept", staff::accept)
        .post("/staff/claim-reports/{id}/question", staff::ask)
        .post("/claims/{id}/status", claim_actions::status)
        .post("/claims/{id}/checklist", claim_actions::add_item)
        .post("/checklist-items/{id}/done", claim_actions::done)
        .post("/checklist-items/{id}/remove", claim_actions::remove)
}

/// The routes that receive a document with the form (outside the request
/// body limit, each file held to the broker's upload limit).
pub fn upload_routes() -> Routes {
    Routes::new()
        .post("/claims/reports/{id}/answer", answers::report_answer)
        .post("/checklist-items/{id}/documents", answers::item_answer)
}
