//! `GET /customers/{id}`: a customer's master data, contracts, documents
//! and contacts at the broker. No menu area guards it: whoever's scope
//! holds the customer may see their master data (the customer is the
//! owner of everything else the portal shows); the lists on it follow
//! their own predicates and areas.

use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse};
use kp_app::attached::{AttachedDocument, BrokerContact};
use kp_app::customers::{self, CustomerContract, CustomerDetail};
use kp_domain::CustomerId;
use serde::Serialize;

use kp_app::audit_log;

use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::middleware::client_addr::ClientAddr;
use crate::pages::parse_id;

#[derive(Serialize)]
struct View {
    customer: CustomerDetail,
    is_person: bool,
    contracts: Vec<CustomerContract>,
    documents: Vec<AttachedDocument>,
    contacts: Vec<BrokerContact>,
    /// Staff: "enable the customer portal" offered (private customers).
    offer_portal: bool,
    /// Why enabling the portal was refused (translation key).
    portal_refused: Option<&'static str>,
}

pub(super) async fn page(
    ctx: PageCtx,
    ClientAddr(client): ClientAddr,
    Path(id): Path<String>,
) -> WebResult {
    let response = render(&ctx, &id, None).await?;
    // Recorded once the page could be shown: a customer outside the scope
    // was not read.
    if let (Some(principal), Some(id)) = (ctx.principal(), parse_id(&id)) {
        let target = ("customer", Some(id));
        audit_log::personal_data_read(&ctx.state.app, principal, target, client).await?;
    }
    Ok(response)
}

/// The page, with the reason "enable the customer portal" was refused
/// (then answered 409).
pub(super) async fn render(ctx: &PageCtx, id: &str, refused: Option<&'static str>) -> WebResult {
    let principal = ctx.require_user()?;
    let id = parse_id(id).map(CustomerId).ok_or(WebError::NotFound)?;
    let page = customers::detail(&ctx.state.app, principal, id).await?;
    let is_person = page.customer.kind == kp_domain::CustomerKind::Person.as_str();
    let view = View {
        is_person,
        offer_portal: is_person && principal.is_staff() && principal.impersonated_by.is_none(),
        portal_refused: refused,
        customer: page.customer,
        contracts: page.contracts,
        documents: page.documents,
        contacts: page.contacts,
    };
    let html = ctx.render("pages/customer.html", "customer-title", view)?;
    let status = if refused.is_some() {
        StatusCode::CONFLICT
    } else {
        StatusCode::OK
    };
    Ok((status, Html(html)).into_response())
}
