//! The single objects and claims a portal user is narrowed to (the lists O
//! and K of the scope rule), as the staff's pickers change them: search
//! and page the records a staff member may choose, add and remove single
//! ones, add every record matching a search in one `INSERT … SELECT`, and
//! clear the restriction.
//!
//! The records offered are those of the user's base scope (their customer
//! or organization, without restrictions) that the staff member's scope
//! shows too; every statement that reads or adds them applies both
//! predicates, so a forged id of another organization is never added.

use chrono::{DateTime, Utc};
use kp_domain::{PortalUserId, Scope};

use crate::Result;
use crate::args::Sql;
use crate::db::Tx;
use crate::lists::{Counted, Page, search_with_plate, split};
use crate::scope_sql::Scoped;

/// Which list a picker edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickKind {
    Objects,
    Claims,
}

impl PickKind {
    pub fn key(self) -> &'static str {
        match self {
            PickKind::Objects => "objects",
            PickKind::Claims => "claims",
        }
    }

    fn table(self) -> &'static str {
        match self {
            PickKind::Objects => "portal_user_scope_objects",
            PickKind::Claims => "portal_user_scope_claims",
        }
    }

    fn column(self) -> &'static str {
        match self {
            PickKind::Objects => "object_id",
            PickKind::Claims => "claim_id",
        }
    }

    fn flag(self) -> &'static str {
        match self {
            PickKind::Objects => "scope_objects_set",
            PickKind::Claims => "scope_claims_set",
        }
    }

    /// The record's id column in [`from_visible`].
    fn id(self) -> &'static str {
        match self {
            PickKind::Objects => "o.id",
            PickKind::Claims => "c.id",
        }
    }

    /// What a picker row shows of the record.
    fn select(self) -> &'static str {
        match self {
            PickKind::Objects => {
                "o.id, o.description AS title, \
                 TRIM(o.street || ' ' || o.postal_code || ' ' || o.city) AS place, \
                 o.plate AS extra, k.policy_number, cu.display_name AS customer_name"
            }
            PickKind::Claims => {
                "c.id, CASE WHEN c.broker_claim_number <> '' THEN c.broker_claim_number \
                 ELSE c.external_id END AS title, c.place, COALESCE(o.description, '') AS extra, \
                 k.policy_number, cu.display_name AS customer_name"
            }
        }
    }

    /// The columns the search text is looked for in.
    fn searched(self) -> &'static [&'static str] {
        match self {
            PickKind::Objects => &[
                "o.description",
                "o.site",
                "o.street",
                "o.postal_code",
                "o.city",
                "o.plate",
                "o.vin",
                "o.external_id",
                "k.policy_number",
                "cu.display_name",
            ],
            PickKind::Claims => &[
                "c.external_id",
                "c.broker_claim_number",
                "c.insurer_claim_number",
                "c.place",
                "c.description",
                "o.description",
                "o.postal_code",
                "o.city",
                "k.policy_number",
                "cu.display_name",
            ],
        }
    }
}

/// One record of a picker.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct PickRow {
    pub id: i64,
    pub title: String,
    pub place: String,
    /// The plate of an object, the object of a claim.
    pub extra: String,
    pub policy_number: String,
    pub customer_name: String,
    /// In the user's list.
    pub chosen: bool,
}

/// The two scopes a choice must satisfy.
#[derive(Debug, Clone, Copy)]
pub struct Pickable<'a> {
    /// The user's customer or organization, without restrictions.
    pub base: &'a Scope,
    /// The staff member's.
    pub staff: &'a Scope,
    pub user: PortalUserId,
    pub kind: PickKind,
}

/// ` FROM … WHERE <visible in both scopes>`.
fn from_visible(q: &mut Scoped<'_>, p: Pickable<'_>) {
    match p.kind {
        PickKind::Objects => {
            q.push(
                " FROM insured_objects o JOIN contracts k ON k.id = o.contract_id \
                 JOIN customers cu ON cu.id = k.customer_id WHERE ",
            )
            .object("o");
        }
        PickKind::Claims => {
            q.push(
                " FROM claims c JOIN contracts k ON k.id = c.contract_id \
                 JOIN customers cu ON cu.id = k.customer_id \
                 LEFT JOIN insured_objects o ON o.id = c.object_id WHERE ",
            )
            .claim("c");
        }
    }
    // An organization administrator chooses within their own scope, which
    // is both: the second check would only compute the same set again.
    if p.staff != p.base {
        q.push(" AND ").contract_also_in("k", p.staff);
    }
}

/// ` AND <id> IN (<the user's list>)`: the list drives the statement (a
/// few chosen records are looked up by id instead of testing every record
/// of an organization against the list).
fn in_list(q: &mut Scoped<'_>, p: Pickable<'_>) {
    q.push(" AND ")
        .push(p.kind.id())
        .push(" IN (SELECT l.")
        .push(p.kind.column())
        .push(" FROM ")
        .push(p.kind.table())
        .push(" l WHERE l.portal_user_id = ")
        .bind(p.user)
        .push(")");
}

/// ` AND NOT EXISTS (<the record is in the user's list>)`.
fn not_listed(q: &mut Scoped<'_>, p: Pickable<'_>) {
    q.push(" AND NOT EXISTS (SELECT 1 FROM ")
        .push(p.kind.table())
        .push(" l WHERE l.portal_user_id = ")
        .bind(p.user)
        .push(" AND l.")
        .push(p.kind.column())
        .push(" = ")
        .push(p.kind.id())
        .push(")");
}

fn search(q: &mut Scoped<'_>, p: Pickable<'_>, text: Option<&str>) {
    let plate = (p.kind == PickKind::Objects).then_some("o.plate");
    search_with_plate(q, text, p.kind.searched(), plate);
}

fn page_of(q: &mut Scoped<'_>, p: Pickable<'_>, page: Page) {
    let size = i64::from(page.size.max(1));
    q.push(" ORDER BY title, ")
        .push(p.kind.id())
        .push(" LIMIT ")
        .bind(size)
        .push(" OFFSET ")
        .bind(i64::from(page.number.max(1) - 1) * size);
}

fn rows_sql<'s>(p: Pickable<'s>, q: &mut Scoped<'s>) {
    q.push("SELECT ")
        .push(p.kind.select())
        .push(", EXISTS (SELECT 1 FROM ")
        .push(p.kind.table())
        .push(" cl WHERE cl.portal_user_id = ")
        .bind(p.user)
        .push(" AND cl.")
        .push(p.kind.column())
        .push(" = ")
        .push(p.kind.id())
        .push(") AS chosen, COUNT(*) OVER () AS total");
    from_visible(q, p);
}

/// The records matching `text` that may be chosen, one page, and how many
/// match in all.
pub async fn search_page(
    tx: &mut Tx,
    p: Pickable<'_>,
    text: Option<&str>,
    page: Page,
) -> Result<(Vec<PickRow>, i64)> {
    let mut q = Scoped::new(p.base);
    rows_sql(p, &mut q);
    search(&mut q, p, text);
    page_of(&mut q, p, page);
    let rows: Vec<Counted<PickRow>> = tx.fetch_all(q.finish()?).await?;
    Ok(split(rows))
}

/// The records in the user's list that the staff member sees, one page.
pub async fn chosen_page(tx: &mut Tx, p: Pickable<'_>, page: Page) -> Result<(Vec<PickRow>, i64)> {
    let mut q = Scoped::new(p.base);
    rows_sql(p, &mut q);
    in_list(&mut q, p);
    page_of(&mut q, p, page);
    let rows: Vec<Counted<PickRow>> = tx.fetch_all(q.finish()?).await?;
    Ok(split(rows))
}

/// Entries in the user's list, seen by the staff member or not.
pub async fn list_len(tx: &mut Tx, user: PortalUserId, kind: PickKind) -> Result<i64> {
    let sql = format!(
        "SELECT COUNT(*) FROM {} WHERE portal_user_id = $1",
        kind.table()
    );
    let (n,): (i64,) = tx.fetch_one(Sql::new(sql).arg(user)).await?;
    Ok(n)
}

/// Whether every one of `ids` (distinct) may be chosen.
pub async fn all_pickable(tx: &mut Tx, p: Pickable<'_>, ids: &[i64]) -> Result<bool> {
    let mut distinct = ids.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    let mut q = Scoped::new(p.base);
    q.push("SELECT COUNT(*)");
    from_visible(&mut q, p);
    q.push(" AND ")
        .push(p.kind.id())
        .push(" IN ")
        .bind_list(distinct.iter().copied());
    let (n,): (i64,) = tx.fetch_one(q.finish()?).await?;
    Ok(n == distinct.len() as i64)
}

/// Sets the list's flag and `updated_at` when the row still has `seen`;
/// `false` when it changed meanwhile.
pub async fn mark(
    tx: &mut Tx,
    user: PortalUserId,
    kind: PickKind,
    restricted: bool,
    seen: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<bool> {
    let sql = format!(
        "UPDATE portal_users SET {} = $1, updated_at = $2 WHERE id = $3 AND updated_at = $4",
        kind.flag()
    );
    let n = tx
        .execute(Sql::new(sql).arg(restricted).arg(now).arg(user).arg(seen))
        .await?;
    Ok(n == 1)
}

/// Adds `ids`, checked with [`all_pickable`] in the same transaction;
/// those already listed stay. The number added.
pub async fn add(tx: &mut Tx, p: Pickable<'_>, ids: &[i64]) -> Result<u64> {
    let mut q = Scoped::new(p.base);
    insert_head(&mut q, p);
    from_visible(&mut q, p);
    q.push(" AND ")
        .push(p.kind.id())
        .push(" IN ")
        .bind_list(ids.iter().copied());
    not_listed(&mut q, p);
    tx.execute(q.finish()?).await
}

/// Adds every record matching `text` that may be chosen, set-based: one
/// statement, however many match. The number added.
pub async fn add_matching(tx: &mut Tx, p: Pickable<'_>, text: Option<&str>) -> Result<u64> {
    let mut q = Scoped::new(p.base);
    insert_head(&mut q, p);
    from_visible(&mut q, p);
    search(&mut q, p, text);
    not_listed(&mut q, p);
    tx.execute(q.finish()?).await
}

/// `INSERT INTO <list> (portal_user_id, <id>) SELECT $user, <id>`
/// after the statement's `WITH` clause.
fn insert_head(q: &mut Scoped<'_>, p: Pickable<'_>) {
    q.push("INSERT INTO ")
        .push(p.kind.table())
        .push(" (portal_user_id, ")
        .push(p.kind.column())
        .push(") SELECT ")
        .bind(p.user)
        .push(", ")
        .push(p.kind.id());
}

/// Removes `ids` from the list; the number removed.
pub async fn remove(tx: &mut Tx, user: PortalUserId, kind: PickKind, ids: &[i64]) -> Result<u64> {
    let mut sql = Sql::new(format!(
        "DELETE FROM {} WHERE portal_user_id = $1 AND {} IN ",
        kind.table(),
        kind.column()
    ))
    .arg(user);
    sql.bind_list(ids.iter().copied());
    tx.execute(sql).await
}

/// Empties the list; the number removed.
pub async fn clear(tx: &mut Tx, user: PortalUserId, kind: PickKind) -> Result<u64> {
    let sql = format!("DELETE FROM {} WHERE portal_user_id = $1", kind.table());
    tx.execute(Sql::new(sql).arg(user)).await
}
