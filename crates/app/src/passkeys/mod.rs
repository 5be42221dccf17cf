//! Passkey ceremonies over `kp_app::webauthn`: the server issues a random
//! challenge kept (hashed token, single use, 5 minutes) in
//! `webauthn_ceremonies`, the browser answers, and the answer is verified
//! against it. Registration binds a new ES256 key to the signed-in user;
//! an assertion proves one of the user's keys (second factor) or, with
//! user verification, any registered key (passwordless sign-in, the user
//! found from the credential).
//!
//! `login` signs in with them (passwordless, second factor, the forced
//! enrolment); the pages and the browser script are in kp-web
//! (`pages::passkeys`, `static/passkeys.js`).

mod ceremony;
pub mod login;
pub mod manage;
mod register;
mod sign_in;

pub use ceremony::{RelyingParty, Started};
pub use register::{Registration, finish_registration, start_registration, user_handle};
pub use sign_in::{Assertion, finish_assertion, start_assertion, start_passwordless};

use serde::{Deserialize, Serialize};

/// The stored credential (`passkeys.credential`, JSON).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Credential {
    /// Base64url of the uncompressed SEC1 P-256 point.
    public_key: String,
    sign_count: u32,
}
