//! Fixed dates and German formatting. The demo data is anchored at
//! [`anchor`] rather than at today, so every run produces the same rows.

use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};

/// The "today" of the demo data.
pub fn anchor() -> NaiveDate {
    date(2026, 10, 1)
}

/// A calendar date from constants; an impossible date (a bug in the data
/// tables) falls back to the anchor rather than aborting the load.
pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d)
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(2026, 10, 1).unwrap_or_default())
}

/// `d` at `hour`:`minute` UTC.
pub fn at(d: NaiveDate, hour: u32, minute: u32) -> DateTime<Utc> {
    d.and_hms_opt(hour, minute, 0).unwrap_or_default().and_utc()
}

/// The timestamp every master-data row is created with.
pub fn created() -> DateTime<Utc> {
    at(date(2026, 9, 1), 6, 0)
}

pub fn minus_days(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(n)).unwrap_or(d)
}

pub fn plus_days(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).unwrap_or(d)
}

/// The same day `years` later (28 Feb for 29 Feb).
pub fn plus_years(d: NaiveDate, years: i32) -> NaiveDate {
    d.with_year(d.year() + years)
        .or_else(|| date(d.year() + years, d.month(), 28).into())
        .unwrap_or(d)
}

/// `01.10.2026`
pub fn de(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

/// Hauptfälligkeit `DD.MM.` of a start date.
pub fn due_of(d: NaiveDate) -> String {
    d.format("%d.%m.").to_string()
}

/// `1.234,56 €` (German grouping; currency symbol or code after the amount).
pub fn money(minor: i64, currency: &str) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    let whole = (abs / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let symbol = match currency {
        "EUR" => "€",
        other => other,
    };
    format!("{sign}{grouped},{:02} {symbol}", abs % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_german_style() {
        assert_eq!(money(123_456, "EUR"), "1.234,56 €");
        assert_eq!(money(5, "CHF"), "0,05 CHF");
        assert_eq!(money(-100_000_000, "EUR"), "-1.000.000,00 €");
        assert_eq!(de(date(2026, 1, 2)), "02.01.2026");
        assert_eq!(plus_years(date(2024, 2, 29), 1), date(2025, 2, 28));
    }
}
