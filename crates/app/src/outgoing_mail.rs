//! "Outgoing mail" for staff administrators: every queued, sent and dead
//! mail, newest first, and one mail with its HTML and text. Without an
//! `[smtp]` section mails stay queued and can be read (and their links
//! followed) here. An administrator working for some tenants sees the
//! mails of those tenants only.

use kp_domain::{Actor, Principal, TenantId};
pub use kp_storage::outbox::OutboxMail as Mail;
use kp_storage::outbox::OutboxMail;
use kp_storage::outbox_list;

use crate::{App, AppError};

pub const PAGE_SIZE: i64 = 25;

/// The tenants whose mails the administrator sees; `None` for all.
fn visible_tenants(principal: &Principal) -> Result<Option<&[TenantId]>, AppError> {
    match &principal.actor {
        Actor::Staff { tenants, .. }
            if principal.is_admin() && principal.impersonated_by.is_none() =>
        {
            Ok(if tenants.is_empty() {
                None
            } else {
                Some(tenants.as_slice())
            })
        }
        _ => Err(AppError::Forbidden),
    }
}

/// Page `page` (from 1) and the total number of mails.
pub async fn page(
    app: &App,
    principal: &Principal,
    page: i64,
) -> Result<(Vec<OutboxMail>, i64), AppError> {
    let tenants = visible_tenants(principal)?;
    let offset = (page.max(1) - 1).saturating_mul(PAGE_SIZE);
    Ok(outbox_list::page(&app.db, tenants, offset, PAGE_SIZE).await?)
}

/// One mail; `NotFound` when it does not exist or is another tenant's.
pub async fn get(app: &App, principal: &Principal, id: i64) -> Result<OutboxMail, AppError> {
    let tenants = visible_tenants(principal)?;
    outbox_list::get_visible(&app.db, id, tenants)
        .await?
        .ok_or(AppError::NotFound)
}

/// The links of this portal in a mail's text, to follow from the page.
pub fn portal_links(app: &App, text: &str) -> Vec<String> {
    let base = app.link("/");
    text.split_whitespace()
        .filter(|word| word.starts_with(&base))
        .map(|word| word.trim_end_matches(['.', ',', ')', '>']).to_owned())
        .collect()
}
