//! Demo data tests. Everything runs on SQLite in a temp dir; with
//! `KUNDENPORTAL_TEST_POSTGRES_URL` set the small set is also loaded into a
//! fresh PostgreSQL database that is dropped afterwards.

mod backends;
mod large;
mod small;
