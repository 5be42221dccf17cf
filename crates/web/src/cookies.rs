//! The few cookies the portal sets, read and written without a cookie jar.
//!
//! Behind https the secret-bearing cookies carry the `__Host-` prefix:
//! browsers then accept them only with `Secure`, `Path=/` and no `Domain`,
//! so neither a sibling subdomain nor a plain-http page can plant or
//! overwrite them.

use axum::http::HeaderMap;
use axum::http::header::COOKIE;

pub const LANGUAGE: &str = "kp_lang";

/// The session token.
pub fn session(secure: bool) -> &'static str {
    if secure {
        "__Host-kp_session"
    } else {
        "kp_session"
    }
}

/// The token of a "view as user" session, next to the staff member's own
/// session cookie, which it leaves untouched.
pub fn view(secure: bool) -> &'static str {
    if secure { "__Host-kp_view" } else { "kp_view" }
}

/// Anti-forgery token for forms shown before login (double submit).
pub fn csrf(secure: bool) -> &'static str {
    if secure { "__Host-kp_csrf" } else { "kp_csrf" }
}

/// Proof of an earlier login from this browser (login throttling).
pub fn device(secure: bool) -> &'static str {
    if secure {
        "__Host-kp_device"
    } else {
        "kp_device"
    }
}

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
