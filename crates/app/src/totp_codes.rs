//! TOTP (RFC 6238) as authenticator apps speak it: SHA-1, 6 digits, 30 s
//! steps, one step of tolerance either side; the `otpauth://` URL and its
//! QR code, drawn as SVG here (no image crate).

use rand::Rng;
use totp_rs::{Builder, Secret, Totp};

use crate::AppError;

pub const STEP_SECS: u64 = 30;
/// 160 bits, as RFC 4226 recommends.
pub const SECRET_BYTES: usize = 20;

pub fn new_secret() -> Vec<u8> {
    let mut bytes = vec![0u8; SECRET_BYTES];
    rand::rng().fill(&mut bytes[..]);
    bytes
}

fn totp(secret: &[u8], issuer: Option<&str>, account: &str) -> Result<Totp, AppError> {
    // A colon would end the label early in the otpauth URL.
    let clean = |s: &str| s.replace(':', " ");
    Builder::new()
        .with_secret(Secret::new(secret.to_vec().into_boxed_slice()))
        .with_skew(1)
        .with_step_duration(STEP_SECS)
        .with_digits(6)
        .with_account_name(clean(account))
        .with_issuer(issuer.map(clean))
        .build()
        .map_err(|e| AppError::Internal(format!("totp: {e}")))
}

/// The secret in base32, as a person types it into an app.
pub fn encoded(secret: &[u8]) -> String {
    Secret::new(secret.to_vec().into_boxed_slice()).to_base32()
}

/// The secret from its base32 text (the demo's fixed secret).
pub fn decode(text: &str) -> Result<Vec<u8>, AppError> {
    Secret::try_from_base32(text.replace(' ', ""))
        .map(|s| s.as_bytes().to_vec())
        .map_err(|_| AppError::Invalid("not a base32 secret".into()))
}

pub fn otpauth_url(secret: &[u8], issuer: &str, account: &str) -> Result<String, AppError> {
    totp(secret, Some(issuer), account)?
        .to_url()
        .map_err(|e| AppError::Internal(format!("totp url: {e}")))
}

/// A code as typed: digits, maybe with spaces. `None` unless six digits.
pub fn normalize(input: &str) -> Option<String> {
    let digits: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    (digits.len() == 6 && digits.chars().all(|c| c.is_ascii_digit())).then_some(digits)
}

/// The time step whose code `code` is, within one step of `unix_secs`.
pub fn matching_step(secret: &[u8], code: &str, unix_secs: u64) -> Option<i64> {
    let code = normalize(code)?;
    let step = totp(secret, None, "").ok()?.check(&code, unix_secs)?;
    i64::try_from(step).ok()
}

/// The code at a time (tests and the demo's instructions).
pub fn code_at(secret: &[u8], unix_secs: u64) -> Result<String, AppError> {
    Ok(totp(secret, None, "")?.generate(unix_secs).to_string())
}

/// The QR code of `text` as an SVG document: one path of unit squares
/// with a four-module quiet zone, black on white.
pub fn qr_svg(text: &str) -> Result<String, AppError> {
    use qrcodegen::{QrCode, QrCodeEcc};
    let qr = QrCode::encode_text(text, QrCodeEcc::Medium)
        .map_err(|e| AppError::Internal(format!("qr: {e:?}")))?;
    let border = 4;
    let size = qr.size();
    let full = size + 2 * border;
    let mut path = String::new();
    for y in 0..size {
        for x in 0..size {
            if qr.get_module(x, y) {
                path.push_str(&format!("M{},{}h1v1h-1z", x + border, y + border));
            }
        }
    }
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {full} {full}\" \
         shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\
         <path d=\"{path}\" fill=\"#000\"/></svg>"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_6238_sha1_vector() {
        let secret = b"12345678901234567890";
        // RFC 6238 appendix B, 59 s: 94287082 (8 digits) → 287082.
        assert_eq!(code_at(secret, 59).unwrap(), "287082");
        assert_eq!(matching_step(secret, "287 082", 59), Some(1));
        // One step either side, not two.
        assert_eq!(matching_step(secret, "287082", 89), Some(1));
        assert_eq!(matching_step(secret, "287082", 119), None);
        assert_eq!(matching_step(secret, "28708", 59), None);
        assert_eq!(matching_step(secret, "abcdef", 59), None);
    }

    #[test]
    fn secrets_round_trip_through_base32_and_qr_draws() {
        let secret = new_secret();
        assert_eq!(decode(&encoded(&secret)).unwrap(), secret);
        let url = otpauth_url(&secret, "Makler: Hamburg", "a@example.org").unwrap();
        assert!(url.starts_with("otpauth://totp/"), "{url}");
        assert!(url.contains(&encoded(&secret)));
        assert!(qr_svg(&url).unwrap().starts_with("<svg"));
    }
}
