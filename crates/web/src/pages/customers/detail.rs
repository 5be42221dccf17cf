//! `GET /customers/{id}`: a customer's master data, contracts, documents
//! and contacts at the broker. No menu area guards it: whoever's scope
//! holds the customer may see their master data (the customer is the
//! owner of everything else the portal shows); the lists on it follow
//! their own predicates and areas.

use axum::extract::Path;
use axum::response::{Html, IntoResponse};
use kp_app::attached::{AttachedDocument, BrokerContact};
use kp_app::customers::{self, CustomerContract, CustomerDetail};
use kp_domain::CustomerId;
use serde::Serialize;

use crate::context::PageCtx;
use crate::error::{WebError, WebResult};
use crate::pages::parse_id;

#[derive(Serialize)]
struct View {
    customer: CustomerDetail,
    is_person: bool,
    contracts: Vec<CustomerContract>,
    documents: Vec<AttachedDocument>,
    contacts: Vec<BrokerContact>,
}

pub(super) async fn page(ctx: PageCtx, Path(id): Path<String>) -> WebResult {
    let principal = ctx.require_user()?;
    let id = parse_id(&id).map(CustomerId).ok_or(WebError::NotFound)?;
    let page = customers::detail(&ctx.state.app, principal, id).await?;
    let view = View {
        is_person: page.customer.kind == kp_domain::CustomerKind::Person.as_str(),
        customer: page.customer,
        contracts: page.contracts,
        documents: page.documents,
        contacts: page.contacts,
    };
    Ok(Html(ctx.render("pages/customer.html", "customer-title", view)?).into_response())
}
