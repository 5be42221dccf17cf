//! Exchange rates into the base currency EUR.

use chrono::{DateTime, NaiveDate, Utc};

use crate::Result;
use crate::args::Sql;
use crate::db::Tx;

#[derive(Debug, Clone)]
pub struct NewExchangeRate {
    /// ISO 4217 code, e.g. `CHF`.
    pub currency: String,
    /// Units of `currency` per 1 EUR, times 10^8 (0.93 CHF = 93_000_000).
    pub rate_e8: i64,
    pub valid_from: NaiveDate,
    pub created_at: DateTime<Utc>,
}

pub async fn insert(tx: &mut Tx, r: &NewExchangeRate) -> Result<i64> {
    let sql = Sql::new(
        "INSERT INTO exchange_rates (currency, rate_e8, valid_from, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)",
    )
    .arg(&r.currency)
    .arg(r.rate_e8)
    .arg(r.valid_from)
    .arg(r.created_at);
    tx.insert_returning_id(sql).await
}

/// Inserts the rates or, for a currency and date already known, replaces
/// the rate, all in the caller's transaction: uploading the same file
/// twice leaves the table as after the first time.
pub async fn upsert_all(tx: &mut Tx, rates: &[NewExchangeRate]) -> Result<()> {
    for r in rates {
        let sql = Sql::new(
            "INSERT INTO exchange_rates (currency, rate_e8, valid_from, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $4) ON CONFLICT (currency, valid_from) \
             DO UPDATE SET rate_e8 = excluded.rate_e8, updated_at = excluded.updated_at",
        )
        .arg(&r.currency)
        .arg(r.rate_e8)
        .arg(r.valid_from)
        .arg(r.created_at);
        tx.execute(sql).await?;
    }
    Ok(())
}
