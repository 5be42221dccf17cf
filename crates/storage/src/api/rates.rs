//! Exchange rates through the sync API. Rates are market data shared by
//! every tenant (the table has no tenant): a token with `write:rates`
//! maintains them for all, the same as a staff administrator's form.

use chrono::{DateTime, NaiveDate, Utc};

use super::PageQuery;
use crate::Result;
use crate::args::Sql;
use crate::db::{Db, Tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RateRow {
    pub id: i64,
    pub currency: String,
    pub valid_from: NaiveDate,
    pub rate_e8: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

const SELECT: &str = "SELECT id, currency, valid_from, rate_e8, created_at, \
    COALESCE(updated_at, created_at) AS updated_at FROM exchange_rates";

fn one(currency: &str, valid_from: NaiveDate) -> Sql {
    Sql::new(format!("{SELECT} WHERE currency = $1 AND valid_from = $2"))
        .arg(currency)
        .arg(valid_from)
}

pub async fn get(db: &Db, currency: &str, valid_from: NaiveDate) -> Result<Option<RateRow>> {
    db.fetch_optional(one(currency, valid_from)).await
}

pub async fn get_in(tx: &mut Tx, currency: &str, valid_from: NaiveDate) -> Result<Option<RateRow>> {
    tx.fetch_optional(one(currency, valid_from)).await
}

/// Rates in id order after the cursor.
pub async fn list(db: &Db, q: &PageQuery) -> Result<Vec<RateRow>> {
    let mut sql = Sql::new(format!("{SELECT} WHERE id > "));
    sql.bind(q.after_id);
    if let Some(since) = q.updated_since {
        sql.push(" AND COALESCE(updated_at, created_at) >= ")
            .bind(since);
    }
    sql.push(" ORDER BY id LIMIT ").bind(q.limit);
    db.fetch_all(sql).await
}

pub async fn insert(
    tx: &mut Tx,
    currency: &str,
    valid_from: NaiveDate,
    rate_e8: i64,
    at: DateTime<Utc>,
) -> Result<i64> {
    tx.insert_returning_id(
        Sql::new(
            "INSERT INTO exchange_rates (currency, valid_from, rate_e8, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $4)",
        )
        .arg(currency)
        .arg(valid_from)
        .arg(rate_e8)
        .arg(at),
    )
    .await
}

pub async fn update(tx: &mut Tx, id: i64, rate_e8: i64, at: DateTime<Utc>) -> Result<()> {
    tx.execute(
        Sql::new("UPDATE exchange_rates SET rate_e8 = $1, updated_at = $2 WHERE id = $3")
            .arg(rate_e8)
            .arg(at)
            .arg(id),
    )
    .await?;
    Ok(())
}

/// Removes the rate (rates have no soft delete: a rate that is gone is no
/// longer used for conversions); whether there was one.
pub async fn delete(tx: &mut Tx, currency: &str, valid_from: NaiveDate) -> Result<bool> {
    let n = tx
        .execute(
            Sql::new("DELETE FROM exchange_rates WHERE currency = $1 AND valid_from = $2")
                .arg(currency)
                .arg(valid_from),
        )
        .await?;
    Ok(n > 0)
}
