//! The data of the home pages.
//!
//! Counting what a large organization's scope holds takes tens of
//! milliseconds, and the home page is the most visited page, so counts are
//! reused for a short time per scope ([`ScopeCache`]). Writers that change
//! what is counted call [`invalidate_counts`].

use kp_domain::{DocumentContextKind, Principal, Scope};
use kp_storage::home;
pub use kp_storage::home::ScopeCounts;

use crate::{App, AppError};

/// The home page's counts per scope.
pub(crate) type CountsCache = crate::scope_cache::ScopeCache<ScopeCounts>;

/// Document counts of profiles that hide some records' areas, per scope
/// and the kinds shown.
pub(crate) type DocumentCountsCache =
    crate::scope_cache::ScopeCache<i64, (Scope, Vec<DocumentContextKind>)>;

/// Counts of what the principal's scope holds. Documents count only where
/// the profile shows the area of their record, as in the inbox.
pub async fn counts(app: &App, principal: &Principal) -> Result<ScopeCounts, AppError> {
    let mut counts = scope_counts(app, &principal.scope).await?;
    let shown = principal.permissions.shown_document_kinds();
    // The counts are per scope, not per profile: a profile hiding some
    // records' areas has its documents counted apart, per scope and kinds.
    if shown.len() < DocumentContextKind::ALL.len() {
        let key = (principal.scope.clone(), shown);
        counts.documents = match app.document_counts.get(&key) {
            Some(n) => n,
            None => {
                let n = home::count_documents(&app.db, &principal.scope, &key.1).await?;
                app.document_counts.put(&key, &n);
                n
            }
        };
    }
    Ok(counts)
}

async fn scope_counts(app: &App, scope: &Scope) -> Result<ScopeCounts, AppError> {
    if let Some(counts) = app.counts.get(scope) {
        return Ok(counts);
    }
    let counts = home::counts(&app.db, scope).await?;
    app.counts.put(scope, &counts);
    Ok(counts)
}

/// Forgets every cached count and filter choice, after a write that
/// changes them.
pub fn invalidate_counts(app: &App) {
    app.counts.clear();
    app.choices.clear();
    app.dashboards.clear();
    app.document_counts.clear();
}
