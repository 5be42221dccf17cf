//! Portal users' acceptance of the terms of use and the privacy notice
//! (D5), and the session flag that makes the consent gate cheap.

use chrono::{DateTime, Utc};
use kp_domain::{CustomerId, PortalUserId, TenantId};

use crate::Result;
use crate::args::Sql;
use crate::db::Db;

/// One accepted document version.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Consent {
    pub document_kind: String,
    pub version: String,
    pub accepted_at: DateTime<Utc>,
}

/// Everything the user has accepted, the latest first.
pub async fn of_user(db: &Db, user: PortalUserId) -> Result<Vec<Consent>> {
    db.fetch_all(
        Sql::new(
            "SELECT document_kind, version, accepted_at FROM consents \
             WHERE portal_user_id = $1 ORDER BY accepted_at DESC, id DESC",
        )
        .arg(user),
    )
    .await
}

/// Whether the user has accepted this version of this document.
pub async fn has_accepted(db: &Db, user: PortalUserId, kind: &str, version: &str) -> Result<bool> {
    let row: Option<(i64,)> = db
        .fetch_optional(
            Sql::new(
                "SELECT id FROM consents WHERE portal_user_id = $1 AND document_kind = $2 \
                 AND version = $3 LIMIT 1",
            )
            .arg(user)
            .arg(kind)
            .arg(version),
        )
        .await?;
    Ok(row.is_some())
}

/// Records the acceptance of `documents` (kind, version) with the event the
/// back office reads ("consent given"), and clears the consent flag of the
/// user's sessions, all in one transaction.
pub async fn accept(
    db: &Db,
    user: PortalUserId,
    customer: Option<CustomerId>,
    tenant: Option<TenantId>,
    documents: &[(&str, String)],
    now: DateTime<Utc>,
) -> Result<()> {
    let mut tx = db.begin().await?;
    for (kind, version) in documents {
        tx.execute(
            Sql::new(
                "INSERT INTO consents (portal_user_id, document_kind, version, accepted_at) \
                 VALUES ($1, $2, $3, $4)",
            )
            .arg(user)
            .arg(*kind)
            .arg(version)
            .arg(now),
        )
        .await?;
    }
    let payload = serde_json::json!({
        "portal_user_id": user.0,
        "customer_id": customer.map(|c| c.0),
        "documents": documents
            .iter()
            .map(|(kind, version)| serde_json::json!({"kind": kind, "version": version}))
            .collect::<Vec<_>>(),
    });
    match tenant {
        // In the tenant's API feed (`GET /api/v1/events`).
        Some(tenant) => {
            crate::events::append(
                &mut tx,
                tenant,
                "consent.given",
                crate::events::ResourceLink {
                    kind: "portal_user",
                    link: "",
                },
                &payload,
                now,
            )
            .await?;
        }
        None => {
            tx.execute(
                Sql::new(
                    "INSERT INTO events (event_type, customer_id, payload, created_at) \
                     VALUES ('consent.given', $1, $2, $3)",
                )
                .arg(customer)
                .arg(payload.to_string())
                .arg(now),
            )
            .await?;
        }
    }
    tx.execute(
        Sql::new("UPDATE sessions SET consent_check = FALSE WHERE portal_user_id = $1").arg(user),
    )
    .await?;
    tx.commit().await
}

/// The check found nothing missing: the session is let through without
/// asking again until the flag is set anew.
pub async fn checked(db: &Db, session: i64) -> Result<()> {
    db.execute(Sql::new("UPDATE sessions SET consent_check = FALSE WHERE id = $1").arg(session))
        .await?;
    Ok(())
}

/// A new version was published: every portal user's session is checked
/// again on its next request.
pub async fn recheck_all(db: &Db) -> Result<u64> {
    db.execute(Sql::new(
        "UPDATE sessions SET consent_check = TRUE WHERE portal_user_id IS NOT NULL",
    ))
    .await
}

/// Records an acceptance inside a transaction, without event (the demo
/// loader's: the users "accepted" when they signed up).
pub async fn insert_in(
    tx: &mut crate::db::Tx,
    user: PortalUserId,
    kind: &str,
    version: &str,
    at: DateTime<Utc>,
) -> Result<()> {
    tx.execute(
        Sql::new(
            "INSERT INTO consents (portal_user_id, document_kind, version, accepted_at) \
             VALUES ($1, $2, $3, $4)",
        )
        .arg(user)
        .arg(kind)
        .arg(version)
        .arg(at),
    )
    .await?;
    Ok(())
}
