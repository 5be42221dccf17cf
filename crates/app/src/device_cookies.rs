//! Device cookies (OWASP's "device cookie" defence against password
//! guessing): a browser that signed in to an account gets a cookie signed
//! with a server key, naming the account, the day it was issued and a
//! random nonce. Login throttling treats such a browser as the owner's and
//! counts its failures apart from everyone else's.

use chrono::{DateTime, Duration, Utc};
use kp_domain::{PortalUserId, StaffUserId};
use kp_storage::users::UserRef;
use rand::Rng;

use crate::signing::{constant_time_eq, hmac_sha256};

/// A verified device cookie.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Device {
    pub user: UserRef,
    pub nonce: String,
}

fn account(user: UserRef) -> String {
    match user {
        UserRef::Staff(id) => format!("s{}", id.0),
        UserRef::Portal(id) => format!("p{}", id.0),
    }
}

fn parse_account(text: &str) -> Option<UserRef> {
    let (kind, id) = text.split_at_checked(1)?;
    let id: i64 = id.parse().ok()?;
    match kind {
        "s" => Some(UserRef::Staff(StaffUserId(id))),
        "p" => Some(UserRef::Portal(PortalUserId(id))),
        _ => None,
    }
}

fn mac(key: &[u8], payload: &str) -> String {
    hex::encode(hmac_sha256(key, payload.as_bytes()))
}

/// A new cookie value for `user`: `account-issued-nonce-mac`, only
/// characters a cookie value may hold.
pub fn issue(key: &[u8], user: UserRef, now: DateTime<Utc>) -> String {
    let mut nonce = [0u8; 16];
    rand::rng().fill(&mut nonce);
    let payload = format!(
        "{}-{}-{}",
        account(user),
        now.timestamp(),
        hex::encode(nonce)
    );
    let signature = mac(key, &payload);
    format!("{payload}-{signature}")
}

/// The device a cookie proves, if its signature is right and it is younger
/// than `max_age`.
pub fn verify(key: &[u8], cookie: &str, now: DateTime<Utc>, max_age: Duration) -> Option<Device> {
    let (payload, signature) = cookie.rsplit_once('-')?;
    if !constant_time_eq(mac(key, payload).as_bytes(), signature.as_bytes()) {
        return None;
    }
    let mut parts = payload.split('-');
    let (Some(user), Some(issued), Some(nonce), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let issued = DateTime::from_timestamp(issued.parse().ok()?, 0)?;
    if now - issued > max_age {
        return None;
    }
    Some(Device {
        user: parse_account(user)?,
        nonce: nonce.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_untampered_young_cookies_verify() {
        let now = Utc::now();
        let year = Duration::days(365);
        let user = UserRef::Portal(PortalUserId(42));
        let cookie = issue(b"key", user, now);
        let device = verify(b"key", &cookie, now, year).unwrap();
        assert_eq!(device.user, user);
        assert_eq!(device.nonce.len(), 32);
        assert_ne!(issue(b"key", user, now), cookie, "nonces differ");

        assert!(verify(b"other key", &cookie, now, year).is_none());
        assert!(verify(b"key", &cookie, now + Duration::days(366), year).is_none());
        let forged = cookie.replacen("p42", "p43", 1);
        assert!(verify(b"key", &forged, now, year).is_none());
        let staff = cookie.replacen("p42", "s42", 1);
        assert!(verify(b"key", &staff, now, year).is_none());
        for junk in [
            "",
            "-",
            "a-b-c-d",
            "p42-x-y-zz",
            &cookie[..cookie.len() - 1],
        ] {
            assert!(verify(b"key", junk, now, year).is_none(), "{junk:?}");
        }
    }
}
