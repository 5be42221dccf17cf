//! How long a login attempt must wait, from the failures counted before it
//! (see docs/architecture.md, "Login protection"). Each counter allows a
//! few free failures; after that every failure doubles the pause from the
//! first delay up to the maximum. Attempts during a pause are refused
//! without a password check and do not count, so waiting out the pause is
//! always enough.

use chrono::{DateTime, Duration, Utc};
use kp_storage::login_attempts::{Counts, Failures};

use crate::Policy;

/// The pause after `failures` failures, or `None` while they are free.
pub fn delay(policy: &Policy, failures: i64, free: i64) -> Option<Duration> {
    if failures < free {
        return None;
    }
    let doublings = u32::try_from(failures - free).unwrap_or(u32::MAX).min(62);
    let secs = policy
        .login_delay_first_secs
        .saturating_mul(2i64.saturating_pow(doublings))
        .min(policy.login_delay_max_secs);
    Some(Duration::seconds(secs))
}

/// Seconds until the attempt may proceed, or `None` if it may now. A
/// known browser (valid device cookie) is judged only by its own counter.
pub fn wait_secs(
    policy: &Policy,
    counts: &Counts,
    known_device: bool,
    now: DateTime<Utc>,
) -> Option<u64> {
    let mut checks = vec![(counts.browser, policy.login_free_failures_per_device)];
    if !known_device {
        checks.push((counts.account, policy.login_free_failures_per_account));
        checks.push((counts.ip, policy.login_free_failures_per_ip));
    }
    checks
        .into_iter()
        .filter_map(|(failures, free)| remaining(policy, failures, free, now))
        .max()
}

fn remaining(policy: &Policy, failures: Failures, free: i64, now: DateTime<Utc>) -> Option<u64> {
    let until = failures.last_at? + delay(policy, failures.count, free)?;
    let ms = (until - now).num_milliseconds();
    // Whole seconds for Retry-After, rounded up so that a client that
    // waits exactly that long is let in.
    (ms > 0).then(|| u64::try_from((ms + 999) / 1000).unwrap_or(u64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_double_up_to_the_maximum() {
        let p = Policy::default();
        assert_eq!(delay(&p, 4, 5), None);
        assert_eq!(delay(&p, 5, 5), Some(Duration::seconds(1)));
        assert_eq!(delay(&p, 6, 5), Some(Duration::seconds(2)));
        assert_eq!(delay(&p, 14, 5), Some(Duration::seconds(512)));
        assert_eq!(delay(&p, 15, 5), Some(Duration::seconds(900)));
        assert_eq!(delay(&p, i64::MAX, 5), Some(Duration::seconds(900)));
    }

    #[test]
    fn a_known_device_ignores_the_account_and_address_counters() {
        let p = Policy::default();
        let now = Utc::now();
        let hammered = Failures {
            count: 200,
            last_at: Some(now),
        };
        let counts = Counts {
            browser: Failures::default(),
            account: hammered,
            ip: hammered,
        };
        assert_eq!(wait_secs(&p, &counts, true, now), None);
        assert_eq!(wait_secs(&p, &counts, false, now), Some(900));
        assert_eq!(
            wait_secs(&p, &counts, false, now + Duration::seconds(899)),
            Some(1)
        );
        assert_eq!(
            wait_secs(&p, &counts, false, now + Duration::seconds(900)),
            None
        );
    }
}
