//! What the home page and home settings tests share: signing in a demo
//! user, the settings form's token and multipart uploads.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use tower::ServiceExt;

use crate::harness::{Client, Response, TestApp, collect, demo_login};

pub async fn signed_in<'a>(app: &'a TestApp, who: &str) -> Client<'a> {
    let login = demo_login(who);
    let mut client = Client::new(app);
    let r = client.login(login.email, login.password).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "login {who}");
    client
}

pub async fn csrf(client: &mut Client<'_>) -> String {
    client.get("/settings/home").await.hidden("_csrf")
}

/// Sends a multipart form with one file, as a browser's upload form does
/// (streamed, without a declared length).
pub async fn upload(
    client: &mut Client<'_>,
    path: &str,
    csrf: &str,
    field: &str,
    bytes: &[u8],
) -> Response {
    upload_with(client, path, csrf, field, bytes, false).await
}

/// [`upload`], declaring the body's length (`Content-Length`) if asked.
pub async fn upload_with(
    client: &mut Client<'_>,
    path: &str,
    csrf: &str,
    field: &str,
    bytes: &[u8],
    declare_length: bool,
) -> Response {
    let boundary = "kpBoundary7MA4YWxk";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n{csrf}\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"f.bin\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let cookie = client.cookie_header();
    let mut request = Request::builder()
        .method(Method::POST)
        .uri(path)
        .header(header::COOKIE, cookie)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .extension(axum::extract::ConnectInfo(client.peer));
    if declare_length {
        request = request.header(header::CONTENT_LENGTH, body.len());
    }
    let request = request.body(Body::from(body)).unwrap();
    collect(client.app.router.clone().oneshot(request).await.unwrap()).await
}

pub fn png() -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend_from_slice(&[0u8; 64]);
    bytes
}

pub async fn save_general(client: &mut Client<'_>, fields: &[(&str, &str)]) -> Response {
    let token = csrf(client).await;
    let mut form = vec![("_csrf", token.as_str())];
    form.extend_from_slice(fields);
    client.post("/settings/home", &form).await
}
