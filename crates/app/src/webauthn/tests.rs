//! A software authenticator (P-256 key, authData, CBOR attestation object
//! and COSE key, signed assertions) against the checks.

use minicbor::Encoder;
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use sha2::{Digest, Sha256};

use super::*;

const RP: &str = "portal.example.de";
const ORIGIN: &str = "https://portal.example.de";
const CHALLENGE: &[u8] = b"0123456789abcdef0123456789abcdef";

struct Authenticator {
    key: SigningKey,
    id: Vec<u8>,
    count: u32,
}

impl Authenticator {
    fn new(seed: u8) -> Authenticator {
        let bytes = Sha256::digest([seed]);
        Authenticator {
            key: SigningKey::from_slice(&bytes).unwrap(),
            id: vec![seed; 16],
            count: 0,
        }
    }

    fn cose_key(&self, alg: i64) -> Vec<u8> {
        let point = self.key.verifying_key().to_encoded_point(false);
        let mut e = Encoder::new(Vec::new());
        e.map(5).unwrap();
        e.i64(1).unwrap().i64(2).unwrap();
        e.i64(3).unwrap().i64(alg).unwrap();
        e.i64(-1).unwrap().i64(1).unwrap();
        e.i64(-2).unwrap().bytes(point.x().unwrap()).unwrap();
        e.i64(-3).unwrap().bytes(point.y().unwrap()).unwrap();
        e.into_writer()
    }

    fn auth_data(&self, rp: &str, flags: u8, attested: Option<Vec<u8>>) -> Vec<u8> {
        let mut d = Sha256::digest(rp.as_bytes()).to_vec();
        d.push(flags | if attested.is_some() { 0x40 } else { 0 });
        d.extend_from_slice(&self.count.to_be_bytes());
        if let Some(key) = attested {
            d.extend_from_slice(&[0u8; 16]);
            d.extend_from_slice(&(self.id.len() as u16).to_be_bytes());
            d.extend_from_slice(&self.id);
            d.extend_from_slice(&key);
        }
        d
    }

    fn attestation(&self, rp: &str, flags: u8, alg: i64) -> Vec<u8> {
        let mut e = Encoder::new(Vec::new());
        e.map(3).unwrap();
        e.str("fmt").unwrap().str("none").unwrap();
        e.str("attStmt").unwrap().map(0).unwrap();
        e.str("authData")
            .unwrap()
            .bytes(&self.auth_data(rp, flags, Some(self.cose_key(alg))))
            .unwrap();
        e.into_writer()
    }

    /// (authenticatorData, signature DER) over the client data.
    fn assert(&mut self, rp: &str, flags: u8, client_data: &[u8]) -> (Vec<u8>, Vec<u8>) {
        self.count += 1;
        let data = self.auth_data(rp, flags, None);
        let mut message = data.clone();
        message.extend_from_slice(&Sha256::digest(client_data));
        let sig: Signature = self.key.sign(&message);
        (data, sig.to_der().as_bytes().to_vec())
    }
}

fn client_data(kind: &str, challenge: &[u8], origin: &str) -> Vec<u8> {
    format!(
        r#"{{"type":"{kind}","challenge":"{}","origin":"{origin}","crossOrigin":false}}"#,
        base64url_encode(challenge)
    )
    .into_bytes()
}

fn expected(uv: bool) -> Expected<'static> {
    Expected {
        rp_id: RP,
        origin: ORIGIN,
        challenge: CHALLENGE,
        user_verification: uv,
    }
}

fn register(a: &Authenticator) -> NewCredential {
    verify_registration(
        &expected(true),
        &client_data("webauthn.create", CHALLENGE, ORIGIN),
        &a.attestation(RP, 0x05, -7),
    )
    .unwrap()
}

#[test]
fn base64url_round_trips_and_refuses_other_alphabets() {
    for len in 0..40 {
        let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
        assert_eq!(base64url_decode(&base64url_encode(&bytes)), Some(bytes));
    }
    assert_eq!(base64url_encode(b"\xfb\xff"), "-_8");
    assert_eq!(base64url_decode("a+b/"), None);
    assert_eq!(base64url_decode("AB"), None, "non-zero padding bits");
}

#[test]
fn registration_and_assertion_of_a_software_authenticator() {
    let mut a = Authenticator::new(1);
    let cred = register(&a);
    assert_eq!(cred.credential_id, a.id);
    assert_eq!(cred.sign_count, 0);
    let stored = StoredCredential {
        public_key: &cred.public_key,
        sign_count: cred.sign_count,
    };
    let cd = client_data("webauthn.get", CHALLENGE, ORIGIN);
    let (data, sig) = a.assert(RP, 0x05, &cd);
    assert_eq!(
        verify_assertion(&expected(true), stored, &cd, &data, &sig),
        Ok(1)
    );
}

#[test]
fn registration_refusals() {
    let a = Authenticator::new(2);
    let create = |challenge: &[u8], origin: &str, kind: &str, rp: &str, flags: u8, alg: i64| {
        verify_registration(
            &expected(true),
            &client_data(kind, challenge, origin),
            &a.attestation(rp, flags, alg),
        )
    };
    let ok = ("webauthn.create", RP, 0x05, -7);
    let cases = [
        (
            create(b"forged", ORIGIN, ok.0, ok.1, ok.2, ok.3),
            WebauthnError::WrongChallenge,
        ),
        (
            create(CHALLENGE, "https://evil.example", ok.0, ok.1, ok.2, ok.3),
            WebauthnError::WrongOrigin,
        ),
        (
            create(CHALLENGE, ORIGIN, "webauthn.get", ok.1, ok.2, ok.3),
            WebauthnError::WrongType,
        ),
        (
            create(CHALLENGE, ORIGIN, ok.0, "evil.example", ok.2, ok.3),
            WebauthnError::WrongRpId,
        ),
        (
            create(CHALLENGE, ORIGIN, ok.0, ok.1, 0x04, ok.3),
            WebauthnError::NoUserPresence,
        ),
        (
            create(CHALLENGE, ORIGIN, ok.0, ok.1, 0x01, ok.3),
            WebauthnError::NoUserVerification,
        ),
        // RS256 (-257): only ES256 is accepted.
        (
            create(CHALLENGE, ORIGIN, ok.0, ok.1, ok.2, -257),
            WebauthnError::UnsupportedKey,
        ),
    ];
    for (got, want) in cases {
        assert_eq!(got, Err(want));
    }
    let garbage = verify_registration(
        &expected(false),
        &client_data("webauthn.create", CHALLENGE, ORIGIN),
        b"\xa1\x63fmt",
    );
    assert!(matches!(garbage, Err(WebauthnError::Malformed(_))));
}

#[test]
fn assertion_refusals() {
    let mut a = Authenticator::new(3);
    let cred = register(&a);
    let stored = StoredCredential {
        public_key: &cred.public_key,
        sign_count: 0,
    };
    let good = client_data("webauthn.get", CHALLENGE, ORIGIN);
    let check = |cd: &[u8], data: &[u8], sig: &[u8], stored: StoredCredential<'_>| {
        verify_assertion(&expected(false), stored, cd, data, sig)
    };

    let forged = client_data("webauthn.get", b"replayed-or-forged", ORIGIN);
    let (data, sig) = a.assert(RP, 0x01, &forged);
    assert_eq!(
        check(&forged, &data, &sig, stored),
        Err(WebauthnError::WrongChallenge)
    );

    let evil = client_data("webauthn.get", CHALLENGE, "http://portal.example.de");
    let (data, sig) = a.assert(RP, 0x01, &evil);
    assert_eq!(
        check(&evil, &data, &sig, stored),
        Err(WebauthnError::WrongOrigin)
    );

    let (data, sig) = a.assert("example.de", 0x01, &good);
    assert_eq!(
        check(&good, &data, &sig, stored),
        Err(WebauthnError::WrongRpId)
    );

    // Another authenticator's signature against this credential's key:
    // someone else's passkey does not sign for this one.
    let mut other = Authenticator::new(4);
    let (data, sig) = other.assert(RP, 0x01, &good);
    assert_eq!(
        check(&good, &data, &sig, stored),
        Err(WebauthnError::BadSignature)
    );

    // The signature over other client data than sent.
    let (data, sig) = a.assert(RP, 0x01, &good);
    let altered = client_data("webauthn.get", CHALLENGE, ORIGIN)
        .into_iter()
        .chain(*b" ")
        .collect::<Vec<u8>>();
    assert_eq!(
        check(&altered, &data, &sig, stored),
        Err(WebauthnError::BadSignature)
    );
    assert_eq!(
        check(&good, &data, b"\x30\x00", stored),
        Err(WebauthnError::BadSignature)
    );

    // A counter that does not go up: a cloned key.
    let (data, sig) = a.assert(RP, 0x01, &good);
    let ahead = StoredCredential {
        public_key: &cred.public_key,
        sign_count: a.count,
    };
    assert_eq!(
        check(&good, &data, &sig, ahead),
        Err(WebauthnError::CounterBackwards)
    );
    assert_eq!(check(&good, &data, &sig, stored), Ok(a.count));

    // Passwordless wants user verification.
    let (data, sig) = a.assert(RP, 0x01, &good);
    assert_eq!(
        verify_assertion(&expected(true), stored, &good, &data, &sig),
        Err(WebauthnError::NoUserVerification)
    );
}
