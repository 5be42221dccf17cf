//! Bank details with valid check digits: IBANs (ISO 13616, mod 97) and the
//! French RIB key, so that validators in the portal accept the demo data.

/// The IBAN for `country` (two letters) and a national account number
/// (BBAN, digits and capital letters), in the compact form without spaces.
pub fn iban(country: &str, bban: &str) -> String {
    let rearranged = format!("{bban}{country}00");
    let check = 98 - mod97(&rearranged);
    format!("{country}{check:02}{bban}")
}

/// A German IBAN from the 8-digit bank code (BLZ) and an account number of
/// up to 10 digits.
pub fn iban_de(blz: &str, account: &str) -> String {
    iban("DE", &format!("{blz}{account:0>10}"))
}

/// A French IBAN: bank (5), branch (5), account (11 digits), RIB key.
pub fn iban_fr(bank: &str, branch: &str, account: &str) -> String {
    let key = rib_key(bank, branch, account);
    iban("FR", &format!("{bank}{branch}{account}{key:02}"))
}

/// A Swiss IBAN: clearing number (5) and account (12).
pub fn iban_ch(clearing: &str, account: &str) -> String {
    iban("CH", &format!("{clearing}{account:0>12}"))
}

/// Whether an IBAN's check digits are right.
#[cfg(test)]
pub fn iban_is_valid(iban: &str) -> bool {
    let compact: String = iban.chars().filter(|c| !c.is_whitespace()).collect();
    compact.len() > 4
        && compact.is_ascii()
        && mod97(&format!("{}{}", &compact[4..], &compact[..4])) == 1
}

/// The remainder mod 97 of the number formed by the digits, letters counting
/// as 10..35, computed piecewise so that no big integers are needed.
fn mod97(s: &str) -> u32 {
    s.chars().fold(0u32, |acc, c| match c.to_digit(36) {
        Some(v) if v >= 10 => (acc * 100 + v) % 97,
        Some(v) => (acc * 10 + v) % 97,
        None => acc,
    })
}

fn rib_key(bank: &str, branch: &str, account: &str) -> u64 {
    let n = |s: &str| {
        s.chars().fold(0u64, |acc, c| {
            (acc * 10 + u64::from(c.to_digit(10).unwrap_or(0))) % 97
        })
    };
    97 - ((89 * n(bank) + 15 * n(branch) + 3 * n(account)) % 97)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_ibans_are_reproduced() {
        // The standard German example IBAN.
        assert_eq!(iban_de("37040044", "532013000"), "DE89370400440532013000");
        // The French example from the IBAN registry.
        assert_eq!(
            iban("FR", "20041010050500013M02606"),
            "FR1420041010050500013M02606"
        );
        assert!(iban_is_valid("CH93 0076 2011 6238 5295 7"));
    }

    #[test]
    fn generated_ibans_validate() {
        assert!(iban_is_valid(&iban_fr("30004", "00823", "00012345678")));
        assert!(iban_is_valid(&iban_ch("00762", "116238529")));
        assert!(!iban_is_valid("DE00370400440532013000"));
    }
}
