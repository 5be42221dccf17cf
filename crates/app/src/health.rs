//! Readiness for load balancers.

use crate::{App, AppError};

/// The database answers.
pub async fn ready(app: &App) -> Result<(), AppError> {
    app.db.ping().await?;
    Ok(())
}
