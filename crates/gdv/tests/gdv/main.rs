//! Integration tests of the GDV reader, one binary with modules to keep linking cheap.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod fixtures;
mod input;
mod props;
mod samples;
mod snapshot;
mod typed;
