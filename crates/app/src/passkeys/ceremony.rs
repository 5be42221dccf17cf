//! A ceremony's challenge between start and finish.

use chrono::Duration;
use rand::Rng;
use serde::{Deserialize, Serialize};

use kp_storage::passkeys as store;
use kp_storage::users::UserRef;

use crate::auth::{random_token, token_hash};
use crate::webauthn::{base64url_decode, base64url_encode};
use crate::{App, AppError};

/// How long the browser has between start and finish.
const LIFETIME_MINUTES: i64 = 5;

/// Who we are to the authenticator: the public URL's host and origin.
#[derive(Debug, Clone)]
pub struct RelyingParty {
    pub id: String,
    pub origin: String,
    pub name: String,
}

impl RelyingParty {
    /// The relying party of the portal at `public_url`
    /// (`scheme://host[:port][/path]`): the origin is scheme, host and port
    /// as a browser writes them (no default port, lower case), the id the
    /// host alone. `None` for a URL that is not http(s) with a host.
    pub fn from_public_url(public_url: &str, name: &str) -> Option<RelyingParty> {
        let (scheme, rest) = public_url.split_once("://")?;
        let scheme = scheme.to_ascii_lowercase();
        let default_port = match scheme.as_str() {
            "https" => "443",
            "http" => "80",
            _ => return None,
        };
        let authority = rest.split(['/', '?', '#']).next()?.to_ascii_lowercase();
        if authority.is_empty() || authority.contains('@') {
            return None;
        }
        // `[::1]:8080` keeps its brackets in the origin; a port after the
        // last colon outside them.
        let (host, port) = match authority.rsplit_once(':') {
            Some((h, p)) if !p.contains(']') && !p.is_empty() => (h.to_owned(), Some(p)),
            _ => (authority.clone(), None),
        };
        if host.is_empty() {
            return None;
        }
        let origin = match port {
            Some(p) if p != default_port => format!("{scheme}://{host}:{p}"),
            _ => format!("{scheme}://{host}"),
        };
        Some(RelyingParty {
            id: host
                .trim_start_matches('[')
                .trim_end_matches(']')
                .to_owned(),
            origin,
            name: name.to_owned(),
        })
    }

    /// The portal's relying party, from `Policy::public_url`; a public URL
    /// that names no host is a configuration error (the start-up refuses
    /// one without http(s), so this is not expected).
    pub fn of(app: &App) -> Result<RelyingParty, AppError> {
        RelyingParty::from_public_url(&app.policy.public_url, &app.policy.broker_name)
            .ok_or_else(|| AppError::Internal("public_url names no host".into()))
    }
}

/// A started ceremony: the token the browser sends back with its answer,
/// and the challenge (base64url) for `navigator.credentials`.
#[derive(Debug, Clone)]
pub struct Started {
    pub token: String,
    pub challenge: String,
}

#[derive(Serialize, Deserialize)]
struct State {
    challenge: String,
    user_verification: bool,
}

pub(super) async fn start(
    app: &App,
    kind: &str,
    user: Option<UserRef>,
    user_verification: bool,
) -> Result<Started, AppError> {
    let mut challenge = [0u8; 32];
    rand::rng().fill(&mut challenge);
    let challenge = base64url_encode(&challenge);
    let token = random_token();
    let state = serde_json::to_string(&State {
        challenge: challenge.clone(),
        user_verification,
    })
    .map_err(|e| AppError::Internal(format!("ceremony state: {e}")))?;
    let expires = app.clock.now() + Duration::minutes(LIFETIME_MINUTES);
    store::start_ceremony(&app.db, &token_hash(&token), kind, user, &state, expires).await?;
    Ok(Started { token, challenge })
}

/// The challenge and whether user verification is required, once: a
/// second finish with the same token, an expired one, another kind's or
/// another user's is `NotFound`.
pub(super) async fn take(
    app: &App,
    kind: &str,
    user: Option<UserRef>,
    token: &str,
) -> Result<(Vec<u8>, bool), AppError> {
    let Some(state) =
        store::take_ceremony(&app.db, &token_hash(token), kind, user, app.clock.now()).await?
    else {
        return Err(AppError::NotFound);
    };
    let state: State = serde_json::from_str(&state)
        .map_err(|e| AppError::Internal(format!("ceremony state: {e}")))?;
    let challenge = base64url_decode(&state.challenge)
        .ok_or_else(|| AppError::Internal("ceremony challenge".into()))?;
    Ok((challenge, state.user_verification))
}

#[cfg(test)]
mod tests {
    use super::RelyingParty;

    fn rp(url: &str) -> Option<(String, String)> {
        RelyingParty::from_public_url(url, "x").map(|r| (r.id, r.origin))
    }

    #[test]
    fn the_relying_party_comes_from_the_public_url() {
        let pair = |a: &str, b: &str| Some((a.to_owned(), b.to_owned()));
        assert_eq!(
            rp("https://Portal.Example.de/"),
            pair("portal.example.de", "https://portal.example.de")
        );
        assert_eq!(
            rp("https://portal.example.de:443/kp"),
            pair("portal.example.de", "https://portal.example.de")
        );
        assert_eq!(
            rp("http://localhost:8080"),
            pair("localhost", "http://localhost:8080")
        );
        assert_eq!(rp("http://[::1]:8080"), pair("::1", "http://[::1]:8080"));
        assert_eq!(rp("ftp://example.de"), None);
        assert_eq!(rp("https://"), None);
        assert_eq!(rp("https://user@example.de"), None);
    }
}
