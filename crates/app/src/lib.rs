//! Application services of Kundenportal: one function per use case, used by
//! the HTML pages, the sync API and the command line alike. Each takes the
//! acting [`kp_domain::Principal`] where data is read, so the access rule is
//! applied in one place below the web layer.

pub mod auth;
pub mod clock;
pub mod error;
pub mod home;
pub mod outbox;
pub mod passwords;
pub mod staff;

use std::sync::Arc;

pub use clock::{Clock, ManualClock, SystemClock};
pub use error::AppError;
use kp_documents::BlobStore;
use kp_storage::Db;

/// Limits and lifetimes the services enforce.
#[derive(Debug, Clone)]
pub struct Policy {
    pub session_idle_minutes: i64,
    /// A session ends this long after login, however active it is.
    pub session_absolute_hours: i64,
    pub login_window_minutes: i64,
    pub max_failures_per_email: i64,
    pub max_failures_per_ip: i64,
    /// How long the home page's counts are reused for the same scope.
    pub home_counts_cache_secs: u64,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            session_idle_minutes: 8 * 60,
            session_absolute_hours: 12,
            login_window_minutes: 15,
            max_failures_per_email: 5,
            max_failures_per_ip: 30,
            home_counts_cache_secs: 20,
        }
    }
}

/// Everything a use case needs; cheap to clone.
#[derive(Clone)]
pub struct App {
    pub db: Db,
    pub blobs: BlobStore,
    pub clock: Arc<dyn Clock>,
    pub policy: Policy,
    counts: Arc<home::CountsCache>,
}

impl App {
    pub fn new(db: Db, blobs: BlobStore, clock: Arc<dyn Clock>, policy: Policy) -> App {
        let counts = Arc::new(home::CountsCache::new(std::time::Duration::from_secs(
            policy.home_counts_cache_secs,
        )));
        App {
            db,
            blobs,
            clock,
            policy,
            counts,
        }
    }
}
