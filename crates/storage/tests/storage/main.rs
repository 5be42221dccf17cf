//! Storage test suite. Every test runs on SQLite; with
//! `KUNDENPORTAL_TEST_POSTGRES_URL` set it runs on PostgreSQL too, each run
//! in a fresh database that is dropped afterwards.

mod backends;
mod migrations;
mod reference;
mod scope_property;
mod sessions;
