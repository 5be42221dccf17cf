//! Time is injected so that expiry logic can be tested.

use chrono::{DateTime, Utc};

pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// The system time moved by an offset that tests control, so that
/// expiry and throttling can be tested without waiting.
#[derive(Default)]
pub struct ManualClock {
    offset: std::sync::Mutex<chrono::Duration>,
}

impl ManualClock {
    pub fn advance(&self, by: chrono::Duration) {
        if let Ok(mut offset) = self.offset.lock() {
            *offset += by;
        }
    }
}

impl Clock for ManualClock {
    fn now(&self) -> DateTime<Utc> {
        let offset = self
            .offset
            .lock()
            .map(|o| *o)
            .unwrap_or_else(|_| chrono::Duration::zero());
        Utc::now() + offset
    }
}
