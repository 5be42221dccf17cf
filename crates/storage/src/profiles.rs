//! Permission profiles as staff administrators manage them (D2): the
//! list, one profile, changes guarded by the `updated_at` the form was
//! opened with, deletion of an unused profile, and the assignment to a
//! portal user. A staff member sees the broker-wide profiles and those of
//! the organizations with a customer in their scope; another
//! organization's profile is not found. Inserts are
//! [`crate::write::permission_profiles`].

use chrono::{DateTime, Utc};
use kp_domain::{OrganizationId, PermissionProfileId, PortalUserId, Scope};

use crate::args::Sql;
use crate::db::{Db, Tx};
use crate::scope_sql::Scoped;
use crate::{Result, StorageError};

/// One profile with its organization and how many users have it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ProfileRow {
    pub id: i64,
    /// `None`: broker-wide.
    pub organization_id: Option<i64>,
    pub organization_name: Option<String>,
    pub name: String,
    menu_areas: String,
    functions: String,
    hidden_fields: String,
    pub users: i64,
    pub updated_at: DateTime<Utc>,
}

impl ProfileRow {
    /// The stored keys of the menu areas, functions and hidden fields, as
    /// stored (unknown keys included; the caller decides what they mean).
    pub fn lists(&self) -> Result<(Vec<String>, Vec<String>, Vec<String>)> {
        Ok((
            strings(&self.menu_areas)?,
            strings(&self.functions)?,
            strings(&self.hidden_fields)?,
        ))
    }
}

fn strings(text: &str) -> Result<Vec<String>> {
    serde_json::from_str(text).map_err(|e| StorageError::Corrupt(format!("profile list: {e}")))
}

fn json(items: &[String]) -> Result<String> {
    serde_json::to_string(items).map_err(|e| StorageError::Corrupt(e.to_string()))
}

/// What the profile form changes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProfileData {
    pub name: String,
    pub menu_areas: Vec<String>,
    pub functions: Vec<String>,
    pub hidden_fields: Vec<String>,
}

fn select(q: &mut Scoped<'_>) {
    q.push(
        "SELECT pp.id, pp.organization_id, o.name AS organization_name, pp.name, \
         pp.menu_areas, pp.functions, pp.hidden_fields, \
         (SELECT COUNT(*) FROM portal_users pu WHERE pu.permission_profile_id = pp.id) AS users, \
         pp.updated_at FROM permission_profiles pp \
         LEFT JOIN organizations o ON o.id = pp.organization_id WHERE ",
    );
    visible(q, "pp.organization_id");
}

/// Broker-wide, or an organization with a customer in the scope.
fn visible(q: &mut Scoped<'_>, col: &str) {
    q.push("(")
        .push(col)
        .push(" IS NULL OR EXISTS (SELECT 1 FROM customers vc WHERE vc.organization_id = ")
        .push(col)
        .push(" AND ")
        .customer("vc.id")
        .push("))");
}

/// The profiles of the scope: broker-wide first, then by organization and
/// name; `organization` limits them to one organization's.
pub async fn list(
    db: &Db,
    scope: &Scope,
    organization: Option<OrganizationId>,
) -> Result<Vec<ProfileRow>> {
    let mut q = Scoped::new(scope);
    select(&mut q);
    if let Some(org) = organization {
        q.push(" AND pp.organization_id = ").bind(org);
    }
    q.push(
        " ORDER BY CASE WHEN pp.organization_id IS NULL THEN 0 ELSE 1 END, o.name, pp.name, pp.id",
    );
    db.fetch_all(q.finish()?).await
}

/// The profiles a user of `organization` (`None`: a private customer's
/// user) may be given: the broker-wide ones and the organization's.
pub async fn assignable(
    db: &Db,
    scope: &Scope,
    organization: Option<OrganizationId>,
) -> Result<Vec<ProfileRow>> {
    let mut q = Scoped::new(scope);
    select(&mut q);
    q.push(" AND (pp.organization_id IS NULL");
    if let Some(org) = organization {
        q.push(" OR pp.organization_id = ").bind(org);
    }
    q.push(") ORDER BY CASE WHEN pp.organization_id IS NULL THEN 0 ELSE 1 END, pp.name, pp.id");
    db.fetch_all(q.finish()?).await
}

fn one(scope: &Scope, id: PermissionProfileId) -> Result<Sql> {
    let mut q = Scoped::new(scope);
    select(&mut q);
    q.push(" AND pp.id = ").bind(id);
    q.finish()
}

/// The profile, when in the scope.
pub async fn get(db: &Db, scope: &Scope, id: PermissionProfileId) -> Result<Option<ProfileRow>> {
    db.fetch_optional(one(scope, id)?).await
}

/// [`get`] in the transaction of a change.
pub async fn get_in(
    tx: &mut Tx,
    scope: &Scope,
    id: PermissionProfileId,
) -> Result<Option<ProfileRow>> {
    tx.fetch_optional(one(scope, id)?).await
}

/// Saves the form, when the row still has the `updated_at` read in this
/// transaction; `false` when it changed meanwhile.
pub async fn update(
    tx: &mut Tx,
    id: PermissionProfileId,
    seen: DateTime<Utc>,
    data: &ProfileData,
    now: DateTime<Utc>,
) -> Result<bool> {
    let sql = Sql::new(
        "UPDATE permission_profiles SET name = $1, menu_areas = $2, functions = $3, \
         hidden_fields = $4, updated_at = $5 WHERE id = $6 AND updated_at = $7",
    )
    .arg(&data.name)
    .arg(json(&data.menu_areas)?)
    .arg(json(&data.functions)?)
    .arg(json(&data.hidden_fields)?)
    .arg(now)
    .arg(id)
    .arg(seen);
    Ok(tx.execute(sql).await? == 1)
}

/// Deletes the profile when it is unchanged since `seen` and no user has
/// it; `false` otherwise.
pub async fn delete_unused(
    tx: &mut Tx,
    id: PermissionProfileId,
    seen: DateTime<Utc>,
) -> Result<bool> {
    let sql = Sql::new(
        "DELETE FROM permission_profiles WHERE id = $1 AND updated_at = $2 AND NOT EXISTS \
         (SELECT 1 FROM portal_users pu WHERE pu.permission_profile_id = $1)",
    )
    .arg(id)
    .arg(seen);
    Ok(tx.execute(sql).await? == 1)
}

/// The user's organization (`None` for a private customer's user) and
/// current profile, read in the transaction of an assignment.
pub async fn user_owner(
    tx: &mut Tx,
    user: PortalUserId,
) -> Result<(Option<OrganizationId>, Option<PermissionProfileId>)> {
    let (org, profile): (Option<i64>, Option<i64>) = tx
        .fetch_one(
            Sql::new(
                "SELECT organization_id, permission_profile_id FROM portal_users WHERE id = $1",
            )
            .arg(user),
        )
        .await?;
    Ok((org.map(OrganizationId), profile.map(PermissionProfileId)))
}

/// Gives the user the profile (`None`: no profile, everything), when the
/// user row still has `seen`; `false` when it changed meanwhile.
pub async fn assign(
    tx: &mut Tx,
    user: PortalUserId,
    profile: Option<PermissionProfileId>,
    seen: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<bool> {
    let sql = Sql::new(
        "UPDATE portal_users SET permission_profile_id = $1, updated_at = $2 \
         WHERE id = $3 AND updated_at = $4",
    )
    .arg(profile)
    .arg(now)
    .arg(user)
    .arg(seen);
    Ok(tx.execute(sql).await? == 1)
}
