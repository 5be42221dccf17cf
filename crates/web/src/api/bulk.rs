//! `POST /api/v1/bulk`: an NDJSON body read as a stream, line by line,
//! never collected whole, so memory stays flat for a body of any size; the
//! answer is streamed too, one NDJSON result per input line. A line longer
//! than `api.body_limit_bytes` gets an error result and is skipped; blank
//! lines are ignored.

use axum::Extension;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use kp_app::api::ApiError;
use kp_app::api::Caller;
use kp_app::api::bulk::{Bulk, LineError, LineResult, Parsed};
use kp_app::api::bulk_prepare::{Planner, Prepared};
use tokio::sync::{mpsc, watch};

use super::problem::{ApiFailure, Problem};
use crate::routes::Routes;
use crate::state::AppState;

const NDJSON: &str = "application/x-ndjson";

fn is_ndjson(headers: &HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|t| {
            let t = t.trim();
            t.eq_ignore_ascii_case(NDJSON) || t.eq_ignore_ascii_case("application/ndjson")
        })
}

/// Upserts and deletes of mixed resources, one JSON object per line.
///
/// The body is read as a stream and applied in batches, each in one
/// transaction (new records in multi-row inserts, other lines alone under
/// savepoints), so one bad line never discards the good ones; the next
/// batch is read while one is applied. The answer streams one result per
/// input line (blank lines skipped) in the order lines finish; a line
/// whose reference is defined further down waits for it. `Idempotency-Key` is not stored for
/// bulk: its lines are upserts, so resending changes nothing.
#[utoipa::path(
    post,
    path = "/api/v1/bulk",
    tag = "bulk",
    operation_id = "bulk",
    request_body(content = kp_app::api::bulk::RawLine, content_type = "application/x-ndjson",
        description = "NDJSON: one BulkLine per line"),
    responses(
        (status = 200, description = "NDJSON: one LineResult per input line; a last line {\"result\":\"aborted\"} when the database failed a batch",
            body = kp_app::api::bulk::LineResult, content_type = "application/x-ndjson"),
        (status = 400, description = "Bad request", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No valid token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token has no write scope", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Body not application/x-ndjson", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = []))
)]
pub async fn bulk(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    if !is_ndjson(&headers) {
        return Problem::of(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send the body as application/x-ndjson, one JSON object per line",
        )
        .into_response();
    }
    // A token without any write scope learns so at once, not per line.
    if !kp_domain::api_scopes::RESOURCES
        .iter()
        .any(|r| caller.require(&format!("write:{r}")).is_ok())
    {
        return ApiFailure(kp_app::api::ApiError::MissingScope(
            "write:<resource>".to_owned(),
        ))
        .into_response();
    }
    // The body's first bytes before the answer's head: a client that sent
    // `Expect: 100-continue` (curl above 1 MiB, .NET's HttpClient) gets its
    // `100 Continue` only from that read. Once the head of the answer has
    // gone out, it would instead wait its own time-out (curl: one second)
    // before it sends the body.
    let mut data = body.into_data_stream();
    let first = data.next().await;
    let body = futures_util::stream::iter(first).chain(data);
    // A small buffer: the reader waits for a slow client instead of
    // piling up results.
    let (tx, rx) = mpsc::channel::<Bytes>(8);
    tokio::spawn(run(state, caller, body, tx));
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|b| (Ok::<_, std::io::Error>(b), rx))
    });
    let mut response = Body::from_stream(stream).into_response();
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(NDJSON));
    response
}

/// Sends results; false when the client has gone.
async fn send(tx: &mpsc::Sender<Bytes>, results: &[LineResult]) -> bool {
    if results.is_empty() {
        return true;
    }
    let mut out = Vec::new();
    for r in results {
        if serde_json::to_writer(&mut out, r).is_err() {
            return false;
        }
        out.push(b'\n');
    }
    tx.send(Bytes::from(out)).await.is_ok()
}

fn too_long(line: u64, limit: usize) -> LineResult {
    LineResult {
        line,
        kind: String::new(),
        external_id: String::new(),
        result: "error",
        error: Some(LineError {
            status: 413,
            field: String::new(),
            reason: format!("line longer than {limit} bytes (setting api.body_limit_bytes)"),
        }),
    }
}

/// The request's body, its first frame already read ([`bulk`]).
type BodyStream = futures_util::stream::Chain<
    futures_util::stream::Iter<std::option::IntoIter<Result<Bytes, axum::Error>>>,
    axum::body::BodyDataStream,
>;

/// What the planner hands the writer.
enum Work {
    Batch(Prepared),
    /// Planning failed: the writer answers `aborted` after the batches
    /// before it.
    Abort(ApiError),
}

/// Runs a bulk request as three stages, each on a task of its own: [`read`]
/// reads and checks batches of lines, this task plans each batch (its
/// look-up and statements) and [`write`] applies them. A batch is planned
/// while the one before it is written (issue 11: building statements and
/// executing them had taken turns).
async fn run(state: AppState, caller: Caller, body: BodyStream, tx: mpsc::Sender<Bytes>) {
    // Two batches ahead at most: memory stays flat when applying is slower.
    let (batches, mut ready) = mpsc::channel::<Parsed>(2);
    let reader = tokio::spawn(read(
        body,
        caller.clone(),
        state.config.api_body_limit_bytes,
        state.config.api_bulk_batch_size.max(1),
        batches,
    ));
    // One planned batch waits while one is written.
    let (work, planned) = mpsc::channel::<Work>(1);
    let (committed, last_committed) = watch::channel(0_u64);
    let mut planner = Planner::new(&caller);
    let writer = tokio::spawn(write(state.clone(), caller, planned, committed, tx));
    while let Some(parsed) = ready.recv().await {
        let seen = *last_committed.borrow();
        let next = match planner.prepare(&state.app, parsed, seen).await {
            Ok(prepared) => Work::Batch(prepared),
            Err(err) => Work::Abort(err),
        };
        let aborted = matches!(next, Work::Abort(_));
        // The writer gone means the client left or a batch failed.
        if work.send(next).await.is_err() || aborted {
            break;
        }
    }
    // Closing `ready` stops the reader at its next batch.
    drop(ready);
    reader.abort();
    drop(work);
    let _ = writer.await;
}

/// Applies the planned batches in order, streams their results, and
/// reports each commit to the planner; at the end of the body, the lines
/// still waiting for a reference.
async fn write(
    state: AppState,
    caller: Caller,
    mut planned: mpsc::Receiver<Work>,
    committed: watch::Sender<u64>,
    tx: mpsc::Sender<Bytes>,
) {
    let mut bulk = Bulk::new(caller);
    while let Some(work) = planned.recv().await {
        let prepared = match work {
            Work::Batch(prepared) => prepared,
            Work::Abort(err) => return fail(&tx, err).await,
        };
        let seq = prepared.seq();
        match bulk.batch(&state.app, prepared).await {
            Ok(results) => {
                committed.send_replace(seq);
                if !send(&tx, &results).await {
                    return;
                }
            }
            Err(err) => return fail(&tx, err).await,
        }
    }
    match bulk.finish(&state.app).await {
        Ok(results) => {
            send(&tx, &results).await;
        }
        Err(err) => fail(&tx, err).await,
    }
}

/// Reads the body line by line into batches of `batch_size` lines, each
/// read and checked ([`Parsed::read`]) and handed to [`run`]. A line
/// longer than `limit` is answered with its batch and skipped.
async fn read(
    mut stream: BodyStream,
    caller: Caller,
    limit: usize,
    batch_size: usize,
    batches: mpsc::Sender<Parsed>,
) {
    let mut current: Vec<u8> = Vec::new();
    let mut oversized = false;
    let mut line = 0u64;
    let mut batch: Vec<(u64, Vec<u8>)> = Vec::new();
    let mut refused: Vec<LineResult> = Vec::new();
    let mut ended = false;
    while !ended {
        let chunk = match stream.next().await {
            Some(Ok(chunk)) => chunk,
            Some(Err(err)) => {
                tracing::warn!(error = %err, "bulk body ended early");
                break;
            }
            None => {
                ended = true;
                Bytes::from_static(b"\n")
            }
        };
        let mut rest: &[u8] = &chunk;
        while let Some(pos) = rest.iter().position(|b| *b == b'\n') {
            let (part, tail) = rest.split_at(pos);
            rest = &tail[1..];
            if ended && current.is_empty() && !oversized {
                break;
            }
            line += 1;
            if oversized {
                oversized = false;
                refused.push(too_long(line, limit));
                continue;
            }
            current.extend_from_slice(part);
            let text = std::mem::take(&mut current);
            if text.len() > limit {
                refused.push(too_long(line, limit));
                continue;
            }
            if text.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            batch.push((line, text));
            if batch.len() >= batch_size {
                let lines = std::mem::take(&mut batch);
                let Some(parsed) = parse(&caller, lines, std::mem::take(&mut refused)).await else {
                    return;
                };
                if batches.send(parsed).await.is_err() {
                    return;
                }
            }
        }
        if !oversized {
            current.extend_from_slice(rest);
            if current.len() > limit {
                oversized = true;
                current = Vec::new();
            }
        }
    }
    if let Some(parsed) = parse(&caller, batch, refused).await
        && !parsed.is_empty()
    {
        let _ = batches.send(parsed).await;
    }
}

/// [`Parsed::read`] on a blocking thread: reading a batch is pure
/// computation of some milliseconds, which would otherwise keep the
/// runtime's threads from the task writing the batch before.
async fn parse(
    caller: &Caller,
    lines: Vec<(u64, Vec<u8>)>,
    refused: Vec<LineResult>,
) -> Option<Parsed> {
    let caller = caller.clone();
    match tokio::task::spawn_blocking(move || Parsed::read(&caller, lines, refused)).await {
        Ok(parsed) => Some(parsed),
        Err(err) => {
            tracing::error!(error = %err, "reading a bulk batch failed");
            None
        }
    }
}

/// The database failed a whole batch: one last line says so, and the
/// lines of that batch and after it were not applied.
async fn fail(tx: &mpsc::Sender<Bytes>, err: ApiError) {
    let problem = super::problem::problem(err);
    let mut out = serde_json::to_vec(&serde_json::json!({ "result": "aborted", "error": problem }))
        .unwrap_or_default();
    out.push(b'\n');
    let _ = tx.send(Bytes::from(out)).await;
}

pub fn routes() -> Routes {
    Routes::new().post("/api/v1/bulk", bulk)
}
