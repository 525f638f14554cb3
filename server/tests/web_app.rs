//! The server serves the web app beside its API: the page and its files from the
//! web folder, every unknown page path to the app (its routes live in the URL
//! fragment), and unknown API paths still as JSON errors.

mod common;

use common::Harness;
use reqwest::StatusCode;
use std::io::{Read, Write};

#[tokio::test(flavor = "multi_thread")]
async fn the_web_app_and_the_api_are_served_side_by_side() {
    let web = tempfile::tempdir().unwrap();
    std::fs::write(
        web.path().join("index.html"),
        "<!doctype html><title>DOMINO</title>",
    )
    .unwrap();
    std::fs::write(web.path().join("style.css"), "body{}").unwrap();
    let h = Harness::serving(Some(web.path().to_path_buf())).await;

    let page = h.client.get(format!("{}/", h.base)).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.unwrap().contains("<title>DOMINO</title>"));

    let css = h
        .client
        .get(format!("{}/style.css", h.base))
        .send()
        .await
        .unwrap();
    assert_eq!(css.status(), StatusCode::OK);
    assert_eq!(css.text().await.unwrap(), "body{}");

    let elsewhere = h
        .client
        .get(format!("{}/some/page", h.base))
        .send()
        .await
        .unwrap();
    assert_eq!(
        elsewhere.status(),
        StatusCode::OK,
        "unknown pages get the app"
    );

    let (status, body) = h.get("/api/no-such-endpoint", &h.facilitator).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("no such API endpoint"),
        "{body}"
    );
    let (status, _) = h.get("/api/config", &h.facilitator).await;
    assert_eq!(status, StatusCode::OK);
}

/// A built web folder: the page, a content-hashed module, each with its brotli and gzip
/// copies as `cargo xtask build-web` writes them.
fn built_web() -> (tempfile::TempDir, Vec<(&'static str, Vec<u8>)>) {
    let web = tempfile::tempdir().unwrap();
    let files = vec![
        (
            "index.html",
            b"<!doctype html><title>DOMINO</title>".repeat(30),
        ),
        (
            "domino_web_bg.0123456789.wasm",
            b"\0asm pretend module ".repeat(200),
        ),
    ];
    for (name, bytes) in &files {
        let path = web.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let mut br = Vec::new();
        brotli::BrotliCompress(&mut &bytes[..], &mut br, &Default::default()).unwrap();
        std::fs::write(path.with_file_name(format!("{name}.br")), br).unwrap();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(bytes).unwrap();
        std::fs::write(
            path.with_file_name(format!("{name}.gz")),
            gz.finish().unwrap(),
        )
        .unwrap();
    }
    (web, files)
}

fn decode(coding: Option<&str>, body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    match coding {
        Some("br") => brotli::BrotliDecompress(&mut &body[..], &mut out).unwrap(),
        Some("gzip") => {
            flate2::read::GzDecoder::new(body)
                .read_to_end(&mut out)
                .unwrap();
        }
        _ => out = body.to_vec(),
    }
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn web_files_are_sent_precompressed_as_asked_and_hashed_ones_cached_for_good() {
    let (web, files) = built_web();
    let h = Harness::serving(Some(web.path().to_path_buf())).await;
    for (name, original) in &files {
        for (accept, expected) in [
            ("br, gzip", Some("br")),
            ("gzip", Some("gzip")),
            ("identity", None),
        ] {
            let response = h
                .client
                .get(format!("{}/{name}", h.base))
                .header("accept-encoding", accept)
                .send()
                .await
                .unwrap();
            assert_eq!(response.status(), StatusCode::OK, "{name} {accept}");
            let header = |n: &str| {
                response
                    .headers()
                    .get(n)
                    .map(|v| v.to_str().unwrap().to_owned())
            };
            let coding = header("content-encoding");
            assert_eq!(coding.as_deref(), expected, "{name} {accept}");
            assert!(header("vary")
                .unwrap()
                .to_lowercase()
                .contains("accept-encoding"));
            let cache = header("cache-control").unwrap();
            match *name {
                "index.html" => assert_eq!(cache, "no-cache"),
                _ => assert_eq!(cache, "public, max-age=31536000, immutable"),
            }
            let body = response.bytes().await.unwrap();
            assert_eq!(
                &decode(coding.as_deref(), &body),
                original,
                "{name} {accept}"
            );
        }
    }
    let stale = h
        .client
        .get(format!("{}/domino_web_bg.9876543210.wasm", h.base))
        .send()
        .await
        .unwrap();
    assert_eq!(
        stale.headers()["cache-control"],
        "no-cache",
        "the page sent for a file no longer built is not kept under its name"
    );
}
