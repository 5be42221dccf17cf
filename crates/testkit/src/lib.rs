//! Test support for the Kundenportal crates, used only as a
//! dev-dependency: fresh databases on SQLite and (when configured)
//! PostgreSQL, shared data set-ups, and a real in-process SMTP server that records what it
//! receives. Helpers panic on set-up failure: a test that cannot set up
//! must fail loudly.

#![allow(clippy::unwrap_used, clippy::expect_used)] // set-up failures must abort the test

pub mod db;
pub mod fixtures;
pub mod smtp;
