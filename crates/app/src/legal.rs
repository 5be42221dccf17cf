//! The data of the legal pages (imprint, privacy, terms).

pub use kp_storage::tenants::TenantContact;

use crate::{App, AppError};

/// The broker named in the imprint: the first tenant's contact.
pub async fn broker_contact(app: &App) -> Result<Option<TenantContact>, AppError> {
    Ok(kp_storage::tenants::first_contact(&app.db).await?)
}
