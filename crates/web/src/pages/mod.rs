//! Page handlers, one module per area, each with its own `router()`.

pub mod health;
pub mod home;
pub mod language;
pub mod legal;
pub mod login;
pub mod static_files;

use crate::routes::Routes;

/// Every page route, recorded (see [`Routes`]).
pub fn routes() -> Routes {
    Routes::new()
        .merge(health::routes())
        .merge(login::routes())
        .merge(home::routes())
        .merge(language::routes())
        .merge(legal::routes())
        .merge(static_files::routes())
}

/// Percent-encodes a value for a query string.
pub fn urlencode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A redirect target from user input, accepted only when it is a path on
/// this site (no `//host` or scheme), so that login cannot be used as an
/// open redirect.
pub fn safe_next(next: Option<&str>, default: &str) -> String {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.contains('\\')
                && !n.contains("://") =>
        {
            n.to_owned()
        }
        _ => default.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_redirect_targets() {
        assert_eq!(safe_next(Some("/home"), "/"), "/home");
        assert_eq!(safe_next(Some("//evil.example"), "/"), "/");
        assert_eq!(safe_next(Some("https://evil.example"), "/"), "/");
        assert_eq!(safe_next(Some("/\\evil.example"), "/"), "/");
        assert_eq!(safe_next(None, "/home"), "/home");
    }
}
