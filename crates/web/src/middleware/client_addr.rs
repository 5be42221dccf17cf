//! The client's address, worked out once per request: the socket peer, or
//! behind a trusted proxy the rightmost `X-Forwarded-For` entry that is not
//! itself a trusted proxy (entries further left are whatever the client
//! chose to send). Login throttling, the request log and the audit log
//! all use this value.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;

use crate::cidr::{Cidr, any_contains};
use crate::state::AppState;

const FORWARDED_FOR: &str = "x-forwarded-for";

/// The client address of a request, in the request's extensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddr(pub IpAddr);

impl ClientAddr {
    /// Used when the server was started without connection info (never by
    /// `serve`): matches no allow list except one that allows everything.
    pub const UNKNOWN: ClientAddr = ClientAddr(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
}

pub async fn layer(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_canonical());
    let addr = match peer {
        Some(peer) => ClientAddr(resolve(
            peer,
            request.headers(),
            &state.config.trusted_proxies,
        )),
        None => ClientAddr::UNKNOWN,
    };
    request.extensions_mut().insert(addr);
    next.run(request).await
}

/// The client behind `peer`, trusting `X-Forwarded-For` only as far as the
/// chain consists of trusted proxies.
pub fn resolve(peer: IpAddr, headers: &HeaderMap, trusted: &[Cidr]) -> IpAddr {
    if !any_contains(trusted, peer) {
        return peer;
    }
    let hops: Vec<&str> = headers
        .get_all(FORWARDED_FOR)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    let mut client = peer;
    for hop in hops.iter().rev() {
        // A malformed entry was not written by a proxy we trust: the
        // last trusted hop is as far as we can see.
        let Ok(addr) = hop.parse::<IpAddr>().map(|a| a.to_canonical()) else {
            return client;
        };
        client = addr;
        if !any_contains(trusted, addr) {
            return addr;
        }
    }
    client
}

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<ClientAddr>()
            .copied()
            .unwrap_or(ClientAddr::UNKNOWN))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append(FORWARDED_FOR, v.parse().unwrap());
        }
        h
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn forwarded_for_is_read_only_from_trusted_proxies() {
        let trusted: Vec<Cidr> = vec!["10.0.0.0/8".parse().unwrap()];
        let spoofed = headers(&["6.6.6.6"]);
        assert_eq!(
            resolve(ip("203.0.113.5"), &spoofed, &trusted),
            ip("203.0.113.5")
        );
        assert_eq!(resolve(ip("10.0.0.1"), &spoofed, &[]), ip("10.0.0.1"));
        // The client prepended a fake entry; the proxies appended the truth.
        let chain = headers(&["6.6.6.6, 198.51.100.7", "10.0.0.9"]);
        assert_eq!(
            resolve(ip("10.0.0.1"), &chain, &trusted),
            ip("198.51.100.7")
        );
        assert_eq!(
            resolve(ip("10.0.0.1"), &headers(&[]), &trusted),
            ip("10.0.0.1")
        );
        assert_eq!(
            resolve(ip("10.0.0.1"), &headers(&["garbage, 10.0.0.3"]), &trusted),
            ip("10.0.0.3")
        );
        assert_eq!(
            resolve(ip("::ffff:10.0.0.1"), &headers(&["2001:db8::1"]), &trusted),
            ip("2001:db8::1")
        );
    }
}
