//! Money as integer minor units with an ISO 4217 currency code; floating
//! point never touches an amount.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Currency(String);

impl Currency {
    /// Accepts three ASCII letters, normalised to upper case.
    pub fn parse(code: &str) -> Option<Currency> {
        let code = code.trim();
        (code.len() == 3 && code.bytes().all(|b| b.is_ascii_alphabetic()))
            .then(|| Currency(code.to_ascii_uppercase()))
    }

    pub fn eur() -> Currency {
        Currency("EUR".to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Money {
    /// Amount in minor units (cents for EUR, CHF, USD).
    pub minor: i64,
    pub currency: Currency,
}

impl Money {
    pub fn new(minor: i64, currency: Currency) -> Money {
        Money { minor, currency }
    }

    /// Whole units and the two-digit fraction, sign kept on the whole part,
    /// for locale-aware formatting in the web layer.
    pub fn split(&self) -> (i64, u8) {
        let whole = self.minor / 100;
        let frac = (self.minor % 100).unsigned_abs() as u8;
        (whole, frac)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn currency_codes_are_validated_and_normalised() {
        assert_eq!(Currency::parse("chf").map(|c| c.0), Some("CHF".to_owned()));
        assert_eq!(Currency::parse("EURO"), None);
        assert_eq!(Currency::parse("E1R"), None);
    }

    #[test]
    fn split_keeps_sign_on_whole_part() {
        assert_eq!(Money::new(-1234, Currency::eur()).split(), (-12, 34));
        assert_eq!(Money::new(5, Currency::eur()).split(), (0, 5));
    }
}
