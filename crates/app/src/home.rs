//! The data of the home pages.
//!
//! Counting what a large organization's scope holds takes tens of
//! milliseconds, and the home page is the most visited page, so counts are
//! reused for a short time per scope. The key is the whole scope: two users
//! share an entry only when they see exactly the same records, so a cached
//! count can never reveal anything outside a user's scope. Writers that
//! change what is counted call [`invalidate_counts`].

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use kp_domain::{Principal, Scope};
use kp_storage::home::{self, ScopeCounts};

use crate::{App, AppError};

/// Entries beyond this many are dropped wholesale; a bound on memory, not
/// an eviction policy (the cache is a speed-up only).
const MAX_ENTRIES: usize = 10_000;

pub(crate) struct CountsCache {
    ttl: Duration,
    entries: Mutex<HashMap<Scope, (Instant, ScopeCounts)>>,
}

impl CountsCache {
    pub(crate) fn new(ttl: Duration) -> CountsCache {
        CountsCache {
            ttl,
            entries: Mutex::new(HashMap::new()),
        }
    }

    fn get(&self, scope: &Scope) -> Option<ScopeCounts> {
        let entries = self.entries.lock().ok()?;
        entries
            .get(scope)
            .filter(|(at, _)| at.elapsed() < self.ttl)
            .map(|(_, counts)| counts.clone())
    }

    fn put(&self, scope: &Scope, counts: &ScopeCounts) {
        if self.ttl.is_zero() {
            return;
        }
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
            entries.insert(scope.clone(), (Instant::now(), counts.clone()));
        }
    }

    fn clear(&self) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.clear();
        }
    }
}

/// Counts of what the principal's scope holds.
pub async fn counts(app: &App, principal: &Principal) -> Result<ScopeCounts, AppError> {
    if let Some(counts) = app.counts.get(&principal.scope) {
        return Ok(counts);
    }
    let counts = home::counts(&app.db, &principal.scope).await?;
    app.counts.put(&principal.scope, &counts);
    Ok(counts)
}

/// Forgets every cached count, after a write that changes them.
pub fn invalidate_counts(app: &App) {
    app.counts.clear();
}

#[cfg(test)]
mod tests {
    use super::*;
    use kp_domain::{CustomerId, CustomerSet};

    fn scope(id: i64) -> Scope {
        Scope::customers(CustomerSet::Ids(vec![CustomerId(id)]))
    }

    #[test]
    fn entries_are_per_scope_and_expire() {
        let cache = CountsCache::new(Duration::from_millis(50));
        let counts = ScopeCounts {
            contracts: 3,
            ..ScopeCounts::default()
        };
        cache.put(&scope(1), &counts);
        assert_eq!(cache.get(&scope(1)), Some(counts));
        assert_eq!(cache.get(&scope(2)), None);
        std::thread::sleep(Duration::from_millis(60));
        assert_eq!(cache.get(&scope(1)), None);
    }

    #[test]
    fn a_zero_lifetime_disables_the_cache() {
        let cache = CountsCache::new(Duration::ZERO);
        cache.put(&scope(1), &ScopeCounts::default());
        assert_eq!(cache.get(&scope(1)), None);
    }
}
