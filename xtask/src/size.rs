//! `size`: what each file of `web/dist/` weighs on the wire, raw, gzipped and brotli'd.

use crate::build::GRID_FILE;
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

/// Prints the size of each file of the bundle; returns the gzipped total of the wasm and
/// JavaScript files (the bundle-size goal).
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
    let (mut code, mut code_br, mut grid, mut total) = (0, 0, 0, 0);
    println!(
        "{:<34} {:>9}  {:>9}  {:>9}",
        "file", "raw", "gzip", "brotli"
    );
    for name in names {
        let bytes = std::fs::read(out.join(&name)).map_err(|e| e.to_string())?;
        let gz = packed_len(&out, &name, "gz", &bytes);
        let br = packed_len(&out, &name, "br", &bytes);
        println!("{name:<34} {:>9}  {gz:>9}  {br:>9}", bytes.len());
        total += gz;
        if name.ends_with(".wasm") || name.ends_with(".js") {
            code += gz;
            code_br += br;
        }
        if name.starts_with(GRID_FILE.trim_end_matches(".toml")) && name.ends_with(".toml") {
            grid += gz;
        }
    }
    println!(
        "wasm+js gzipped: {code} B ({:.1} KiB; brotli {code_br} B); with the grid: {} B; \
         all files gzipped: {total} B",
        code as f64 / 1024.0,
        code + grid
    );
    Ok(code)
}
