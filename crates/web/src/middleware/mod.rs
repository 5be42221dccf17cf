//! Middleware every request passes, outermost first: request id, metrics,
//! security headers, error pages, the anonymous form token.

pub mod anon_csrf;
pub mod error_pages;
pub mod metrics;
pub mod request_id;
pub mod security_headers;
