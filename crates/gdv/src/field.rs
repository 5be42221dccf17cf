//! Field definitions (positions from the record description) and the typed
//! reading of a field, which turns every unreadable value into a [`Problem`].

use crate::codes;
use crate::encoding::LineCharset;
use crate::problem::{Problem, ProblemKind, Severity};
use crate::record::Teildatensatz;
use crate::value::{self, Currency, Decimal, GdvDate, Money};

/// One field of a layout: Teildatensatz, 1-based inclusive byte range, implied decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct F {
    pub name: &'static str,
    pub td: u8,
    pub start: u16,
    pub end: u16,
    pub nk: u8,
}

/// A field without implied decimals (text, code, integer, date).
pub(crate) const fn f(td: u8, start: u16, end: u16, name: &'static str) -> F {
    F {
        name,
        td,
        start,
        end,
        nk: 0,
    }
}

/// A "Fliesskomma" field with `nk` implied decimals.
pub(crate) const fn fl(td: u8, start: u16, end: u16, nk: u8, name: &'static str) -> F {
    F {
        name,
        td,
        start,
        end,
        nk,
    }
}

/// Reads fields of one logical record, collecting problems.
pub(crate) struct Fields<'a> {
    parts: &'a [Teildatensatz],
    charset: LineCharset,
    pub problems: Vec<Problem>,
}

impl<'a> Fields<'a> {
    pub fn new(parts: &'a [Teildatensatz], charset: LineCharset) -> Self {
        Fields {
            parts,
            charset,
            problems: Vec::new(),
        }
    }

    /// Raw bytes of a field and the line they are on; `None` if its Teildatensatz is absent.
    fn raw(&self, field: F) -> Option<(&'a [u8], u64)> {
        let part = self
            .parts
            .iter()
            .find(|p| p.number.unwrap_or(1) == field.td)?;
        let bytes = part
            .bytes
            .get(usize::from(field.start) - 1..usize::from(field.end))?;
        Some((bytes, part.line))
    }

    fn problem(&mut self, field: F, line: u64, kind: ProblemKind, raw: &[u8], why: &str) {
        let raw = self.charset.decode(raw);
        self.problems.push(
            Problem::new(
                Severity::Error,
                kind,
                line,
                format!("{}: {why}", field.name),
            )
            .at(field.start)
            .field(field.name)
            .raw(raw),
        );
    }

    /// Left-aligned text, trailing blanks removed; `None` if blank.
    pub fn text(&self, field: F) -> Option<String> {
        let (raw, _) = self.raw(field)?;
        let text = self.charset.decode(raw);
        let trimmed = text.trim_end();
        (!trimmed.is_empty()).then(|| trimmed.to_string())
    }

    /// Text that may be right-aligned (VS-Nr, Schaden-Nr): blanks removed on both sides.
    pub fn text_trim(&self, field: F) -> Option<String> {
        self.text(field).map(|t| t.trim_start().to_string())
    }

    pub fn number(&mut self, field: F) -> Option<u64> {
        let (raw, line) = self.raw(field)?;
        match value::parse_digits(raw) {
            Ok(v) => v,
            Err(why) => {
                self.problem(field, line, ProblemKind::InvalidNumber, raw, why);
                None
            }
        }
    }

    pub fn date(&mut self, field: F) -> Option<GdvDate> {
        let (raw, line) = self.raw(field)?;
        let parsed = if raw.len() == 6 {
            value::parse_date6(raw)
        } else {
            value::parse_date8(raw)
        };
        match parsed {
            Ok(v) => v,
            Err(why) => {
                self.problem(field, line, ProblemKind::InvalidDate, raw, why);
                None
            }
        }
    }

    /// A code field as enum; unknown codes are kept by the enum.
    pub fn code<T>(&self, field: F, from_code: fn(&str) -> Option<T>) -> Option<T> {
        self.text(field).and_then(|t| from_code(&t))
    }

    /// A currency field; blank or malformed codes are read as EUR, the only
    /// currency in practice since 2002.
    pub fn currency(&self, field: Option<F>) -> Currency {
        field
            .and_then(|f| self.text(f))
            .and_then(|t| Currency::from_code(&t))
            .unwrap_or(Currency::EUR)
    }

    /// Signed units with the field's implied decimals, sign from a separate byte.
    fn signed_units(&mut self, field: F, sign: Option<F>) -> Option<i64> {
        let value = self.number(field)?;
        let sign_byte = match sign.and_then(|s| self.raw(s).map(|r| (s, r))) {
            Some((s, (raw, line))) => {
                let b = raw.first().copied();
                if !matches!(b, Some(b'+' | b'-' | b' ') | None) {
                    self.problem(
                        s,
                        line,
                        ProblemKind::InvalidSign,
                        raw,
                        "not '+', '-' or blank",
                    );
                }
                b.filter(|b| *b == b'-')
            }
            None => None,
        };
        match value::apply_sign(value, sign_byte) {
            Ok(v) => Some(v),
            Err(why) => {
                if let Some((raw, line)) = self.raw(field) {
                    self.problem(field, line, ProblemKind::InvalidNumber, raw, why);
                }
                None
            }
        }
    }

    /// An amount in cents; fields with fewer than two implied decimals are scaled up.
    pub fn money(&mut self, field: F, sign: Option<F>, currency: Currency) -> Option<Money> {
        let units = self.signed_units(field, sign)?;
        let factor = 10i64.pow(u32::from(2u8.saturating_sub(field.nk)));
        let divisor = 10i64.pow(u32::from(field.nk.saturating_sub(2)));
        Some(Money::new(units.saturating_mul(factor) / divisor, currency))
    }

    pub fn decimal(&mut self, field: F) -> Option<Decimal> {
        let units = self.signed_units(field, None)?;
        Some(Decimal {
            units,
            scale: field.nk,
        })
    }

    pub fn opt_money(&mut self, field: Option<F>, currency: Currency) -> Option<Money> {
        field.and_then(|f| self.money(f, None, currency))
    }

    pub fn opt_text(&self, field: Option<F>) -> Option<String> {
        field.and_then(|f| self.text(f))
    }

    pub fn opt_date(&mut self, field: Option<F>) -> Option<GdvDate> {
        field.and_then(|f| self.date(f))
    }

    pub fn opt_status(&self, field: Option<F>) -> Option<codes::ContractStatus> {
        field.and_then(|f| self.code(f, codes::ContractStatus::from_code))
    }
}
