//! Numbers, amounts and dates as each interface language writes them; used
//! by the template filters and the CSV downloads alike, so a figure reads
//! the same on the page and in the spreadsheet.

use kp_domain::Language;

pub fn decimal_separator(language: Language) -> char {
    match language {
        Language::En => '.',
        Language::De | Language::Fr | Language::Es => ',',
    }
}

/// Groups thousands the way the language does (1.234 / 1,234 / 1 234).
pub fn number(language: Language, value: i64) -> String {
    let separator = match language {
        Language::De | Language::Es => '.',
        Language::En => ',',
        Language::Fr => '\u{202f}',
    };
    let digits = value.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(ch);
    }
    if value < 0 { format!("-{out}") } else { out }
}

/// Minor units with two decimals and the currency code (1.234,56 EUR).
pub fn money(language: Language, minor: i64, currency: &str) -> String {
    format!(
        "{}\u{a0}{currency}",
        amount_with(language, minor, &number(language, (minor / 100).abs()))
    )
}

/// Minor units as a plain decimal for spreadsheets: no grouping, the
/// language's decimal separator (1234,56).
pub fn plain_amount(language: Language, minor: i64) -> String {
    amount_with(language, minor, &(minor / 100).abs().to_string())
}

fn amount_with(language: Language, minor: i64, units: &str) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    format!(
        "{sign}{units}{}{:02}",
        decimal_separator(language),
        (minor % 100).abs()
    )
}

/// An ISO date (`2026-12-31`, or the start of a timestamp) as the language
/// writes it.
pub fn date(language: Language, iso: &str) -> String {
    let Some((y, rest)) = iso.get(..10).and_then(|d| d.split_once('-')) else {
        return iso.to_owned();
    };
    let Some((m, d)) = rest.split_once('-') else {
        return iso.to_owned();
    };
    match language {
        Language::De => format!("{d}.{m}.{y}"),
        Language::En | Language::Fr | Language::Es => format!("{d}/{m}/{y}"),
    }
}

/// An amount typed by a user, in minor units: digits with an optional
/// decimal part of at most two digits, in the language's notation or
/// with a point; grouping characters are ignored. `None` when it is not
/// an amount.
pub fn parse_amount(language: Language, text: &str) -> Option<i64> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{202f}' && *c != '\'')
        .collect();
    let (negative, compact) = match compact.strip_prefix('-') {
        Some(rest) => (true, rest.to_owned()),
        None => (false, compact),
    };
    let decimal = decimal_separator(language);
    let grouping = if decimal == ',' { '.' } else { ',' };
    // "12.50" in German is still meant as a decimal: a point followed by
    // one or two digits at the end cannot be a thousands separator.
    let decimal = match compact.rfind(grouping) {
        Some(i) if !compact.contains(decimal) && compact.len() - i - 1 <= 2 => grouping,
        _ => decimal,
    };
    let (units, cents) = match compact.split_once(decimal) {
        Some((u, c)) => (u.to_owned(), c.to_owned()),
        None => (compact.clone(), String::new()),
    };
    let units: String = units.chars().filter(|c| *c != grouping).collect();
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !digits(&units) || !(cents.is_empty() || (cents.len() <= 2 && digits(&cents))) {
        return None;
    }
    let units: i64 = units.parse().ok()?;
    let cents: i64 = format!("{cents:0<2}").parse().ok()?;
    let minor = units.checked_mul(100)?.checked_add(cents)?;
    Some(if negative { -minor } else { minor })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_in_each_notation() {
        assert_eq!(money(Language::De, 123_456, "EUR"), "1.234,56\u{a0}EUR");
        assert_eq!(money(Language::En, -5, "CHF"), "-0.05\u{a0}CHF");
        assert_eq!(plain_amount(Language::Fr, 1_234_500), "12345,00");
        assert_eq!(plain_amount(Language::En, 99), "0.99");
    }

    #[test]
    fn typed_amounts() {
        let de = Language::De;
        assert_eq!(parse_amount(de, "1.234,5"), Some(123_450));
        assert_eq!(parse_amount(de, "1234"), Some(123_400));
        assert_eq!(parse_amount(de, "12.50"), Some(1_250));
        assert_eq!(parse_amount(de, "1.234"), Some(123_400));
        assert_eq!(parse_amount(Language::En, "1,234.56"), Some(123_456));
        assert_eq!(parse_amount(Language::Fr, "1 234,56"), Some(123_456));
        assert_eq!(parse_amount(de, "-3"), Some(-300));
        for bad in [
            "",
            "abc",
            "1,234,5",
            "1.2.3,456",
            "12,345",
            "1e5",
            "--1",
            ",",
        ] {
            assert_eq!(parse_amount(de, bad), None, "{bad}");
        }
    }

    #[test]
    fn dates_in_each_notation() {
        assert_eq!(date(Language::De, "2026-12-31"), "31.12.2026");
        assert_eq!(date(Language::Es, "2026-12-31T10:00:00Z"), "31/12/2026");
        assert_eq!(date(Language::En, "garbage"), "garbage");
    }
}
