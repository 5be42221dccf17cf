//! A software authenticator for the passkey tests: a P-256 key, the
//! authenticator data, the CBOR attestation object with its COSE key, and
//! signed assertions, as a security key or a phone would send them.

use kp_app::webauthn::base64url_encode;
use minicbor::Encoder;
use p256::ecdsa::signature::Signer;
use p256::ecdsa::{Signature, SigningKey};
use sha2::{Digest, Sha256};

pub struct Authenticator {
    key: SigningKey,
    pub id: Vec<u8>,
    pub count: u32,
    /// The `user.id` of the registration (base64url), stored with the
    /// credential as a discoverable key does and reported on sign-in.
    pub user_handle: std::cell::RefCell<String>,
}

/// User present and verified.
pub const UP_UV: u8 = 0x05;

impl Authenticator {
    pub fn new(seed: u8) -> Authenticator {
        Authenticator {
            key: SigningKey::from_slice(&Sha256::digest([seed, 42])).unwrap(),
            id: vec![seed; 20],
            count: 0,
            user_handle: std::cell::RefCell::new(String::new()),
        }
    }

    pub fn credential_id(&self) -> String {
        base64url_encode(&self.id)
    }

    fn auth_data(&self, rp: &str, flags: u8, key: Option<Vec<u8>>) -> Vec<u8> {
        let mut d = Sha256::digest(rp.as_bytes()).to_vec();
        d.push(flags | if key.is_some() { 0x40 } else { 0 });
        d.extend_from_slice(&self.count.to_be_bytes());
        if let Some(key) = key {
            d.extend_from_slice(&[0u8; 16]);
            d.extend_from_slice(&(self.id.len() as u16).to_be_bytes());
            d.extend_from_slice(&self.id);
            d.extend_from_slice(&key);
        }
        d
    }

    fn cose_key(&self) -> Vec<u8> {
        let point = self.key.verifying_key().to_encoded_point(false);
        let mut e = Encoder::new(Vec::new());
        e.map(5).unwrap();
        e.i64(1).unwrap().i64(2).unwrap();
        e.i64(3).unwrap().i64(-7).unwrap();
        e.i64(-1).unwrap().i64(1).unwrap();
        e.i64(-2).unwrap().bytes(point.x().unwrap()).unwrap();
        e.i64(-3).unwrap().bytes(point.y().unwrap()).unwrap();
        e.into_writer()
    }

    /// (clientDataJSON, attestationObject) for `navigator.credentials.create`.
    pub fn create(&self, rp: &str, origin: &str, challenge: &str) -> (Vec<u8>, Vec<u8>) {
        let mut e = Encoder::new(Vec::new());
        e.map(3).unwrap();
        e.str("fmt").unwrap().str("packed").unwrap();
        // A statement of another format: accepted and ignored.
        e.str("attStmt").unwrap().map(1).unwrap();
        e.str("alg").unwrap().i64(-7).unwrap();
        e.str("authData")
            .unwrap()
            .bytes(&self.auth_data(rp, UP_UV, Some(self.cose_key())))
            .unwrap();
        (
            client_data("webauthn.create", challenge, origin),
            e.into_writer(),
        )
    }

    /// (clientDataJSON, authenticatorData, signature) for
    /// `navigator.credentials.get`.
    pub fn get(
        &mut self,
        rp: &str,
        origin: &str,
        challenge: &str,
        flags: u8,
    ) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
        self.count += 1;
        let cd = client_data("webauthn.get", challenge, origin);
        let data = self.auth_data(rp, flags, None);
        let mut message = data.clone();
        message.extend_from_slice(&Sha256::digest(&cd));
        let sig: Signature = self.key.sign(&message);
        (cd, data, sig.to_der().as_bytes().to_vec())
    }
}

pub fn client_data(kind: &str, challenge: &str, origin: &str) -> Vec<u8> {
    format!(r#"{{"type":"{kind}","challenge":"{challenge}","origin":"{origin}"}}"#).into_bytes()
}
