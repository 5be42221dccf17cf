//! The HTTP client of the webhook worker: one POST per connection over
//! hyper's HTTP/1 client, TLS by rustls (ring) with the Mozilla roots of
//! `webpki-roots`, a single deadline for connecting, the handshake and the
//! answer, and no redirects (a 3xx is an answer like any other: not 2xx,
//! so a failure). The answer's body is not read.
//!
//! Unless private targets are allowed, the host is resolved here, every
//! address is checked ([`super::targets`]) and the connection goes to a
//! checked address, never to a second resolution (DNS rebinding).

use std::net::SocketAddr;
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

use super::targets;

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

    /// POSTs `body` as JSON to `url` with the extra `headers`; only to
    /// `https` and public addresses unless `allow_private_targets`.
    pub async fn post(
        &self,
        url: &str,
        allow_private_targets: bool,
        headers: &[(&str, String)],
        body: Vec<u8>,
    ) -> Outcome {
        let started = Instant::now();
        let send = self.send(url, allow_private_targets, headers, body);
        let result = tokio::time::timeout(self.timeout, send).await;
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
        allow_private_targets: bool,
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
        let addresses = targets::resolve(&bare, port).await?;
        if !allow_private_targets && let Some(ip) = targets::first_refused(&addresses) {
            return Err(format!(
                "{bare} resolves to {ip}, not a public address: refused"
            ));
        }
        if !allow_private_targets && parsed.scheme() != "https" {
            return Err(format!("scheme {} refused: only https", parsed.scheme()));
        }
        let tcp = connect(&addresses).await?;
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

/// A connection to the first of `addresses` that answers.
async fn connect(addresses: &[SocketAddr]) -> Result<TcpStream, String> {
    let mut last = String::from("no address");
    for address in addresses {
        match TcpStream::connect(address).await {
            Ok(tcp) => return Ok(tcp),
            Err(e) => last = e.to_string(),
        }
    }
    Err(format!("connect: {last}"))
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
