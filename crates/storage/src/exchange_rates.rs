//! Exchange rates and an organization's profile currency. Rates are broker
//! reference data, not customer data, so they need no scope predicate; the
//! organization is the principal's own (from the session), never an id
//! from the browser.

use chrono::NaiveDate;
use kp_domain::OrganizationId;

use crate::Result;
use crate::args::Sql;
use crate::db::Db;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct RateRow {
    pub currency: String,
    /// Units of `currency` per 1 EUR, times 10^8.
    pub rate_e8: i64,
    pub valid_from: NaiveDate,
}

/// Every rate, by currency and date. The table holds a few rows per
/// currency and month, so it is read whole.
pub async fn all(db: &Db) -> Result<Vec<RateRow>> {
    db.fetch_all(Sql::new(
        "SELECT currency, rate_e8, valid_from FROM exchange_rates ORDER BY currency, valid_from",
    ))
    .await
}

/// The profile currency of an organization; `None` when it does not exist.
pub async fn profile_currency(db: &Db, organization: OrganizationId) -> Result<Option<String>> {
    let row: Option<(String,)> = db
        .fetch_optional(
            Sql::new("SELECT profile_currency FROM organizations WHERE id = $1")
                .arg(organization.0),
        )
        .await?;
    Ok(row.map(|(c,)| c))
}
