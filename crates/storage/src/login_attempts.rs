//! The log of login attempts that throttling counts. An attempt is written
//! before its password is checked and counted in the same transaction, so
//! that parallel attempts cannot all slip under a limit.

use chrono::{DateTime, Utc};

use crate::Result;
use crate::args::Sql;
use crate::db::{Db, Tx};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Written before the check; counts as a failure until it ends.
    Pending,
    Failed,
    Succeeded,
    /// Throttled or turned away while busy: no password was checked, so it
    /// is no guess and does not count.
    Refused,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Pending => "pending",
            Outcome::Failed => "failed",
            Outcome::Succeeded => "succeeded",
            Outcome::Refused => "refused",
        }
    }
}

pub struct Attempt<'a> {
    /// The normalised e-mail, whether or not an account has it.
    pub email: &'a str,
    pub ip: &'a str,
    /// The nonce of a valid device cookie for this account.
    pub device: Option<&'a str>,
    /// The browser's `User-Agent`, for the account's sign-in history.
    pub user_agent: &'a str,
    pub at: DateTime<Utc>,
}

/// Failed (or still pending) attempts under one key, and the latest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Failures {
    pub count: i64,
    pub last_at: Option<DateTime<Utc>>,
}

/// The counters an attempt is judged by, all excluding itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// This account from this browser: its device cookie, or without one
    /// its client address; reset by a success under the same key.
    pub browser: Failures,
    /// This account from browsers it has not seen.
    pub account: Failures,
    /// This client address from browsers without a device cookie.
    pub ip: Failures,
}

/// The rows that count against an attempt: failures and attempts still in
/// flight since the window start (`$since`), except the attempt itself
/// (`$me`).
fn counted(since: u8, me: u8) -> String {
    format!("outcome IN ('pending', 'failed') AND attempted_at > ${since} AND id <> ${me}")
}

/// Records `attempt` as pending and counts the failures before it since
/// `since`. Returns the attempt's id for [`finish`].
pub async fn begin(db: &Db, attempt: &Attempt<'_>, since: DateTime<Utc>) -> Result<(i64, Counts)> {
    let mut tx = db.begin().await?;
    // Holds the account's row lock until commit: a parallel attempt waits
    // here and then counts this one.
    tx.execute(
        Sql::new(
            "INSERT INTO login_locks (email, touched_at) VALUES ($1, $2) \
             ON CONFLICT (email) DO UPDATE SET touched_at = excluded.touched_at",
        )
        .arg(attempt.email)
        .arg(attempt.at),
    )
    .await?;
    let id = tx
        .insert_returning_id(
            Sql::new(
                "INSERT INTO login_attempts (email, ip, device, outcome, attempted_at, user_agent) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .arg(attempt.email)
            .arg(attempt.ip)
            .arg(attempt.device)
            .arg(Outcome::Pending.as_str())
            .arg(attempt.at)
            .arg(crate::sessions::cut(
                attempt.user_agent,
                crate::sessions::MAX_USER_AGENT,
            )),
        )
        .await?;
    let (browser_key, second) = match attempt.device {
        Some(device) => ("email = $1 AND device = $2", device),
        None => ("email = $1 AND ip = $2 AND device IS NULL", attempt.ip),
    };
    let browser_sql = format!(
        "SELECT COUNT(*), MAX(attempted_at) FROM login_attempts WHERE {browser_key} AND {} \
         AND id > COALESCE((SELECT MAX(id) FROM login_attempts WHERE {browser_key} \
         AND outcome = 'succeeded'), 0)",
        counted(3, 4)
    );
    let (count, last_at): (i64, Option<DateTime<Utc>>) = tx
        .fetch_one(
            Sql::new(browser_sql)
                .arg(attempt.email)
                .arg(second)
                .arg(since)
                .arg(id),
        )
        .await?;
    let browser = Failures { count, last_at };
    let account = unseen_failures(&mut tx, "email", attempt.email, since, id).await?;
    let ip = unseen_failures(&mut tx, "ip", attempt.ip, since, id).await?;
    tx.commit().await?;
    Ok((
        id,
        Counts {
            browser,
            account,
            ip,
        },
    ))
}

/// Failures from browsers without a device cookie under one key column
/// (`email` or `ip`), excluding the attempt `me`.
async fn unseen_failures(
    tx: &mut Tx,
    column: &'static str,
    value: &str,
    since: DateTime<Utc>,
    me: i64,
) -> Result<Failures> {
    let (count, last_at): (i64, Option<DateTime<Utc>>) = tx
        .fetch_one(
            Sql::new(format!(
                "SELECT COUNT(*), MAX(attempted_at) FROM login_attempts \
                 WHERE {column} = $1 AND device IS NULL AND {}",
                counted(2, 3)
            ))
            .arg(value)
            .arg(since)
            .arg(me),
        )
        .await?;
    Ok(Failures { count, last_at })
}

/// Ends a pending attempt.
pub async fn finish(db: &Db, id: i64, outcome: Outcome) -> Result<()> {
    db.execute(
        Sql::new("UPDATE login_attempts SET outcome = $1 WHERE id = $2")
            .arg(outcome.as_str())
            .arg(id),
    )
    .await?;
    Ok(())
}

/// Forgets an attempt that turned out not to be a sign-in (a correct
/// current password on "My account"): it neither counts nor shows in the
/// sign-in history.
pub async fn discard(db: &Db, id: i64) -> Result<()> {
    db.execute(Sql::new("DELETE FROM login_attempts WHERE id = $1").arg(id))
        .await?;
    Ok(())
}

/// Attempts for an e-mail by outcome, for tests and diagnosis.
pub async fn outcomes(db: &Db, email: &str) -> Result<Vec<(String, i64)>> {
    db.fetch_all(
        Sql::new(
            "SELECT outcome, COUNT(*) FROM login_attempts WHERE email = $1 \
             GROUP BY outcome ORDER BY outcome",
        )
        .arg(email),
    )
    .await
}
