//! `Idempotency-Key`: the first answer to a mutating request is stored per
//! token and key and replayed for 24 hours; the same key with another body
//! is refused (422), and a duplicate arriving while the first still runs
//! gets 409.

use chrono::Duration;
use kp_storage::api::idempotency as store;
use sha2::{Digest, Sha256};

use super::{ApiError, Caller};
use crate::App;

/// How long an answer is replayed.
pub const KEEP: Duration = Duration::hours(24);
/// A first request still "running" after this long has died with its
/// process; any request ends long before (the request timeout).
pub const ABANDONED: Duration = Duration::minutes(15);
/// Longest key accepted.
pub const MAX_KEY: usize = 255;

/// What to do with a request carrying a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    /// The first request: run it, then [`finish`] (or [`abandon`]).
    Run,
    /// Answered before: send this again.
    Replay { status: u16, body: String },
}

/// The hash identifying a request: method, path and body.
pub fn request_hash(method: &str, path: &str, body: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(method.as_bytes());
    h.update([0]);
    h.update(path.as_bytes());
    h.update([0]);
    h.update(body);
    hex::encode(h.finalize())
}

pub async fn start(app: &App, caller: &Caller, key: &str, hash: &str) -> Result<Start, ApiError> {
    if key.is_empty() || key.len() > MAX_KEY || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(ApiError::field(
            "Idempotency-Key",
            format!("must be 1 to {MAX_KEY} visible ASCII characters"),
        ));
    }
    let now = app.clock.now();
    // Two rounds at most: the second after removing an expired answer.
    for _ in 0..2 {
        if store::claim(&app.db, caller.token_id, key, hash, now).await? {
            return Ok(Start::Run);
        }
        let Some(stored) = store::get(&app.db, caller.token_id, key).await? else {
            continue;
        };
        // An answer past its time, or a first request that never finished
        // (the process stopped under it): the key is free again.
        let stale = stored.status_code.is_none() && now - stored.created_at >= ABANDONED;
        if now - stored.created_at >= KEEP || stale {
            store::forget(&app.db, caller.token_id, key).await?;
            continue;
        }
        if stored.request_hash != hash {
            return Err(ApiError::field(
                "Idempotency-Key",
                "was used before for another request",
            ));
        }
        return match (stored.status_code, stored.response_body) {
            (Some(status), Some(body)) => Ok(Start::Replay {
                status: u16::try_from(status).unwrap_or(500),
                body,
            }),
            _ => Err(ApiError::Conflict(
                "a request with this Idempotency-Key is still running".to_owned(),
            )),
        };
    }
    Err(ApiError::Conflict(
        "a request with this Idempotency-Key is still running".to_owned(),
    ))
}

/// Stores the first request's answer.
pub async fn finish(
    app: &App,
    caller: &Caller,
    key: &str,
    status: u16,
    body: &str,
) -> Result<(), ApiError> {
    store::finish(&app.db, caller.token_id, key, status, body).await?;
    Ok(())
}

/// Frees the key after a failure on the server's side, so that a retry
/// runs again instead of replaying an error that was not the client's.
pub async fn abandon(app: &App, caller: &Caller, key: &str) -> Result<(), ApiError> {
    store::forget(&app.db, caller.token_id, key).await?;
    Ok(())
}

/// Removes answers past their 24 hours (housekeeping).
pub async fn prune(app: &App) -> Result<u64, ApiError> {
    Ok(store::purge(&app.db, app.clock.now() - KEEP).await?)
}
