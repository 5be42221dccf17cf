//! Changing a user's login e-mail: the user row and the identity table
//! (`login_identities`) change together, in the caller's transaction, so
//! an address taken by another login fails as a whole
//! (`UniqueViolation`) and nothing changes.

use chrono::{DateTime, Utc};

use crate::Result;
use crate::args::Sql;
use crate::db::{Db, Tx};
use crate::users::{UserRef, normalize_email};

/// Whether any staff or portal user signs in with this e-mail.
pub async fn taken(db: &Db, email: &str) -> Result<bool> {
    let (n,): (i64,) = db
        .fetch_one(
            Sql::new("SELECT COUNT(*) FROM login_identities WHERE email = $1")
                .arg(normalize_email(email)),
        )
        .await?;
    Ok(n > 0)
}

/// [`taken`] inside a transaction.
pub async fn taken_in(tx: &mut Tx, email: &str) -> Result<bool> {
    let (n,): (i64,) = tx
        .fetch_one(
            Sql::new("SELECT COUNT(*) FROM login_identities WHERE email = $1")
                .arg(normalize_email(email)),
        )
        .await?;
    Ok(n > 0)
}

/// Sets the user's e-mail (normalized) and moves their login identity to
/// it. `NotFound` when the user has no identity.
pub async fn change(tx: &mut Tx, user: UserRef, email: &str, now: DateTime<Utc>) -> Result<()> {
    let email = normalize_email(email);
    let (table, column, id) = match user {
        UserRef::Staff(id) => ("staff_users", "staff_user_id", id.0),
        UserRef::Portal(id) => ("portal_users", "portal_user_id", id.0),
    };
    let moved = tx
        .execute(
            Sql::new(format!(
                "UPDATE login_identities SET email = $1 WHERE {column} = $2"
            ))
            .arg(email.as_str())
            .arg(id),
        )
        .await?;
    if moved == 0 {
        return Err(crate::StorageError::NotFound);
    }
    tx.execute(
        Sql::new(format!(
            "UPDATE {table} SET email = $1, updated_at = $2 WHERE id = $3"
        ))
        .arg(email.as_str())
        .arg(now)
        .arg(id),
    )
    .await?;
    Ok(())
}
