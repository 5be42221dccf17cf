//! Demo data tests. Everything runs on SQLite in a temp dir; with
//! `KUNDENPORTAL_TEST_POSTGRES_URL` set the small set is also loaded into a
//! fresh PostgreSQL database that is dropped afterwards.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod backends;
mod large;
mod small;
