//! The large set's audit log: [`LargeSizes::audit_entries`] entries over
//! the year before the demo's "today", so that the audit page
//! (`/staff/audit`) is measured with a log of a busy broker — sign-ins of
//! portal users and staff, failed sign-ins, staff reading customers'
//! personal data, document downloads and "view as user" pages. The times
//! grow with the ids, as the log's own appends produce them, and all lie
//! within the default retention (730 days).
//!
//! [`LargeSizes::audit_entries`]: super::LargeSizes::audit_entries

use chrono::Duration;
use kp_storage::write::bulk;
use kp_storage::{Arg, Tx};

use super::Progress;
use super::rows::row;
use crate::DemoError;
use crate::calendar::{anchor, at, minus_days};
use crate::rng::Rng;
use crate::small::SmallSet;

const COLUMNS: &[&str] = &[
    "actor_staff_id",
    "actor_portal_user_id",
    "impersonated_portal_user_id",
    "action",
    "target_kind",
    "target_id",
    "ip",
    "request_id",
    "details",
    "created_at",
];

const SLICE: u64 = 2_500;

/// Inserts `n` entries; `customers` and `documents` are the largest ids
/// of those tables (targets are drawn below them).
pub(super) async fn insert(
    tx: &mut Tx,
    rng: &mut Rng,
    small: &SmallSet,
    n: u64,
    (customers, documents): (i64, i64),
    progress: &dyn Progress,
) -> Result<u64, DemoError> {
    progress.stage("audit log", n);
    let start = at(minus_days(anchor(), 365), 0, 0);
    // Spread evenly over the year; at least a millisecond apart.
    let step = Duration::milliseconds((365 * 24 * 3_600 * 1_000 / n.max(1) as i64).max(1));
    let mut done = 0;
    while done < n {
        let count = SLICE.min(n - done);
        let rows: Vec<Vec<Arg>> = (done..done + count)
            .map(|i| entry(rng, small, (customers, documents), start + step * i as i32))
            .collect();
        bulk::insert_rows(tx, "audit_entries", COLUMNS, &rows).await?;
        done += count;
        progress.advance(count);
    }
    Ok(n)
}

fn entry(
    rng: &mut Rng,
    small: &SmallSet,
    (customers, documents): (i64, i64),
    when: chrono::DateTime<chrono::Utc>,
) -> Vec<Arg> {
    let staff = small
        .staff
        .get(rng.below(small.staff.len() as u64) as usize)
        .map(|s| s.0);
    let portal = small
        .portal_users
        .get(rng.below(small.portal_users.len() as u64) as usize)
        .map(|p| p.0);
    let ip = format!("198.51.100.{}", rng.below(250) + 1);
    let request = format!("req-{:016x}", rng.next_u64());
    let none: Option<i64> = None;
    match rng.below(100) {
        // Sign-ins of portal users: the bulk of any portal's log.
        0..=39 => row!(
            none,
            portal,
            none,
            "sign_in.succeeded",
            "portal_user",
            portal,
            ip,
            request,
            "{}",
            when
        ),
        40..=54 => row!(
            staff,
            none,
            none,
            "sign_in.succeeded",
            "staff_user",
            staff,
            ip,
            request,
            "{}",
            when
        ),
        55..=59 => row!(
            none,
            none,
            none,
            "sign_in.failed",
            "",
            none,
            ip,
            request,
            format!("{{\"email\":\"unknown{}@example.org\"}}", rng.below(1_000)),
            when
        ),
        // Staff opening a customer's page (ASVS 16.3.2).
        60..=79 => row!(
            staff,
            none,
            none,
            "personal_data.read",
            "customer",
            Some(rng.range(1, customers.max(1))),
            ip,
            request,
            "{}",
            when
        ),
        80..=94 => row!(
            none,
            portal,
            none,
            "document.download",
            "document",
            Some(rng.range(1, documents.max(1))),
            ip,
            request,
            "{}",
            when
        ),
        _ => row!(
            staff,
            none,
            portal,
            "view_as.request",
            "portal_user",
            portal,
            ip,
            request,
            "{\"path\":\"/contracts\"}",
            when
        ),
    }
}
