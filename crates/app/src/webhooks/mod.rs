//! Webhooks (issue 11, E2): the tenant's events, POSTed signed to the
//! endpoints its administrators register.
//!
//! - [`admin`]: the use cases of `/settings/webhooks`.
//! - [`endpoint_input`]: checks of URL and event types.
//! - [`signing`]: secrets and the HMAC-SHA256 signature.
//! - [`targets`]: which addresses a webhook may go to (no SSRF).
//! - [`client`]: the HTTP client (hyper, rustls; no redirects, one deadline).
//! - [`delivery`]: the worker's step with retries, giving up and disabling.
//!
//! Deliveries are made by `kp_storage::events::append` in the transaction
//! of the event (see docs/api.md, "Webhooks", for why there).

pub mod admin;
pub mod client;
pub mod delivery;
pub mod endpoint_input;
pub mod signing;
pub mod targets;
