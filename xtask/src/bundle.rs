//! Turns the compiled app into the files a server publishes: content-hashed names for
//! everything the page loads, the page and its service worker rewritten to point at them, and
//! each file precompressed beside itself (brotli at its best level, gzip written by Zopfli).
//!
//! A hashed file never changes under its name, so servers may let browsers keep it for a year
//! (`immutable`); only `index.html` and `sw.js` keep their names and are revalidated on each
//! visit, and they are small.

use crate::Result;
use sha2::{Digest, Sha256};
use std::path::Path;

/// Hex digits of the SHA-256 kept in a hashed name: enough that two builds never collide.
pub const HASH_LEN: usize = 10;

/// The service worker's name: stable, so that browsers find the new one after a build.
pub const SERVICE_WORKER: &str = "sw.js";

/// `stem.ext` → `stem.<hash>.ext`, the hash being that of `bytes`.
pub fn hashed_name(name: &str, bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hex: String = digest
        .iter()
        .flat_map(|b| [b >> 4, b & 15])
        .take(HASH_LEN)
        .map(|d| char::from_digit(d.into(), 16).expect("a nibble is a hex digit"))
        .collect();
    match name.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{hex}.{ext}"),
        None => format!("{name}.{hex}"),
    }
}

/// Whether `name` (a file name or URL path) carries a content hash made by [`hashed_name`]:
/// such files may be cached for good.
pub fn is_hashed(name: &str) -> bool {
    let file = name.rsplit('/').next().unwrap_or(name);
    let mut parts = file.rsplit('.');
    let (_ext, hash, stem) = (parts.next(), parts.next(), parts.next());
    matches!((hash, stem), (Some(h), Some(s)) if !s.is_empty()
        && h.len() == HASH_LEN
        && h.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
}

/// Replaces each quoted `"from"` of `text` by `"to"`; a name missing from the template is an
/// error, so that a renamed reference cannot silently point at a stale file.
pub fn rewrite(what: &str, text: &str, names: &[(&str, String)]) -> Result<String> {
    let mut out = text.to_owned();
    for (from, to) in names {
        let quoted = format!("\"{from}\"");
        if !out.contains(&quoted) {
            return Err(format!(
                "{what} no longer mentions {quoted}: update the build"
            ));
        }
        out = out.replace(&quoted, &format!("\"{to}\""));
    }
    Ok(out)
}

/// The service worker from its template: the cache version and the files it keeps.
pub fn service_worker(template: &str, assets: &[String]) -> Result<String> {
    let list = assets
        .iter()
        .map(|a| format!("\"{a}\""))
        .collect::<Vec<_>>()
        .join(", ");
    let version = hashed_name("v", list.as_bytes());
    let version = version.trim_start_matches("v.");
    let filled = rewrite(
        SERVICE_WORKER,
        template,
        &[("__VERSION__", version.to_owned())],
    )?;
    let placeholder = "[\"__ASSETS__\"]";
    if !filled.contains(placeholder) {
        return Err(format!("{SERVICE_WORKER} no longer has {placeholder}"));
    }
    Ok(filled.replace(placeholder, &format!("[{list}]")))
}

/// Most blocks Zopfli may split a file's deflate stream into. Its default, 15, is far too few
/// for a module of 700 KB (each block has its own Huffman codes): the modules split into fewer
/// than 60 when left free, and a bound of 15 costs them about 1.6 KB of gzip each.
const ZOPFLI_MAX_BLOCK_SPLITS: u16 = 1000;

/// `bytes` compressed as gzip by Zopfli (15 iterations, Zopfli's default): an ordinary gzip
/// stream that any inflater reads, about 5 % smaller than zlib's best level, for a few seconds
/// per module at build time.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let options = zopfli::Options {
        maximum_block_splits: ZOPFLI_MAX_BLOCK_SPLITS,
        ..Default::default()
    };
    let mut out = Vec::new();
    zopfli::compress(options, zopfli::Format::Gzip, bytes, &mut out).expect("in-memory write");
    out
}

/// `bytes` compressed with brotli at its best level (quality 11, a 16 MiB window).
pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 24,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).expect("in-memory write");
    out
}

/// Writes `name.br` and `name.gz` beside each file of `dir` (servers pick one by the
/// request's `Accept-Encoding`).
pub fn precompress(dir: &Path) -> Result<()> {
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let name = path.to_string_lossy();
        if !path.is_file() || name.ends_with(".br") || name.ends_with(".gz") {
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| format!("{name}: {e}"))?;
        for (ext, packed) in [("br", brotli(&bytes)), ("gz", gzip(&bytes))] {
            let to = format!("{name}.{ext}");
            std::fs::write(&to, packed).map_err(|e| format!("{to}: {e}"))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn a_hashed_name_keeps_stem_and_extension_and_follows_the_content() {
        let a = hashed_name("domino_web_bg.wasm", b"one");
        assert!(
            a.starts_with("domino_web_bg.") && a.ends_with(".wasm"),
            "{a}"
        );
        assert_eq!(a.len(), "domino_web_bg..wasm".len() + HASH_LEN);
        assert_eq!(a, hashed_name("domino_web_bg.wasm", b"one"));
        assert_ne!(a, hashed_name("domino_web_bg.wasm", b"two"));
        assert!(is_hashed(&a) && is_hashed(&format!("/{a}")));
    }

    #[test]
    fn only_built_hashed_names_count_as_hashed() {
        for plain in [
            "index.html",
            "sw.js",
            "domino.toml",
            "/",
            "a.0123456789",
            ".0123456789.js",
        ] {
            assert!(!is_hashed(plain), "{plain}");
        }
        assert!(!is_hashed("domino.0123456789abcdef.toml"), "too long");
        assert!(!is_hashed("domino.012345678G.toml"), "not hex");
    }

    #[test]
    fn rewriting_replaces_quoted_names_and_refuses_a_missing_one() {
        let page = r#"<link href="style.css"><script src="boot.js"></script>"#;
        let names = [("style.css", "style.1.css".to_owned())];
        assert_eq!(
            rewrite("page", page, &names).unwrap(),
            r#"<link href="style.1.css"><script src="boot.js"></script>"#
        );
        let err = rewrite("page", page, &[("domino.toml", "x".into())]).unwrap_err();
        assert!(err.contains("\"domino.toml\""), "{err}");
    }

    #[test]
    fn the_service_worker_lists_its_files_and_changes_with_them() {
        let template = "const VERSION = \"__VERSION__\";\nconst ASSETS = [\"__ASSETS__\"];";
        let one = service_worker(template, &["index.html".into(), "a.1.js".into()]).unwrap();
        assert!(
            one.contains(r#"const ASSETS = ["index.html", "a.1.js"];"#),
            "{one}"
        );
        assert!(!one.contains("__VERSION__"));
        let two = service_worker(template, &["index.html".into(), "a.2.js".into()]).unwrap();
        assert_ne!(
            one.lines().next(),
            two.lines().next(),
            "a new build, a new cache"
        );
        assert!(service_worker("const ASSETS = [];", &[]).is_err());
    }

    #[test]
    fn precompressed_files_decode_to_the_original() {
        let original = "DOMINO « pépites » ".repeat(500).into_bytes();
        let mut from_gz = Vec::new();
        flate2::read::GzDecoder::new(&gzip(&original)[..])
            .read_to_end(&mut from_gz)
            .unwrap();
        assert_eq!(from_gz, original);
        let mut from_br = Vec::new();
        brotli::BrotliDecompress(&mut &brotli(&original)[..], &mut from_br).unwrap();
        assert_eq!(from_br, original);
        assert!(brotli(&original).len() < original.len() / 10);
        let mut best = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        std::io::Write::write_all(&mut best, &original).unwrap();
        assert!(gzip(&original).len() <= best.finish().unwrap().len());
    }
}
