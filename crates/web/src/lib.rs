//! Web layer of Kundenportal: thin page handlers that parse input, call an
//! application service and render a template; plus the middleware every
//! request passes (request id, metrics, security headers, error pages,
//! limits) and the translations.
//!
//! No SQL and no business rules live here.

pub mod api;
pub mod assets;
pub mod cidr;
pub mod context;
pub mod cookies;
pub mod error;
pub mod form;
pub mod format;
pub mod i18n;
pub mod listing;
pub mod middleware;
pub mod multipart;
pub mod multipart_stream;
pub mod nav;
pub mod pages;
pub mod permissions;
pub mod routes;
pub mod state;
pub mod streaming;
pub mod templates;
pub mod theme;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::StatusCode;
use axum::middleware::from_fn;
use axum::middleware::from_fn_with_state;
use kp_app::App;
use metrics_exporter_prometheus::PrometheusHandle;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

pub use state::{AppState, WebConfig};

/// Builds the state shared by all handlers. `template_dir` holds optional
/// template overrides.
pub fn state(
    app: App,
    config: WebConfig,
    template_dir: Option<PathBuf>,
    metrics: Option<PrometheusHandle>,
) -> AppState {
    let assets = Arc::new(assets::Assets::embedded());
    let templates = templates::Templates::new(template_dir, assets.clone());
    let themes = theme::Themes::new(config.theme_dir.clone());
    AppState(Arc::new(state::Inner {
        app,
        templates,
        themes,
        assets,
        config,
        metrics,
    }))
}

/// How long a large upload (the welcome video) may take at least.
const UPLOAD_TIMEOUT: Duration = Duration::from_secs(15 * 60);

/// The whole HTTP application.
pub fn router(state: AppState) -> Router {
    let timeout = Duration::from_secs(state.config.request_timeout_secs);
    let body_limit = state.config.body_limit_bytes;
    // Large uploads cap their bodies themselves (with their own limit and
    // a page saying so), so they are merged after the general limit.
    // They also get more time than a page: a 100 MiB video over a slow
    // uplink takes minutes, and only a signed-in administrator gets past
    // the handler's first check to send one.
    let uploads = pages::upload_routes()
        .into_router()
        .layer(CatchPanicLayer::custom(
            middleware::error_pages::panic_response,
        ))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            timeout.max(UPLOAD_TIMEOUT),
        ));
    let api = api::router(&state);
    let pages = pages::routes()
        .into_router()
        .fallback(|| async { error::WebError::NotFound })
        .layer(CatchPanicLayer::custom(
            middleware::error_pages::panic_response,
        ))
        .layer(RequestBodyLimitLayer::new(body_limit))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
        .merge(uploads)
        // Outside the limits, so that their 408 and 413 get the page too.
        .layer(from_fn_with_state(
            state.clone(),
            middleware::error_pages::layer,
        ))
        // Outside the error pages, so that their language switcher gets a token.
        .layer(from_fn_with_state(
            state.clone(),
            middleware::anon_csrf::layer,
        ))
        .layer(from_fn_with_state(
            state.clone(),
            middleware::no_store::layer,
        ))
        .with_state(state.clone());
    // The API has its own errors, limits and no cookies: requests under
    // `/api` never reach the pages' layers.
    pages
        .layer(from_fn(
            move |request: axum::extract::Request, next: axum::middleware::Next| {
                let api = api.clone();
                async move {
                    let path = request.uri().path();
                    if path == "/api" || path.starts_with("/api/") {
                        use axum::response::IntoResponse;
                        use tower::ServiceExt;
                        api.oneshot(request).await.into_response()
                    } else {
                        next.run(request).await
                    }
                }
            },
        ))
        .layer(from_fn_with_state(
            state.clone(),
            middleware::security_headers::layer,
        ))
        .layer(from_fn(middleware::metrics::layer))
        .layer(from_fn(middleware::request_id::layer))
        .layer(from_fn_with_state(
            state.clone(),
            middleware::client_addr::layer,
        ))
}

/// Every route of [`router`] with its method, for tests that must cover
/// them all.
pub fn route_table() -> Vec<routes::RouteInfo> {
    let mut table = pages::routes().table().to_vec();
    table.extend_from_slice(pages::upload_routes().table());
    table
}

/// Serves until `shutdown` resolves, then finishes open requests.
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

/// Installs the process-wide Prometheus recorder once; later calls return
/// the same handle (tests start many apps in one process).
pub fn metrics_handle() -> Option<PrometheusHandle> {
    static HANDLE: std::sync::OnceLock<Option<PrometheusHandle>> = std::sync::OnceLock::new();
    HANDLE
        .get_or_init(|| {
            metrics_exporter_prometheus::PrometheusBuilder::new()
                .install_recorder()
                .ok()
        })
        .clone()
}
