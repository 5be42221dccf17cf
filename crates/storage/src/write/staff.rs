//! Staff users of the broker with their tenants.

use chrono::{DateTime, Utc};
use kp_domain::{Language, StaffRole, StaffUserId, TenantId};

use crate::Result;
use crate::args::Sql;
use crate::db::Tx;
use crate::users::{UserRef, normalize_email, register_identity};

#[derive(Debug, Clone)]
pub struct NewStaff {
    /// Stored normalized; must be unique among staff and portal users.
    pub email: String,
    pub name: String,
    pub role: StaffRole,
    pub phone: String,
    pub language: Language,
    /// An argon2 PHC string; `None` for users who cannot log in yet.
    pub password_hash: Option<String>,
    pub active: bool,
    pub tenants: Vec<TenantId>,
    pub created_at: DateTime<Utc>,
}

pub async fn insert(tx: &mut Tx, s: &NewStaff) -> Result<StaffUserId> {
    let sql = Sql::new(
        "INSERT INTO staff_users (email, name, role, phone, language, password_hash, active, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
    )
    .arg(normalize_email(&s.email))
    .arg(&s.name)
    .arg(s.role)
    .arg(&s.phone)
    .arg(s.language.code())
    .arg(s.password_hash.clone())
    .arg(s.active)
    .arg(s.created_at);
    let id = StaffUserId(tx.insert_returning_id(sql).await?);
    register_identity(tx, &s.email, UserRef::Staff(id)).await?;
    for tenant in &s.tenants {
        tx.execute(
            Sql::new("INSERT INTO staff_user_tenants (staff_user_id, tenant_id) VALUES ($1, $2)")
                .arg(id)
                .arg(*tenant),
        )
        .await?;
    }
    Ok(id)
}
