//! Which record description ("SatzTyp") a line belongs to, and where that
//! description keeps the Teildatensatz number (FORMAT-NOTES §3.3, §3.4).

use serde::{Serialize, Serializer};

/// Satzarten of the GDV description that carry no Sparte part in their layout key.
const WITHOUT_SPARTE: &[u16] = &[
    1, 52, 100, 102, 200, 202, 300, 342, 350, 352, 362, 372, 382, 390, 392, 400, 410, 420, 430,
    450, 500, 550, 600, 9950, 9951, 9952, 9999,
];

/// Satzarten whose layout depends on the Sparte.
const WITH_SPARTE: &[u16] = &[
    210, 211, 212, 220, 221, 222, 225, 230, 250, 251, 260, 270, 280, 291, 292, 293, 294, 295,
];

/// Whether a Satzart is in the GDV record description.
pub fn is_standard(satzart: u16) -> bool {
    WITHOUT_SPARTE.contains(&satzart) || WITH_SPARTE.contains(&satzart)
}

/// Whether a Satzart is one of the company-specific "freie Satzarten" 0800–0899.
pub fn is_company_specific(satzart: u16) -> bool {
    (800..=899).contains(&satzart)
}

/// The record description a line belongs to, e.g. `0220.010.13.1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LayoutId {
    pub satzart: u16,
    /// The layout's Sparte (several Sparten share one layout, e.g. 081 uses 080).
    pub sparte: Option<u16>,
    /// Further discriminator: Wagnisart group for Leben (`13`, `48`, `2`…),
    /// Folge-Nr. for Kranken, Art for Bausparen.
    pub variant: Option<&'static str>,
    /// Teildatensatz group for Leben (1 = TD 1–5, or 6, 7, 8, 9).
    pub group: Option<u8>,
}

impl std::fmt::Display for LayoutId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}", self.satzart)?;
        if let Some(sparte) = self.sparte {
            write!(f, ".{sparte:03}")?;
        }
        if let Some(variant) = self.variant {
            write!(f, ".{variant}")?;
        }
        if let Some(group) = self.group {
            write!(f, ".{group}")?;
        }
        Ok(())
    }
}

impl Serialize for LayoutId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Three ASCII digits at 1-based `start`, if they are digits.
pub(crate) fn digits_at(line: &[u8; 256], start: usize, len: usize) -> Option<u16> {
    let raw = line.get(start - 1..start - 1 + len)?;
    raw.iter().try_fold(0u16, |acc, b| {
        b.is_ascii_digit().then(|| acc * 10 + u16::from(b - b'0'))
    })
}

fn byte_at(line: &[u8; 256], pos: usize) -> u8 {
    line[pos - 1]
}

/// Maps a Sparte to the Sparte of the layout that describes it (`satzarten.properties`).
fn layout_sparte(satzart: u16, sparte: u16) -> u16 {
    const FEUER: &[u16] = &[
        80, 81, 82, 83, 89, 90, 99, 100, 109, 120, 123, 124, 150, 210, 230, 231,
    ];
    const TECHNIK: &[u16] = &[170, 171, 172, 174, 175, 176, 179, 232];
    const TRANSPORT: &[u16] = &[
        180, 181, 182, 183, 184, 185, 189, 190, 191, 192, 193, 194, 197, 199,
    ];
    match satzart {
        250 | 251 | 260 => 190,
        270..=295 => 550,
        _ if FEUER.contains(&sparte) => 80,
        _ if TECHNIK.contains(&sparte) => 170,
        _ if TRANSPORT.contains(&sparte) => 190,
        210 | 211 if sparte == 50 || sparte == 600 => 50,
        220 | 221 if sparte == 600 => 51,
        220 | 221 if matches!(sparte, 51..=55 | 59) => sparte,
        210 | 211 | 220 | 221 | 230
            if matches!(
                sparte,
                10 | 20 | 30 | 40 | 70 | 110 | 130 | 140 | 510 | 550 | 560 | 570 | 580 | 684
            ) =>
        {
            sparte
        }
        _ => 0,
    }
}

/// Identifies the layout of a line whose first four bytes are digits.
pub(crate) fn identify(satzart: u16, line: &[u8; 256]) -> LayoutId {
    let mut id = LayoutId {
        satzart,
        sparte: None,
        variant: None,
        group: None,
    };
    if !WITH_SPARTE.contains(&satzart) {
        return id;
    }
    let sparte = layout_sparte(satzart, digits_at(line, 11, 3).unwrap_or(0));
    id.sparte = Some(sparte);
    match (satzart, sparte) {
        (220 | 221, 10) => {
            id.variant = match byte_at(line, 60) {
                b'1' | b'3' => Some("13"),
                b'4' | b'8' => Some("48"),
                b'2' => Some("2"),
                b'5' => Some("5"),
                b'6' => Some("6"),
                b'7' => Some("7"),
                b'9' => Some("9"),
                b'0' if satzart == 220 => Some("0"),
                _ => None,
            };
            if id.variant.is_some_and(|v| v != "0") {
                id.group = match byte_at(line, 256) {
                    b @ b'6'..=b'9' => Some(b - b'0'),
                    _ => Some(1),
                };
            }
        }
        (220, 20) => {
            id.variant = match byte_at(line, 48) {
                b'1' => Some("1"),
                b'2' => Some("2"),
                b'3' => Some("3"),
                _ => None,
            };
        }
        (220, 580) => {
            id.variant = match byte_at(line, 44) {
                b'2' => Some("2"),
                _ => Some("01"),
            };
        }
        _ => {}
    }
    id
}

/// A discriminator the layout needs but the line lacks: position and field name.
pub(crate) fn missing_discriminator(id: &LayoutId) -> Option<(u16, &'static str)> {
    match (id.satzart, id.sparte, id.variant) {
        (220 | 221, Some(10), None) => Some((60, "Wagnisart")),
        (220, Some(20), None) => Some((48, "FolgeNrZurLaufendenPersonenNrUnterNrLaufendeNrTarif")),
        _ => None,
    }
}

/// Where a layout keeps the Teildatensatz number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TdPosition {
    /// One-byte number at this 1-based position.
    At(usize),
    /// Single-Teildatensatz layout: every line is a record of its own.
    Single,
    /// Unfall 0220/0221.030: TD 1, 2, 4 at 49, TD 3 at 43, TD 9 at 60 (repeated at 250).
    Unfall,
    /// 0500: TD 1 at 66, TD 2 at 256.
    Claim,
}

pub(crate) fn td_position(id: &LayoutId) -> TdPosition {
    use TdPosition::{At, Single, Unfall};
    match (id.satzart, id.sparte.unwrap_or(0)) {
        (410 | 420 | 430 | 9999 | 260, _) => Single,
        (450 | 250 | 251, _) => At(51),
        (500, _) => TdPosition::Claim,
        (550, _) => At(66),
        (270..=295, _) => At(43),
        (210 | 211, 0 | 80 | 170 | 190 | 550 | 560 | 570 | 580) => At(43),
        (210, 130) => At(251),
        (210, 30 | 40 | 70 | 110 | 510) | (211, 130) => Single,
        (220 | 221, 30) => Unfall,
        (220 | 221, 40 | 140) => At(51),
        (220 | 221, 70) => At(53),
        (220 | 221, 80 | 190) => At(49),
        (220 | 221, 170) => At(50),
        (220 | 221, 0) => At(47),
        (220, 550 | 560 | 570 | 580) => At(43),
        (220, 20 | 110 | 130 | 510) | (221, 130) => Single,
        _ => At(256),
    }
}

/// Reads the Teildatensatz number; `None` for single-TD layouts or when the byte is not a digit.
pub(crate) fn td_number(pos: TdPosition, line: &[u8; 256]) -> Option<u8> {
    let digit = |p: usize| {
        let b = byte_at(line, p);
        b.is_ascii_digit().then(|| b - b'0')
    };
    match pos {
        TdPosition::Single => None,
        TdPosition::At(p) => digit(p),
        TdPosition::Claim if byte_at(line, 256) == b'2' => Some(2),
        TdPosition::Claim => digit(66),
        TdPosition::Unfall => {
            if byte_at(line, 43) == b'3' {
                Some(3)
            } else if byte_at(line, 60) == b'9' && byte_at(line, 250) == b'9' {
                Some(9)
            } else {
                digit(49)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(fill: &[(usize, &str)]) -> [u8; 256] {
        let mut l = [b' '; 256];
        for (pos, text) in fill {
            l[pos - 1..pos - 1 + text.len()].copy_from_slice(text.as_bytes());
        }
        l
    }

    #[test]
    fn layouts_follow_satzarten_properties() {
        let id = |sa: &str, sp: &str, extra: &[(usize, &str)]| {
            let mut fill = vec![(1, sa), (11, sp)];
            fill.extend_from_slice(extra);
            let l = line(&fill);
            identify(digits_at(&l, 1, 4).unwrap_or(0), &l).to_string()
        };
        assert_eq!(id("0220", "081", &[]), "0220.080");
        assert_eq!(id("0220", "296", &[]), "0220.000");
        assert_eq!(id("0220", "171", &[]), "0220.170");
        assert_eq!(id("0210", "050", &[]), "0210.050");
        assert_eq!(id("0220", "010", &[(60, "3"), (256, "2")]), "0220.010.13.1");
        assert_eq!(id("0220", "010", &[(60, "8"), (256, "6")]), "0220.010.48.6");
        assert_eq!(id("0220", "010", &[(60, "0")]), "0220.010.0");
        assert_eq!(id("0220", "020", &[(48, "2")]), "0220.020.2");
        assert_eq!(id("0100", "030", &[]), "0100");
    }

    #[test]
    fn td_positions_come_from_the_layout() {
        let unfall = identify(220, &line(&[(1, "0220"), (11, "030")]));
        assert_eq!(
            td_number(td_position(&unfall), &line(&[(43, "000001"), (49, "2")])),
            Some(2)
        );
        assert_eq!(
            td_number(td_position(&unfall), &line(&[(43, "3")])),
            Some(3)
        );
        assert_eq!(
            td_number(
                td_position(&unfall),
                &line(&[(43, "0"), (60, "9"), (250, "9")])
            ),
            Some(9)
        );
        let hausrat = identify(210, &line(&[(1, "0210"), (11, "130")]));
        assert_eq!(td_position(&hausrat), TdPosition::At(251));
        let claim = identify(500, &line(&[(1, "0500")]));
        let pos = td_position(&claim);
        assert_eq!(td_number(pos, &line(&[(66, "1"), (256, " ")])), Some(1));
        assert_eq!(td_number(pos, &line(&[(66, "X"), (256, "2")])), Some(2));
        let nachsatz = identify(9999, &line(&[(1, "9999")]));
        assert_eq!(td_position(&nachsatz), TdPosition::Single);
    }
}
