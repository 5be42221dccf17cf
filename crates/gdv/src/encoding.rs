//! Character sets of GDV files: detection and single-byte decoding.
//!
//! Field offsets in the record description are byte offsets, so every line is
//! first brought into a one-byte-per-character form (a [`LineCharset`]) and
//! only the sliced fields are decoded to `String`.

use serde::Serialize;

/// Encoding of the input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Encoding {
    /// ISO-8859-1; decoded as Windows-1252, its superset for printable characters.
    #[serde(rename = "ISO-8859-1")]
    Latin1,
    /// IBM code page 850 (DOS Latin-1), used by some older insurer systems.
    #[serde(rename = "CP850")]
    Cp850,
    /// UTF-8; lines may then be longer than 256 bytes but hold 256 characters.
    #[serde(rename = "UTF-8")]
    Utf8,
}

impl Encoding {
    /// The name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Latin1 => "ISO-8859-1",
            Encoding::Cp850 => "CP850",
            Encoding::Utf8 => "UTF-8",
        }
    }

    /// The one-byte charset that lines are held in after reading.
    pub(crate) fn line_charset(self) -> LineCharset {
        match self {
            Encoding::Cp850 => LineCharset::Cp850,
            // UTF-8 lines are transcoded to Windows-1252 bytes on reading.
            Encoding::Latin1 | Encoding::Utf8 => LineCharset::Cp1252,
        }
    }
}

impl std::fmt::Display for Encoding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Guesses the encoding from the first bytes of a file (FORMAT-NOTES §3.1):
/// UTF-8 if valid and multi-byte, CP850 if only CP850 umlaut bytes occur,
/// otherwise Latin-1.
pub fn detect(sample: &[u8]) -> Encoding {
    if sample.iter().any(|b| *b >= 0x80) && is_utf8_prefix(sample) {
        return Encoding::Utf8;
    }
    let cp850_umlauts = sample
        .iter()
        .filter(|b| matches!(b, 0x81 | 0x84 | 0x8E | 0x94 | 0x99 | 0x9A | 0xE1))
        .count();
    let latin1_umlauts = sample
        .iter()
        .filter(|b| matches!(b, 0xE4 | 0xF6 | 0xFC | 0xDF | 0xC4 | 0xD6 | 0xDC))
        .count();
    if cp850_umlauts > 0 && latin1_umlauts == 0 {
        Encoding::Cp850
    } else {
        Encoding::Latin1
    }
}

/// Valid UTF-8, allowing a sequence cut off at the end of the sample.
fn is_utf8_prefix(sample: &[u8]) -> bool {
    match std::str::from_utf8(sample) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none() && sample.len() - e.valid_up_to() < 4,
    }
}

/// The one-byte charset of a line held in memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineCharset {
    Cp1252,
    Cp850,
}

impl LineCharset {
    pub(crate) fn decode_byte(self, b: u8) -> char {
        match self {
            LineCharset::Cp1252 => cp1252_char(b),
            LineCharset::Cp850 => cp850_char(b),
        }
    }

    pub(crate) fn decode(self, bytes: &[u8]) -> String {
        bytes.iter().map(|b| self.decode_byte(*b)).collect()
    }
}

/// Windows-1252 0x80..=0x9F; the five unassigned bytes map to the C1 controls
/// as browsers do, so no byte is ever lost.
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

fn cp1252_char(b: u8) -> char {
    if (0x80..0xA0).contains(&b) {
        CP1252_HIGH[usize::from(b - 0x80)]
    } else {
        char::from(b)
    }
}

/// Maps a character to its Windows-1252 byte; `?` if it has none.
pub(crate) fn cp1252_byte(c: char) -> u8 {
    let code = u32::from(c);
    if code < 0x80 || (0xA0..=0xFF).contains(&code) {
        return u8::try_from(code).unwrap_or(b'?');
    }
    CP1252_HIGH
        .iter()
        .position(|h| *h == c)
        .and_then(|i| u8::try_from(i + 0x80).ok())
        .unwrap_or(b'?')
}

/// IBM code page 850, bytes 0x80..=0xFF.
const CP850_HIGH: [char; 128] = [
    'Ç', 'ü', 'é', 'â', 'ä', 'à', 'å', 'ç', 'ê', 'ë', 'è', 'ï', 'î', 'ì', 'Ä', 'Å', //
    'É', 'æ', 'Æ', 'ô', 'ö', 'ò', 'û', 'ù', 'ÿ', 'Ö', 'Ü', 'ø', '£', 'Ø', '×', 'ƒ', //
    'á', 'í', 'ó', 'ú', 'ñ', 'Ñ', 'ª', 'º', '¿', '®', '¬', '½', '¼', '¡', '«', '»', //
    '░', '▒', '▓', '│', '┤', 'Á', 'Â', 'À', '©', '╣', '║', '╗', '╝', '¢', '¥', '┐', //
    '└', '┴', '┬', '├', '─', '┼', 'ã', 'Ã', '╚', '╔', '╩', '╦', '╠', '═', '╬', '¤', //
    'ð', 'Ð', 'Ê', 'Ë', 'È', 'ı', 'Í', 'Î', 'Ï', '┘', '┌', '█', '▄', '¦', 'Ì', '▀', //
    'Ó', 'ß', 'Ô', 'Ò', 'õ', 'Õ', 'µ', 'þ', 'Þ', 'Ú', 'Û', 'Ù', 'ý', 'Ý', '¯', '´', //
    '\u{AD}', '±', '‗', '¾', '¶', '§', '÷', '¸', '°', '¨', '·', '¹', '³', '²', '■', '\u{A0}',
];

fn cp850_char(b: u8) -> char {
    if b >= 0x80 {
        CP850_HIGH[usize::from(b - 0x80)]
    } else {
        char::from(b)
    }
}

/// Maps a character to its CP850 byte; `?` if it has none. Used by tests and
/// fixture builders to write CP850 files.
pub fn encode_cp850(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| {
            if u32::from(c) < 0x80 {
                u8::try_from(u32::from(c)).unwrap_or(b'?')
            } else {
                CP850_HIGH
                    .iter()
                    .position(|h| *h == c)
                    .and_then(|i| u8::try_from(i + 0x80).ok())
                    .unwrap_or(b'?')
            }
        })
        .collect()
}

/// Maps text to Latin-1/Windows-1252 bytes; `?` for characters without one.
pub fn encode_latin1(text: &str) -> Vec<u8> {
    text.chars().map(cp1252_byte).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_three_encodings() {
        assert_eq!(detect(b"0001 plain ascii"), Encoding::Latin1);
        assert_eq!(detect("Kitzelpfütze".as_bytes()), Encoding::Utf8);
        assert_eq!(detect(&encode_latin1("Kitzelpfütze")), Encoding::Latin1);
        assert_eq!(detect(&encode_cp850("Sekretärin")), Encoding::Cp850);
        // A UTF-8 sequence cut at the end of the sample is still UTF-8.
        let mut cut = "Müller ä".as_bytes().to_vec();
        cut.pop();
        assert_eq!(detect(&cut), Encoding::Utf8);
    }

    #[test]
    fn round_trips_every_high_byte() {
        for b in 0x80..=0xFFu8 {
            assert_eq!(encode_cp850(&cp850_char(b).to_string()), vec![b]);
            assert_eq!(cp1252_byte(cp1252_char(b)), b);
        }
        assert_eq!(LineCharset::Cp850.decode(&[0x84, 0x94, 0x81, 0xE1]), "äöüß");
        assert_eq!(LineCharset::Cp1252.decode(&[0xE4, 0x80]), "ä€");
    }
}
