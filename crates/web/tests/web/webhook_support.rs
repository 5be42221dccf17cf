//! Webhook test support: a receiving HTTP server on 127.0.0.1, the app
//! with plain-http endpoints allowed on both databases, an administrator's
//! endpoint made through the page, and the worker's step driven by hand.

use std::sync::atomic::{AtomicU16, Ordering};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use kp_app::webhooks::client::WebhookClient;
use kp_app::webhooks::delivery::{self, DeliveryReport};

use crate::harness::{
    Client, TestApp, demo_login, spawn_app_on_postgres_with_settings, spawn_app_with_settings,
};

/// One request the receiver got.
#[derive(Debug, Clone)]
pub struct Received {
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Received {
    pub fn header(&self, name: &str) -> String {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    }
}

type Shared = (Arc<Mutex<Vec<Received>>>, Arc<AtomicU16>);

/// A back office listening for webhooks; answers with `status`.
pub struct Receiver {
    pub url: String,
    got: Arc<Mutex<Vec<Received>>>,
    status: Arc<AtomicU16>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn receive(
    State((got, status)): State<Shared>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> StatusCode {
    got.lock().unwrap().push(Received {
        headers,
        body: body.to_vec(),
    });
    StatusCode::from_u16(status.load(Ordering::SeqCst)).unwrap()
}

impl Receiver {
    pub async fn start() -> Receiver {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let got = Arc::new(Mutex::new(Vec::new()));
        let status = Arc::new(AtomicU16::new(200));
        let router = Router::new()
            .route("/hook", post(receive))
            .with_state((got.clone(), status.clone()));
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, router).await;
        });
        Receiver {
            url: format!("http://127.0.0.1:{}/hook", addr.port()),
            got,
            status,
            task,
        }
    }

    pub fn answer(&self, status: u16) {
        self.status.store(status, Ordering::SeqCst);
    }

    pub fn received(&self) -> Vec<Received> {
        self.got.lock().unwrap().clone()
    }
}

/// Runs `check` on SQLite, then on PostgreSQL when one is configured,
/// with plain-http webhook endpoints on this machine allowed.
pub async fn on_both<F, Fut>(check: F)
where
    F: Fn(TestApp) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    check(spawn_app_with_settings(|p, _| p.webhooks_allow_private_targets = true).await).await;
    if let Some((app, pg)) =
        spawn_app_on_postgres_with_settings(|p, _| p.webhooks_allow_private_targets = true).await
    {
        check(app).await;
        pg.drop_db().await;
    }
}

pub async fn signed_in<'a>(app: &'a TestApp, who: &str) -> Client<'a> {
    let login = demo_login(who);
    let mut client = Client::new(app);
    client.login(login.email, login.password).await;
    client
}

/// The text of the element with `id` on the page.
pub fn text_of(body: &str, id: &str) -> String {
    let marker = format!("id=\"{id}\">");
    let start = body
        .find(&marker)
        .unwrap_or_else(|| panic!("no #{id} in page"))
        + marker.len();
    body[start..].split('<').next().unwrap().to_owned()
}

/// Makes an endpoint through the page as `client` (an administrator);
/// returns its id and secret.
pub async fn create_endpoint(
    client: &mut Client<'_>,
    tenant: &str,
    url: &str,
    events: &[&str],
) -> (i64, String) {
    let csrf = client.get("/settings/webhooks").await.hidden("_csrf");
    let mut form = vec![("_csrf", csrf.as_str()), ("tenant", tenant), ("url", url)];
    if events.is_empty() {
        form.push(("events", "all"));
    } else {
        form.push(("events", "chosen"));
        form.extend(events.iter().map(|e| ("event", *e)));
    }
    let r = client.post("/settings/webhooks", &form).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let secret = text_of(&r.body, "webhook-secret");
    let link = r.body.split("id=\"webhook-created-link\"").next().unwrap();
    let id = link
        .rsplit("/settings/webhooks/")
        .next()
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    (id, secret)
}

/// The worker's step, once.
pub async fn deliver(app: &TestApp) -> DeliveryReport {
    let client = WebhookClient::new(std::time::Duration::from_secs(10)).unwrap();
    delivery::deliver_due(&app.app, &client, 50).await.unwrap()
}

/// The number of rows `sql` counts.
pub async fn count(app: &TestApp, sql: kp_storage::Sql) -> i64 {
    let (n,): (i64,) = app.db.fetch_one(sql).await.unwrap();
    n
}
