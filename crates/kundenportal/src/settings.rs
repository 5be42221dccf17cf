//! The settings tree: built-in defaults, then the TOML file, then the
//! command line and environment. Validated once at start-up with messages
//! that name the setting to change.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow};
use serde::Deserialize;

use kp_web::cidr::Cidr;

use crate::cli::{DataArgs, ServeArgs};

/// The TOML file; every key is optional and documented in
/// docs/configuration.md.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileSettings {
    pub listen: Option<String>,
    pub data_dir: Option<PathBuf>,
    pub database_url: Option<String>,
    pub public_url: Option<String>,
    pub broker_name: Option<String>,
    pub log: Option<String>,
    #[serde(default)]
    pub http: HttpSettings,
    #[serde(default)]
    pub security: SecuritySettings,
    #[serde(default)]
    pub cache: CacheSettings,
    #[serde(default)]
    pub metrics: MetricsSettings,
    #[serde(default)]
    pub api: ApiSettings,
    #[serde(default)]
    pub webhooks: WebhookSettings,
    pub smtp: Option<kp_mail::SmtpSettings>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HttpSettings {
    pub body_limit_bytes: usize,
    pub video_upload_limit_bytes: usize,
    pub request_timeout_secs: u64,
    /// CIDR ranges of reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<String>,
}

impl Default for HttpSettings {
    fn default() -> Self {
        let web = kp_web::WebConfig::default();
        HttpSettings {
            body_limit_bytes: web.body_limit_bytes,
            video_upload_limit_bytes: web.video_upload_limit_bytes,
            request_timeout_secs: web.request_timeout_secs,
            trusted_proxies: Vec::new(),
        }
    }
}

/// The sync API's limits.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ApiSettings {
    /// Largest JSON body, and longest bulk line.
    pub body_limit_bytes: usize,
    /// Bulk lines applied per transaction.
    pub bulk_batch_size: usize,
    /// Largest document uploaded through the API.
    pub document_limit_bytes: usize,
    /// Largest GDV file sent to `POST /api/v1/imports/gdv`.
    pub import_limit_bytes: u64,
}

impl Default for ApiSettings {
    fn default() -> Self {
        let web = kp_web::WebConfig::default();
        ApiSettings {
            body_limit_bytes: web.api_body_limit_bytes,
            bulk_batch_size: web.api_bulk_batch_size,
            document_limit_bytes: web.api_document_limit_bytes,
            import_limit_bytes: web.api_import_limit_bytes,
        }
    }
}

/// Webhook delivery (docs/configuration.md).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct WebhookSettings {
    /// Endpoints may use plain http and private, loopback or other
    /// non-public addresses (tests, the demo, local relays). The old name
    /// `allow_http_localhost` still reads, so existing files keep working.
    #[serde(alias = "allow_http_localhost")]
    pub allow_private_targets: bool,
    /// Limit for one request: connecting, TLS, sending, the answer's head.
    pub timeout_secs: u64,
}

impl Default for WebhookSettings {
    fn default() -> Self {
        WebhookSettings {
            allow_private_targets: false,
            timeout_secs: 10,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SecuritySettings {
    pub session_idle_minutes: i64,
    pub session_absolute_hours: i64,
    pub login_window_minutes: i64,
    pub login_free_failures_per_device: i64,
    pub login_free_failures_per_account: i64,
    pub login_free_failures_per_ip: i64,
    pub login_delay_first_secs: i64,
    pub login_delay_max_secs: i64,
    pub device_cookie_days: i64,
    /// 0: one per processor core.
    pub password_hash_workers: usize,
    /// 0: twice the workers.
    pub password_hash_queue: usize,
    pub invitation_link_days: i64,
    pub password_reset_link_minutes: i64,
    /// 64 hex digits: the key sealing secrets at rest (TOTP secrets).
    pub encryption_key: Option<String>,
    /// Staff administrators must have a second factor.
    pub admins_need_two_factor: Option<bool>,
}

impl Default for SecuritySettings {
    fn default() -> Self {
        let p = kp_app::Policy::default();
        SecuritySettings {
            session_idle_minutes: p.session_idle_minutes,
            session_absolute_hours: p.session_absolute_hours,
            login_window_minutes: p.login_window_minutes,
            login_free_failures_per_device: p.login_free_failures_per_device,
            login_free_failures_per_account: p.login_free_failures_per_account,
            login_free_failures_per_ip: p.login_free_failures_per_ip,
            login_delay_first_secs: p.login_delay_first_secs,
            login_delay_max_secs: p.login_delay_max_secs,
            device_cookie_days: p.device_cookie_days,
            password_hash_workers: 0,
            password_hash_queue: 0,
            invitation_link_days: p.invitation_link_days,
            password_reset_link_minutes: p.password_reset_link_minutes,
            encryption_key: None,
            admins_need_two_factor: None,
        }
    }
}

impl SecuritySettings {
    /// The configured key for secrets at rest, or the problem with it.
    pub fn encryption_key(&self) -> Result<Option<kp_app::secret_box::EncryptionKey>> {
        self.encryption_key
            .as_deref()
            .map(|text| {
                kp_app::secret_box::EncryptionKey::from_hex(text).map_err(|e| {
                    anyhow!(
                        "security.encryption_key {e} (setting [security] encryption_key in --config; \
                         make one with `openssl rand -hex 32`)"
                    )
                })
            })
            .transpose()
    }

    /// The policy these settings describe, or the first setting that makes
    /// no sense.
    pub fn policy(&self, home_counts_cache_secs: u64) -> Result<kp_app::Policy> {
        let positive = [
            ("session_idle_minutes", self.session_idle_minutes),
            ("session_absolute_hours", self.session_absolute_hours),
            ("login_window_minutes", self.login_window_minutes),
            (
                "login_free_failures_per_device",
                self.login_free_failures_per_device,
            ),
            (
                "login_free_failures_per_account",
                self.login_free_failures_per_account,
            ),
            (
                "login_free_failures_per_ip",
                self.login_free_failures_per_ip,
            ),
            ("login_delay_first_secs", self.login_delay_first_secs),
            ("login_delay_max_secs", self.login_delay_max_secs),
            ("device_cookie_days", self.device_cookie_days),
            ("invitation_link_days", self.invitation_link_days),
            (
                "password_reset_link_minutes",
                self.password_reset_link_minutes,
            ),
        ];
        if let Some((name, value)) = positive.iter().find(|(_, v)| *v < 1) {
            return Err(anyhow!(
                "security.{name} is {value} but must be at least 1 (setting [security] {name} in --config)"
            ));
        }
        let defaults = kp_app::Policy::default();
        let workers = match self.password_hash_workers {
            0 => defaults.password_hash_workers,
            n => n,
        };
        Ok(kp_app::Policy {
            session_idle_minutes: self.session_idle_minutes,
            session_absolute_hours: self.session_absolute_hours,
            login_window_minutes: self.login_window_minutes,
            login_free_failures_per_device: self.login_free_failures_per_device,
            login_free_failures_per_account: self.login_free_failures_per_account,
            login_free_failures_per_ip: self.login_free_failures_per_ip,
            login_delay_first_secs: self.login_delay_first_secs,
            login_delay_max_secs: self.login_delay_max_secs,
            device_cookie_days: self.device_cookie_days,
            password_hash_workers: workers,
            password_hash_queue: match self.password_hash_queue {
                0 => 2 * workers,
                n => n,
            },
            home_counts_cache_secs,
            invitation_link_days: self.invitation_link_days,
            password_reset_link_minutes: self.password_reset_link_minutes,
            admins_need_two_factor: self.admins_need_two_factor.unwrap_or(true),
            ..defaults
        })
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MetricsSettings {
    /// CIDR ranges of clients that may read `/metrics`.
    pub allow: Vec<String>,
}

impl Default for MetricsSettings {
    fn default() -> Self {
        MetricsSettings {
            allow: kp_web::cidr::Cidr::loopback()
                .iter()
                .map(ToString::to_string)
                .collect(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CacheSettings {
    pub home_counts_secs: u64,
}

impl Default for CacheSettings {
    fn default() -> Self {
        CacheSettings {
            home_counts_secs: kp_app::Policy::default().home_counts_cache_secs,
        }
    }
}

/// Resolved settings for commands that touch data.
#[derive(Debug)]
pub struct Settings {
    pub data_dir: PathBuf,
    pub database_url: String,
    pub file: FileSettings,
}

/// Resolved settings for commands that serve.
#[derive(Debug)]
pub struct ServeSettings {
    pub data: Settings,
    pub listen: SocketAddr,
    pub public_url: String,
    pub trusted_proxies: Vec<Cidr>,
    pub metrics_allow: Vec<Cidr>,
}

fn read_file(path: Option<&Path>) -> Result<FileSettings> {
    let Some(path) = path else {
        return Ok(FileSettings::default());
    };
    let text = std::fs::read_to_string(path).with_context(|| {
        format!(
            "cannot read config file {} (setting --config / KUNDENPORTAL_CONFIG)",
            path.display()
        )
    })?;
    toml::from_str(&text).map_err(|e| {
        let message = e.message().to_owned();
        let line = e.span().map(|s| text[..s.start].lines().count().max(1));
        match line {
            Some(line) => anyhow!(
                "config file {} line {line}: {message} (setting --config)",
                path.display()
            ),
            None => anyhow!(
                "config file {}: {message} (setting --config)",
                path.display()
            ),
        }
    })
}

pub fn resolve(args: &DataArgs) -> Result<Settings> {
    let file = read_file(args.config.as_deref())?;
    let data_dir = args
        .data_dir
        .clone()
        .or_else(|| file.data_dir.clone())
        .unwrap_or_else(|| PathBuf::from("data"));
    let database_url = args
        .database_url
        .clone()
        .or_else(|| file.database_url.clone())
        .unwrap_or_else(|| format!("sqlite://{}", data_dir.join("kundenportal.db").display()));
    Ok(Settings {
        data_dir,
        database_url,
        file,
    })
}

pub fn resolve_serve(args: &ServeArgs) -> Result<ServeSettings> {
    let data = resolve(&args.data)?;
    let listen_text = args
        .listen
        .clone()
        .or_else(|| data.file.listen.clone())
        .unwrap_or_else(|| "127.0.0.1:8080".to_owned());
    let listen: SocketAddr = listen_text.parse().map_err(|_| {
        anyhow!("listen address {listen_text:?} is not of the form IP:PORT (setting --listen / KUNDENPORTAL_LISTEN)")
    })?;
    let public_url = data
        .file
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{listen}"));
    if !public_url.starts_with("http://") && !public_url.starts_with("https://") {
        return Err(anyhow!(
            "public_url {public_url:?} must start with http:// or https:// (setting public_url in --config)"
        ));
    }
    let api = &data.file.api;
    if api.body_limit_bytes < 1024 {
        return Err(anyhow!(
            "api.body_limit_bytes must be at least 1024 (setting [api] body_limit_bytes in --config)"
        ));
    }
    if !(1..=10_000).contains(&api.bulk_batch_size) {
        return Err(anyhow!(
            "api.bulk_batch_size must be 1 to 10000 (setting [api] bulk_batch_size in --config)"
        ));
    }
    if !(1..=60).contains(&data.file.webhooks.timeout_secs) {
        return Err(anyhow!(
            "webhooks.timeout_secs must be 1 to 60 (setting [webhooks] timeout_secs in --config)"
        ));
    }
    if api.import_limit_bytes < 1024 {
        return Err(anyhow!(
            "api.import_limit_bytes must be at least 1024 (setting [api] import_limit_bytes in --config)"
        ));
    }
    let trusted_proxies = cidrs(&data.file.http.trusted_proxies, "http", "trusted_proxies")?;
    let metrics_allow = cidrs(&data.file.metrics.allow, "metrics", "allow")?;
    Ok(ServeSettings {
        data,
        listen,
        public_url,
        trusted_proxies,
        metrics_allow,
    })
}

fn cidrs(items: &[String], section: &str, key: &str) -> Result<Vec<Cidr>> {
    kp_web::cidr::parse_list(items)
        .map_err(|err| anyhow!("{section}.{key}: {err} (setting [{section}] {key} in --config)"))
}

/// Creates the data directory if needed and proves it writable, so that a
/// read-only mount fails at start with a clear message instead of at the
/// first upload.
pub fn prepare_data_dir(dir: &Path) -> Result<()> {
    let hint = "(setting --data-dir / KUNDENPORTAL_DATA_DIR)";
    std::fs::create_dir_all(dir.join("documents"))
        .with_context(|| format!("cannot create data directory {} {hint}", dir.display()))?;
    let probe = dir.join(".write-test");
    std::fs::write(&probe, b"ok")
        .with_context(|| format!("data directory {} is not writable {hint}", dir.display()))?;
    let _ = std::fs::remove_file(probe);
    Ok(())
}
