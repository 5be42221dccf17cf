//! Middleware every request passes, outermost first: client address,
//! request id, metrics, security headers, no-store for signed-in users,
//! error pages, the anonymous form token.

pub mod anon_csrf;
pub mod client_addr;
pub mod error_pages;
pub mod metrics;
pub mod no_store;
pub mod request_id;
pub mod security_headers;
