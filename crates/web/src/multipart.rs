//! The few `multipart/form-data` bodies the portal accepts (a CSV upload
//! with its form token), read whole: the body limit layer has already
//! bounded their size, so no streaming parser (and no extra crate) is
//! needed.

use axum::http::HeaderMap;
use axum::http::header::CONTENT_TYPE;

/// The parts of a form: field name and bytes, in order.
#[derive(Debug, Default)]
pub struct Parts(Vec<(String, Vec<u8>)>);

impl Parts {
    /// The first part named `name`.
    pub fn get(&self, name: &str) -> Option<&[u8]> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_slice())
    }

    /// A text field, empty when absent or not UTF-8.
    pub fn text(&self, name: &str) -> &str {
        self.get(name)
            .and_then(|v| std::str::from_utf8(v).ok())
            .unwrap_or("")
    }
}

/// The parts of a `multipart/form-data` body; `None` when it is not one.
pub fn parse(headers: &HeaderMap, body: &[u8]) -> Option<Parts> {
    let content_type = headers.get(CONTENT_TYPE)?.to_str().ok()?;
    let (kind, params) = content_type.split_once(';')?;
    if !kind.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    let boundary = params.split(';').find_map(|p| {
        let (k, v) = p.trim().split_once('=')?;
        k.eq_ignore_ascii_case("boundary")
            .then(|| v.trim_matches('"').to_owned())
    })?;
    if boundary.is_empty() || boundary.len() > 70 {
        return None;
    }
    let delimiter = format!("--{boundary}").into_bytes();
    let mut parts = Vec::new();
    let mut rest = &body[find(body, &delimiter)? + delimiter.len()..];
    loop {
        // After a delimiter: `--` ends the body, otherwise CRLF and a part.
        if rest.starts_with(b"--") {
            return Some(Parts(parts));
        }
        rest = rest.strip_prefix(b"\r\n")?;
        let header_end = find(rest, b"\r\n\r\n")?;
        let head = std::str::from_utf8(&rest[..header_end]).ok()?;
        let content = &rest[header_end + 4..];
        let mut closing = b"\r\n".to_vec();
        closing.extend_from_slice(&delimiter);
        let end = find(content, &closing)?;
        if let Some(name) = field_name(head) {
            parts.push((name, content[..end].to_vec()));
        }
        rest = &content[end + closing.len()..];
    }
}

fn field_name(head: &str) -> Option<String> {
    let disposition = head.lines().find(|l| {
        l.get(..20)
            .is_some_and(|s| s.eq_ignore_ascii_case("content-disposition:"))
    })?;
    disposition.split(';').find_map(|p| {
        let (k, v) = p.trim().split_once('=')?;
        (k == "name").then(|| v.trim_matches('"').to_owned())
    })
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(ct: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(CONTENT_TYPE, ct.parse().unwrap());
        h
    }

    #[test]
    fn reads_fields_and_files() {
        let body = "--XyZ\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\ntok\r\n\
                    --XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"r.csv\"\r\n\
                    Content-Type: text/csv\r\n\r\nCHF;0,93;2026-11-01\r\nUSD;1,1;2026-11-01\r\n\r\n--XyZ--\r\n";
        let parts = parse(
            &headers("multipart/form-data; boundary=XyZ"),
            body.as_bytes(),
        )
        .unwrap();
        assert_eq!(parts.text("_csrf"), "tok");
        assert_eq!(
            parts.get("file").unwrap(),
            b"CHF;0,93;2026-11-01\r\nUSD;1,1;2026-11-01\r\n"
        );
        assert_eq!(parts.get("other"), None);
    }

    #[test]
    fn other_bodies_are_none() {
        assert!(parse(&headers("application/x-www-form-urlencoded"), b"a=b").is_none());
        assert!(parse(&headers("multipart/form-data; boundary=a"), b"garbage").is_none());
        let truncated = "--a\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nCHF";
        assert!(
            parse(
                &headers("multipart/form-data; boundary=a"),
                truncated.as_bytes()
            )
            .is_none()
        );
    }
}
