//! Support for the upload tests: multipart bodies as a browser sends them,
//! the files of the blob store, the counts that must not change when an
//! upload is refused, and the hostile corpus.

use axum::body::Body;
use axum::http::{Method, Request, header};
use kp_domain::Principal;
use kp_storage::scope_sql::Scoped;
use kp_storage::settings::{self, SettingScope};
use kp_storage::{Sql, users};
use tower::ServiceExt;

use crate::harness::{Client, Response, TestApp, collect, demo_login};

pub const BOUNDARY: &str = "kpUploadBoundary93xQ";
pub const MIB: usize = 1024 * 1024;

/// Every blob in the store below `root` (temporary uploads included), as
/// keys relative to it.
pub fn blob_keys(root: &std::path::Path) -> Vec<String> {
    fn walk(base: &std::path::Path, dir: &std::path::Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(base, &path, out);
            } else {
                let rel = path.strip_prefix(base).unwrap().to_string_lossy();
                out.push(rel.replace('\\', "/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(root, root, &mut out);
    out.sort();
    out
}

pub fn store_root(app: &TestApp) -> std::path::PathBuf {
    let kp_documents::BlobStore::Local(store) = &app.app.blobs;
    store.root().to_path_buf()
}

/// A multipart form: the token, the type (if any), then the files.
pub fn form(csrf: &str, document_type: Option<&str>, files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut body =
        format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{csrf}\r\n")
            .into_bytes();
    if let Some(t) = document_type {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"document_type\"\r\n\r\n{t}\r\n"
            )
            .as_bytes(),
        );
    }
    for (name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\n\
                 Content-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// Sends a multipart body in frames of 16 KiB, as a browser streams it.
pub async fn send(client: &mut Client<'_>, path: &str, body: Vec<u8>) -> Response {
    let frames: Vec<Result<axum::body::Bytes, std::io::Error>> = body
        .chunks(16 * 1024)
        .map(|c| Ok(axum::body::Bytes::copy_from_slice(c)))
        .collect();
    let request = Request::builder()
        .method(Method::POST)
        .uri(path)
        .header(header::COOKIE, client.cookie_header())
        .header(header::ACCEPT_LANGUAGE, "de-DE")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .extension(axum::extract::ConnectInfo(client.peer))
        .body(Body::from_stream(futures_util::stream::iter(frames)))
        .unwrap();
    collect(client.app.router.clone().oneshot(request).await.unwrap()).await
}

pub async fn count(app: &TestApp, sql: &str) -> i64 {
    let (n,): (i64,) = app.db.fetch_one(Sql::new(sql)).await.unwrap();
    n
}

/// Documents, tasks and stored files: what a refused upload must leave
/// as it was.
pub async fn footprint(app: &TestApp) -> (i64, i64, usize) {
    (
        count(app, "SELECT COUNT(*) FROM documents").await,
        count(app, "SELECT COUNT(*) FROM tasks").await,
        blob_keys(&store_root(app)).len(),
    )
}

pub async fn principal(app: &TestApp, who: &str) -> Principal {
    let creds = users::credentials_by_email(&app.db, demo_login(who).email)
        .await
        .unwrap()
        .unwrap();
    users::principal(&app.db, creds.user)
        .await
        .unwrap()
        .unwrap()
}

/// A contract `who` sees, and one they do not.
pub async fn contracts_in_and_out(app: &TestApp, who: &str) -> (i64, i64) {
    let p = principal(app, who).await;
    let mut q = Scoped::new(&p.scope);
    q.push("SELECT MIN(x.id) FROM contracts x WHERE ")
        .contract("x");
    let (inside,): (i64,) = app.db.fetch_one(q.finish().unwrap()).await.unwrap();
    let mut q = Scoped::new(&p.scope);
    q.push("SELECT MIN(x.id) FROM contracts x WHERE NOT ")
        .contract("x");
    let (outside,): (i64,) = app.db.fetch_one(q.finish().unwrap()).await.unwrap();
    (inside, outside)
}

/// The broker's upload settings for every tenant without its own.
pub async fn set_upload_settings(app: &TestApp, json: &str) {
    settings::put(
        &app.db,
        SettingScope::Global,
        "uploads",
        json,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
}

pub fn pdf(len: usize) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%Versicherungsnachweis ".to_vec();
    out.resize(len, b'x');
    out
}

pub fn png() -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    out.extend_from_slice(&[0x42; 200]);
    out
}

/// A PDF with a zip (an Office document) appended.
pub fn polyglot() -> Vec<u8> {
    let mut out = pdf(2000);
    out.extend_from_slice(b"PK\x03\x04\x14\0\0\0[Content_Types].xml<Types/>");
    out
}

/// The start of a Windows executable.
pub fn exe() -> Vec<u8> {
    let mut out = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0".to_vec();
    out.resize(4096, 0);
    out
}
