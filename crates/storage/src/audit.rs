//! The audit log (`audit_entries`): append-only. Entries are written by
//! [`append`] (in the caller's transaction where the change has one) and
//! read by [`list`] / [`chunk`]; the only delete is [`purge`], the
//! retention setting's housekeeping. There is no update.
//!
//! Who sees an entry: administrators without tenants see all; staff with
//! tenants see the entries *about* their tenants' users and records
//! ([`visible`]): the portal user acting, viewed or targeted belongs to
//! their scope, the staff user targeted works for one of their tenants, or
//! the document or customer targeted is in their scope, or the permission
//! profile targeted belongs to an organization with a customer in their
//! scope. Entries about no one (a failed sign-in with an unknown e-mail,
//! a broker-wide profile) are for the global view.

use chrono::{DateTime, Utc};
use kp_domain::{PortalUserId, Scope, StaffUserId, TenantId};

use crate::Result;
use crate::args::Sql;
use crate::db::{Db, Tx};
use crate::lists::escape_like;
use crate::scope_sql::Scoped;

/// Who did something: the staff member at the keyboard or the portal
/// user, and the portal user whose view staff used (impersonation).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Who {
    pub staff: Option<StaffUserId>,
    pub portal: Option<PortalUserId>,
    pub impersonated: Option<PortalUserId>,
}

/// One entry to write.
#[derive(Debug, Clone)]
pub struct NewEntry<'a> {
    pub who: Who,
    pub action: &'a str,
    /// `portal_user`, `staff_user`, `customer`, `document`, … or empty.
    pub target_kind: &'a str,
    pub target_id: Option<i64>,
    pub ip: &'a str,
    /// The id of the request the entry was written in (empty outside one).
    pub request_id: &'a str,
    /// A JSON object with what else matters (never personal content).
    pub details: serde_json::Value,
    pub at: DateTime<Utc>,
}

fn insert_sql(e: &NewEntry<'_>) -> Sql {
    Sql::new(
        "INSERT INTO audit_entries (actor_staff_id, actor_portal_user_id, \
         impersonated_portal_user_id, action, target_kind, target_id, ip, request_id, details, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .arg(e.who.staff)
    .arg(e.who.portal)
    .arg(e.who.impersonated)
    .arg(e.action)
    .arg(e.target_kind)
    .arg(e.target_id)
    .arg(e.ip)
    .arg(e.request_id)
    .arg(e.details.to_string())
    .arg(e.at)
}

/// Appends an entry in the caller's transaction: it exists exactly when
/// the change does.
pub async fn append(tx: &mut Tx, entry: &NewEntry<'_>) -> Result<()> {
    tx.execute(insert_sql(entry)).await?;
    Ok(())
}

/// Appends an entry on its own (sign-ins, which change nothing else).
pub async fn append_now(db: &Db, entry: &NewEntry<'_>) -> Result<()> {
    db.execute(insert_sql(entry)).await?;
    Ok(())
}

/// Removes the entries older than `before` (the retention period): the
/// log's only delete.
pub async fn purge(db: &Db, before: DateTime<Utc>) -> Result<u64> {
    db.execute(Sql::new("DELETE FROM audit_entries WHERE created_at < $1").arg(before))
        .await
}

/// The filters of the staff's audit page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilters {
    /// Part of a name or e-mail of the staff member or portal user acting,
    /// viewed or targeted.
    pub person: Option<String>,
    pub target_kind: Option<String>,
    pub target_id: Option<i64>,
    pub action: Option<String>,
    /// Inclusive bounds, as instants (the web layer turns dates into them).
    pub from: Option<DateTime<Utc>>,
    pub until: Option<DateTime<Utc>>,
}

/// An entry as the page and the CSV show it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct AuditRow {
    pub id: i64,
    pub created_at: DateTime<Utc>,
    pub action: String,
    pub actor_staff: Option<String>,
    pub actor_portal: Option<String>,
    pub impersonated: Option<String>,
    pub target_kind: String,
    pub target_id: Option<i64>,
    pub target_name: Option<String>,
    pub ip: String,
    pub request_id: String,
    pub details: String,
}

const COLUMNS: &str = "SELECT ae.id, ae.created_at, ae.action, \
     (SELECT s.name || ' <' || s.email || '>' FROM staff_users s WHERE s.id = ae.actor_staff_id) AS actor_staff, \
     (SELECT p.name || ' <' || p.email || '>' FROM portal_users p WHERE p.id = ae.actor_portal_user_id) AS actor_portal, \
     (SELECT p.name || ' <' || p.email || '>' FROM portal_users p WHERE p.id = ae.impersonated_portal_user_id) AS impersonated, \
     ae.target_kind, ae.target_id, \
     CASE ae.target_kind \
       WHEN 'portal_user' THEN (SELECT p.name FROM portal_users p WHERE p.id = ae.target_id) \
       WHEN 'staff_user' THEN (SELECT s.name FROM staff_users s WHERE s.id = ae.target_id) \
       WHEN 'customer' THEN (SELECT c.display_name FROM customers c WHERE c.id = ae.target_id) \
       WHEN 'document' THEN (SELECT d.title FROM documents d WHERE d.id = ae.target_id) \
       WHEN 'permission_profile' THEN (SELECT pp.name FROM permission_profiles pp WHERE pp.id = ae.target_id) \
       WHEN 'organization' THEN (SELECT o.name FROM organizations o WHERE o.id = ae.target_id) \
       ELSE NULL END AS target_name, \
     ae.ip, ae.request_id, ae.details";

/// Adds the tenant rule (see the module documentation); `tenants: None`
/// is the global view.
fn visible(q: &mut Scoped<'_>, tenants: Option<&[TenantId]>) {
    let Some(tenants) = tenants else {
        // The global view: the scope of everything, whose predicate is
        // simply true.
        q.push(" AND ").customer("ae.target_id");
        return;
    };
    q.push(" AND (");
    for (i, col) in ["ae.actor_portal_user_id", "ae.impersonated_portal_user_id"]
        .iter()
        .enumerate()
    {
        if i > 0 {
            q.push(" OR ");
        }
        q.push("EXISTS (SELECT 1 FROM portal_users pu WHERE pu.id = ")
            .push(col)
            .push(" AND ");
        crate::invitations::visible_user(q);
        q.push(")");
    }
    q.push(" OR (ae.target_kind = 'portal_user' AND EXISTS (SELECT 1 FROM portal_users pu WHERE pu.id = ae.target_id AND ");
    crate::invitations::visible_user(q);
    q.push(")) OR (ae.target_kind = 'customer' AND EXISTS (SELECT 1 FROM customers tc WHERE tc.id = ae.target_id AND ")
        .customer("tc.id")
        .push(")) OR (ae.target_kind = 'staff_user' AND EXISTS (SELECT 1 FROM staff_user_tenants st WHERE st.staff_user_id = ae.target_id AND st.tenant_id IN ")
        .bind_list(tenants.iter().copied())
        .push(")) OR (ae.target_kind = 'document' AND EXISTS (SELECT 1 FROM documents td WHERE td.id = ae.target_id AND td.tenant_id IN ")
        .bind_list(tenants.iter().copied())
        .push(")) OR (ae.target_kind = 'permission_profile' AND EXISTS (SELECT 1 FROM permission_profiles tp JOIN customers tpc ON tpc.organization_id = tp.organization_id WHERE tp.id = ae.target_id AND ")
        .customer("tpc.id")
        .push(")) OR (ae.target_kind = 'organization' AND EXISTS (SELECT 1 FROM organizations o WHERE o.id = ae.target_id AND ");
    crate::organizations::visible(q, Some(tenants));
    q.push(")))");
}

fn filtered(q: &mut Scoped<'_>, f: &AuditFilters) {
    if let Some(person) = f.person.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        // The matching people are found once (uncorrelated subqueries the
        // database evaluates a single time) and the entries matched by id
        // through the actor indexes of migration 0028, instead of
        // searching the user tables again for every entry of the log.
        let pattern = format!("%{}%", escape_like(&person.to_lowercase()));
        let staff = |q: &mut Scoped<'_>| {
            q.push("(SELECT fs.id FROM staff_users fs WHERE LOWER(fs.name) LIKE ")
                .bind(pattern.clone())
                .push(" ESCAPE '\\' OR LOWER(fs.email) LIKE ")
                .bind(pattern.clone())
                .push(" ESCAPE '\\')");
        };
        let portal = |q: &mut Scoped<'_>| {
            q.push("(SELECT fp.id FROM portal_users fp WHERE LOWER(fp.name) LIKE ")
                .bind(pattern.clone())
                .push(" ESCAPE '\\' OR LOWER(fp.email) LIKE ")
                .bind(pattern.clone())
                .push(" ESCAPE '\\')");
        };
        q.push(" AND (ae.actor_staff_id IN ");
        staff(q);
        q.push(" OR (ae.target_kind = 'staff_user' AND ae.target_id IN ");
        staff(q);
        q.push(") OR ae.actor_portal_user_id IN ");
        portal(q);
        q.push(" OR ae.impersonated_portal_user_id IN ");
        portal(q);
        q.push(" OR (ae.target_kind = 'portal_user' AND ae.target_id IN ");
        portal(q);
        q.push("))");
    }
    if let Some(kind) = &f.target_kind {
        q.push(" AND ae.target_kind = ").bind(kind.as_str());
    }
    if let Some(id) = f.target_id {
        q.push(" AND ae.target_id = ").bind(id);
    }
    if let Some(action) = &f.action {
        q.push(" AND ae.action = ").bind(action.as_str());
    }
    if let Some(from) = f.from {
        q.push(" AND ae.created_at >= ").bind(from);
    }
    if let Some(until) = f.until {
        q.push(" AND ae.created_at <= ").bind(until);
    }
}

/// Where a page of the log starts (keyset paging: the page is found
/// through the `(created_at, id)` index however deep it lies, where an
/// offset would count every entry before it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Cursor {
    /// The newest entries.
    #[default]
    Newest,
    /// The entries older than this entry.
    Before(i64),
    /// The entries newer than this entry (the page before, going back).
    After(i64),
}

/// One page of `size` entries, newest first, and whether there are more
/// beyond it in the direction read (older ones for [`Cursor::Newest`] and
/// [`Cursor::Before`], newer ones for [`Cursor::After`]). No total is
/// counted: counting the matching entries means reading all of them.
pub async fn page(
    db: &Db,
    tenants: Option<&[TenantId]>,
    filters: &AuditFilters,
    cursor: Cursor,
    size: u32,
) -> Result<(Vec<AuditRow>, bool)> {
    let scope = tenant_scope(tenants);
    let mut q = Scoped::new(&scope);
    q.push(COLUMNS).push(" FROM audit_entries ae WHERE 1 = 1");
    visible(&mut q, tenants);
    filtered(&mut q, filters);
    // Row values compare (time, id) as one key: entries of the same
    // instant are ordered by id, so no entry is skipped or repeated.
    let newer = match cursor {
        Cursor::Newest => false,
        Cursor::Before(id) => {
            q.push(" AND (ae.created_at, ae.id) < (SELECT c.created_at, c.id FROM audit_entries c WHERE c.id = ")
                .bind(id)
                .push(")");
            false
        }
        Cursor::After(id) => {
            q.push(" AND (ae.created_at, ae.id) > (SELECT c.created_at, c.id FROM audit_entries c WHERE c.id = ")
                .bind(id)
                .push(")");
            true
        }
    };
    q.push(if newer {
        " ORDER BY ae.created_at, ae.id LIMIT "
    } else {
        " ORDER BY ae.created_at DESC, ae.id DESC LIMIT "
    })
    // One more than shown: whether another page follows.
    .bind(i64::from(size) + 1);
    let mut rows: Vec<AuditRow> = db.fetch_all(q.finish()?).await?;
    let more = rows.len() > usize::try_from(size).unwrap_or(usize::MAX);
    rows.truncate(usize::try_from(size).unwrap_or(usize::MAX));
    if newer {
        rows.reverse();
    }
    Ok((rows, more))
}

/// The next `limit` entries after `before` (an entry id; `None`: from the
/// newest) in the list's order: the CSV export reads the log in chunks so
/// that memory stays flat however long it is. Ids grow with time, so the
/// id alone orders the chunks.
pub async fn chunk(
    db: &Db,
    tenants: Option<&[TenantId]>,
    filters: &AuditFilters,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<AuditRow>> {
    let scope = tenant_scope(tenants);
    let mut q = Scoped::new(&scope);
    q.push(COLUMNS).push(" FROM audit_entries ae WHERE 1 = 1");
    if let Some(before) = before {
        q.push(" AND ae.id < ").bind(before);
    }
    visible(&mut q, tenants);
    filtered(&mut q, filters);
    q.push(" ORDER BY ae.id DESC LIMIT ").bind(limit);
    db.fetch_all(q.finish()?).await
}

/// The distinct values of `column` (`action` or `target_kind`, each the
/// first column of an index of migration 0028) above `''`, ascending:
/// a skip scan that seeks the next larger value in the index once per
/// value, so the cost follows the number of distinct values (a few
/// dozen), not the length of the log, where `SELECT DISTINCT` reads every
/// entry.
fn distinct(column: &'static str) -> Sql {
    Sql::new(format!(
        "WITH RECURSIVE v(value) AS ( \
           SELECT (SELECT MIN({column}) FROM audit_entries WHERE {column} > '') \
           UNION ALL \
           SELECT (SELECT MIN({column}) FROM audit_entries WHERE {column} > v.value) \
           FROM v WHERE v.value IS NOT NULL) \
         SELECT value FROM v WHERE value IS NOT NULL ORDER BY value"
    ))
}

/// The actions and record kinds the log holds, for the filter selects.
pub async fn vocabulary(db: &Db) -> Result<(Vec<String>, Vec<String>)> {
    let actions: Vec<(String,)> = db.fetch_all(distinct("action")).await?;
    let kinds: Vec<(String,)> = db.fetch_all(distinct("target_kind")).await?;
    Ok((
        actions.into_iter().map(|(a,)| a).collect(),
        kinds.into_iter().map(|(k,)| k).collect(),
    ))
}

fn tenant_scope(tenants: Option<&[TenantId]>) -> Scope {
    match tenants {
        Some(t) => Scope::customers(kp_domain::CustomerSet::Tenants(t.to_vec())),
        None => Scope::everything(),
    }
}
