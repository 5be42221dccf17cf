//! The authenticator data: rpIdHash (32), flags (1), sign count (4, big
//! endian), then on registration the attested credential data (AAGUID
//! 16, id length 2, id, COSE public key) and maybe extensions.

use super::WebauthnError;

pub const USER_PRESENT: u8 = 0x01;
pub const USER_VERIFIED: u8 = 0x04;
pub const ATTESTED: u8 = 0x40;

pub struct AuthData<'a> {
    pub rp_id_hash: &'a [u8],
    pub flags: u8,
    pub sign_count: u32,
    /// (credential id, the rest starting with the COSE key).
    pub attested: Option<(&'a [u8], &'a [u8])>,
}

pub fn parse(data: &[u8]) -> Result<AuthData<'_>, WebauthnError> {
    let bad = WebauthnError::Malformed("authenticator data");
    if data.len() < 37 {
        return Err(bad);
    }
    let flags = data[32];
    let sign_count = u32::from_be_bytes([data[33], data[34], data[35], data[36]]);
    let attested = if flags & ATTESTED != 0 {
        let rest = data.get(37 + 16..).ok_or(bad.clone())?;
        let (len, rest) = rest.split_at_checked(2).ok_or(bad.clone())?;
        let len = usize::from(u16::from_be_bytes([len[0], len[1]]));
        let (id, key) = rest.split_at_checked(len).ok_or(bad.clone())?;
        if id.is_empty() || len > 1023 {
            return Err(bad);
        }
        Some((id, key))
    } else {
        None
    };
    Ok(AuthData {
        rp_id_hash: &data[..32],
        flags,
        sign_count,
        attested,
    })
}
