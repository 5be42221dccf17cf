//! Recovery codes: ten, shown once, stored as SHA-256, each usable once.
//! A code is 10 characters of a 32-letter alphabet without look-alikes
//! (50 bits), shown as `xxxxx-xxxxx`; typed in any case, with or without
//! the hyphen and spaces.

use rand::Rng;
use sha2::{Digest, Sha256};

pub const COUNT: usize = 10;
const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
const LEN: usize = 10;

/// New codes in their display form.
pub fn generate() -> Vec<String> {
    let mut rng = rand::rng();
    (0..COUNT)
        .map(|_| {
            let raw: String = (0..LEN)
                .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
                .collect();
            format!("{}-{}", &raw[..5], &raw[5..])
        })
        .collect()
}

/// The form a code is hashed in, or `None` when the input cannot be one.
pub fn normalize(input: &str) -> Option<String> {
    let raw: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    (raw.len() == LEN && raw.bytes().all(|b| ALPHABET.contains(&b))).then_some(raw)
}

pub fn hash(normalized: &str) -> String {
    hex::encode(Sha256::digest(format!("recovery:{normalized}").as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_normalize_to_what_is_hashed() {
        let codes = generate();
        assert_eq!(codes.len(), COUNT);
        for code in &codes {
            let n = normalize(code).unwrap();
            assert_eq!(normalize(&code.to_uppercase().replace('-', " ")), Some(n));
        }
        assert_eq!(normalize("123456"), None);
        assert_eq!(normalize("abcde-fghj1"), None);
    }
}
