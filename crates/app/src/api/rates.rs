//! `PUT/GET/DELETE /api/v1/exchange-rates/{currency}/{valid_from}` and the
//! list. A rate is named by currency and date, not by an external id (in
//! bulk lines the `external_id` is `CHF/2025-01-01`). Rates are shared by
//! all tenants (see `kp_storage::api::rates`); the event goes to the
//! caller's tenant.

use chrono::{DateTime, NaiveDate, Utc};
use kp_domain::TenantId;
use kp_storage::Tx;
use kp_storage::api::rates::{self as store, RateRow};
use kp_storage::events::{self, ResourceLink};
use serde::{Deserialize, Serialize};

use super::upsert::Resource;
use super::validate::Checker;
use super::{ApiError, Caller, ListQuery, Outcome, Page, UpsertResult, paginate};
use crate::App;
use crate::exchange_rates::{CURRENCIES, parse_rate_e8};

pub const RESOURCE: Resource = Resource {
    kind: "exchange_rate",
    collection: "exchange-rates",
    scope: "rates",
};

/// A rate as the back office sends it: units of the currency per 1 EUR,
/// a decimal string with at most 8 decimals (`"0.9312"`), so that no
/// binary fraction creeps in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RateData {
    pub rate: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct RateDoc {
    /// ISO 4217 code.
    pub currency: String,
    pub valid_from: NaiveDate,
    /// Units of `currency` per 1 EUR.
    pub rate: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The rate's key, checked: a currency the portal converts (EUR is the
/// base and has no rate) and a date in range.
pub fn key(currency: &str, valid_from: &str) -> Result<(String, NaiveDate), ApiError> {
    let mut c = Checker::default();
    let code = currency.trim().to_ascii_uppercase();
    if !CURRENCIES.contains(&code.as_str()) {
        c.fail(
            "currency",
            format!(
                "{currency:?} is not a currency with exchange rates ({})",
                CURRENCIES.join(", ")
            ),
        );
    }
    let date = NaiveDate::parse_from_str(valid_from, "%Y-%m-%d").ok();
    if date.is_none() {
        c.fail("valid_from", "not a date (YYYY-MM-DD)");
    }
    c.date("valid_from", date);
    c.finish()?;
    let date = date.ok_or_else(|| ApiError::field("valid_from", "not a date"))?;
    Ok((code, date))
}

/// The key of a bulk line's `external_id`: `CHF/2025-01-01`.
pub fn bulk_key(ext: &str) -> Result<(String, NaiveDate), ApiError> {
    let (currency, date) = ext.split_once('/').ok_or_else(|| {
        ApiError::field(
            "external_id",
            "must be CURRENCY/YYYY-MM-DD, e.g. CHF/2025-01-01",
        )
    })?;
    key(currency, date)
}

pub fn link(currency: &str, valid_from: NaiveDate) -> String {
    format!("/api/v1/exchange-rates/{currency}/{valid_from}")
}

/// `0.93120000` as `0.9312`.
fn format_rate(rate_e8: i64) -> String {
    let text = format!("{}.{:08}", rate_e8 / 100_000_000, rate_e8 % 100_000_000);
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

fn doc(r: RateRow) -> RateDoc {
    RateDoc {
        currency: r.currency,
        valid_from: r.valid_from,
        rate: format_rate(r.rate_e8),
        created_at: r.created_at,
        updated_at: r.updated_at,
    }
}

fn result(outcome: Outcome, currency: &str, date: NaiveDate) -> UpsertResult {
    UpsertResult {
        result: outcome,
        external_id: format!("{currency}/{date}"),
        link: link(currency, date),
    }
}

async fn event(
    tx: &mut Tx,
    tenant: TenantId,
    currency: &str,
    date: NaiveDate,
    outcome: Outcome,
    at: DateTime<Utc>,
) -> Result<(), ApiError> {
    let link = link(currency, date);
    events::append(
        tx,
        tenant,
        &format!("{}.{}", RESOURCE.kind, outcome.as_str()),
        ResourceLink {
            kind: RESOURCE.kind,
            link: &link,
        },
        &serde_json::json!({ "currency": currency, "valid_from": date }),
        at,
    )
    .await?;
    Ok(())
}

pub async fn upsert_in(
    tx: &mut Tx,
    tenant: TenantId,
    (currency, date): (String, NaiveDate),
    data: RateData,
    at: DateTime<Utc>,
) -> Result<Outcome, ApiError> {
    let rate_e8 = parse_rate_e8(&data.rate).map_err(|_| {
        ApiError::field(
            "rate",
            "must be a positive decimal with at most 8 decimals and 6 digits before the point",
        )
    })?;
    if rate_e8 <= 0 || rate_e8 > 100_000 * 100_000_000 {
        return Err(ApiError::field(
            "rate",
            "must be above 0 and at most 100000",
        ));
    }
    let outcome = match store::get_in(tx, &currency, date).await? {
        Some(r) if r.rate_e8 == rate_e8 => return Ok(Outcome::Unchanged),
        Some(r) => {
            store::update(tx, r.id, rate_e8, at).await?;
            Outcome::Updated
        }
        None => {
            store::insert(tx, &currency, date, rate_e8, at).await?;
            Outcome::Created
        }
    };
    event(tx, tenant, &currency, date, outcome, at).await?;
    Ok(outcome)
}

pub async fn delete_in(
    tx: &mut Tx,
    tenant: TenantId,
    (currency, date): (String, NaiveDate),
    at: DateTime<Utc>,
) -> Result<Outcome, ApiError> {
    if !store::delete(tx, &currency, date).await? {
        return Err(ApiError::NotFound);
    }
    event(tx, tenant, &currency, date, Outcome::Deleted, at).await?;
    Ok(Outcome::Deleted)
}

pub async fn upsert(
    app: &App,
    caller: &Caller,
    currency: &str,
    valid_from: &str,
    data: RateData,
) -> Result<UpsertResult, ApiError> {
    caller.require(&RESOURCE.write_scope())?;
    let (code, date) = key(currency, valid_from)?;
    let mut tx = app.db.begin().await?;
    let outcome = upsert_in(
        &mut tx,
        caller.tenant,
        (code.clone(), date),
        data,
        app.clock.now(),
    )
    .await?;
    tx.commit().await?;
    Ok(result(outcome, &code, date))
}

pub async fn delete(
    app: &App,
    caller: &Caller,
    currency: &str,
    valid_from: &str,
) -> Result<UpsertResult, ApiError> {
    caller.require(&RESOURCE.write_scope())?;
    let (code, date) = key(currency, valid_from).map_err(|_| ApiError::NotFound)?;
    let mut tx = app.db.begin().await?;
    let outcome = delete_in(
        &mut tx,
        caller.tenant,
        (code.clone(), date),
        app.clock.now(),
    )
    .await?;
    tx.commit().await?;
    Ok(result(outcome, &code, date))
}

pub async fn get(
    app: &App,
    caller: &Caller,
    currency: &str,
    valid_from: &str,
) -> Result<RateDoc, ApiError> {
    caller.require(&RESOURCE.read_scope())?;
    let (code, date) = key(currency, valid_from).map_err(|_| ApiError::NotFound)?;
    let row = store::get(&app.db, &code, date)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(doc(row))
}

pub async fn list(app: &App, caller: &Caller, q: &ListQuery) -> Result<Page<RateDoc>, ApiError> {
    caller.require(&RESOURCE.read_scope())?;
    let page = q.page()?;
    let rows = store::list(&app.db, &page).await?;
    paginate(rows, &page, |r| r.id, |r| Ok(doc(r)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_print_without_trailing_zeros() {
        assert_eq!(format_rate(93_120_000), "0.9312");
        assert_eq!(format_rate(2_500_000_000), "25");
        assert!(key("chf", "2025-01-01").is_ok());
        assert!(key("EUR", "2025-01-01").is_err());
        assert!(key("CHF", "1066-10-14").is_err());
        assert!(bulk_key("CHF-2025").is_err());
    }
}
