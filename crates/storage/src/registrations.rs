//! Self-registrations (C3): automatic ones waiting for their verification
//! link, requests waiting for the staff's decision, and the notes of
//! automatic attempts that matched no or several customers. A registration
//! is not customer data until it is tied to a customer; the staff's reads
//! are narrowed to their tenants (`tenants: None` for administrators), and
//! the customer reads go through the scope predicate.

use chrono::{DateTime, NaiveDate, Utc};
use kp_domain::{CustomerId, CustomerKind, PortalUserId, Scope, StaffUserId, TenantId};

use crate::Result;
use crate::args::Sql;
use crate::db::{Db, Tx};
use crate::scope_sql::Scoped;

/// Status codes of a registration.
pub mod status {
    /// Automatic: the verification link is out.
    pub const PENDING: &str = "pending";
    /// Automatic: the link was followed and the portal user created.
    pub const VERIFIED: &str = "verified";
    /// Automatic: no customer matched (a note for the staff).
    pub const UNMATCHED: &str = "unmatched";
    /// Automatic: several customers matched (a note for the staff).
    pub const AMBIGUOUS: &str = "ambiguous";
    /// Automatic: one customer matched, but no mail went out (the e-mail
    /// or the customer already has a login).
    pub const REFUSED: &str = "refused";
    /// On request: waiting for the staff.
    pub const OPEN: &str = "open";
    pub const APPROVED: &str = "approved";
    pub const REJECTED: &str = "rejected";
}

#[derive(Debug, Clone, Default)]
pub struct NewRegistration<'a> {
    pub tenant: Option<TenantId>,
    /// `automatic` or `request`.
    pub mode: &'a str,
    pub status: &'a str,
    pub name: &'a str,
    pub email: &'a str,
    pub language: &'a str,
    pub customer_number: &'a str,
    pub company: &'a str,
    pub message: &'a str,
    pub customer: Option<CustomerId>,
    pub token_hash: Option<&'a str>,
    pub expires_at: Option<DateTime<Utc>>,
    pub now: DateTime<Utc>,
}

pub async fn insert(tx: &mut Tx, r: &NewRegistration<'_>) -> Result<i64> {
    tx.insert_returning_id(
        Sql::new(
            "INSERT INTO registrations (tenant_id, mode, status, name, email, language, \
             customer_number, company, message, customer_id, token_hash, expires_at, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        )
        .arg(r.tenant)
        .arg(r.mode)
        .arg(r.status)
        .arg(r.name)
        .arg(r.email)
        .arg(r.language)
        .arg(r.customer_number)
        .arg(r.company)
        .arg(r.message)
        .arg(r.customer)
        .arg(r.token_hash)
        .arg(r.expires_at)
        .arg(r.now),
    )
    .await
}

/// A registration as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Registration {
    pub id: i64,
    pub tenant_id: i64,
    pub mode: String,
    pub status: String,
    pub name: String,
    pub email: String,
    pub language: String,
    pub customer_number: String,
    pub company: String,
    pub message: String,
    pub customer_id: Option<i64>,
    pub portal_user_id: Option<i64>,
    pub reason: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// The customer's name, when one is linked.
    pub customer_name: Option<String>,
}

const COLUMNS: &str = "r.id, r.tenant_id, r.mode, r.status, r.name, r.email, r.language, \
     r.customer_number, r.company, r.message, r.customer_id, r.portal_user_id, r.reason, \
     r.decided_at, r.created_at, cu.display_name AS customer_name \
     FROM registrations r LEFT JOIN customers cu ON cu.id = r.customer_id";

/// Adds "the registration belongs to one of these tenants" (`None`: all).
fn tenants_filter(sql: &mut Sql, tenants: Option<&[TenantId]>) {
    if let Some(tenants) = tenants {
        sql.push(" AND r.tenant_id IN ")
            .bind_list(tenants.iter().copied());
    }
}

/// The registrations of the given statuses, newest first, at most `limit`.
pub async fn list(
    db: &Db,
    tenants: Option<&[TenantId]>,
    statuses: &[&str],
    limit: i64,
) -> Result<Vec<Registration>> {
    let mut sql = Sql::new(format!("SELECT {COLUMNS} WHERE r.status IN "));
    sql.bind_list(statuses.iter().copied());
    tenants_filter(&mut sql, tenants);
    sql.push(" ORDER BY r.created_at DESC, r.id DESC LIMIT ");
    sql.bind(limit);
    db.fetch_all(sql).await
}

/// One registration, `None` when it is unknown or of another tenant.
pub async fn get(db: &Db, id: i64, tenants: Option<&[TenantId]>) -> Result<Option<Registration>> {
    let mut sql = Sql::new(format!("SELECT {COLUMNS} WHERE r.id = $1")).arg(id);
    tenants_filter(&mut sql, tenants);
    db.fetch_optional(sql).await
}

/// What identifies a customer besides the number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Proof {
    /// Private customers: the date of birth.
    BirthDate(NaiveDate),
    /// Corporate customers: the postcode, compared without spaces.
    Postcode(String),
}

/// A customer number as compared: lower case, without spaces and hyphens
/// (people type `kd 100001` for `KD-100001`).
pub fn normalize_number(number: &str) -> String {
    number
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The customers of `tenant` with this customer number and proof, with
/// whether each already has a portal user (their own, or one of their
/// organization).
pub async fn matching_customers(
    tx: &mut Tx,
    tenant: TenantId,
    number: &str,
    proof: &Proof,
) -> Result<Vec<(CustomerId, bool)>> {
    let scope = Scope::customers(kp_domain::CustomerSet::Tenants(vec![tenant]));
    let mut q = Scoped::new(&scope);
    q.push(
        "SELECT cu.id, CAST(CASE WHEN EXISTS (SELECT 1 FROM portal_users pu WHERE pu.customer_id = cu.id \
         OR (cu.organization_id IS NOT NULL AND pu.organization_id = cu.organization_id)) \
         THEN 1 ELSE 0 END AS BIGINT) AS has_user FROM customers cu \
         WHERE REPLACE(REPLACE(LOWER(cu.external_id), ' ', ''), '-', '') = ",
    )
    .bind(normalize_number(number))
    .push(" AND cu.kind = ");
    match proof {
        Proof::BirthDate(date) => {
            q.bind(CustomerKind::Person)
                .push(" AND cu.birth_date = ")
                .bind(*date);
        }
        Proof::Postcode(code) => {
            let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
            q.bind(CustomerKind::Company)
                .push(" AND REPLACE(cu.postal_code, ' ', '') = ")
                .bind(code);
        }
    }
    q.push(" AND ").customer("cu.id").push(" ORDER BY cu.id");
    let rows: Vec<(i64, i64)> = tx.fetch_all(q.finish()?).await?;
    Ok(rows
        .into_iter()
        .map(|(id, has)| (CustomerId(id), has != 0))
        .collect())
}

/// Whether the customer (or their organization) has a portal user.
pub async fn customer_has_user(tx: &mut Tx, customer: CustomerId) -> Result<bool> {
    let (n,): (i64,) = tx
        .fetch_one(
            Sql::new(
                "SELECT COUNT(*) FROM portal_users pu, customers cu WHERE cu.id = $1 \
                 AND (pu.customer_id = cu.id OR (cu.organization_id IS NOT NULL \
                 AND pu.organization_id = cu.organization_id))",
            )
            .arg(customer),
        )
        .await?;
    Ok(n > 0)
}

/// A pending automatic registration by the hash of its link, unused and
/// unexpired, without using it.
pub async fn find_pending(
    db: &Db,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<Registration>> {
    db.fetch_optional(
        Sql::new(format!(
            "SELECT {COLUMNS} WHERE r.token_hash = $1 AND r.status = $2 AND r.used_at IS NULL \
             AND r.expires_at > $3"
        ))
        .arg(token_hash)
        .arg(status::PENDING)
        .arg(now),
    )
    .await
}

/// Uses the link of a pending registration: one UPDATE that only matches
/// an unused, unexpired one. `None` for unknown, used and expired alike.
pub async fn consume(
    tx: &mut Tx,
    token_hash: &str,
    now: DateTime<Utc>,
) -> Result<Option<(i64, Option<i64>)>> {
    tx.fetch_optional(
        Sql::new(
            "UPDATE registrations SET used_at = $3, status = $4 WHERE token_hash = $1 \
             AND status = $2 AND used_at IS NULL AND expires_at > $3 RETURNING id, customer_id",
        )
        .arg(token_hash)
        .arg(status::PENDING)
        .arg(now)
        .arg(status::VERIFIED),
    )
    .await
}

/// Earlier pending links to the same address for the same customer stop
/// working when a new one is sent.
pub async fn void_pending(
    tx: &mut Tx,
    customer: CustomerId,
    email: &str,
    now: DateTime<Utc>,
) -> Result<u64> {
    tx.execute(
        Sql::new(
            "UPDATE registrations SET used_at = $3 WHERE customer_id = $1 AND email = $2 \
             AND status = $4 AND used_at IS NULL",
        )
        .arg(customer)
        .arg(email)
        .arg(now)
        .arg(status::PENDING),
    )
    .await
}

/// A staff decision on an open request; 0 rows when it is no longer open
/// (decided meanwhile by someone else).
pub struct Decision<'a> {
    pub id: i64,
    pub status: &'a str,
    pub reason: Option<&'a str>,
    pub customer: Option<CustomerId>,
    pub portal_user: Option<PortalUserId>,
    pub staff: StaffUserId,
    pub now: DateTime<Utc>,
}

pub async fn decide(tx: &mut Tx, d: &Decision<'_>) -> Result<u64> {
    tx.execute(
        Sql::new(
            "UPDATE registrations SET status = $1, reason = $2, customer_id = $3, \
             portal_user_id = $4, decided_by = $5, decided_at = $6 WHERE id = $7 AND status = $8",
        )
        .arg(d.status)
        .arg(d.reason)
        .arg(d.customer)
        .arg(d.portal_user)
        .arg(d.staff)
        .arg(d.now)
        .arg(d.id)
        .arg(status::OPEN),
    )
    .await
}

/// Links the portal user a verified registration created.
pub async fn set_portal_user(tx: &mut Tx, id: i64, user: PortalUserId) -> Result<()> {
    tx.execute(
        Sql::new("UPDATE registrations SET portal_user_id = $1 WHERE id = $2")
            .arg(user)
            .arg(id),
    )
    .await?;
    Ok(())
}

/// A customer an approving staff member may pick.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CustomerChoice {
    pub id: i64,
    pub external_id: String,
    pub display_name: String,
    pub postal_code: String,
    pub city: String,
}

/// Customers of `tenant` in the scope whose name or customer number
/// contains `text` (case-insensitive, `%`/`_` literal), at most `limit`.
pub async fn search_customers(
    db: &Db,
    scope: &Scope,
    tenant: TenantId,
    text: &str,
    limit: i64,
) -> Result<Vec<CustomerChoice>> {
    let pattern = format!("%{}%", crate::lists::escape_like(&text.to_lowercase()));
    let mut q = Scoped::new(scope);
    q.push(
        "SELECT cu.id, cu.external_id, cu.display_name, cu.postal_code, cu.city FROM customers cu \
         WHERE cu.tenant_id = ",
    )
    .bind(tenant)
    .push(" AND (LOWER(cu.display_name) LIKE ")
    .bind(pattern.clone())
    .push(" ESCAPE '\\' OR LOWER(cu.external_id) LIKE ")
    .bind(pattern)
    .push(" ESCAPE '\\') AND ")
    .customer("cu.id")
    .push(" ORDER BY cu.display_name, cu.id LIMIT ")
    .bind(limit);
    db.fetch_all(q.finish()?).await
}

/// The customer, if it belongs to `tenant` and the scope.
pub async fn customer_in_scope(
    tx: &mut Tx,
    scope: &Scope,
    tenant: TenantId,
    customer: CustomerId,
) -> Result<bool> {
    let mut q = Scoped::new(scope);
    q.push("SELECT COUNT(*) FROM customers cu WHERE cu.id = ")
        .bind(customer)
        .push(" AND cu.tenant_id = ")
        .bind(tenant)
        .push(" AND ")
        .customer("cu.id");
    let (n,): (i64,) = tx.fetch_one(q.finish()?).await?;
    Ok(n > 0)
}

/// Appends a row to the back office's event feed (`events`, through
/// [`crate::events::append`], so it is in the tenant's API feed), in the
/// caller's transaction, so the event exists exactly when the change does.
pub async fn append_event(
    tx: &mut Tx,
    tenant: i64,
    event_type: &str,
    customer: Option<CustomerId>,
    payload: &serde_json::Value,
    now: DateTime<Utc>,
) -> Result<()> {
    let mut payload = payload.clone();
    if let (Some(map), Some(customer)) = (payload.as_object_mut(), customer) {
        map.insert("customer".to_owned(), customer.0.into());
    }
    crate::events::append(
        tx,
        TenantId(tenant),
        event_type,
        crate::events::ResourceLink {
            kind: "registration",
            link: "",
        },
        &payload,
        now,
    )
    .await?;
    Ok(())
}
