//! Profile currency (B9): amounts of an organization's records shown also
//! in its profile currency, and the exchange rates staff administrators
//! maintain (a form and a CSV upload).
//!
//! The reference date of every conversion is today: the page answers "what
//! is this worth in my currency now", and one list uses one rate per
//! currency. The rate date shown is the older of the two rates used.

use chrono::NaiveDate;
use kp_domain::{Actor, Principal, RateTable};
use kp_storage::settings::{self, SettingScope};
use kp_storage::write::exchange_rates::{self as write, NewExchangeRate};
use serde::Serialize;

pub use kp_storage::exchange_rates::RateRow;

use crate::{App, AppError, FieldError};

/// The organization setting that switches the conversion on (JSON `true`).
pub const ENABLED_KEY: &str = "profile_currency.enabled";

/// The currencies staff may maintain rates for (all with two decimals, as
/// [`kp_domain::Money`] assumes); EUR is the pivot and has none.
pub const CURRENCIES: &[&str] = &["CHF", "CZK", "DKK", "GBP", "NOK", "PLN", "SEK", "USD"];

/// The largest rate accepted (units per 1 EUR); guards against typos.
const MAX_RATE_E8: i64 = 100_000 * 100_000_000;

/// An amount also shown in the profile currency; `minor` is `None` when a
/// rate is missing, which the page says instead of showing a number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConvertedAmount {
    /// The record's currency.
    pub from: String,
    /// The profile currency.
    pub currency: String,
    pub minor: Option<i64>,
    pub rate_date: Option<NaiveDate>,
}

/// What a principal's pages convert into, with the rates to do it.
#[derive(Debug, Clone)]
pub struct ProfileCurrency {
    pub currency: String,
    rates: RateTable,
    today: NaiveDate,
}

impl ProfileCurrency {
    /// `minor` units of `currency` in the profile currency; `None` when
    /// nothing is to be shown (the same currency).
    pub fn convert(&self, minor: i64, currency: &str) -> Option<ConvertedAmount> {
        if currency.eq_ignore_ascii_case(&self.currency) {
            return None;
        }
        let converted = self
            .rates
            .convert(minor, currency, &self.currency, self.today);
        Some(ConvertedAmount {
            from: currency.to_owned(),
            currency: self.currency.clone(),
            minor: converted.map(|c| c.minor),
            rate_date: converted.and_then(|c| c.rate_date),
        })
    }

    /// Like [`ProfileCurrency::convert`], but nothing for a field the
    /// profile hides: a hidden amount has no converted amount either.
    pub fn convert_field(
        &self,
        principal: &Principal,
        field: &str,
        minor: Option<i64>,
        currency: &str,
    ) -> Option<ConvertedAmount> {
        if !principal.permissions.shows_field(field) {
            return None;
        }
        self.convert(minor?, currency)
    }
}

/// The profile currency a principal's pages convert into: only for users
/// of an organization whose setting is on; staff and private customers
/// get none.
pub async fn profile(
    app: &App,
    principal: &Principal,
) -> Result<Option<ProfileCurrency>, AppError> {
    let Actor::Portal {
        organization: Some(organization),
        ..
    } = principal.actor
    else {
        return Ok(None);
    };
    let enabled = settings::get(
        &app.db,
        SettingScope::Organization(organization),
        ENABLED_KEY,
    )
    .await?
    .and_then(|json| serde_json::from_str::<bool>(&json).ok())
    .unwrap_or(false);
    if !enabled {
        return Ok(None);
    }
    let Some(currency) =
        kp_storage::exchange_rates::profile_currency(&app.db, organization).await?
    else {
        return Ok(None);
    };
    Ok(Some(ProfileCurrency {
        currency,
        rates: rate_table(app).await?,
        today: app.clock.now().date_naive(),
    }))
}

async fn rate_table(app: &App) -> Result<RateTable, AppError> {
    let mut table = RateTable::new();
    for r in kp_storage::exchange_rates::all(&app.db).await? {
        table.insert(&r.currency, r.valid_from, r.rate_e8);
    }
    Ok(table)
}

/// Rates are maintained by staff administrators: a portal user does not
/// learn that the page exists (404), other staff are refused (403).
pub fn require_admin(principal: &Principal) -> Result<(), AppError> {
    if !principal.is_staff() {
        Err(AppError::NotFound)
    } else if !principal.is_admin() {
        Err(AppError::Forbidden)
    } else {
        Ok(())
    }
}

/// The latest rate of every currency, by currency.
pub async fn latest(app: &App, principal: &Principal) -> Result<Vec<RateRow>, AppError> {
    require_admin(principal)?;
    let mut latest: Vec<RateRow> = Vec::new();
    // Ordered by currency and date: the last row of a currency is its latest.
    for r in kp_storage::exchange_rates::all(&app.db).await? {
        match latest.last_mut() {
            Some(last) if last.currency == r.currency => *last = r,
            _ => latest.push(r),
        }
    }
    Ok(latest)
}

/// A rate as typed into the form.
#[derive(Debug, Clone, Default)]
pub struct RateInput {
    pub currency: String,
    pub rate: String,
    pub valid_from: String,
}

/// Adds (or corrects) one rate; field messages and nothing written when
/// the input is invalid.
pub async fn add(app: &App, principal: &Principal, input: &RateInput) -> Result<(), AppError> {
    require_admin(principal)?;
    let rate = parse_input(app, input).map_err(AppError::Validation)?;
    let mut tx = app.db.begin().await?;
    write::upsert_all(&mut tx, &[rate]).await?;
    tx.commit().await?;
    Ok(())
}

fn parse_input(app: &App, input: &RateInput) -> Result<NewExchangeRate, Vec<FieldError>> {
    let currency = parse_currency(&input.currency);
    let rate = parse_rate_e8(&input.rate);
    let valid_from = parse_date(&input.valid_from);
    let mut errors = Vec::new();
    if let Err(key) = currency {
        errors.push(FieldError {
            field: "currency",
            key,
        });
    }
    if let Err(key) = rate {
        errors.push(FieldError { field: "rate", key });
    }
    if let Err(key) = valid_from {
        errors.push(FieldError {
            field: "valid_from",
            key,
        });
    }
    match (currency, rate, valid_from) {
        (Ok(currency), Ok(rate_e8), Ok(valid_from)) => Ok(NewExchangeRate {
            currency: currency.to_owned(),
            rate_e8,
            valid_from,
            created_at: app.clock.now(),
        }),
        _ => Err(errors),
    }
}

/// A bad line of an uploaded file: its number (from 1) and the message key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LineError {
    pub line: usize,
    pub key: &'static str,
}

/// Reads a whole CSV file of `currency;rate;valid_from` lines (UTF-8, with
/// or without BOM, `;` or `,` between fields, an optional header line) and,
/// only if every line is valid, writes all rates in one transaction.
/// Returns the number of rates written, or every bad line.
pub async fn upload(
    app: &App,
    principal: &Principal,
    file: &[u8],
) -> Result<Result<usize, Vec<LineError>>, AppError> {
    require_admin(principal)?;
    let rates = match parse_csv(file, app.clock.now()) {
        Ok(rates) => rates,
        Err(errors) => return Ok(Err(errors)),
    };
    let mut tx = app.db.begin().await?;
    write::upsert_all(&mut tx, &rates).await?;
    tx.commit().await?;
    Ok(Ok(rates.len()))
}

fn parse_csv(
    file: &[u8],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<NewExchangeRate>, Vec<LineError>> {
    let Ok(text) = std::str::from_utf8(file) else {
        return Err(vec![LineError {
            line: 0,
            key: "rates-file-not-utf8",
        }]);
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rates: Vec<NewExchangeRate> = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let number = i + 1;
        let line = line.trim();
        if line.is_empty() || (number == 1 && is_header(line)) {
            continue;
        }
        match parse_line(line) {
            Ok((currency, rate_e8, valid_from)) => {
                let duplicate = rates
                    .iter()
                    .any(|r| r.currency == currency && r.valid_from == valid_from);
                if duplicate {
                    errors.push(LineError {
                        line: number,
                        key: "rates-line-duplicate",
                    });
                    continue;
                }
                rates.push(NewExchangeRate {
                    currency: currency.to_owned(),
                    rate_e8,
                    valid_from,
                    created_at: now,
                });
            }
            Err(key) => errors.push(LineError { line: number, key }),
        }
    }
    if rates.is_empty() && errors.is_empty() {
        errors.push(LineError {
            line: 0,
            key: "rates-file-empty",
        });
    }
    if errors.is_empty() {
        Ok(rates)
    } else {
        Err(errors)
    }
}

fn is_header(line: &str) -> bool {
    line.get(..8)
        .is_some_and(|s| s.eq_ignore_ascii_case("currency"))
}

fn parse_line(line: &str) -> Result<(&'static str, i64, NaiveDate), &'static str> {
    // With `,` between fields the rate needs a decimal point; with `;` it
    // may have either.
    let separator = if line.contains(';') { ';' } else { ',' };
    let fields: Vec<&str> = line.split(separator).map(str::trim).collect();
    let [currency, rate, valid_from] = fields.as_slice() else {
        return Err("rates-line-fields");
    };
    Ok((
        parse_currency(currency)?,
        parse_rate_e8(rate)?,
        parse_date(valid_from)?,
    ))
}

fn parse_currency(input: &str) -> Result<&'static str, &'static str> {
    let input = input.trim();
    if input.is_empty() {
        return Err("form-required");
    }
    CURRENCIES
        .iter()
        .find(|c| c.eq_ignore_ascii_case(input))
        .copied()
        .ok_or("rates-currency-unknown")
}

/// A positive rate with a decimal comma or point and at most 8 decimals,
/// times 10^8.
pub fn parse_rate_e8(input: &str) -> Result<i64, &'static str> {
    let input = input.trim();
    if input.is_empty() {
        return Err("form-required");
    }
    let normalized = input.replace(',', ".");
    let (whole, fraction) = normalized
        .split_once('.')
        .unwrap_or((normalized.as_str(), ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(fraction) || whole.len() > 6 {
        return Err("rates-rate-invalid");
    }
    if fraction.len() > 8 {
        return Err("rates-rate-precision");
    }
    let whole: i64 = whole.parse().map_err(|_| "rates-rate-invalid")?;
    let mut frac: i64 = 0;
    if !fraction.is_empty() {
        frac = fraction.parse().map_err(|_| "rates-rate-invalid")?;
        frac *= 10_i64.pow(8 - u32::try_from(fraction.len()).unwrap_or(8));
    }
    let e8 = whole * 100_000_000 + frac;
    if e8 <= 0 || e8 > MAX_RATE_E8 {
        return Err("rates-rate-range");
    }
    Ok(e8)
}

/// `2026-11-01` (the date field) or `01.11.2026`.
fn parse_date(input: &str) -> Result<NaiveDate, &'static str> {
    let input = input.trim();
    if input.is_empty() {
        return Err("form-required");
    }
    NaiveDate::parse_from_str(input, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(input, "%d.%m.%Y"))
        .map_err(|_| "rates-date-invalid")
}

#[cfg(test)]
#[path = "exchange_rates_tests.rs"]
mod tests;
