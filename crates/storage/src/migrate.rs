//! Embedded migrations, written once and specialised per dialect by
//! replacing type placeholders. Applied migrations are recorded in
//! `schema_migrations`; each runs in its own transaction, so a failure
//! leaves the schema at the previous version.

use chrono::Utc;

use crate::Result;
use crate::args::Sql;
use crate::db::{Backend, Db};

pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    /// Runs on both databases.
    pub script: &'static str,
    /// Runs after `script` on SQLite only (where the dialects differ in
    /// more than types, e.g. checks added to existing tables).
    pub sqlite: &'static str,
    /// Runs after `script` on PostgreSQL only.
    pub postgres: &'static str,
}

/// In version order; `run` applies every version not yet recorded.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "core",
        script: include_str!("../migrations/0001_core.sql"),
        sqlite: "",
        postgres: "",
    },
    Migration {
        version: 2,
        name: "access rule",
        script: include_str!("../migrations/0002_access_rule.sql"),
        sqlite: include_str!("../migrations/0002_checks_sqlite.sql"),
        postgres: include_str!("../migrations/0002_checks_postgres.sql"),
    },
    Migration {
        version: 3,
        name: "login_throttle",
        script: include_str!("../migrations/0003_login_throttle.sql"),
        sqlite: "",
        postgres: "",
    },
    Migration {
        version: 4,
        name: "premium_history",
        script: include_str!("../migrations/0004_premium_history.sql"),
        sqlite: "",
        postgres: "",
    },
    Migration {
        version: 5,
        name: "document_reads_by_user",
        script: include_str!("../migrations/0005_document_reads_by_user.sql"),
        sqlite: "",
        postgres: "",
    },
    Migration {
        version: 6,
        name: "tenant_keys",
        script: include_str!("../migrations/0006_tenant_keys.sql"),
        sqlite: "",
        postgres: "",
    },
    Migration {
        version: 7,
        name: "api_tokens",
        script: include_str!("../migrations/0007_api_tokens.sql"),
        sqlite: "",
        postgres: "",
    },
    Migration {
        version: 8,
        name: "mail_and_links",
        script: include_str!("../migrations/0008_mail_and_links.sql"),
        sqlite: "",
        postgres: "",
    },
    Migration {
        version: 9,
        name: "account",
        script: include_str!("../migrations/0009_account.sql"),
        sqlite: "",
        postgres: "",
    },
    Migration {
        version: 10,
        name: "two_factor",
        script: include_str!("../migrations/0010_two_factor.sql"),
        sqlite: "",
        postgres: "",
    },
    Migration {
        version: 11,
        name: "sync_api",
        script: include_str!("../migrations/0011_sync_api.sql"),
        sqlite: "",
        postgres: "",
    },
    Migration {
        version: 12,
        name: "registrations",
        script: include_str!("../migrations/0012_registrations.sql"),
        sqlite: "",
        postgres: "",
    },
    Migration {
        version: 13,
        name: "gdv_import",
        script: include_str!("../migrations/0013_gdv_import.sql"),
        sqlite: "",
        postgres: "",
    },
    Migration {
        version: 15,
        name: "webhooks",
        script: include_str!("../migrations/0015_webhooks.sql"),
        sqlite: "",
        postgres: "",
    },
    Migration {
        version: 17,
        name: "api_resources",
        script: include_str!("../migrations/0017_api_resources.sql"),
        sqlite: "",
        postgres: "",
    },
    Migration {
        version: 18,
        name: "event_fan_out",
        script: "",
        sqlite: include_str!("../migrations/0018_event_fan_out_sqlite.sql"),
        postgres: include_str!("../migrations/0018_event_fan_out_postgres.sql"),
    },
    Migration {
        version: 19,
        name: "view_as",
        script: include_str!("../migrations/0019_view_as.sql"),
        sqlite: "",
        postgres: "",
    },
    Migration {
        version: 22,
        name: "claim_wizard",
        script: include_str!("../migrations/0022_claim_wizard.sql"),
        sqlite: "",
        postgres: "",
    },
    Migration {
        version: 23,
        name: "claim_draft_documents",
        script: include_str!("../migrations/0023_claim_draft_documents.sql"),
        sqlite: "",
        postgres: "",
    },
    Migration {
        version: 24,
        name: "claim_approval",
        script: include_str!("../migrations/0024_claim_approval.sql"),
        sqlite: include_str!("../migrations/0024_claim_approval_sqlite.sql"),
        postgres: include_str!("../migrations/0024_claim_approval_postgres.sql"),
    },
    Migration {
        version: 25,
        name: "after_report",
        script: include_str!("../migrations/0025_after_report.sql"),
        sqlite: "",
        postgres: "",
    },
    Migration {
        version: 26,
        name: "task_inbox",
        script: include_str!("../migrations/0026_task_inbox.sql"),
        sqlite: include_str!("../migrations/0026_task_inbox_sqlite.sql"),
        postgres: include_str!("../migrations/0026_task_inbox_postgres.sql"),
    },
    Migration {
        version: 27,
        name: "organization_admin",
        script: include_str!("../migrations/0027_organization_admin.sql"),
        sqlite: "",
        postgres: "",
    },
    Migration {
        version: 28,
        name: "audit_indexes",
        script: include_str!("../migrations/0028_audit_indexes.sql"),
        // The same statements on both databases.
        sqlite: "",
        postgres: "",
    },
    Migration {
        version: 29,
        name: "audit_request_id",
        script: include_str!("../migrations/0029_audit_request_id.sql"),
        sqlite: "",
        postgres: "",
    },
    Migration {
        version: 30,
        name: "event_fan_out_sqlite",
        script: "",
        sqlite: include_str!("../migrations/0030_event_fan_out_sqlite.sql"),
        // PostgreSQL keeps the trigger of migration 18.
        postgres: "",
    },
];

impl Migration {
    /// The whole script for one backend.
    pub fn script_for(&self, backend: Backend) -> String {
        let extra = match backend {
            Backend::Sqlite => self.sqlite,
            Backend::Postgres => self.postgres,
        };
        render(&format!("{}\n{extra}", self.script), backend)
    }
}

/// The SQL of a migration for one backend.
pub fn render(script: &str, backend: Backend) -> String {
    let replacements: [(&str, &str); 5] = match backend {
        Backend::Sqlite => [
            ("{ID}", "INTEGER PRIMARY KEY AUTOINCREMENT"),
            ("{TS}", "TEXT"),
            ("{DATE}", "TEXT"),
            ("{BOOL}", "BOOLEAN"),
            ("{JSON}", "TEXT"),
        ],
        Backend::Postgres => [
            (
                "{ID}",
                "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
            ),
            ("{TS}", "TIMESTAMPTZ"),
            ("{DATE}", "DATE"),
            ("{BOOL}", "BOOLEAN"),
            ("{JSON}", "TEXT"),
        ],
    };
    replacements
        .iter()
        .fold(script.to_owned(), |sql, (from, to)| sql.replace(from, to))
}

/// Applies every pending migration and returns the ones that ran.
pub async fn run(db: &Db) -> Result<Vec<&'static Migration>> {
    let mut tx = db.begin().await?;
    tx.execute_script(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
            version BIGINT PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at TEXT NOT NULL
        )",
    )
    .await?;
    tx.commit().await?;

    let applied: Vec<(i64,)> = db
        .fetch_all(Sql::new("SELECT version FROM schema_migrations"))
        .await?;
    let mut ran = Vec::new();
    for migration in MIGRATIONS {
        if applied.iter().any(|(v,)| *v == migration.version) {
            continue;
        }
        let mut tx = db.begin().await?;
        tx.execute_script(&migration.script_for(db.backend()))
            .await?;
        tx.execute(
            Sql::new(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
            )
            .arg(migration.version)
            .arg(migration.name)
            .arg(Utc::now().to_rfc3339()),
        )
        .await?;
        tx.commit().await?;
        tracing::info!(
            version = migration.version,
            name = migration.name,
            "migration applied"
        );
        ran.push(migration);
    }
    Ok(ran)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_unique_and_ascending() {
        assert!(MIGRATIONS.windows(2).all(|w| w[0].version < w[1].version));
    }

    #[test]
    fn no_placeholder_survives_rendering() {
        for backend in [Backend::Sqlite, Backend::Postgres] {
            for m in MIGRATIONS {
                let sql = m.script_for(backend);
                for placeholder in ["{ID}", "{TS}", "{DATE}", "{BOOL}", "{JSON}"] {
                    assert!(
                        !sql.contains(placeholder),
                        "{placeholder} left in migration {}",
                        m.name
                    );
                }
            }
        }
    }
}
