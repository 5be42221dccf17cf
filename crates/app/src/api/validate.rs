//! Checks of API input beyond its JSON shape: currencies, date ranges,
//! lengths, external ids. Each failure names its field.

use chrono::NaiveDate;
use kp_domain::Currency;
use serde::Serialize;

use super::ApiError;

/// One invalid field of a request: its JSON path and the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FieldProblem {
    pub field: String,
    pub reason: String,
}

impl FieldProblem {
    pub fn new(field: impl Into<String>, reason: impl Into<String>) -> FieldProblem {
        FieldProblem {
            field: field.into(),
            reason: reason.into(),
        }
    }
}

/// Longest external id.
pub const MAX_EXTERNAL_ID: usize = 100;
/// Longest text field.
pub const MAX_TEXT: usize = 2000;

/// Collects problems so that one answer names every bad field.
#[derive(Debug, Default)]
pub struct Checker {
    problems: Vec<FieldProblem>,
}

impl Checker {
    pub fn fail(&mut self, field: &str, reason: impl Into<String>) {
        self.problems.push(FieldProblem::new(field, reason));
    }

    /// A date between 1800 and 2199: anything else is a typo or a
    /// placeholder of the sending system.
    pub fn date(&mut self, field: &str, date: Option<NaiveDate>) {
        let (Some(min), Some(max)) = (
            NaiveDate::from_ymd_opt(1800, 1, 1),
            NaiveDate::from_ymd_opt(2199, 12, 31),
        ) else {
            return;
        };
        if let Some(d) = date
            && !(min..=max).contains(&d)
        {
            self.fail(field, "date out of range (1800-01-01 to 2199-12-31)");
        }
    }

    /// An ISO 4217 code, normalised to upper case.
    pub fn currency(&mut self, field: &str, code: &mut String) {
        match Currency::parse(code) {
            Some(c) if is_iso_4217(c.as_str()) => *code = c.as_str().to_owned(),
            _ => self.fail(field, format!("{code:?} is not an ISO 4217 currency code")),
        }
    }

    pub fn text(&mut self, field: &str, value: &str) {
        if value.chars().count() > MAX_TEXT {
            self.fail(field, format!("longer than {MAX_TEXT} characters"));
        }
    }

    pub fn required(&mut self, field: &str, value: &str) {
        if value.trim().is_empty() {
            self.fail(field, "must not be empty");
        } else {
            self.text(field, value);
        }
    }

    pub fn not_negative(&mut self, field: &str, value: Option<i64>) {
        if value.is_some_and(|v| v < 0) {
            self.fail(field, "must not be negative");
        }
    }

    pub fn reference(&mut self, field: &str, value: &str) {
        if let Err(reason) = check_external_id(value) {
            self.fail(field, reason);
        }
    }

    /// A staff reference: an e-mail, compared in lower case.
    pub fn staff(&mut self, field: &str, value: &mut Option<String>) {
        if let Some(v) = value {
            *v = v.trim().to_lowercase();
            if !v.contains('@') || v.len() > 254 {
                self.fail(field, "must be the e-mail address of a staff member");
            }
        }
    }

    pub fn finish(self) -> Result<(), ApiError> {
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(ApiError::Invalid(self.problems))
        }
    }
}

/// Reads a JSON document into `T`; a malformed document, an unknown
/// field or a wrong type is a 422 naming the field (`co_insured[2]`,
/// `status_history[0].status`) and the reason.
pub fn parse_json<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        let field = if path == "." { String::new() } else { path };
        ApiError::field(field, inner.to_string())
    })?;
    de.end()
        .map_err(|e| ApiError::field("", format!("trailing data: {e}")))?;
    Ok(value)
}

/// An external id: 1 to 100 characters, no control characters.
pub fn check_external_id(value: &str) -> Result<(), String> {
    if value.is_empty() || value.chars().count() > MAX_EXTERNAL_ID {
        return Err(format!("must be 1 to {MAX_EXTERNAL_ID} characters"));
    }
    if value.chars().any(char::is_control) || value.trim() != value {
        return Err("must not contain control characters or surrounding spaces".to_owned());
    }
    Ok(())
}

/// The external id of a request path.
pub fn external_id(value: &str) -> Result<(), ApiError> {
    check_external_id(value).map_err(|reason| ApiError::field("external_id", reason))
}

/// The currencies in use today (ISO 4217, active codes), so that a typo
/// such as `EUT` is refused rather than stored.
fn is_iso_4217(code: &str) -> bool {
    const CODES: &str = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND \
        BOB BRL BSD BTN BWP BYN BZD CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP \
        ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR \
        ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA \
        MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP \
        PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP \
        SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF \
        XPF YER ZAR ZMW ZWG";
    CODES.split_whitespace().any(|c| c == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn currencies_and_ids_are_checked() {
        let mut c = Checker::default();
        let mut good = "eur".to_owned();
        c.currency("currency", &mut good);
        assert_eq!(good, "EUR");
        let mut bad = "EUT".to_owned();
        c.currency("x", &mut bad);
        c.date("d", NaiveDate::from_ymd_opt(1066, 10, 14));
        assert!(matches!(c.finish(), Err(ApiError::Invalid(p)) if p.len() == 2));
        assert!(check_external_id("K-1").is_ok());
        assert!(check_external_id("").is_err());
        assert!(check_external_id(" K").is_err());
        assert!(check_external_id("a\nb").is_err());
        assert!(check_external_id(&"x".repeat(101)).is_err());
    }

    #[test]
    fn cursors_round_trip_and_refuse_garbage() {
        let c = super::super::encode_cursor("42");
        assert_eq!(super::super::decode_cursor(&c).as_deref(), Some("42"));
        assert_eq!(super::super::decode_cursor("42"), None);
        assert_eq!(super::super::decode_cursor("czz"), None);
    }
}
