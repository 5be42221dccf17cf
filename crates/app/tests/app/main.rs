//! Integration tests of kp-app against real infrastructure: a SQLite
//! database in a temporary directory and an SMTP server (`mailin-embedded`)
//! running in-process on a loopback port.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod gdv_import;
mod harness;
mod login;
mod mail_templates;
mod outbox;
use kp_testkit::smtp;
