//! The few cookies the portal sets, read and written without a cookie jar.

use axum::http::HeaderMap;
use axum::http::header::COOKIE;

pub const SESSION: &str = "kp_session";
pub const LANGUAGE: &str = "kp_lang";
/// Anti-forgery token for forms shown before login (double submit).
pub const CSRF: &str = "kp_csrf";

pub fn get(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
        .filter(|v| {
            !v.is_empty()
                && v.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
}

pub fn set(name: &str, value: &str, http_only: bool, secure: bool, max_age: Option<i64>) -> String {
    let mut cookie = format!("{name}={value}; Path=/; SameSite=Lax");
    if http_only {
        cookie.push_str("; HttpOnly");
    }
    if secure {
        cookie.push_str("; Secure");
    }
    if let Some(age) = max_age {
        cookie.push_str(&format!("; Max-Age={age}"));
    }
    cookie
}

pub fn clear(name: &str, secure: bool) -> String {
    set(name, "", true, secure, Some(0))
}
