//! Which addresses a webhook may be sent to. A webhook is a request the
//! server makes on behalf of whoever registered the URL, so without this
//! check an administrator (or anyone who took over their account) could
//! make the server talk to its own loopback services, the cloud metadata
//! service at 169.254.169.254 or machines of the internal network (SSRF).
//!
//! Only globally reachable unicast addresses pass. The check runs at
//! registration (on the literal address and on what the name resolves to
//! then) and again at every delivery, since DNS may change in between: the
//! client resolves the name, checks every address and connects only to a
//! checked one, so a name cannot resolve to a public address for the check
//! and to a private one for the connection.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::time::Duration;

/// How long resolving a name may take at registration; a name that does
/// not resolve in time is accepted there and checked at delivery.
const RESOLVE_TIMEOUT: Duration = Duration::from_secs(3);

/// Whether `ip` is a globally reachable unicast address.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => is_public_v6(v6),
    }
}

fn in_v4(ip: Ipv4Addr, net: [u8; 4], bits: u32) -> bool {
    let mask = u32::MAX.checked_shl(32 - bits).unwrap_or(0);
    u32::from(ip) & mask == u32::from(Ipv4Addr::from(net)) & mask
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    const REFUSED: [([u8; 4], u32); 16] = [
        ([0, 0, 0, 0], 8),          // "this network", unspecified
        ([10, 0, 0, 0], 8),         // private (RFC 1918)
        ([100, 64, 0, 0], 10),      // carrier-grade NAT (RFC 6598)
        ([127, 0, 0, 0], 8),        // loopback
        ([169, 254, 0, 0], 16),     // link-local, cloud metadata services
        ([172, 16, 0, 0], 12),      // private (RFC 1918)
        ([192, 0, 0, 0], 24),       // IETF protocol assignments
        ([192, 0, 2, 0], 24),       // documentation (TEST-NET-1)
        ([192, 88, 99, 0], 24),     // 6to4 relay anycast
        ([192, 168, 0, 0], 16),     // private (RFC 1918)
        ([198, 18, 0, 0], 15),      // benchmarking
        ([198, 51, 100, 0], 24),    // documentation (TEST-NET-2)
        ([203, 0, 113, 0], 24),     // documentation (TEST-NET-3)
        ([224, 0, 0, 0], 4),        // multicast
        ([240, 0, 0, 0], 4),        // reserved
        ([255, 255, 255, 255], 32), // broadcast
    ];
    !REFUSED.iter().any(|(net, bits)| in_v4(ip, *net, *bits))
}

fn in_v6(ip: Ipv6Addr, net: [u16; 8], bits: u32) -> bool {
    let mask = u128::MAX.checked_shl(128 - bits).unwrap_or(0);
    u128::from(ip) & mask == u128::from(Ipv6Addr::from(net)) & mask
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    // Addresses that carry an IPv4 address are judged by that address:
    // IPv4-mapped (::ffff:a.b.c.d), the NAT64 prefix and 6to4.
    if let Some(v4) = ip.to_ipv4_mapped() {
        return is_public_v4(v4);
    }
    let segments = ip.segments();
    if in_v6(ip, [0x64, 0xff9b, 0, 0, 0, 0, 0, 0], 96) {
        let [.., hi, lo] = segments;
        return is_public_v4(Ipv4Addr::from((u32::from(hi) << 16) | u32::from(lo)));
    }
    if in_v6(ip, [0x2002, 0, 0, 0, 0, 0, 0, 0], 16) {
        return is_public_v4(Ipv4Addr::from(
            (u32::from(segments[1]) << 16) | u32::from(segments[2]),
        ));
    }
    const REFUSED: [([u16; 8], u32); 10] = [
        ([0, 0, 0, 0, 0, 0, 0, 0], 96), // unspecified, loopback, IPv4-compatible
        ([0x64, 0xff9b, 1, 0, 0, 0, 0, 0], 48), // local-use NAT64
        ([0x100, 0, 0, 0, 0, 0, 0, 0], 64), // discard-only
        ([0x2001, 0, 0, 0, 0, 0, 0, 0], 23), // IETF protocol assignments, Teredo
        ([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0], 32), // documentation
        ([0x3fff, 0, 0, 0, 0, 0, 0, 0], 20), // documentation (RFC 9637)
        ([0xfc00, 0, 0, 0, 0, 0, 0, 0], 7), // unique local
        ([0xfe80, 0, 0, 0, 0, 0, 0, 0], 10), // link-local
        ([0xfec0, 0, 0, 0, 0, 0, 0, 0], 10), // site-local (deprecated)
        ([0xff00, 0, 0, 0, 0, 0, 0, 0], 8), // multicast
    ];
    !REFUSED.iter().any(|(net, bits)| in_v6(ip, *net, *bits))
}

/// The URL's host as an address when it is an address literal.
pub fn literal(url: &url::Url) -> Option<IpAddr> {
    match url.host()? {
        url::Host::Ipv4(v4) => Some(IpAddr::V4(v4)),
        url::Host::Ipv6(v6) => Some(IpAddr::V6(v6)),
        url::Host::Domain(_) => None,
    }
}

/// Names that always mean this machine, whatever DNS says.
pub fn is_local_name(host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    host == "localhost" || host.ends_with(".localhost")
}

/// The addresses `host` resolves to (an address literal is itself).
pub async fn resolve(host: &str, port: u16) -> Result<Vec<SocketAddr>, String> {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    let found = tokio::net::lookup_host((bare, port))
        .await
        .map_err(|e| format!("cannot resolve {bare}: {e}"))?;
    let addresses: Vec<SocketAddr> = found.collect();
    if addresses.is_empty() {
        return Err(format!("{bare} resolves to no address"));
    }
    Ok(addresses)
}

/// The first address of `addresses` that is not public, if any: every one
/// is checked, since a client may connect to any of them.
pub fn first_refused(addresses: &[SocketAddr]) -> Option<IpAddr> {
    addresses
        .iter()
        .map(SocketAddr::ip)
        .find(|ip| !is_public(*ip))
}

/// At registration: whether the URL's host is or (now) resolves to an
/// address that is not public. A name that does not resolve in time is
/// let through; the delivery checks it again.
pub async fn refused_at_registration(url: &url::Url) -> bool {
    if let Some(ip) = literal(url) {
        return !is_public(ip);
    }
    let Some(host) = url.host_str() else {
        return true;
    };
    if is_local_name(host) {
        return true;
    }
    let port = url.port_or_known_default().unwrap_or(443);
    match tokio::time::timeout(RESOLVE_TIMEOUT, resolve(host, port)).await {
        Ok(Ok(addresses)) => first_refused(&addresses).is_some(),
        Ok(Err(_)) | Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn public(text: &str) -> bool {
        is_public(text.parse().unwrap())
    }

    #[test]
    fn private_and_special_ipv4_ranges_are_refused() {
        for refused in [
            "0.0.0.0",
            "0.1.2.3",
            "10.0.0.1",
            "10.255.255.255",
            "100.64.0.1",
            "100.127.255.254",
            "127.0.0.1",
            "127.8.9.10",
            "169.254.169.254",
            "169.254.0.1",
            "172.16.0.1",
            "172.31.255.255",
            "192.0.0.8",
            "192.0.2.1",
            "192.88.99.1",
            "192.168.1.1",
            "198.18.0.1",
            "198.19.255.255",
            "198.51.100.7",
            "203.0.113.9",
            "224.0.0.1",
            "239.255.255.250",
            "240.0.0.1",
            "255.255.255.255",
        ] {
            assert!(!public(refused), "{refused} must be refused");
        }
        for allowed in [
            "1.1.1.1",
            "8.8.8.8",
            "100.63.255.255",
            "100.128.0.1",
            "172.15.255.255",
            "172.32.0.1",
            "192.169.0.1",
            "93.184.216.34",
        ] {
            assert!(public(allowed), "{allowed} must be allowed");
        }
    }

    #[test]
    fn private_and_special_ipv6_ranges_are_refused() {
        for refused in [
            "::",
            "::1",
            "::127.0.0.1",
            "::ffff:127.0.0.1",
            "::ffff:10.1.2.3",
            "::ffff:169.254.169.254",
            "::ffff:192.168.0.1",
            "64:ff9b::a00:1",
            "64:ff9b:1::1",
            "100::1",
            "2001::1",
            "2001:db8::1",
            "2002:7f00:1::1",
            "3fff::1",
            "fc00::1",
            "fd12:3456::1",
            "fe80::1",
            "fec0::1",
            "ff02::1",
        ] {
            assert!(!public(refused), "{refused} must be refused");
        }
        for allowed in [
            "2606:4700:4700::1111",
            "2a00:1450:4001:82a::200e",
            "::ffff:8.8.8.8",
            "64:ff9b::808:808",
            "2002:808:808::1",
        ] {
            assert!(public(allowed), "{allowed} must be allowed");
        }
    }

    #[tokio::test]
    async fn registration_refuses_literals_and_local_names() {
        for refused in [
            "https://127.0.0.1/h",
            "https://[::1]/h",
            "https://[::ffff:7f00:1]/h",
            "https://169.254.169.254/latest/meta-data",
            "https://localhost/h",
            "https://api.localhost./h",
            "https://10.0.0.5:8443/h",
        ] {
            let url = url::Url::parse(refused).unwrap();
            assert!(refused_at_registration(&url).await, "{refused}");
        }
        let public = url::Url::parse("https://1.1.1.1/h").unwrap();
        assert!(!refused_at_registration(&public).await);
    }
}
