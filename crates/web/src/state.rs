//! Shared state of the web layer.

use std::path::PathBuf;
use std::sync::Arc;

use kp_app::App;
use metrics_exporter_prometheus::PrometheusHandle;

use crate::assets::Assets;
use crate::cidr::Cidr;
use crate::templates::Templates;
use crate::theme::Themes;

#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Set cookies with `Secure` and send HSTS; true when the portal's
    /// public URL is https.
    pub secure_cookies: bool,
    pub body_limit_bytes: usize,
    /// The largest welcome video upload (`/settings/home/video`), which
    /// alone is exempt from `body_limit_bytes`.
    pub video_upload_limit_bytes: usize,
    pub request_timeout_secs: u64,
    pub broker_name: String,
    /// Peers whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<Cidr>,
    /// Clients that may read `/metrics`.
    pub metrics_allow: Vec<Cidr>,
    /// The folder of the custom theme (`<data-dir>/theme`).
    pub theme_dir: Option<PathBuf>,
    /// The largest JSON body of an API request (and the longest line of a
    /// bulk body, which as a whole is streamed and not limited).
    pub api_body_limit_bytes: usize,
    /// Bulk lines applied per transaction.
    pub api_bulk_batch_size: usize,
    /// The largest document uploaded through the API (streamed, counted
    /// as it arrives).
    pub api_document_limit_bytes: usize,
    /// The largest GDV file of `POST /api/v1/imports/gdv` (streamed to a
    /// temporary file, so this bounds the disk, not the memory).
    pub api_import_limit_bytes: u64,
}

impl Default for WebConfig {
    fn default() -> Self {
        WebConfig {
            secure_cookies: false,
            body_limit_bytes: 2 * 1024 * 1024,
            video_upload_limit_bytes: 100 * 1024 * 1024,
            request_timeout_secs: 30,
            broker_name: "Kundenportal".to_owned(),
            trusted_proxies: Vec::new(),
            metrics_allow: Cidr::loopback(),
            theme_dir: None,
            api_body_limit_bytes: 1024 * 1024,
            // 2,000 loaded 200,000 rows 22 % faster than 500 (docs/benchmarks.md).
            api_bulk_batch_size: 2_000,
            api_document_limit_bytes: 100 * 1024 * 1024,
            api_import_limit_bytes: 1024 * 1024 * 1024,
        }
    }
}

pub struct Inner {
    pub app: App,
    pub templates: Templates,
    pub themes: Themes,
    pub assets: Arc<Assets>,
    pub config: WebConfig,
    pub metrics: Option<PrometheusHandle>,
}

#[derive(Clone)]
pub struct AppState(pub Arc<Inner>);

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}
