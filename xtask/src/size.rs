//! `size`: what each file of `web/dist/` weighs on the wire, raw, gzipped and brotli'd, and
//! what a visitor downloads for each module of the app (its wasm and glue, plus the
//! JavaScript every page loads: `boot.js`, `sw.js`).

use crate::build::{Entry, ENTRIES, GRID_FILE};
use crate::{dist, Result};

/// Reads the precompressed copy `name.ext` the build wrote, or measures it afresh.
fn packed_len(dir: &std::path::Path, name: &str, ext: &str, bytes: &[u8]) -> usize {
    std::fs::metadata(dir.join(format!("{name}.{ext}")))
        .map(|m| m.len() as usize)
        .unwrap_or_else(|_| match ext {
            "br" => crate::bundle::brotli(bytes).len(),
            _ => crate::bundle::gzip(bytes).len(),
        })
}

/// Whether the built file `name` is one of `entry`'s (`<name>.<hash>.js`,
/// `<name>_bg.<hash>.wasm`).
fn belongs(name: &str, entry: &Entry) -> bool {
    name.starts_with(&format!("{}.", entry.name))
        || name.starts_with(&format!("{}_bg.", entry.name))
}

/// One file's sizes: gzip, brotli.
struct Packed {
    name: String,
    gz: usize,
    br: usize,
}

/// Prints the size of each file of the bundle, then each module's download; returns the
/// largest module's gzipped wasm and JavaScript (the bundle-size goal is for each).
pub fn size() -> Result<usize> {
    let out = dist();
    let mut names: Vec<_> = std::fs::read_dir(&out)
        .map_err(|e| format!("{}: {e} (run `build-web` first)", out.display()))?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !name.ends_with(".gz") && !name.ends_with(".br"))
        .collect();
    names.sort();
    let (mut grid, mut total) = (0, 0);
    let mut code = Vec::new();
    println!(
        "{:<36} {:>9}  {:>9}  {:>9}",
        "file", "raw", "gzip", "brotli"
    );
    for name in names {
        let bytes = std::fs::read(out.join(&name)).map_err(|e| e.to_string())?;
        let gz = packed_len(&out, &name, "gz", &bytes);
        let br = packed_len(&out, &name, "br", &bytes);
        println!("{name:<36} {:>9}  {gz:>9}  {br:>9}", bytes.len());
        total += gz;
        if name.ends_with(".wasm") || name.ends_with(".js") {
            code.push(Packed { name, gz, br });
        } else if name.starts_with(GRID_FILE.trim_end_matches(".json")) && name.ends_with(".json") {
            grid += gz;
        }
    }
    let shared = |p: &&Packed| !ENTRIES.iter().any(|e| belongs(&p.name, e));
    let (shared_gz, shared_br) = code
        .iter()
        .filter(shared)
        .fold((0, 0), |(g, b), p| (g + p.gz, b + p.br));
    let mut largest = 0;
    for entry in ENTRIES {
        let own = code.iter().filter(|p| belongs(&p.name, entry));
        let (gz, br) = own.fold((shared_gz, shared_br), |(g, b), p| (g + p.gz, b + p.br));
        println!(
            "{} ({}.js + {}_bg.wasm + boot.js + sw.js): wasm+js gzipped {gz} B ({:.1} KiB; \
             brotli {br} B)",
            entry.what,
            entry.name,
            entry.name,
            gz as f64 / 1024.0
        );
        largest = largest.max(gz);
    }
    let all: usize = code.iter().map(|p| p.gz).sum();
    println!(
        "largest module: {largest} B gzipped; all wasm+js gzipped: {all} B; the grid (offline \
         app only): {grid} B; all files gzipped: {total} B"
    );
    Ok(largest)
}
