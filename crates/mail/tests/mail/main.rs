//! Integration tests of kp-mail against a real SMTP server
//! (`mailin-embedded`) running in-process on a loopback port.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod send;
