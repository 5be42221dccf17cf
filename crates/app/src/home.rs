//! The data of the home pages.

use kp_domain::Principal;
use kp_storage::home::{self, ScopeCounts};

use crate::{App, AppError};

/// Counts of what the principal's scope holds.
pub async fn counts(app: &App, principal: &Principal) -> Result<ScopeCounts, AppError> {
    Ok(home::counts(&app.db, &principal.scope).await?)
}
