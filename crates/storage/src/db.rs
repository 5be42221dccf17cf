//! The database handle: one enum over the two backends, so that every
//! repository function is written once.

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgArguments, PgPoolOptions, PgRow};
use sqlx::sqlite::{
    SqliteArguments, SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteRow,
    SqliteSynchronous,
};
use sqlx::{Arguments, FromRow, PgPool, Postgres, Sqlite, SqlitePool};

use crate::Result;
use crate::args::{Arg, Sql};
use crate::error::StorageError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A pool per backend. SQLite gets a single-connection writer pool beside
/// the readers: SQLite allows one writer at a time, and queueing writers in
/// the pool is cheaper and fairer than letting them spin on `SQLITE_BUSY`.
#[derive(Debug, Clone)]
pub enum Db {
    Sqlite { read: SqlitePool, write: SqlitePool },
    Postgres(PgPool),
}

/// A transaction on either backend.
pub enum Tx {
    Sqlite(sqlx::Transaction<'static, Sqlite>),
    Postgres(sqlx::Transaction<'static, Postgres>),
}

/// Row types readable from both backends.
pub trait Row: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin {}
impl<T> Row for T where T: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin
{}

/// Declares a method that runs SQL text: crate-private, so that no code
/// outside storage can read customer data without the scope predicate;
/// public with the `raw-sql` feature, which only test support and tests
/// enable (CI builds the binary without it, so a use in a production
/// crate fails to compile there).
macro_rules! raw_sql_method {
    ($(#[$meta:meta])* fn $name:ident $($rest:tt)*) => {
        #[cfg(feature = "raw-sql")]
        $(#[$meta])*
        pub async fn $name $($rest)*
        #[cfg(not(feature = "raw-sql"))]
        $(#[$meta])*
        #[allow(dead_code)]
        pub(crate) async fn $name $($rest)*
    };
}

impl Db {
    /// Opens the database named by `url`. `sqlite:` URLs create the file
    /// (but not its directory); `postgres:` URLs must reach a server. Any
    /// other scheme is refused so that a typo never silently creates a new,
    /// empty database somewhere else.
    pub async fn connect(url: &str) -> Result<Db> {
        let scheme = url.split(':').next().unwrap_or_default();
        match scheme {
            "sqlite" => Self::connect_sqlite(url).await,
            "postgres" | "postgresql" => Self::connect_postgres(url).await,
            _ => Err(StorageError::Config(format!(
                "database URL has unknown scheme {scheme:?}: use sqlite:PATH or postgres://… \
                 (setting --database-url / KUNDENPORTAL_DATABASE_URL)"
            ))),
        }
    }

    async fn connect_sqlite(url: &str) -> Result<Db> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|e| StorageError::Config(format!("invalid SQLite URL {url:?}: {e}")))?;
        let path = options.get_filename().to_path_buf();
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
            && !parent.is_dir()
        {
            return Err(StorageError::Config(format!(
                "directory {} for the SQLite database does not exist \
                 (setting --database-url / KUNDENPORTAL_DATABASE_URL or --data-dir)",
                parent.display()
            )));
        }
        let options = options
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10))
            .pragma("temp_store", "memory")
            .pragma("cache_size", "-32000")
            // Rows a statement may hand over before its thread waits for
            // the caller (sqlx's default: 50): a bulk insert's `RETURNING`
            // gives a thousand at once.
            .row_buffer_size(1024);
        let open_error = |e: sqlx::Error| {
            StorageError::Config(format!(
                "cannot open SQLite database {}: {e}",
                path.display()
            ))
        };
        let write = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options.clone())
            .await
            .map_err(open_error)?;
        let read = SqlitePoolOptions::new()
            .max_connections(8)
            .min_connections(1)
            .connect_with(options.read_only(true))
            .await
            .map_err(open_error)?;
        Ok(Db::Sqlite { read, write })
    }

    async fn connect_postgres(url: &str) -> Result<Db> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(5))
            .connect(url)
            .await
            .map_err(|e| {
                StorageError::Config(format!(
                    "cannot connect to PostgreSQL at {}: {e} \
                     (setting --database-url / KUNDENPORTAL_DATABASE_URL)",
                    redact_url(url)
                ))
            })?;
        Ok(Db::Postgres(pool))
    }

    /// Opens (creating if needed) the SQLite database at `path`.
    pub async fn open_sqlite_file(path: &Path) -> Result<Db> {
        Self::connect(&format!("sqlite://{}", path.display())).await
    }

    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite { .. } => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    pub async fn close(&self) {
        match self {
            Db::Sqlite { read, write } => {
                read.close().await;
                write.close().await;
            }
            Db::Postgres(pool) => pool.close().await,
        }
    }

    pub async fn begin(&self) -> Result<Tx> {
        Ok(match self {
            Db::Sqlite { write, .. } => Tx::Sqlite(write.begin().await?),
            Db::Postgres(pool) => Tx::Postgres(pool.begin().await?),
        })
    }

    raw_sql_method! {
    fn fetch_all<T: Row>(&self, sql: Sql) -> Result<Vec<T>> {
        match self {
            Db::Sqlite { read, .. } => sqlite::fetch_all(read, sql).await,
            Db::Postgres(pool) => pg::fetch_all(pool, sql).await,
        }
    }
    }

    raw_sql_method! {
    fn fetch_optional<T: Row>(&self, sql: Sql) -> Result<Option<T>> {
        match self {
            Db::Sqlite { read, .. } => sqlite::fetch_optional(read, sql).await,
            Db::Postgres(pool) => pg::fetch_optional(pool, sql).await,
        }
    }
    }

    raw_sql_method! {
    fn fetch_one<T: Row>(&self, sql: Sql) -> Result<T> {
        self.fetch_optional(sql)
            .await?
            .ok_or(StorageError::NotFound)
    }
    }

    raw_sql_method! {
    /// Runs a single write statement outside an explicit transaction.
    fn execute(&self, sql: Sql) -> Result<u64> {
        match self {
            Db::Sqlite { write, .. } => sqlite::execute(write, sql).await,
            Db::Postgres(pool) => pg::execute(pool, sql).await,
        }
    }
    }

    /// Checks that the database answers; used by `/readyz`.
    pub async fn ping(&self) -> Result<()> {
        let _: (i64,) = self.fetch_one(Sql::new("SELECT CAST(1 AS BIGINT)")).await?;
        Ok(())
    }
}

impl Tx {
    pub fn backend(&self) -> Backend {
        match self {
            Tx::Sqlite(_) => Backend::Sqlite,
            Tx::Postgres(_) => Backend::Postgres,
        }
    }

    raw_sql_method! {
    fn fetch_all<T: Row>(&mut self, sql: Sql) -> Result<Vec<T>> {
        match self {
            Tx::Sqlite(tx) => sqlite::fetch_all(&mut **tx, sql).await,
            Tx::Postgres(tx) => pg::fetch_all(&mut **tx, sql).await,
        }
    }
    }

    raw_sql_method! {
    fn fetch_optional<T: Row>(&mut self, sql: Sql) -> Result<Option<T>> {
        match self {
            Tx::Sqlite(tx) => sqlite::fetch_optional(&mut **tx, sql).await,
            Tx::Postgres(tx) => pg::fetch_optional(&mut **tx, sql).await,
        }
    }
    }

    raw_sql_method! {
    fn fetch_one<T: Row>(&mut self, sql: Sql) -> Result<T> {
        self.fetch_optional(sql)
            .await?
            .ok_or(StorageError::NotFound)
    }
    }

    raw_sql_method! {
    fn execute(&mut self, sql: Sql) -> Result<u64> {
        match self {
            Tx::Sqlite(tx) => sqlite::execute(&mut **tx, sql).await,
            Tx::Postgres(tx) => pg::execute(&mut **tx, sql).await,
        }
    }
    }

    raw_sql_method! {
    /// Executes several statements separated by `;` without bind values
    /// (migrations).
    fn execute_script(&mut self, script: &str) -> Result<()> {
        match self {
            Tx::Sqlite(tx) => {
                sqlx::raw_sql(script).execute(&mut **tx).await?;
            }
            Tx::Postgres(tx) => {
                sqlx::raw_sql(script).execute(&mut **tx).await?;
            }
        }
        Ok(())
    }
    }

    raw_sql_method! {
    /// Inserts a row and returns its generated id (`RETURNING id` works on
    /// both backends).
    fn insert_returning_id(&mut self, mut sql: Sql) -> Result<i64> {
        sql.push(" RETURNING id");
        let (id,): (i64,) = self.fetch_one(sql).await?;
        Ok(id)
    }
    }

    pub async fn commit(self) -> Result<()> {
        match self {
            Tx::Sqlite(tx) => tx.commit().await?,
            Tx::Postgres(tx) => tx.commit().await?,
        }
        Ok(())
    }
}

fn redact_url(url: &str) -> String {
    // postgres://user:secret@host/db -> postgres://user:***@host/db
    match (url.find("://"), url.rfind('@')) {
        (Some(start), Some(at)) if at > start => {
            let creds = &url[start + 3..at];
            match creds.find(':') {
                Some(colon) => {
                    format!("{}{}:***{}", &url[..start + 3], &creds[..colon], &url[at..])
                }
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

macro_rules! backend_module {
    ($name:ident, $db:ty, $args:ty, $prepare:expr) => {
        mod $name {
            use super::*;

            pub(super) fn arguments(sql: Sql) -> Result<(String, $args)> {
                let (text, values) = $prepare(sql)?;
                let mut out = <$args>::default();
                // The values are moved, not copied: a bulk statement
                // carries tens of thousands.
                for arg in values {
                    let added = match arg {
                        Arg::I64(v) => out.add(v),
                        Arg::Text(v) => out.add(v),
                        Arg::Bool(v) => out.add(v),
                        Arg::Date(v) => out.add(v),
                        Arg::Time(v) => out.add(v),
                    };
                    added.map_err(|e| StorageError::Corrupt(format!("cannot bind value: {e}")))?;
                }
                Ok((text, out))
            }

            pub(super) async fn fetch_all<'e, E, T>(ex: E, sql: Sql) -> Result<Vec<T>>
            where
                E: sqlx::Executor<'e, Database = $db>,
                T: Row,
            {
                let (text, args) = arguments(sql)?;
                Ok(sqlx::query_as_with::<_, T, _>(&text, args)
                    .fetch_all(ex)
                    .await?)
            }

            pub(super) async fn fetch_optional<'e, E, T>(ex: E, sql: Sql) -> Result<Option<T>>
            where
                E: sqlx::Executor<'e, Database = $db>,
                T: Row,
            {
                let (text, args) = arguments(sql)?;
                Ok(sqlx::query_as_with::<_, T, _>(&text, args)
                    .fetch_optional(ex)
                    .await?)
            }

            pub(super) async fn execute<'e, E>(ex: E, sql: Sql) -> Result<u64>
            where
                E: sqlx::Executor<'e, Database = $db>,
            {
                let (text, args) = arguments(sql)?;
                Ok(sqlx::query_with(&text, args)
                    .execute(ex)
                    .await?
                    .rows_affected())
            }
        }
    };
}

type Prepared = (String, Vec<Arg>);

fn prepare_sqlite(sql: Sql) -> Result<Prepared> {
    if sql.anonymous {
        return Ok((sql.text, sql.args));
    }
    crate::placeholders::anonymous(&sql)
        .map(|(text, args)| (text, args.into_iter().cloned().collect()))
}

fn prepare_postgres(sql: Sql) -> Result<Prepared> {
    Ok((sql.text, sql.args))
}

backend_module!(sqlite, Sqlite, SqliteArguments<'static>, prepare_sqlite);
backend_module!(pg, Postgres, PgArguments, prepare_postgres);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_in_urls_are_redacted() {
        assert_eq!(
            redact_url("postgres://u:secret@h:5432/db"),
            "postgres://u:***@h:5432/db"
        );
        assert_eq!(redact_url("postgres://h/db"), "postgres://h/db");
    }
}
