//! The database: one pool over SQLite or PostgreSQL, the same SQL for both.
//!
//! Queries use `$N` placeholders, which both SQLite and PostgreSQL read, and
//! only the types both share (TEXT, BIGINT), so one schema and one set of
//! queries serve the embedded default and a territory's shared server.

use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Row};
use std::time::Duration;

/// The migrations shipped with the server, applied in order at start.
const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("../migrations/0001_workshop.sql")),
    (
        2,
        include_str!("../migrations/0002_idempotency_age_and_body.sql"),
    ),
];

/// Which database is behind the pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// An embedded SQLite file.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// The storage of the server.
#[derive(Clone)]
pub struct Store {
    /// The pool every query goes through.
    pub pool: AnyPool,
    /// Which database it is.
    pub backend: Backend,
}

/// Turns `--db` into a connection URL: a bare path is an SQLite file.
pub fn database_url(db: &str) -> (String, Backend) {
    if db.starts_with("postgres://") || db.starts_with("postgresql://") {
        (db.to_string(), Backend::Postgres)
    } else if db.starts_with("sqlite:") {
        (db.to_string(), Backend::Sqlite)
    } else {
        (format!("sqlite://{db}?mode=rwc"), Backend::Sqlite)
    }
}

impl Store {
    /// Opens the database (creating an SQLite file on first start) and applies migrations.
    pub async fn open(db: &str) -> Result<Store, sqlx::Error> {
        sqlx::any::install_default_drivers();
        let (url, backend) = database_url(db);
        let options = AnyPoolOptions::new().acquire_timeout(Duration::from_secs(10));
        let pool = match backend {
            // One connection: SQLite has one writer anyway, and a single connection
            // never meets SQLITE_BUSY on a read transaction that turns into a write.
            Backend::Sqlite => {
                options
                    .max_connections(1)
                    .after_connect(|conn, _| {
                        Box::pin(async move {
                            // WAL: a committed transaction is in the log before the answer
                            // is acknowledged; FULL: the log is synced at each commit.
                            sqlx::raw_sql("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;")
                                .execute(conn)
                                .await?;
                            Ok(())
                        })
                    })
                    .connect(&url)
                    .await?
            }
            Backend::Postgres => options.max_connections(16).connect(&url).await?,
        };
        let store = Store { pool, backend };
        store.migrate().await?;
        Ok(store)
    }

    /// Applies the migrations not yet recorded in `schema_migrations`.
    async fn migrate(&self) -> Result<(), sqlx::Error> {
        sqlx::raw_sql(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL)",
        )
        .execute(&self.pool)
        .await?;
        for (version, sql) in MIGRATIONS {
            let done: Option<AnyRow> =
                sqlx::query("SELECT version FROM schema_migrations WHERE version = $1")
                    .bind(*version)
                    .fetch_optional(&self.pool)
                    .await?;
            if done.is_some() {
                continue;
            }
            let mut tx = self.pool.begin().await?;
            sqlx::raw_sql(*sql).execute(&mut *tx).await?;
            sqlx::query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)")
                .bind(*version)
                .bind(crate::now())
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
        }
        Ok(())
    }
}

impl Store {
    /// Forgets the idempotency keys older than [`crate::limits::IDEMPOTENCY_DAYS`]; returns how many.
    pub async fn prune_idempotency(&self) -> Result<u64, sqlx::Error> {
        let age = time::Duration::days(crate::limits::IDEMPOTENCY_DAYS);
        let cutoff = (time::OffsetDateTime::now_utc() - age)
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default();
        let done = sqlx::query("DELETE FROM idempotency WHERE created_at < $1")
            .bind(cutoff)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }
}

/// `--db` as it may be printed: the password of a URL (`postgres://user:SECRET@host/db`) as `***`.
pub fn redact(db: &str) -> String {
    match password_span(db) {
        Some((start, end)) => format!("{}***{}", &db[..start], &db[end..]),
        None => db.to_string(),
    }
}

/// `message` with the password of `db`, wherever it appears, replaced by `***`.
pub fn redact_in(message: &str, db: &str) -> String {
    match password_span(db) {
        Some((start, end)) => message.replace(&db[start..end], "***"),
        None => message.to_string(),
    }
}

/// Where the password of a URL `scheme://user:password@host…` lies in it.
fn password_span(db: &str) -> Option<(usize, usize)> {
    let authority_start = db.find("://")? + 3;
    let authority_end = db[authority_start..]
        .find(['/', '?', '#'])
        .map_or(db.len(), |i| authority_start + i);
    let at = db[authority_start..authority_end].rfind('@')? + authority_start;
    let colon = db[authority_start..at].find(':')? + authority_start;
    (colon + 1 < at).then_some((colon + 1, at))
}

/// Reads a nullable text column.
pub fn opt_text(row: &AnyRow, column: &str) -> Option<String> {
    row.try_get::<Option<String>, _>(column).ok().flatten()
}

/// Reads a text column (empty when absent).
pub fn text(row: &AnyRow, column: &str) -> String {
    opt_text(row, column).unwrap_or_default()
}

/// Reads an integer column (0 when absent).
pub fn int(row: &AnyRow, column: &str) -> i64 {
    row.try_get::<i64, _>(column).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_password_is_never_printed() {
        let db = "postgres://domino:s3cr%40t@db.example.org:5432/ateliers?sslmode=require";
        assert_eq!(
            redact(db),
            "postgres://domino:***@db.example.org:5432/ateliers?sslmode=require"
        );
        assert_eq!(
            redact_in("password authentication failed for s3cr%40t", db),
            "password authentication failed for ***"
        );
        for plain in [
            "postgres://domino@db/ateliers",
            "domino-workshops.db",
            "sqlite://x.db",
        ] {
            assert_eq!(redact(plain), plain);
        }
    }
}
