//! The mail outbox: use cases queue rendered mails inside their own
//! transaction ([`enqueue`]); a worker claims due rows ([`claim_due`]),
//! sends them and records the outcome ([`mark_sent`], [`mark_failed`]).
//!
//! A row moves `pending` → `sending` → `sent`, or back to `pending` for a
//! retry, or to `dead` when retrying is pointless. While `sending`,
//! `next_attempt_at` holds the end of the worker's lease: a worker that dies
//! mid-batch leaves rows that become claimable again once the lease ends,
//! so no mail is stuck for good.

use chrono::{DateTime, Duration, Utc};
use kp_domain::{Language, TenantId};

use crate::Result;
use crate::args::Sql;
use crate::db::{Db, Tx};
use crate::error::StorageError;

/// How long a claimed row belongs to the worker that claimed it. Longer
/// than a batch normally takes, so a slow SMTP server does not make a second
/// instance send the same mail again.
pub const LEASE: Duration = Duration::minutes(10);

/// Longest `last_error` kept; SMTP replies can be long and the column is
/// for diagnosis, not an archive.
pub const MAX_ERROR_CHARS: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutboxStatus {
    Pending,
    Sending,
    Sent,
    Dead,
}

impl OutboxStatus {
    pub const ALL: [OutboxStatus; 4] = [
        OutboxStatus::Pending,
        OutboxStatus::Sending,
        OutboxStatus::Sent,
        OutboxStatus::Dead,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            OutboxStatus::Pending => "pending",
            OutboxStatus::Sending => "sending",
            OutboxStatus::Sent => "sent",
            OutboxStatus::Dead => "dead",
        }
    }

    pub fn parse(s: &str) -> Option<OutboxStatus> {
        OutboxStatus::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

/// A rendered mail to queue.
#[derive(Debug, Clone)]
pub struct NewMail {
    /// Each `addr@example.org` or `Name <addr@example.org>`.
    pub recipients: Vec<String>,
    /// The template the mail was rendered from, for diagnosis.
    pub template: String,
    pub language: Language,
    pub subject: String,
    pub body_html: String,
    pub body_text: String,
    /// The `From` of this mail (`Name <addr>` or `addr`); `None` uses the
    /// SMTP settings' sender.
    pub sender: Option<String>,
    /// The tenant the mail is sent for: whose administrators see it.
    pub tenant: Option<TenantId>,
    /// Creation time; the mail is due at once.
    pub now: DateTime<Utc>,
}

/// A queued mail as stored.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboxMail {
    pub id: i64,
    pub recipients: Vec<String>,
    pub template: String,
    pub language: Language,
    pub subject: String,
    pub body_html: String,
    pub body_text: String,
    pub sender: Option<String>,
    pub tenant: Option<TenantId>,
    pub status: OutboxStatus,
    /// Finished delivery attempts (sent or failed).
    pub attempts: i32,
    /// When pending: the earliest next try. When sending: the lease end.
    pub next_attempt_at: DateTime<Utc>,
    pub last_error: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
pub(crate) struct MailRow {
    id: i64,
    recipients: String,
    template: String,
    language: String,
    subject: String,
    body_html: String,
    body_text: String,
    sender: Option<String>,
    tenant_id: Option<i64>,
    status: String,
    // INTEGER is 4 bytes on PostgreSQL, so it decodes as i32 on both.
    attempts: i32,
    next_attempt_at: DateTime<Utc>,
    last_error: Option<String>,
    sent_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
}

pub(crate) const COLUMNS: &str = "id, recipients, template, language, subject, body_html, \
     body_text, sender, tenant_id, status, attempts, next_attempt_at, last_error, sent_at, created_at";

impl TryFrom<MailRow> for OutboxMail {
    type Error = StorageError;

    fn try_from(r: MailRow) -> Result<OutboxMail> {
        let recipients = serde_json::from_str(&r.recipients)
            .map_err(|e| StorageError::Corrupt(format!("outbox mail {}: recipients: {e}", r.id)))?;
        let status = OutboxStatus::parse(&r.status).ok_or_else(|| {
            StorageError::Corrupt(format!("outbox mail {}: status {:?}", r.id, r.status))
        })?;
        Ok(OutboxMail {
            id: r.id,
            recipients,
            template: r.template,
            language: Language::parse(&r.language).unwrap_or_default(),
            subject: r.subject,
            body_html: r.body_html,
            body_text: r.body_text,
            sender: r.sender,
            tenant: r.tenant_id.map(TenantId),
            status,
            attempts: r.attempts,
            next_attempt_at: r.next_attempt_at,
            last_error: r.last_error,
            sent_at: r.sent_at,
            created_at: r.created_at,
        })
    }
}

/// Queues a mail in the caller's transaction, so it is sent only if the
/// change it reports is committed. Recipients are stored as a JSON array
/// because display names may contain commas.
pub async fn enqueue(tx: &mut Tx, mail: &NewMail) -> Result<i64> {
    let recipients = serde_json::to_string(&mail.recipients)
        .map_err(|e| StorageError::Corrupt(format!("cannot encode recipients: {e}")))?;
    tx.insert_returning_id(
        Sql::new(
            "INSERT INTO outbox_mails (recipients, template, language, subject, body_html, \
             body_text, sender, tenant_id, status, attempts, next_attempt_at, created_at, \
             updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', 0, $9, $9, $9)",
        )
        .arg(recipients)
        .arg(mail.template.as_str())
        .arg(mail.language.code())
        .arg(mail.subject.as_str())
        .arg(mail.body_html.as_str())
        .arg(mail.body_text.as_str())
        .arg(mail.sender.clone())
        .arg(mail.tenant.map(|t| t.0))
        .arg(mail.now),
    )
    .await
}

/// Claims up to `limit` due mails for this worker: pending ones whose time
/// has come and `sending` ones whose lease has run out. The rows come back
/// as `sending` with the lease end in `next_attempt_at`, oldest first.
///
/// One statement on both backends. SQLite serialises writers anyway; on
/// PostgreSQL a concurrent claim blocks on the same row and then re-checks
/// the outer WHERE against the updated row (now `sending` with a lease in
/// the future), so it skips it: no row is handed to two workers.
pub async fn claim_due(db: &Db, now: DateTime<Utc>, limit: usize) -> Result<Vec<OutboxMail>> {
    const DUE: &str = "status IN ('pending', 'sending') AND next_attempt_at <= $1";
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let sql = Sql::new(format!(
        "UPDATE outbox_mails SET status = 'sending', next_attempt_at = $2, updated_at = $1 \
         WHERE {DUE} AND id IN (SELECT id FROM outbox_mails WHERE {DUE} \
         ORDER BY next_attempt_at, id LIMIT $3) RETURNING {COLUMNS}"
    ))
    .arg(now)
    .arg(now + LEASE)
    .arg(limit);
    // Through a transaction because on SQLite only the write pool may
    // update; plain `Db` fetches use the read-only pool.
    let mut tx = db.begin().await?;
    let rows: Vec<MailRow> = match tx.fetch_all(sql).await {
        Ok(rows) => rows,
        // PostgreSQL may lock the rows of two concurrent claims in different
        // orders and then aborts one of them. Both wanted the same mails, so
        // the loser simply claims nothing this round; its work is undone.
        Err(err) if is_deadlock(&err) => {
            tracing::debug!("outbox claim lost a deadlock to another worker");
            return Ok(Vec::new());
        }
        Err(err) => return Err(err),
    };
    tx.commit().await?;
    let mut mails = rows
        .into_iter()
        .map(OutboxMail::try_from)
        .collect::<Result<Vec<_>>>()?;
    // RETURNING gives no order guarantee; ids grow, so this is oldest first.
    mails.sort_by_key(|m| m.id);
    Ok(mails)
}

pub(crate) fn is_deadlock(err: &StorageError) -> bool {
    const DEADLOCK_DETECTED: &str = "40P01";
    match err {
        StorageError::Database(sqlx::Error::Database(db)) => {
            db.code().as_deref() == Some(DEADLOCK_DETECTED)
        }
        _ => false,
    }
}

/// Records a successful delivery. Returns false when the row was no longer
/// claimed (its lease ran out and another worker took it).
pub async fn mark_sent(db: &Db, id: i64, now: DateTime<Utc>) -> Result<bool> {
    let n = db
        .execute(
            Sql::new(
                "UPDATE outbox_mails SET status = 'sent', attempts = attempts + 1, sent_at = $1, \
                 last_error = NULL, updated_at = $1 WHERE id = $2 AND status = 'sending'",
            )
            .arg(now)
            .arg(id),
        )
        .await?;
    Ok(n == 1)
}

/// Deletes sent mails older than `before`: their content is in the portal
/// anyway (mails only point to it), so keeping them is only a liability.
/// Dead mails stay for an administrator to look at.
pub async fn delete_sent_before(db: &Db, before: DateTime<Utc>) -> Result<u64> {
    db.execute(
        Sql::new("DELETE FROM outbox_mails WHERE status = 'sent' AND sent_at < $1").arg(before),
    )
    .await
}

/// Records a failed attempt: back to `pending` for another try at
/// `next_attempt_at`, or `dead` when that is `None`. The error is cut to
/// [`MAX_ERROR_CHARS`]; callers pass SMTP errors, never credentials.
pub async fn mark_failed(
    db: &Db,
    id: i64,
    now: DateTime<Utc>,
    error: &str,
    next_attempt_at: Option<DateTime<Utc>>,
) -> Result<bool> {
    let status = match next_attempt_at {
        Some(_) => OutboxStatus::Pending,
        None => OutboxStatus::Dead,
    };
    let n = db
        .execute(
            Sql::new(
                "UPDATE outbox_mails SET status = $1, attempts = attempts + 1, last_error = $2, \
                 next_attempt_at = $3, updated_at = $4 WHERE id = $5 AND status = 'sending'",
            )
            .arg(status.as_str())
            .arg(truncate(error, MAX_ERROR_CHARS))
            .arg(next_attempt_at.unwrap_or(now))
            .arg(now)
            .arg(id),
        )
        .await?;
    Ok(n == 1)
}

/// Hands claimed mails back unattempted, due at `next_attempt_at`; used
/// when the worker stops a batch early (e.g. the server is unreachable, so
/// trying the rest now would only wait for more timeouts). The attempt
/// count is unchanged.
pub async fn release(
    db: &Db,
    ids: &[i64],
    now: DateTime<Utc>,
    next_attempt_at: DateTime<Utc>,
) -> Result<u64> {
    if ids.is_empty() {
        return Ok(0);
    }
    let mut sql = Sql::new(
        "UPDATE outbox_mails SET status = 'pending', next_attempt_at = $1, updated_at = $2 \
         WHERE status = 'sending' AND id IN ",
    )
    .arg(next_attempt_at)
    .arg(now);
    sql.bind_list(ids.iter().copied());
    db.execute(sql).await
}

pub async fn get(db: &Db, id: i64) -> Result<Option<OutboxMail>> {
    let row: Option<MailRow> = db
        .fetch_optional(
            Sql::new(format!("SELECT {COLUMNS} FROM outbox_mails WHERE id = $1")).arg(id),
        )
        .await?;
    row.map(OutboxMail::try_from).transpose()
}

/// Number of mails per status, every status present (zero when none), for
/// the `outbox_mails` gauge.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutboxCounts {
    pub pending: i64,
    pub sending: i64,
    pub sent: i64,
    pub dead: i64,
}

impl OutboxCounts {
    pub fn get(&self, status: OutboxStatus) -> i64 {
        match status {
            OutboxStatus::Pending => self.pending,
            OutboxStatus::Sending => self.sending,
            OutboxStatus::Sent => self.sent,
            OutboxStatus::Dead => self.dead,
        }
    }

    /// `(status, count)` for every status.
    pub fn iter(&self) -> impl Iterator<Item = (OutboxStatus, i64)> + '_ {
        OutboxStatus::ALL.into_iter().map(|s| (s, self.get(s)))
    }
}

pub async fn counts_by_status(db: &Db) -> Result<OutboxCounts> {
    let rows: Vec<(String, i64)> = db
        .fetch_all(Sql::new(
            "SELECT status, COUNT(*) FROM outbox_mails GROUP BY status",
        ))
        .await?;
    let mut counts = OutboxCounts::default();
    for (status, n) in rows {
        match OutboxStatus::parse(&status) {
            Some(OutboxStatus::Pending) => counts.pending = n,
            Some(OutboxStatus::Sending) => counts.sending = n,
            Some(OutboxStatus::Sent) => counts.sent = n,
            Some(OutboxStatus::Dead) => counts.dead = n,
            None => return Err(StorageError::Corrupt(format!("outbox status {status:?}"))),
        }
    }
    Ok(counts)
}

/// Cuts at a character boundary, marking the cut.
fn truncate(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_cut_at_a_character_boundary() {
        assert_eq!(truncate("kurz", 10), "kurz");
        assert_eq!(truncate("Größe", 3), "Grö…");
        assert_eq!(
            truncate(&"x".repeat(600), MAX_ERROR_CHARS).chars().count(),
            501
        );
    }

    #[test]
    fn statuses_round_trip() {
        for s in OutboxStatus::ALL {
            assert_eq!(OutboxStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(OutboxStatus::parse("queued"), None);
    }
}
