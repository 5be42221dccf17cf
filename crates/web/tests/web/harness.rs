//! `spawn_app()`: a fresh database with the demo data, the full router, and
//! helpers to send requests as a browser would (cookies kept per client).

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use kp_app::{App, ManualClock, Policy};
use kp_documents::BlobStore;
use kp_storage::{Db, migrate};
use kp_web::WebConfig;
use tower::ServiceExt;

pub struct TestApp {
    pub router: Router,
    pub app: App,
    /// The database under the app, for the tests' own look-ups.
    pub db: Db,
    pub clock: Arc<ManualClock>,
    pub _dir: tempfile::TempDir,
}

impl TestApp {
    /// Serves the router on a real socket (for what only a connection
    /// shows: `100 Continue`, a client going away); abort the handle at
    /// the end.
    pub async fn listen(&self) -> (SocketAddr, tokio::task::JoinHandle<std::io::Result<()>>) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let server = tokio::spawn(kp_web::serve(
            listener,
            self.router.clone(),
            std::future::pending(),
        ));
        (addr, server)
    }
}

/// The demo data is loaded once per process into a template database and
/// copied for each test: argon2 hashing of the demo logins dominates.
async fn template_db() -> std::path::PathBuf {
    static TEMPLATE: tokio::sync::OnceCell<(tempfile::TempDir, std::path::PathBuf)> =
        tokio::sync::OnceCell::const_new();
    let (_, path) = TEMPLATE
        .get_or_init(|| async {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("template.db");
            let db = Db::open_sqlite_file(&path).await.unwrap();
            migrate::run(&db).await.unwrap();
            let blobs =
                BlobStore::local(dir.path().join("documents")).with_key(test_key().blob_key());
            kp_demo::seed(&db, &blobs).await.unwrap();
            // Fold the WAL into the main file so that a plain copy is complete.
            db.execute(kp_storage::Sql::new("PRAGMA wal_checkpoint(TRUNCATE)"))
                .await
                .unwrap();
            db.close().await;
            (dir, path)
        })
        .await;
    path.clone()
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(configure: impl FnOnce(&std::path::Path)) -> TestApp {
    spawn_app_configured(configure, |_, _| {}).await
}

/// Like [`spawn_app`], with the policy and web settings changed first.
pub async fn spawn_app_with_settings(
    settings: impl FnOnce(&mut Policy, &mut WebConfig),
) -> TestApp {
    spawn_app_configured(|_| {}, settings).await
}

pub async fn spawn_app_configured(
    configure: impl FnOnce(&std::path::Path),
    settings: impl FnOnce(&mut Policy, &mut WebConfig),
) -> TestApp {
    let template = template_db().await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(&template, dir.path().join("kp.db")).unwrap();
    // The demo's documents, so that their files can be served.
    copy_dir(
        &template.with_file_name("documents"),
        &dir.path().join("documents"),
    );
    configure(dir.path());
    let db = Db::open_sqlite_file(&dir.path().join("kp.db"))
        .await
        .unwrap();
    migrate::run(&db).await.unwrap();
    assemble(db, dir, None, settings)
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The key of every test app (`[security] encryption_key`); the demo's
/// documents are sealed with it, as `kundenportal demo` does.
pub fn test_key() -> kp_app::secret_box::EncryptionKey {
    kp_app::secret_box::EncryptionKey::from_hex(&"5e".repeat(32)).unwrap()
}

/// The app on a fresh PostgreSQL database holding the demo data, or `None`
/// (with the reason printed) when no server is configured.
pub async fn spawn_app_on_postgres() -> Option<(TestApp, kp_testkit::db::TestDb)> {
    spawn_app_on_postgres_with_settings(|_, _| {}).await
}

/// Like [`spawn_app_on_postgres`], with the policy and web settings
/// changed first.
pub async fn spawn_app_on_postgres_with_settings(
    settings: impl FnOnce(&mut Policy, &mut WebConfig),
) -> Option<(TestApp, kp_testkit::db::TestDb)> {
    let pg = kp_testkit::db::postgres().await?;
    let sealed = pg.blobs.clone().with_key(test_key().blob_key());
    kp_demo::seed(&pg.db, &sealed).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let app = assemble(pg.db.clone(), dir, Some(pg.blobs.clone()), settings);
    Some((app, pg))
}

/// `blobs`: where the data's documents are; by default `<dir>/documents`.
fn assemble(
    db: Db,
    dir: tempfile::TempDir,
    blobs: Option<BlobStore>,
    settings: impl FnOnce(&mut Policy, &mut WebConfig),
) -> TestApp {
    // No count cache: tests compare counts right after changing data.
    // No count cache: tests compare counts right after changing data.
    // Administrators without a second factor, as in the demo: the tests
    // of two-factor sign-in turn it on.
    let mut policy = Policy {
        home_counts_cache_secs: 0,
        admins_need_two_factor: false,
        ..Policy::default()
    };
    let mut config = WebConfig {
        broker_name: "Testmakler".to_owned(),
        theme_dir: Some(dir.path().join("theme")),
        ..WebConfig::default()
    };
    settings(&mut policy, &mut config);
    let clock = Arc::new(ManualClock::default());
    let app = App::new(
        db.clone(),
        blobs.unwrap_or_else(|| BlobStore::local(dir.path().join("documents"))),
        clock.clone(),
        policy,
    )
    .with_encryption_key(test_key());
    let state = kp_web::state(
        app.clone(),
        config,
        Some(dir.path().join("templates")),
        kp_web::metrics_handle(),
    );
    TestApp {
        router: kp_web::router(state),
        app,
        db,
        clock,
        _dir: dir,
    }
}

pub struct Response {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
    /// The body as sent, for files.
    pub bytes: axum::body::Bytes,
}

impl Response {
    pub fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    /// The value of a hidden input, e.g. the form token.
    pub fn hidden(&self, name: &str) -> String {
        let marker = format!("name=\"{name}\" value=\"");
        let start = self
            .body
            .find(&marker)
            .map(|i| i + marker.len())
            .unwrap_or_else(|| panic!("no {name} in page"));
        self.body[start..].split('"').next().unwrap().to_owned()
    }
}

/// A browser: keeps cookies and sends an Accept-Language from a socket
/// address (127.0.0.1 unless told otherwise).
pub struct Client<'a> {
    pub app: &'a TestApp,
    pub cookies: HashMap<String, String>,
    pub accept_language: String,
    pub peer: SocketAddr,
    /// Extra headers sent with every request.
    pub headers: Vec<(String, String)>,
}

impl<'a> Client<'a> {
    pub fn new(app: &'a TestApp) -> Client<'a> {
        Client {
            app,
            cookies: HashMap::new(),
            accept_language: "de-DE,de;q=0.9".to_owned(),
            peer: SocketAddr::from(([127, 0, 0, 1], 40000)),
            headers: Vec::new(),
        }
    }

    /// A client connecting from `ip`.
    pub fn from_ip(app: &'a TestApp, ip: &str) -> Client<'a> {
        let mut client = Client::new(app);
        client.peer = SocketAddr::new(ip.parse().unwrap(), 40000);
        client
    }

    pub async fn request(
        &mut self,
        method: Method,
        path: &str,
        form: Option<&[(&str, &str)]>,
    ) -> Response {
        let mut builder = Request::builder()
            .method(method)
            .uri(path)
            .header(header::ACCEPT_LANGUAGE, &self.accept_language)
            .extension(ConnectInfo(self.peer));
        for (name, value) in &self.headers {
            builder = builder.header(name, value);
        }
        if !self.cookies.is_empty() {
            builder = builder.header(header::COOKIE, self.cookie_header());
        }
        let body = match form {
            Some(fields) => {
                builder = builder.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
                Body::from(encode_form(fields))
            }
            None => Body::empty(),
        };
        let response = self
            .app
            .router
            .clone()
            .oneshot(builder.body(body).unwrap())
            .await
            .unwrap();
        for value in response.headers().get_all(header::SET_COOKIE) {
            let text = value.to_str().unwrap();
            let pair = text.split(';').next().unwrap();
            let (k, v) = pair.split_once('=').unwrap();
            if v.is_empty() || text.contains("Max-Age=0") {
                self.cookies.remove(k);
            } else {
                self.cookies.insert(k.to_owned(), v.to_owned());
            }
        }
        collect(response).await
    }

    /// The `Cookie` header this client sends.
    pub fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    pub async fn get(&mut self, path: &str) -> Response {
        self.request(Method::GET, path, None).await
    }

    pub async fn post(&mut self, path: &str, form: &[(&str, &str)]) -> Response {
        self.request(Method::POST, path, Some(form)).await
    }

    /// Logs in through the form like a browser; returns the response to the POST.
    pub async fn login(&mut self, email: &str, password: &str) -> Response {
        self.login_from("/login", email, password, None).await
    }

    /// Logs in through the form of the login page at `page` (which may
    /// carry a `next`), sending `next` in the form where given.
    pub async fn login_from(
        &mut self,
        page: &str,
        email: &str,
        password: &str,
        next: Option<&str>,
    ) -> Response {
        let csrf = self.get(page).await.hidden("_csrf");
        let mut form = vec![("email", email), ("password", password), ("_csrf", &csrf)];
        if let Some(next) = next {
            form.push(("next", next));
        }
        self.post("/login", &form).await
    }
}

pub fn encode_form(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| {
            format!(
                "{}={}",
                kp_web::pages::urlencode(k),
                kp_web::pages::urlencode(v)
            )
        })
        .collect::<Vec<_>>()
        .join("&")
}

pub fn demo_login(role_contains: &str) -> kp_demo::DemoLogin {
    kp_demo::logins()
        .into_iter()
        .find(|l| {
            let needle = role_contains.to_lowercase();
            l.email.to_lowercase().contains(&needle) || l.role.to_lowercase().contains(&needle)
        })
        .unwrap_or_else(|| panic!("no demo login with role containing {role_contains}"))
}

/// Hides `fields` in the permission profile of the demo login `who` (for
/// every user of that profile). A JSON literal, as PostgreSQL reads a text
/// value bound for a JSON column otherwise as text.
pub async fn hide_fields(app: &TestApp, who: &str, fields: &[&str]) {
    let list = serde_json::to_string(fields).unwrap().replace('\'', "''");
    app.db
        .execute(
            kp_storage::Sql::new(format!(
                "UPDATE permission_profiles SET hidden_fields = '{list}' \
                 WHERE id = (SELECT permission_profile_id FROM portal_users WHERE email = $1)"
            ))
            .arg(demo_login(who).email),
        )
        .await
        .unwrap();
}

/// A router's answer read whole, as the tests look at it.
pub async fn collect(response: axum::response::Response) -> Response {
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    Response {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
        bytes,
    }
}
