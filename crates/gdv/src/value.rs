//! Value types of GDV fields: dates with optional day/month, money in cents,
//! fixed-point decimals, and the parse rules for them.

use serde::{Serialize, Serializer};

/// A GDV date. TTMMJJJJ may carry `00` for an unknown day or month, so both are optional;
/// `00000000` is no date at all and never becomes a `GdvDate`. Year `0` with a
/// month means "every year" (real files write the Hauptfälligkeit as `01010000`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GdvDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl GdvDate {
    /// A date; `None` if day or month are out of range for the year.
    pub fn new(year: u16, month: Option<u8>, day: Option<u8>) -> Option<Self> {
        if year == 0 && month.is_none() {
            return None;
        }
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return None;
        }
        if let Some(d) = day {
            let max = month.map_or(31, |m| days_in_month(year, m));
            if d == 0 || d > max {
                return None;
            }
        }
        Some(GdvDate { year, month, day })
    }

    /// A full calendar date.
    pub fn ymd(year: u16, month: u8, day: u8) -> Option<Self> {
        Self::new(year, Some(month), Some(day))
    }

    /// Day and month are both known.
    pub fn is_complete(&self) -> bool {
        self.month.is_some() && self.day.is_some()
    }

    /// ISO 8601 form with reduced precision when parts are unknown:
    /// `2004-05-01`, `2004-05` or `2004`; an unknown month with a known day gives `2004`;
    /// a date without year gives `--05-01` or `--05`.
    pub fn to_iso(&self) -> String {
        if self.year == 0 {
            return match (self.month, self.day) {
                (Some(m), Some(d)) => format!("--{m:02}-{d:02}"),
                (m, _) => format!("--{:02}", m.unwrap_or(0)),
            };
        }
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            (None, _) => format!("{:04}", self.year),
        }
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl std::fmt::Display for GdvDate {
    /// German form as in the file, with `00` for unknown parts: `01.05.2004`, `00.00.2004`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:02}.{:02}.{:04}",
            self.day.unwrap_or(0),
            self.month.unwrap_or(0),
            self.year
        )
    }
}

impl Serialize for GdvDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_iso())
    }
}

/// A three-letter currency code (Währungsschlüssel), e.g. `EUR`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Currency([u8; 3]);

impl Currency {
    pub const EUR: Currency = Currency(*b"EUR");

    /// From a currency field; `None` unless three ASCII letters.
    pub fn from_code(code: &str) -> Option<Self> {
        let bytes: [u8; 3] = code.trim().as_bytes().try_into().ok()?;
        bytes
            .iter()
            .all(u8::is_ascii_alphabetic)
            .then(|| Currency(bytes.map(|b| b.to_ascii_uppercase())))
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

impl std::fmt::Display for Currency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// An amount of money in minor units (cents) with its currency. Never a float.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Money {
    pub cents: i64,
    pub currency: Currency,
}

impl Money {
    pub fn new(cents: i64, currency: Currency) -> Self {
        Money { cents, currency }
    }

    pub fn eur(cents: i64) -> Self {
        Money::new(cents, Currency::EUR)
    }
}

impl std::fmt::Display for Money {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sign = if self.cents < 0 { "-" } else { "" };
        let abs = self.cents.unsigned_abs();
        write!(f, "{sign}{}.{:02} {}", abs / 100, abs % 100, self.currency)
    }
}

/// A fixed-point number with the implied decimals of its field (e.g. a percentage
/// with three decimals): `units / 10^scale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Decimal {
    pub units: i64,
    pub scale: u8,
}

impl std::fmt::Display for Decimal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sign = if self.units < 0 { "-" } else { "" };
        let abs = self.units.unsigned_abs();
        if self.scale == 0 {
            return write!(f, "{sign}{abs}");
        }
        let div = 10u64.pow(u32::from(self.scale));
        write!(
            f,
            "{sign}{}.{:0width$}",
            abs / div,
            abs % div,
            width = usize::from(self.scale)
        )
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

/// Why a raw field value could not be read.
pub(crate) type ParseError = &'static str;

/// Trimmed ASCII digits as an integer; blank is `None`.
pub(crate) fn parse_digits(raw: &[u8]) -> Result<Option<u64>, ParseError> {
    let trimmed = trim_blanks(raw);
    if trimmed.is_empty() {
        return Ok(None);
    }
    if !trimmed.iter().all(u8::is_ascii_digit) {
        return Err("not a number");
    }
    trimmed
        .iter()
        .try_fold(0u64, |acc, b| {
            acc.checked_mul(10)?.checked_add(u64::from(b - b'0'))
        })
        .map(Some)
        .ok_or("number too large")
}

/// Signed integer from digits and an optional sign byte (`+`, `-` or blank).
pub(crate) fn apply_sign(value: u64, sign: Option<u8>) -> Result<i64, ParseError> {
    let v = i64::try_from(value).map_err(|_| "number too large")?;
    match sign {
        None | Some(b'+') | Some(b' ') => Ok(v),
        Some(b'-') => Ok(-v),
        Some(_) => Err("sign is not '+', '-' or blank"),
    }
}

/// TTMMJJJJ; blank or all zeros is no date, `00` day or month is allowed.
pub(crate) fn parse_date8(raw: &[u8]) -> Result<Option<GdvDate>, ParseError> {
    date_from(raw, 8)
}

/// MMJJJJ; blank or all zeros is no date.
pub(crate) fn parse_date6(raw: &[u8]) -> Result<Option<GdvDate>, ParseError> {
    date_from(raw, 6)
}

fn date_from(raw: &[u8], len: usize) -> Result<Option<GdvDate>, ParseError> {
    if raw.iter().all(|b| *b == b' ') || raw.iter().all(|b| *b == b'0') {
        return Ok(None);
    }
    if raw.len() != len || !raw.iter().all(u8::is_ascii_digit) {
        return Err("not a date (digits expected)");
    }
    let num = |r: &[u8]| r.iter().fold(0u16, |acc, b| acc * 10 + u16::from(b - b'0'));
    let (day, rest) = if len == 8 {
        (u8::try_from(num(&raw[..2])).ok(), &raw[2..])
    } else {
        (Some(0), raw)
    };
    let month = u8::try_from(num(&rest[..2])).ok();
    let year = num(&rest[2..6]);
    let opt = |v: Option<u8>| v.filter(|v| *v != 0);
    GdvDate::new(year, opt(month), opt(day))
        .map(Some)
        .ok_or("not a valid date")
}

pub(crate) fn trim_blanks(raw: &[u8]) -> &[u8] {
    let start = raw.iter().position(|b| *b != b' ').unwrap_or(raw.len());
    let end = raw
        .iter()
        .rposition(|b| *b != b' ')
        .map_or(start, |e| e + 1);
    &raw[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_follow_the_gdv_rules() {
        assert_eq!(parse_date8(b"01052004"), Ok(GdvDate::ymd(2004, 5, 1)));
        assert_eq!(parse_date8(b"00000000"), Ok(None));
        assert_eq!(parse_date8(b"        "), Ok(None));
        assert_eq!(
            parse_date8(b"00052004"),
            Ok(GdvDate::new(2004, Some(5), None))
        );
        assert_eq!(parse_date8(b"00002004"), Ok(GdvDate::new(2004, None, None)));
        assert!(parse_date8(b"29022023").is_err());
        assert_eq!(parse_date8(b"29022024"), Ok(GdvDate::ymd(2024, 2, 29)));
        assert!(parse_date8(b"01132004").is_err());
        assert!(parse_date8(b"0105200X").is_err());
        assert_eq!(parse_date8(b"01050000"), Ok(GdvDate::ymd(0, 5, 1)));
        assert_eq!(
            GdvDate::ymd(0, 5, 1).map(|d| d.to_iso()),
            Some("--05-01".into())
        );
        assert!(parse_date8(b"01000000").is_err());
        assert_eq!(
            parse_date6(b"052004"),
            Ok(GdvDate::new(2004, Some(5), None))
        );
        assert_eq!(parse_date6(b"000000"), Ok(None));
    }

    #[test]
    fn dates_print_with_zero_parts() {
        let d = GdvDate::new(2004, Some(5), None);
        assert_eq!(d.map(|d| d.to_string()), Some("00.05.2004".into()));
        assert_eq!(d.map(|d| d.to_iso()), Some("2004-05".into()));
    }

    #[test]
    fn numbers_and_signs() {
        assert_eq!(parse_digits(b"000000041141"), Ok(Some(41141)));
        assert_eq!(parse_digits(b"   "), Ok(None));
        assert_eq!(parse_digits(b"  42"), Ok(Some(42)));
        assert!(parse_digits(b"4 2").is_err());
        assert!(parse_digits(b"99999999999999999999999").is_err());
        assert_eq!(apply_sign(5, Some(b'-')), Ok(-5));
        assert_eq!(apply_sign(5, Some(b' ')), Ok(5));
        assert!(apply_sign(5, Some(b'x')).is_err());
    }

    #[test]
    fn money_and_decimals_print_exactly() {
        assert_eq!(Money::eur(41141).to_string(), "411.41 EUR");
        assert_eq!(Money::eur(-5).to_string(), "-0.05 EUR");
        assert_eq!(
            Decimal {
                units: 10000,
                scale: 3
            }
            .to_string(),
            "10.000"
        );
        assert_eq!(
            Decimal {
                units: -7,
                scale: 2
            }
            .to_string(),
            "-0.07"
        );
        assert_eq!(Currency::from_code("eur"), Some(Currency::EUR));
        assert_eq!(Currency::from_code("  "), None);
    }
}
