use axum::http::StatusCode;

use crate::harness::{Client, spawn_app};

#[tokio::test]
async fn health_readiness_and_metrics_answer() {
    let app = spawn_app().await;
    let mut client = Client::new(&app);
    assert_eq!(client.get("/healthz").await.body, "ok");
    let ready = client.get("/readyz").await;
    assert_eq!(
        (ready.status, ready.body.as_str()),
        (StatusCode::OK, "ready")
    );
    let metrics = client.get("/metrics").await;
    assert!(
        metrics.body.contains("http_requests_total"),
        "{}",
        metrics.body
    );
}

#[tokio::test]
async fn readiness_fails_when_the_database_is_gone() {
    let app = spawn_app().await;
    app.app.close().await;
    let mut client = Client::new(&app);
    assert_eq!(
        client.get("/readyz").await.status,
        StatusCode::SERVICE_UNAVAILABLE
    );
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = spawn_app().await;
    let mut client = Client::new(&app);
    for path in ["/login", "/healthz", "/missing"] {
        let r = client.get(path).await;
        let csp = r
            .headers
            .get("content-security-policy")
            .unwrap()
            .to_str()
            .unwrap();
        assert!(
            csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"),
            "{path}: {csp}"
        );
        assert_eq!(r.headers.get("x-content-type-options").unwrap(), "nosniff");
        assert_eq!(r.headers.get("referrer-policy").unwrap(), "same-origin");
        assert!(r.headers.get("x-request-id").is_some());
    }
}

#[tokio::test]
async fn a_proxys_request_id_is_kept_and_a_bad_one_replaced() {
    let app = spawn_app().await;
    use tower::ServiceExt;
    for (sent, kept) in [("abc-123", true), ("<script>", false)] {
        let request = axum::http::Request::get("/healthz")
            .header("x-request-id", sent)
            .body(axum::body::Body::empty())
            .unwrap();
        let response = app.router.clone().oneshot(request).await.unwrap();
        let id = response
            .headers()
            .get("x-request-id")
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned();
        assert_eq!(id == sent, kept, "{sent} -> {id}");
    }
}

#[tokio::test]
async fn static_assets_are_cached_by_content_hash() {
    let app = spawn_app().await;
    let mut client = Client::new(&app);
    let page = client.get("/login").await;
    let start = page.body.find("/static/app.").unwrap();
    let href = page.body[start..].split('"').next().unwrap().to_owned();
    let css = client.get(&href).await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(
        css.headers
            .get("cache-control")
            .unwrap()
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    assert_eq!(
        client.get("/static/app.css").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn oversized_bodies_are_refused() {
    let app = spawn_app().await;
    let mut client = Client::new(&app);
    let big = "x".repeat(3 * 1024 * 1024);
    let response = client.post("/login", &[("email", &big)]).await;
    assert_eq!(response.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn the_server_answers_over_real_tcp() {
    let app = spawn_app().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = app.router.clone();
    let server = tokio::spawn(kp_web::serve(listener, router, std::future::pending()));
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.ends_with("ok"));
    server.abort();
}

#[tokio::test]
async fn metrics_answer_only_allowed_clients() {
    let app = spawn_app().await;
    let mut outsider = Client::from_ip(&app, "192.0.2.10");
    let response = outsider.get("/metrics").await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert!(!response.body.contains("http_requests_total"));
    assert!(response.body.contains("<html"), "the normal 404 page");
    // A forged header from an untrusted peer changes nothing.
    outsider
        .headers
        .push(("x-forwarded-for".to_owned(), "127.0.0.1".to_owned()));
    assert_eq!(outsider.get("/metrics").await.status, StatusCode::NOT_FOUND);
    let mut local = Client::from_ip(&app, "::1");
    assert_eq!(local.get("/metrics").await.status, StatusCode::OK);
}

#[tokio::test]
async fn the_client_behind_a_trusted_proxy_is_the_forwarded_one() {
    let app = crate::harness::spawn_app_with_settings(|_, config| {
        config.trusted_proxies = vec!["10.0.0.0/8".parse().unwrap()];
        config.metrics_allow = vec!["203.0.113.9".parse().unwrap()];
    })
    .await;
    let mut via_proxy = Client::from_ip(&app, "10.1.2.3");
    via_proxy.headers.push((
        "x-forwarded-for".to_owned(),
        "127.0.0.1, 203.0.113.9, 10.0.0.5".to_owned(),
    ));
    assert_eq!(via_proxy.get("/metrics").await.status, StatusCode::OK);
    // The same header straight from the client is not believed.
    let mut direct = Client::from_ip(&app, "198.51.100.1");
    direct.headers = via_proxy.headers.clone();
    assert_eq!(direct.get("/metrics").await.status, StatusCode::NOT_FOUND);
    // The proxy itself is no longer the client.
    let mut proxy = Client::from_ip(&app, "10.1.2.3");
    assert_eq!(proxy.get("/metrics").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn invented_methods_are_counted_as_other() {
    let app = spawn_app().await;
    let mut client = Client::new(&app);
    let method = axum::http::Method::from_bytes(b"BREW-3F9A").unwrap();
    client.request(method, "/healthz", None).await;
    let metrics = client.get("/metrics").await.body;
    assert!(!metrics.contains("BREW-3F9A"), "{metrics}");
    assert!(metrics.contains("method=\"other\""), "{metrics}");
}
