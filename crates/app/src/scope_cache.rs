//! Results reused for a short time per scope: the home page's counts and
//! the list filters' choices, which take milliseconds to tens of
//! milliseconds for a large organization and change rarely.
//!
//! The key is the whole scope (with what else the value depends on, such
//! as the document kinds a profile shows): two users share an entry only
//! when they see exactly the same records, so a cached value can never reveal anything
//! outside a user's scope. When an entry expires, one request recomputes
//! while the others are served the previous value.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use kp_domain::Scope;

/// Entries beyond this many are dropped wholesale; a bound on memory, not
/// an eviction policy (the cache is a speed-up only).
const MAX_ENTRIES: usize = 10_000;

pub(crate) struct ScopeCache<T, K = Scope> {
    ttl: Duration,
    entries: Mutex<HashMap<K, Entry<T>>>,
}

struct Entry<T> {
    counted_at: Instant,
    counts: T,
    /// Set when one request has gone to recount an expired entry; the
    /// others keep getting the old counts meanwhile instead of all
    /// recounting at once (which made the 99th percentile spike).
    recounting_since: Option<Instant>,
}

impl<T: Clone, K: Clone + Eq + std::hash::Hash> ScopeCache<T, K> {
    pub(crate) fn new(ttl: Duration) -> ScopeCache<T, K> {
        ScopeCache {
            ttl,
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// Fresh counts; or stale ones while another request recounts; or
    /// `None`, which makes the caller the one that recounts.
    pub(crate) fn get(&self, scope: &K) -> Option<T> {
        let mut entries = self.entries.lock().ok()?;
        let entry = entries.get_mut(scope)?;
        if entry.counted_at.elapsed() < self.ttl {
            return Some(entry.counts.clone());
        }
        // A recount that has not finished within a lifetime has failed.
        match entry.recounting_since {
            Some(since) if since.elapsed() < self.ttl => Some(entry.counts.clone()),
            _ => {
                entry.recounting_since = Some(Instant::now());
                None
            }
        }
    }

    pub(crate) fn put(&self, scope: &K, counts: &T) {
        if self.ttl.is_zero() {
            return;
        }
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
            let entry = Entry {
                counted_at: Instant::now(),
                counts: counts.clone(),
                recounting_since: None,
            };
            entries.insert(scope.clone(), entry);
        }
    }

    pub(crate) fn clear(&self) {
        if let Ok(mut entries) = self.entries.lock() {
            entries.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kp_domain::{CustomerId, CustomerSet};
    use kp_storage::home::ScopeCounts;

    type CountsCache = ScopeCache<ScopeCounts>;

    fn scope(id: i64) -> Scope {
        Scope::customers(CustomerSet::Customer(CustomerId(id)))
    }

    #[test]
    fn entries_are_per_scope_and_expire() {
        let cache = CountsCache::new(Duration::from_millis(50));
        let counts = ScopeCounts {
            contracts: 3,
            ..ScopeCounts::default()
        };
        cache.put(&scope(1), &counts);
        assert_eq!(cache.get(&scope(1)), Some(counts.clone()));
        assert_eq!(cache.get(&scope(2)), None);
        std::thread::sleep(Duration::from_millis(60));
        // The first request after expiry recounts; the others meanwhile
        // get the old counts.
        assert_eq!(cache.get(&scope(1)), None);
        assert_eq!(cache.get(&scope(1)), Some(counts.clone()));
        let newer = ScopeCounts {
            contracts: 4,
            ..ScopeCounts::default()
        };
        cache.put(&scope(1), &newer);
        assert_eq!(cache.get(&scope(1)), Some(newer));
    }

    #[test]
    fn a_recount_that_never_finishes_is_retried_after_a_lifetime() {
        let cache = CountsCache::new(Duration::from_millis(30));
        cache.put(&scope(1), &ScopeCounts::default());
        std::thread::sleep(Duration::from_millis(40));
        assert_eq!(cache.get(&scope(1)), None);
        std::thread::sleep(Duration::from_millis(40));
        assert_eq!(cache.get(&scope(1)), None);
    }

    #[test]
    fn a_zero_lifetime_disables_the_cache() {
        let cache = CountsCache::new(Duration::ZERO);
        cache.put(&scope(1), &ScopeCounts::default());
        assert_eq!(cache.get(&scope(1)), None);
    }
}
