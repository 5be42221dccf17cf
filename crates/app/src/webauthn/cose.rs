//! The two CBOR structures of a registration: the attestation object
//! (`fmt`, `attStmt`, `authData`) and the COSE_Key of the new credential,
//! of which only EC2 / P-256 / ES256 is accepted.

use minicbor::Decoder;
use minicbor::data::Type;

use super::WebauthnError;

fn bad(what: &'static str) -> impl Fn(minicbor::decode::Error) -> WebauthnError {
    move |_| WebauthnError::Malformed(what)
}

/// The `authData` bytes of an attestation object. The attestation
/// statement is skipped whatever its format: we do not trust attestation.
pub fn attestation_auth_data(bytes: &[u8]) -> Result<&[u8], WebauthnError> {
    let e = bad("attestationObject");
    let mut d = Decoder::new(bytes);
    let n = d
        .map()
        .map_err(&e)?
        .ok_or(WebauthnError::Malformed("attestationObject"))?;
    let mut auth_data = None;
    for _ in 0..n {
        match d.str().map_err(&e)? {
            "authData" => auth_data = Some(d.bytes().map_err(&e)?),
            _ => d.skip().map_err(&e)?,
        }
    }
    auth_data.ok_or(WebauthnError::Malformed("attestationObject"))
}

/// The uncompressed SEC1 point (0x04 || x || y) of an ES256 COSE key, and
/// how many bytes the key took (extensions may follow it).
pub fn es256_public_key(bytes: &[u8]) -> Result<(Vec<u8>, usize), WebauthnError> {
    let e = bad("COSE key");
    let mut d = Decoder::new(bytes);
    let n = d
        .map()
        .map_err(&e)?
        .ok_or(WebauthnError::Malformed("COSE key"))?;
    let (mut kty, mut alg, mut crv, mut x, mut y) = (None, None, None, None, None);
    for _ in 0..n {
        let label = d.i64().map_err(&e)?;
        match (label, d.datatype().map_err(&e)?) {
            (1, Type::U8 | Type::U16 | Type::U32 | Type::U64) => kty = Some(d.i64().map_err(&e)?),
            (3, Type::U8 | Type::I8 | Type::I16 | Type::I32 | Type::I64) => {
                alg = Some(d.i64().map_err(&e)?)
            }
            (-1, Type::U8 | Type::U16 | Type::U32 | Type::U64) => crv = Some(d.i64().map_err(&e)?),
            (-2, Type::Bytes) => x = Some(d.bytes().map_err(&e)?),
            (-3, Type::Bytes) => y = Some(d.bytes().map_err(&e)?),
            _ => d.skip().map_err(&e)?,
        }
    }
    // kty 2 = EC2, alg -7 = ES256, crv 1 = P-256.
    match (kty, alg, crv, x, y) {
        (Some(2), Some(-7), Some(1), Some(x), Some(y)) if x.len() == 32 && y.len() == 32 => {
            let mut point = Vec::with_capacity(65);
            point.push(0x04);
            point.extend_from_slice(x);
            point.extend_from_slice(y);
            Ok((point, d.position()))
        }
        _ => Err(WebauthnError::UnsupportedKey),
    }
}
