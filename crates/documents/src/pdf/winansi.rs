//! Mapping from Unicode text to the single-byte WinAnsiEncoding used by the
//! base-14 fonts. Working on encoded bytes lets the layout code index the
//! width tables directly.

/// Byte written for characters the encoding cannot represent.
pub(crate) const REPLACEMENT: u8 = b'?';

/// Appends the WinAnsi encoding of `text` to `out`.
///
/// Control characters are dropped (a stray `\r` would otherwise show up as
/// `?`), tabs become spaces and soft hyphens are dropped because code 0xAD
/// is a visible hyphen in this encoding.
pub(crate) fn encode_into(text: &str, out: &mut Vec<u8>) {
    out.reserve(text.len());
    for c in text.chars() {
        if let Some(byte) = encode_char(c) {
            out.push(byte);
        }
    }
}

pub(crate) fn encode(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    encode_into(text, &mut out);
    out
}

fn encode_char(c: char) -> Option<u8> {
    let byte = match c {
        '\t' => b' ',
        '\u{ad}' => return None,
        c if c.is_control() => return None,
        // Latin-1 and WinAnsi agree on these ranges.
        ' '..='~' | '\u{a0}'..='\u{ff}' => c as u8,
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '\u{2018}' => 0x91,
        '\u{2019}' => 0x92,
        '\u{201C}' => 0x93,
        '\u{201D}' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        // Common typographic variants that have a close WinAnsi neighbour;
        // keeping them readable beats printing '?'.
        '\u{2010}' | '\u{2011}' | '\u{2212}' => b'-',
        '\u{2009}' | '\u{2002}' | '\u{2003}' => b' ',
        '\u{202F}' => 0xA0,
        _ => REPLACEMENT,
    };
    Some(byte)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_french_spanish_and_euro_are_single_bytes() {
        assert_eq!(
            encode("Müller Straße Größe €"),
            b"M\xfcller Stra\xdfe Gr\xf6\xdfe \x80"
        );
        assert_eq!(encode("é à ç ñ ¿¡"), b"\xe9 \xe0 \xe7 \xf1 \xbf\xa1");
    }

    #[test]
    fn unsupported_characters_become_question_marks() {
        assert_eq!(encode("a\u{4e2d}b\u{1F600}"), b"a?b?");
    }

    #[test]
    fn controls_and_soft_hyphens_are_dropped() {
        assert_eq!(encode("a\r\u{ad}b\tc"), b"ab c");
    }
}
