//! Storage test suite. Every test runs on SQLite; with
//! `KUNDENPORTAL_TEST_POSTGRES_URL` set it runs on PostgreSQL too, each run
//! in a fresh database that is dropped afterwards.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests fail loudly by design

use kp_testkit::db as backends;
mod access;
mod bulk_rows;
mod login_attempts;
mod migrations;
mod outbox;
mod reference;
mod schema_rules;
mod scope_property;
mod sessions;
mod settings;
mod world;
