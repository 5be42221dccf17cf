//! Who calls the API: a back-office token, found by its SHA-256.

use chrono::Duration;
use kp_domain::TenantId;

use super::ApiError;
use crate::App;
use crate::auth::token_hash;

/// The caller of an API request: its token, the tenant that bounds every
/// read and write, and what it may do.
#[derive(Debug, Clone)]
pub struct Caller {
    pub token_id: i64,
    /// The token's name, recorded as who ran an import.
    pub token_name: String,
    pub tenant: TenantId,
    scopes: Vec<String>,
}

impl Caller {
    /// Refuses a request the token's scopes do not cover (403 naming the
    /// scope).
    pub fn require(&self, scope: &str) -> Result<(), ApiError> {
        if self.scopes.iter().any(|s| s == scope) {
            Ok(())
        } else {
            Err(ApiError::MissingScope(scope.to_owned()))
        }
    }
}

/// How often the last use of a token is written at most: a busy client
/// must not turn every read into a write.
const TOUCH_EVERY: Duration = Duration::minutes(1);

/// The caller behind a bearer token; `Unauthorized` for a malformed,
/// unknown, revoked or expired token, all alike.
pub async fn authenticate(app: &App, token: &str) -> Result<Caller, ApiError> {
    let well_formed = token.len() == 67
        && token.starts_with("kp_")
        && token[3..].bytes().all(|b| b.is_ascii_hexdigit());
    if !well_formed {
        return Err(ApiError::Unauthorized);
    }
    let row = kp_storage::api::tokens::by_hash(&app.db, &token_hash(token))
        .await?
        .ok_or(ApiError::Unauthorized)?;
    let now = app.clock.now();
    let expired = row.expires_at.is_some_and(|at| at <= now);
    let tenant = match row.tenant_id {
        Some(t) if row.revoked_at.is_none() && !expired => TenantId(t),
        _ => return Err(ApiError::Unauthorized),
    };
    if row.last_used_at.is_none_or(|at| now - at >= TOUCH_EVERY) {
        // A failed note of the last use must not fail the request.
        if let Err(err) = kp_storage::api::tokens::touch(&app.db, row.id, now).await {
            tracing::warn!(error = %err, "cannot record the token's last use");
        }
    }
    Ok(Caller {
        token_id: row.id,
        token_name: row.name,
        tenant,
        scopes: row.scopes.split_whitespace().map(str::to_owned).collect(),
    })
}
