//! The HTTP client of the webhook worker: one POST per connection over
//! hyper's HTTP/1 client, TLS by rustls (ring) with the Mozilla roots of
//! `webpki-roots`, a single deadline for connecting, the handshake and the
//! answer, and no redirects (a 3xx is an answer like any other: not 2xx,
//! so a failure). The answer's body is not read.

use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::Full;
use hyper::Request;
use hyper::client::conn::http1;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpStream;
use tokio_rustls::TlsConnector;
use tokio_rustls::rustls::{self, pki_types::ServerName};

/// What came of one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The answer's status, `None` when none came (connection refused,
    /// TLS failure, timeout).
    pub status: Option<u16>,
    /// Why it failed; empty for a 2xx answer.
    pub error: String,
    pub duration: Duration,
}

impl Outcome {
    pub fn delivered(&self) -> bool {
        self.status.is_some_and(|s| (200..300).contains(&s))
    }
}

/// Sends webhook requests; cheap to clone.
#[derive(Clone)]
pub struct WebhookClient {
    timeout: Duration,
    tls: TlsConnector,
}

impl std::fmt::Debug for WebhookClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebhookClient")
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl WebhookClient {
    /// A client giving each request `timeout` in all.
    pub fn new(timeout: Duration) -> Result<WebhookClient, String> {
        let mut roots = rustls::RootCertStore::empty();
        roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
        let config = rustls::ClientConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("TLS set-up: {e}"))?
        .with_root_certificates(roots)
        .with_no_client_auth();
        Ok(WebhookClient {
            timeout,
            tls: TlsConnector::from(Arc::new(config)),
        })
    }

    /// POSTs `body` as JSON to `url` with the extra `headers`.
    pub async fn post(&self, url: &str, headers: &[(&str, String)], body: Vec<u8>) -> Outcome {
        let started = Instant::now();
        let result = tokio::time::timeout(self.timeout, self.send(url, headers, body)).await;
        let (status, error) = match result {
            Ok(Ok(status)) if (200..300).contains(&status) => (Some(status), String::new()),
            Ok(Ok(status)) => (Some(status), format!("HTTP status {status}")),
            Ok(Err(error)) => (None, error),
            Err(_) => (
                None,
                format!("no answer within {} s", self.timeout.as_secs()),
            ),
        };
        Outcome {
            status,
            error,
            duration: started.elapsed(),
        }
    }

    async fn send(
        &self,
        url: &str,
        headers: &[(&str, String)],
        body: Vec<u8>,
    ) -> Result<u16, String> {
        let parsed = url::Url::parse(url).map_err(|e| format!("invalid URL: {e}"))?;
        let host = parsed.host_str().ok_or("URL without host")?;
        // An IPv6 literal comes bracketed; sockets and TLS want it bare.
        let bare = host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_owned();
        let port = parsed.port_or_known_default().ok_or("URL without port")?;
        let authority = match parsed.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_owned(),
        };
        let mut target = parsed.path().to_owned();
        if let Some(query) = parsed.query() {
            target.push('?');
            target.push_str(query);
        }
        let mut request = Request::post(target)
            .header(hyper::header::HOST, authority)
            .header(hyper::header::CONTENT_TYPE, "application/json")
            .header(hyper::header::USER_AGENT, "Kundenportal-Webhooks/1");
        for (name, value) in headers {
            request = request.header(*name, value);
        }
        let request = request
            .body(Full::new(Bytes::from(body)))
            .map_err(|e| format!("request: {e}"))?;
        let tcp = TcpStream::connect((bare.as_str(), port))
            .await
            .map_err(|e| format!("connect: {e}"))?;
        let _ = tcp.set_nodelay(true);
        match parsed.scheme() {
            "https" => {
                let name = ServerName::try_from(bare).map_err(|e| format!("TLS name: {e}"))?;
                let tls = self
                    .tls
                    .connect(name, tcp)
                    .await
                    .map_err(|e| format!("TLS: {e}"))?;
                exchange(tls, request).await
            }
            "http" => exchange(tcp, request).await,
            other => Err(format!("scheme {other} not supported")),
        }
    }
}

async fn exchange<S>(stream: S, request: Request<Full<Bytes>>) -> Result<u16, String>
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let (mut sender, connection) = http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|e| format!("HTTP: {e}"))?;
    let driver = tokio::spawn(connection);
    let answer = sender.send_request(request).await;
    // The body is not read: dropping the answer and the connection closes it.
    driver.abort();
    answer
        .map(|r| r.status().as_u16())
        .map_err(|e| format!("HTTP: {e}"))
}
