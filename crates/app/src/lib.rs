//! Application services of Kundenportal: one function per use case, used by
//! the HTML pages, the sync API and the command line alike. Each takes the
//! acting [`kp_domain::Principal`] where data is read, so the access rule is
//! applied in one place below the web layer.

pub mod account;
pub mod activation;
pub mod api;
pub mod api_token_admin;
pub mod api_tokens;
pub mod attached;
pub mod audit_log;
pub mod auth;
pub mod claim_after;
pub mod claim_approval_setting;
pub mod claim_rule_edit;
pub mod claim_settings;
pub mod claim_wizard;
pub mod claims;
pub mod claims_report;
pub mod clock;
pub mod consent;
pub mod contacts;
pub mod contract_sheet;
pub mod contracts;
pub mod customer_portal;
pub mod customers;
pub mod dashboard;
pub mod device;
pub mod device_cookies;
pub mod document_files;
pub mod email_change;
pub mod error;
pub mod exchange_rates;
pub mod gdv_import;
pub mod health;
pub mod home;
pub mod home_files;
pub mod home_settings;
pub mod home_settings_edit;
pub mod imports;
pub mod invitations;
pub mod legal;
pub mod legal_settings;
pub mod link_tokens;
pub mod lists;
pub mod login_throttle;
pub mod mail_templates;
pub mod objects;
pub mod org_admin;
pub mod organization_members;
pub mod organizations;
pub mod outbox;
pub mod outgoing_mail;
pub mod passkeys;
pub mod password_change;
pub mod password_reset;
pub mod passwords;
pub mod profile_assign;
pub mod profile_preview;
pub mod profile_preview_lists;
pub mod profiles;
pub mod registration;
mod registration_auto;
mod registration_request;
pub mod registration_settings;
pub mod registration_verify;
pub mod registrations;
pub mod report_logos;
pub mod report_settings;
pub mod request_scope;
mod scope_cache;
pub mod search;
pub mod secret_box;
pub mod signing;
pub mod staff;
pub mod staff_admin;
pub mod staff_invite;
pub mod staff_view;
pub mod step_up;
pub mod task_actions;
pub mod task_categories;
pub mod task_category_settings;
pub mod task_completion;
pub mod task_inbox;
pub mod tenants;
pub mod theme;
pub mod totp_codes;
pub mod two_factor;
pub mod uploads;
pub mod user_admin;
pub mod user_scope;
pub mod user_scope_pick;
pub mod view_as;
pub mod webauthn;
pub mod webhooks;

use std::sync::Arc;

pub use clock::{Clock, ManualClock, SystemClock};
pub use error::{AppError, FieldError};
use kp_documents::BlobStore;
use kp_storage::Db;

/// Limits and lifetimes the services enforce. The login numbers are
/// explained in docs/architecture.md ("Login protection").
#[derive(Debug, Clone)]
pub struct Policy {
    pub session_idle_minutes: i64,
    /// A session ends this long after login, however active it is.
    pub session_absolute_hours: i64,
    /// Failed logins older than this no longer count.
    pub login_window_minutes: i64,
    /// Failures per account and browser (device cookie, or client address
    /// without one) before delays start.
    pub login_free_failures_per_device: i64,
    /// Failures per account from browsers it has not seen before delays
    /// start for all of them.
    pub login_free_failures_per_account: i64,
    /// Failures per client address (all accounts, unseen browsers) before
    /// delays start.
    pub login_free_failures_per_ip: i64,
    /// The first delay; each further failure doubles it.
    pub login_delay_first_secs: i64,
    pub login_delay_max_secs: i64,
    /// How long a browser stays known after a successful login.
    pub device_cookie_days: i64,
    /// Password checks running at once, and how many may wait for one.
    pub password_hash_workers: usize,
    pub password_hash_queue: usize,
    /// How long the home page's counts and the list filters' choices are
    /// reused for the same scope.
    pub home_counts_cache_secs: u64,
    /// The address users reach the portal at, without a trailing slash:
    /// the start of every link in a mail.
    pub public_url: String,
    /// The name mails use when they belong to no tenant.
    pub broker_name: String,
    /// How long an invitation link works.
    pub invitation_link_days: i64,
    /// How long a forgotten-password link works.
    pub password_reset_link_minutes: i64,
    /// Staff administrators must have a second factor whatever the
    /// broker's two-factor setting says (the demo turns this off).
    pub admins_need_two_factor: bool,
    /// Webhook endpoints may use plain `http` and loopback, private and
    /// other non-public addresses (tests, demo); otherwise only `https` to
    /// public addresses, checked at registration and at every delivery.
    pub webhooks_allow_private_targets: bool,
}

impl Default for Policy {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Policy {
            session_idle_minutes: 8 * 60,
            session_absolute_hours: 12,
            login_window_minutes: 60,
            login_free_failures_per_device: 5,
            login_free_failures_per_account: 10,
            login_free_failures_per_ip: 30,
            login_delay_first_secs: 1,
            login_delay_max_secs: 15 * 60,
            device_cookie_days: 365,
            password_hash_workers: cores,
            password_hash_queue: 2 * cores,
            home_counts_cache_secs: 20,
            public_url: "http://127.0.0.1:8080".to_owned(),
            broker_name: "Kundenportal".to_owned(),
            invitation_link_days: 7,
            password_reset_link_minutes: 60,
            admins_need_two_factor: true,
            webhooks_allow_private_targets: false,
        }
    }
}

/// Everything a use case needs; cheap to clone.
///
/// The database handle is private to this crate: the web layer reaches
/// data only through the use cases, which pass the principal's scope to
/// storage, so no page can read customer data around the access rule.
#[derive(Clone)]
pub struct App {
    db: Db,
    pub blobs: BlobStore,
    pub clock: Arc<dyn Clock>,
    pub policy: Policy,
    counts: Arc<home::CountsCache>,
    choices: Arc<scope_cache::ScopeCache<kp_storage::lists::choices::Choices>>,
    dashboards: Arc<scope_cache::ScopeCache<dashboard::ScopeCards>>,
    document_counts: Arc<home::DocumentCountsCache>,
    passwords: Arc<passwords::Checker>,
    /// The device cookie key, read from the database on first use.
    device_key: Arc<tokio::sync::OnceCell<Vec<u8>>>,
    /// The key sealing secrets at rest (TOTP secrets); without one no
    /// second factor can be enrolled.
    encryption_key: Option<Arc<secret_box::EncryptionKey>>,
}

impl App {
    pub fn new(db: Db, blobs: BlobStore, clock: Arc<dyn Clock>, policy: Policy) -> App {
        let reuse = std::time::Duration::from_secs(policy.home_counts_cache_secs);
        let counts = Arc::new(home::CountsCache::new(reuse));
        let choices = Arc::new(scope_cache::ScopeCache::new(reuse));
        let dashboards = Arc::new(scope_cache::ScopeCache::new(reuse));
        let document_counts = Arc::new(home::DocumentCountsCache::new(reuse));
        let passwords = Arc::new(passwords::Checker::new(
            policy.password_hash_workers,
            policy.password_hash_queue,
        ));
        App {
            db,
            blobs,
            clock,
            policy,
            counts,
            choices,
            dashboards,
            document_counts,
            passwords,
            device_key: Arc::new(tokio::sync::OnceCell::new()),
            encryption_key: None,
        }
    }

    /// The application with the key for secrets at rest
    /// (`[security] encryption_key`); document blobs are sealed with it
    /// too (docs/architecture.md, "Documents at rest").
    pub fn with_encryption_key(mut self, key: secret_box::EncryptionKey) -> App {
        self.blobs = self.blobs.with_key(key.blob_key());
        self.encryption_key = Some(Arc::new(key));
        self
    }

    /// The key for secrets at rest, or the error that stops an enrolment.
    pub(crate) fn encryption_key(&self) -> Result<&secret_box::EncryptionKey, AppError> {
        self.encryption_key.as_deref().ok_or(AppError::Unavailable(
            "no [security] encryption_key configured".into(),
        ))
    }

    /// Closes the database pools at shutdown.
    pub async fn close(&self) {
        self.db.close().await;
    }

    /// An absolute link into the portal for a mail: `path` under
    /// [`Policy::public_url`].
    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.policy.public_url.trim_end_matches('/'))
    }

    /// Password checks started since start-up.
    pub fn password_checks(&self) -> u64 {
        self.passwords.checks_started()
    }
}
