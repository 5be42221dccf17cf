//! Converting amounts between currencies with EUR as the pivot: a rate is
//! the number of units of a currency per 1 EUR, times 10^8, valid from a
//! date until the next rate of the same currency. Integer arithmetic only.
//!
//! Rounding is commercial ("kaufmännisch"): half a cent rounds away from
//! zero, the rule customers know from their invoices.

use std::collections::BTreeMap;

use chrono::NaiveDate;

/// EUR per EUR, times 10^8.
const PIVOT_E8: i64 = 100_000_000;

/// The rate used for one side of a conversion. EUR, the pivot, has no
/// date: it is always exactly 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub rate_e8: i64,
    pub valid_from: Option<NaiveDate>,
}

/// A converted amount in minor units and the date of the rate behind it
/// (the older of the two rates; `None` only between EUR and EUR).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Converted {
    pub minor: i64,
    pub rate_date: Option<NaiveDate>,
}

/// Every known rate per currency (upper-case ISO code), by date.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RateTable {
    rates: BTreeMap<String, BTreeMap<NaiveDate, i64>>,
}

impl RateTable {
    pub fn new() -> RateTable {
        RateTable::default()
    }

    /// Adds a rate; a second one for the same currency and date replaces
    /// the first.
    pub fn insert(&mut self, currency: &str, valid_from: NaiveDate, rate_e8: i64) {
        self.rates
            .entry(currency.to_ascii_uppercase())
            .or_default()
            .insert(valid_from, rate_e8);
    }

    /// The latest rate valid on `date` (`valid_from <= date`); EUR is
    /// always 1. `None` when the currency has no rate yet on that date.
    pub fn rate_on(&self, currency: &str, date: NaiveDate) -> Option<Rate> {
        if currency.eq_ignore_ascii_case("EUR") {
            return Some(Rate {
                rate_e8: PIVOT_E8,
                valid_from: None,
            });
        }
        let (valid_from, rate_e8) = self
            .rates
            .get(&currency.to_ascii_uppercase())?
            .range(..=date)
            .next_back()?;
        Some(Rate {
            rate_e8: *rate_e8,
            valid_from: Some(*valid_from),
        })
    }

    /// `minor` units of `from` in `to` on `date`; `None` when either rate
    /// is missing (never a guess).
    pub fn convert(&self, minor: i64, from: &str, to: &str, date: NaiveDate) -> Option<Converted> {
        convert(minor, self.rate_on(from, date)?, self.rate_on(to, date)?)
    }
}

/// `minor` units of the currency of `from` into that of `to`: amount ×
/// to / from, rounded half away from zero. `None` for a rate that is not
/// positive or a result beyond `i64`.
pub fn convert(minor: i64, from: Rate, to: Rate) -> Option<Converted> {
    if from.rate_e8 <= 0 || to.rate_e8 <= 0 {
        return None;
    }
    let numerator = i128::from(minor) * i128::from(to.rate_e8);
    let denominator = i128::from(from.rate_e8);
    let quotient = numerator / denominator;
    let remainder = numerator % denominator;
    let rounded = if remainder.abs() * 2 >= denominator {
        quotient + numerator.signum()
    } else {
        quotient
    };
    let rate_date = match (from.valid_from, to.valid_from) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    Some(Converted {
        minor: i64::try_from(rounded).ok()?,
        rate_date,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn table() -> RateTable {
        let mut t = RateTable::new();
        t.insert("CHF", d(2026, 1, 1), 93_850_000);
        t.insert("CHF", d(2026, 7, 1), 93_120_000);
        t.insert("USD", d(2026, 1, 1), 108_740_000);
        t.insert("usd", d(2026, 9, 1), 110_000_000);
        t
    }

    #[test]
    fn eur_to_eur_is_the_identity_without_a_date() {
        let c = table()
            .convert(123_456, "EUR", "EUR", d(2020, 1, 1))
            .unwrap();
        assert_eq!(
            c,
            Converted {
                minor: 123_456,
                rate_date: None
            }
        );
    }

    #[test]
    fn chf_to_eur_uses_the_latest_rate_valid_on_the_date() {
        // 1,000.00 CHF at 0.9312 CHF/EUR = 1,073.883... EUR.
        let c = table()
            .convert(100_000, "CHF", "EUR", d(2026, 11, 1))
            .unwrap();
        assert_eq!(c.minor, 107_388);
        assert_eq!(c.rate_date, Some(d(2026, 7, 1)));
        // Before July the January rate applies: 1,065.530... EUR.
        let c = table()
            .convert(100_000, "CHF", "EUR", d(2026, 6, 30))
            .unwrap();
        assert_eq!(c.minor, 106_553);
        assert_eq!(c.rate_date, Some(d(2026, 1, 1)));
    }

    #[test]
    fn cross_rates_go_through_eur_and_carry_the_older_date() {
        // 100.00 USD → CHF: 10,000 × 0.9312 / 1.10 = 8,465.45 → 8,465 cents.
        let c = table()
            .convert(10_000, "USD", "CHF", d(2026, 10, 1))
            .unwrap();
        assert_eq!(c.minor, 8_465);
        assert_eq!(c.rate_date, Some(d(2026, 7, 1)));
    }

    #[test]
    fn a_missing_rate_on_either_side_is_none() {
        let t = table();
        assert_eq!(t.convert(100, "GBP", "EUR", d(2026, 11, 1)), None);
        assert_eq!(t.convert(100, "EUR", "GBP", d(2026, 11, 1)), None);
        // No rate before the first one.
        assert_eq!(t.convert(100, "CHF", "EUR", d(2025, 12, 31)), None);
    }

    #[test]
    fn half_a_cent_rounds_away_from_zero() {
        let one = Rate {
            rate_e8: PIVOT_E8,
            valid_from: None,
        };
        let two = Rate {
            rate_e8: 2 * PIVOT_E8,
            valid_from: None,
        };
        // 1 cent at 2 units per EUR into EUR is 0.5 cent.
        assert_eq!(convert(1, two, one).unwrap().minor, 1);
        assert_eq!(convert(-1, two, one).unwrap().minor, -1);
        assert_eq!(convert(3, two, one).unwrap().minor, 2);
        // Just below half rounds down.
        let three = Rate {
            rate_e8: 3 * PIVOT_E8,
            valid_from: None,
        };
        assert_eq!(convert(1, three, one).unwrap().minor, 0);
        assert_eq!(convert(2, three, one).unwrap().minor, 1);
    }

    #[test]
    fn non_positive_rates_and_overflow_are_none() {
        let one = Rate {
            rate_e8: PIVOT_E8,
            valid_from: None,
        };
        let zero = Rate {
            rate_e8: 0,
            valid_from: None,
        };
        let huge = Rate {
            rate_e8: i64::MAX,
            valid_from: None,
        };
        assert_eq!(convert(100, zero, one), None);
        assert_eq!(convert(i64::MAX, one, huge), None);
    }
}
