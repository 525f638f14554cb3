//! `serve`: a small static server for `web/dist/` that sends what the build precompressed
//! (brotli or gzip, by the request's `Accept-Encoding`) and lets browsers keep hashed files
//! for good — the same headers as `domino serve`, so that what is measured here is what
//! users get.

use crate::bundle::is_hashed;
use crate::Result;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;

/// Serves `dir` on 127.0.0.1:`port` until interrupted (port 0: a free one, printed).
pub fn serve(dir: &Path, port: u16) -> Result<()> {
    let listener =
        TcpListener::bind(("127.0.0.1", port)).map_err(|e| format!("127.0.0.1:{port}: {e}"))?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    eprintln!("serving {} on http://127.0.0.1:{port}/", dir.display());
    serve_on(&listener, dir);
    Ok(())
}

/// Answers each connection of `listener` in its own thread.
fn serve_on(listener: &TcpListener, dir: &Path) {
    for stream in listener.incoming().flatten() {
        let dir = dir.to_path_buf();
        std::thread::spawn(move || {
            if let Err(e) = respond(stream, &dir) {
                eprintln!("request failed: {e}");
            }
        });
    }
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("json") => "application/json",
        Some("toml") => "application/toml; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// How long a browser may keep a file: for good when its name carries its content's hash,
/// else it asks again each time (the page and the service worker, which name the others).
pub fn cache_control(path: &str) -> &'static str {
    if is_hashed(path) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

/// The encodings the client accepts with a non-zero quality (`Accept-Encoding`).
fn accepts(accept_encoding: &str, coding: &str) -> bool {
    accept_encoding.split(',').any(|item| {
        let mut parts = item.split(';').map(str::trim);
        let name = parts.next().unwrap_or("");
        let q = parts
            .find_map(|p| p.strip_prefix("q="))
            .and_then(|q| q.parse::<f32>().ok())
            .unwrap_or(1.0);
        (name.eq_ignore_ascii_case(coding) || name == "*") && q > 0.0
    })
}

/// The precompressed copy to send, best first: `("br", ".br")`, `("gzip", ".gz")`, or none.
pub fn choose_encoding(
    accept_encoding: &str,
    has: impl Fn(&str) -> bool,
) -> Option<(&'static str, &'static str)> {
    [("br", ".br"), ("gzip", ".gz")]
        .into_iter()
        .find(|(coding, ext)| accepts(accept_encoding, coding) && has(ext))
}

/// The request's method, path and `Accept-Encoding`.
fn read_request(stream: &TcpStream) -> std::io::Result<(String, String, String)> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut accept_encoding = String::new();
    let mut line = String::new();
    while reader.read_line(&mut line)? > 2 {
        if let Some((name, value)) = line.split_once(':') {
            if name.trim().eq_ignore_ascii_case("accept-encoding") {
                accept_encoding = value.trim().to_owned();
            }
        }
        line.clear();
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("").to_owned();
    let target = parts.next().unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/").to_owned();
    Ok((method, path, accept_encoding))
}

fn respond(mut stream: TcpStream, dir: &Path) -> std::io::Result<()> {
    let (method, path, accept_encoding) = read_request(&stream)?;
    if method != "GET" && method != "HEAD" {
        return write_response(&mut stream, "405 Method Not Allowed", &[], b"", true);
    }
    let relative = match path.trim_start_matches('/') {
        "" => "index.html",
        other => other,
    };
    let not_found = |stream: &mut TcpStream| {
        let headers = [("Content-Type", "text/plain")];
        write_response(stream, "404 Not Found", &headers, b"not found", true)
    };
    if relative
        .split('/')
        .any(|part| part == ".." || part.starts_with('.'))
    {
        return not_found(&mut stream);
    }
    let file = dir.join(relative);
    let Ok(plain) = std::fs::read(&file) else {
        return not_found(&mut stream);
    };
    let with_ext = |ext: &str| dir.join(format!("{relative}{ext}"));
    let encoding = choose_encoding(&accept_encoding, |ext| with_ext(ext).is_file());
    let (body, coding) = match encoding.map(|(coding, ext)| (std::fs::read(with_ext(ext)), coding))
    {
        Some((Ok(packed), coding)) => (packed, Some(coding)),
        _ => (plain, None),
    };
    let mut headers = vec![
        ("Content-Type", content_type(relative)),
        ("Cache-Control", cache_control(relative)),
        ("Vary", "Accept-Encoding"),
    ];
    if let Some(coding) = coding {
        headers.push(("Content-Encoding", coding));
    }
    write_response(&mut stream, "200 OK", &headers, &body, method != "HEAD")
}

fn write_response(
    stream: &mut TcpStream,
    status: &str,
    headers: &[(&str, &str)],
    body: &[u8],
    with_body: bool,
) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {status}\r\nContent-Length: {}\r\n", body.len());
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n");
    stream.write_all(head.as_bytes())?;
    if with_body {
        stream.write_all(body)?;
    }
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    /// Serves a folder holding `page` (and its precompressed copies) on a free port.
    fn serving(page: &[u8]) -> (std::net::SocketAddr, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("index.html"), page).unwrap();
        crate::bundle::precompress(dir.path()).unwrap();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let root = dir.path().to_path_buf();
        std::thread::spawn(move || serve_on(&listener, &root));
        (addr, dir)
    }

    /// `GET /` with this `Accept-Encoding`: the response's head and decoded body.
    fn get(addr: std::net::SocketAddr, accept: &str) -> (String, Vec<u8>) {
        let mut stream = TcpStream::connect(addr).unwrap();
        write!(
            stream,
            "GET / HTTP/1.1\r\nHost: x\r\nAccept-Encoding: {accept}\r\n\r\n"
        )
        .unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let split = response.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let head = String::from_utf8(response[..split].to_vec())
            .unwrap()
            .to_lowercase();
        let body = &response[split + 4..];
        let mut decoded = Vec::new();
        if head.contains("content-encoding: br") {
            brotli::BrotliDecompress(&mut &body[..], &mut decoded).unwrap();
        } else if head.contains("content-encoding: gzip") {
            flate2::read::GzDecoder::new(body)
                .read_to_end(&mut decoded)
                .unwrap();
        } else {
            decoded = body.to_vec();
        }
        (head, decoded)
    }

    #[test]
    fn each_encoding_is_sent_as_asked_and_decodes_to_the_file() {
        let page = "<!doctype html><title>DOMINO</title>"
            .repeat(40)
            .into_bytes();
        let (addr, _dir) = serving(&page);
        for (accept, coding) in [
            ("gzip, deflate, br", Some("br")),
            ("gzip", Some("gzip")),
            ("identity", None),
        ] {
            let (head, body) = get(addr, accept);
            assert_eq!(body, page, "{accept}");
            assert!(head.contains("vary: accept-encoding"), "{head}");
            assert!(head.contains("cache-control: no-cache"), "{head}");
            match coding {
                Some(c) => assert!(head.contains(&format!("content-encoding: {c}")), "{head}"),
                None => assert!(!head.contains("content-encoding"), "{head}"),
            }
        }
    }

    #[test]
    fn brotli_is_preferred_then_gzip_then_the_plain_file() {
        let both = |_: &str| true;
        assert_eq!(
            choose_encoding("gzip, deflate, br", both),
            Some(("br", ".br"))
        );
        assert_eq!(choose_encoding("gzip", both), Some(("gzip", ".gz")));
        assert_eq!(
            choose_encoding("br;q=0, gzip;q=0.5", both),
            Some(("gzip", ".gz"))
        );
        assert_eq!(choose_encoding("identity", both), None);
        assert_eq!(choose_encoding("", both), None);
        assert_eq!(choose_encoding("*", both), Some(("br", ".br")));
        assert_eq!(
            choose_encoding("br", |ext| ext == ".gz"),
            None,
            "no .br built"
        );
    }

    #[test]
    fn hashed_files_are_kept_for_good_and_the_page_revalidated() {
        assert_eq!(
            cache_control("domino_web_bg.0123456789.wasm"),
            "public, max-age=31536000, immutable"
        );
        for name in ["index.html", "sw.js"] {
            assert_eq!(cache_control(name), "no-cache");
        }
    }
}
