//! The address participants can actually reach, for the links and the join QR code.
//!
//! A phone in the room cannot open `127.0.0.1` or `0.0.0.0`: the links carry
//! `--public-url` when given (behind a proxy), else the listen address, with an
//! unspecified one (`0.0.0.0`, `[::]`) replaced by the machine's LAN address.

use std::net::{IpAddr, Ipv4Addr, SocketAddr, UdpSocket};

/// The base URL of every link, and a warning to print when phones cannot reach it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reachable {
    /// `http://HOST:PORT` or the `--public-url`, without a trailing `/`.
    pub url: String,
    /// Why participants' phones may not reach `url`, when that is so.
    pub warning: Option<String>,
}

/// Checks a `--public-url`: an absolute http(s) URL without query or fragment.
pub fn check_public_url(url: &str) -> Result<String, String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let bad = |why: &str| {
        format!("--public-url `{url}` {why}: give the address participants open, like https://ateliers.example.org")
    };
    let rest = rest.ok_or_else(|| bad("does not start with http:// or https://"))?;
    if rest.is_empty() || rest.starts_with('/') {
        return Err(bad("has no host"));
    }
    if rest.contains(['#', '?']) || rest.chars().any(char::is_whitespace) {
        return Err(bad("holds a space, a query or a fragment"));
    }
    Ok(url.trim_end_matches('/').to_string())
}

/// The address participants reach for a server listening on `listen`.
pub fn reachable(listen: SocketAddr, public_url: Option<&str>) -> Result<Reachable, String> {
    if let Some(url) = public_url {
        return Ok(Reachable {
            url: check_public_url(url)?,
            warning: None,
        });
    }
    let port = listen.port();
    let ip = listen.ip();
    let (host, warning) = if ip.is_unspecified() {
        match lan_address(ip) {
            Some(lan) => (lan, None),
            None => (
                IpAddr::V4(Ipv4Addr::LOCALHOST),
                Some("no local network address found: the links use 127.0.0.1, which participants' phones cannot open; connect this machine to the room's network and restart, or give --public-url".to_string()),
            ),
        }
    } else if ip.is_loopback() {
        (ip, Some(format!("the server listens on {ip}, which only this machine reaches: participants' phones cannot open the links; use --listen 0.0.0.0:{port} for the room's network")))
    } else {
        (ip, None)
    };
    Ok(Reachable {
        url: format!("http://{}", SocketAddr::new(host, port)),
        warning,
    })
}

/// This machine's address on its local network, found without sending anything:
/// a UDP socket "connected" to a private address only picks the outgoing interface.
fn lan_address(listen: IpAddr) -> Option<IpAddr> {
    let probes: &[(&str, &str)] = match listen {
        IpAddr::V6(_) => &[("[::]:0", "[fd00::1]:9"), ("0.0.0.0:0", "10.255.255.255:9")],
        IpAddr::V4(_) => &[("0.0.0.0:0", "10.255.255.255:9")],
    };
    probes.iter().find_map(|(bind, private)| {
        let socket = UdpSocket::bind(bind).ok()?;
        socket.connect(private).ok()?;
        let ip = socket.local_addr().ok()?.ip();
        (!ip.is_unspecified() && !ip.is_loopback()).then_some(ip)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(listen: &str, public: Option<&str>) -> Result<Reachable, String> {
        reachable(listen.parse().unwrap(), public)
    }

    #[test]
    fn a_public_url_wins_and_loses_its_trailing_slash() {
        let r = at("0.0.0.0:8080", Some("https://ateliers.example.org/")).unwrap();
        assert_eq!(r.url, "https://ateliers.example.org");
        assert_eq!(r.warning, None);
    }

    #[test]
    fn a_public_url_that_is_not_an_address_is_refused_saying_why() {
        for bad in [
            "ateliers.example.org",
            "https://",
            "http://x/#/t",
            "ftp://x",
        ] {
            let e = at("127.0.0.1:8080", Some(bad)).unwrap_err();
            assert!(e.contains("--public-url") && e.contains(bad), "{e}");
        }
    }

    #[test]
    fn a_specific_listen_address_is_the_links_address() {
        let r = at("192.168.1.20:8080", None).unwrap();
        assert_eq!(
            (r.url.as_str(), r.warning),
            ("http://192.168.1.20:8080", None)
        );
    }

    #[test]
    fn loopback_is_kept_with_a_warning_that_phones_cannot_reach_it() {
        let r = at("127.0.0.1:8080", None).unwrap();
        assert_eq!(r.url, "http://127.0.0.1:8080");
        assert!(r.warning.unwrap().contains("--listen 0.0.0.0:8080"));
    }

    #[test]
    fn all_interfaces_become_the_lan_address_or_loopback_with_a_warning() {
        let r = at("0.0.0.0:8080", None).unwrap();
        assert!(
            r.url.ends_with(":8080") && !r.url.contains("0.0.0.0"),
            "{r:?}"
        );
        match lan_address(IpAddr::V4(Ipv4Addr::UNSPECIFIED)) {
            Some(ip) => assert_eq!(r.url, format!("http://{ip}:8080")),
            None => assert!(r.warning.is_some(), "{r:?}"),
        }
    }
}
