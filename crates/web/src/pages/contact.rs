//! The contact page (FEATURES D21): the broker's offices that look after
//! the user's customers, with address, phone, e-mail and office hours, and
//! the user's own contacts there. Staff see the offices of their tenants.

use axum::response::{Html, IntoResponse};
use kp_app::contacts::{BrokerOffice, Contact};
use serde::Serialize;

use crate::context::PageCtx;
use crate::error::WebResult;
use crate::routes::Routes;

pub fn routes() -> Routes {
    Routes::new().get("/contact", contact)
}

#[derive(Serialize)]
struct ContactView {
    offices: Vec<BrokerOffice>,
    contacts: Vec<Contact>,
    /// The people the broker named for the user's organization (D3).
    organization_contacts: Vec<kp_app::organization_members::ContactRow>,
}

async fn contact(ctx: PageCtx) -> WebResult {
    let principal = ctx.require_user()?;
    let page = kp_app::contacts::page(&ctx.state.app, principal).await?;
    let organization_contacts =
        kp_app::organization_members::contacts_for_user(&ctx.state.app, principal).await?;
    let view = ContactView {
        offices: page.offices,
        contacts: page.contacts,
        organization_contacts,
    };
    Ok(Html(ctx.render("pages/contact.html", "contact-title", view)?).into_response())
}
