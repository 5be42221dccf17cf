//! Colours as `#rrggbb` and their WCAG 2.1 contrast.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub const BLACK: Rgb = Rgb(0, 0, 0);
    pub const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);

    /// `#rrggbb` (what `<input type="color">` sends), case-insensitive.
    pub fn parse(text: &str) -> Option<Rgb> {
        let hex = text.strip_prefix('#')?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
        Some(Rgb(channel(0)?, channel(2)?, channel(4)?))
    }

    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Relative luminance (WCAG 2.1 definition).
    pub fn luminance(self) -> f64 {
        let linear = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * linear(self.0) + 0.7152 * linear(self.1) + 0.0722 * linear(self.2)
    }

    /// Mixed with black: `amount` 0 keeps the colour, 1 gives black.
    pub fn darken(self, amount: f64) -> Rgb {
        let keep = (1.0 - amount).clamp(0.0, 1.0);
        // The product stays within 0..=255, so the cast cannot truncate.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let scale = |c: u8| (f64::from(c) * keep).round() as u8;
        Rgb(scale(self.0), scale(self.1), scale(self.2))
    }

    /// Black or white, whichever reads better on this colour. The better
    /// of the two always reaches at least 4.58:1.
    pub fn text_on(self) -> Rgb {
        if contrast(self, Rgb::BLACK) >= contrast(self, Rgb::WHITE) {
            Rgb::BLACK
        } else {
            Rgb::WHITE
        }
    }
}

/// The WCAG contrast ratio of two colours, 1.0 to 21.0.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    let (light, dark) = if la >= lb { (la, lb) } else { (lb, la) };
    (light + 0.05) / (dark + 0.05)
}

impl Serialize for Rgb {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.hex())
    }
}

impl<'de> Deserialize<'de> for Rgb {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Rgb, D::Error> {
        let text = String::deserialize(d)?;
        Rgb::parse(&text).ok_or_else(|| serde::de::Error::custom("expected #rrggbb"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_follows_wcag() {
        assert!((contrast(Rgb::BLACK, Rgb::WHITE) - 21.0).abs() < 1e-9);
        assert!((contrast(Rgb::WHITE, Rgb::WHITE) - 1.0).abs() < 1e-9);
        // #767676 is the classic lightest grey passing 4.5:1 on white.
        assert!(contrast(Rgb(0x76, 0x76, 0x76), Rgb::WHITE) >= 4.5);
        assert!(contrast(Rgb(0x77, 0x77, 0x77), Rgb::WHITE) < 4.5);
        assert_eq!(Rgb::parse("#0B4f6c"), Some(Rgb(0x0b, 0x4f, 0x6c)));
        assert_eq!(Rgb::parse("0b4f6c"), None);
        assert_eq!(Rgb::parse("#0b4f6"), None);
        assert_eq!(Rgb::parse("#0b4f6g"), None);
        assert_eq!(Rgb::parse("#ééé"), None);
        assert_eq!(Rgb(0x0b, 0x4f, 0x6c).hex(), "#0b4f6c");
        assert_eq!(Rgb(0xff, 0xd7, 0x00).text_on(), Rgb::BLACK);
        assert_eq!(Rgb(0x0b, 0x4f, 0x6c).text_on(), Rgb::WHITE);
    }
}
