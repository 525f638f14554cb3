//! `build-web`: compiles the app to WebAssembly, binds it, shrinks it, then lays out
//! `web/dist/` with content-hashed names (see [`crate::bundle`]).

use crate::bundle::{self, hashed_name, SERVICE_WORKER};
use crate::{dist, root, run, Result};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

pub const TARGET: &str = "wasm32-unknown-unknown";
const PROFILE: &str = "release-wasm";
/// The DOMINO grid in the engine's resolved form, written from `grids/domino.toml` into
/// `web/dist/`: the app fetches it at start-up and reads it without the TOML reader or the
/// grid loader, which stay in the module loaded on demand.
pub const GRID_FILE: &str = "domino.json";
/// The source of [`GRID_FILE`] in `grids/`.
const GRID_SOURCE: &str = "domino.toml";
/// The app's modules, each a binary of `domino-web` (`boot.js` loads one of them from the
/// URL): its cargo binary and the name wasm-bindgen gives its files.
pub const ENTRIES: &[Entry] = &[
    Entry {
        bin: "domino-web",
        name: "domino_web",
        what: "offline app",
    },
    Entry {
        bin: "domino-workshop",
        name: "domino_workshop",
        what: "live workshop",
    },
    Entry {
        bin: "domino-toml",
        name: "domino_toml",
        what: "TOML reader, loaded on demand",
    },
];

/// One module of the app.
pub struct Entry {
    /// The cargo binary of `domino-web` that starts it.
    pub bin: &'static str,
    /// wasm-bindgen's name: `<name>.js` (the glue) and `<name>_bg.wasm` (the module).
    pub name: &'static str,
    /// What it shows, for the size report.
    pub what: &'static str,
}

impl Entry {
    /// The JavaScript glue wasm-bindgen writes.
    pub fn glue(&self) -> String {
        format!("{}.js", self.name)
    }

    /// The module wasm-bindgen writes.
    pub fn module(&self) -> String {
        format!("{}_bg.wasm", self.name)
    }
}
/// Hand-written files of `web/` the page loads, published under hashed names: a new one is
/// added here and named in `index.html` (the build fails when the page does not name it).
const STATIC_FILES: &[&str] = &["style.css"];

/// Adds the wasm target with rustup when the active toolchain lacks it.
fn ensure_target() -> Result<()> {
    let output = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output();
    match output {
        Ok(out) if out.status.success() => {
            let installed = String::from_utf8_lossy(&out.stdout);
            if installed.lines().any(|line| line.trim() == TARGET) {
                return Ok(());
            }
            run(Command::new("rustup").args(["target", "add", TARGET]))
        }
        // No rustup: assume the toolchain was installed with the target.
        _ => Ok(()),
    }
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

/// Builds the app into `web/dist/` (emptied first, so no stale hashed file stays).
pub fn build_web(args: &[String]) -> Result<PathBuf> {
    let keep_names = args.iter().any(|a| a == "--keep-names");
    let optimize = !keep_names && !args.iter().any(|a| a == "--no-opt");
    let started = Instant::now();
    ensure_target()?;
    // Symbols are stripped after wasm-bindgen (by wasm-bindgen and wasm-opt), not by rustc:
    // wasm-bindgen needs the `target_features` section to know which features to use.
    let mut compile = crate::toolchain::wasm_cargo();
    run(compile
        .current_dir(root())
        .env("CARGO_PROFILE_RELEASE_WASM_STRIP", "false")
        .args(["build", "-p", "domino-web", "--bins", "--target", TARGET])
        .args(["--profile", PROFILE]))?;
    let out = dist();
    if out.exists() {
        std::fs::remove_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    }
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    for entry in ENTRIES {
        bind(entry, &out, keep_names)?;
        if optimize {
            wasm_opt(&out.join(entry.module()))?;
            shorten_names(entry, &out)?;
        }
    }
    let minify = optimize && minifier().is_some();
    if optimize && !minify {
        eprintln!(
            "note: node_modules/.bin/esbuild not found (run `npm ci` at the workspace root); \
             the JavaScript is not minified"
        );
    }
    assemble(&out, minify)?;
    eprintln!("built {} in {:.1?}", out.display(), started.elapsed());
    crate::size::size()?;
    Ok(out)
}

/// Runs wasm-bindgen (as a library, `--target web`) on the compiled binary of `entry`.
fn bind(entry: &Entry, out: &Path, keep_names: bool) -> Result<()> {
    let wasm = target_dir()
        .join(TARGET)
        .join(PROFILE)
        .join(format!("{}.wasm", entry.bin));
    eprintln!("wasm-bindgen {} -> {}", wasm.display(), out.display());
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&wasm)
        .out_name(entry.name)
        .web(true)
        .map_err(|e| e.to_string())?
        .typescript(false)
        .remove_name_section(!keep_names)
        .remove_producers_section(true)
        .generate(out)
        .map_err(|e| format!("wasm-bindgen: {e:#}"))
}

/// Renames the module's imports and exports, and the glue's uses of them, to short names
/// ([`crate::names`]): 3.6 to 3.9 KB gzipped less for the offline app and the workshop.
fn shorten_names(entry: &Entry, out: &Path) -> Result<()> {
    let (module, glue) = (out.join(entry.module()), out.join(entry.glue()));
    let bytes = std::fs::read(&module).map_err(|e| format!("{}: {e}", module.display()))?;
    let text = std::fs::read_to_string(&glue).map_err(|e| format!("{}: {e}", glue.display()))?;
    let (bytes, text, imports, exports) =
        crate::names::shorten(&bytes, &text).map_err(|e| format!("{}: {e}", module.display()))?;
    eprintln!(
        "{}: {imports} imports and {exports} exports renamed",
        entry.module()
    );
    std::fs::write(&module, bytes).map_err(|e| format!("{}: {e}", module.display()))?;
    std::fs::write(&glue, text).map_err(|e| format!("{}: {e}", glue.display()))
}

/// The `esbuild` of `node_modules`, when installed.
fn minifier() -> Option<PathBuf> {
    let esbuild = root().join("node_modules").join(".bin").join("esbuild");
    esbuild.exists().then_some(esbuild)
}

/// `text` (JavaScript) minified by esbuild (`--minify`: whitespace, comments, local names
/// and syntax; the names a module exports and the globals a script declares are kept).
fn minify_js(name: &str, text: &str) -> Result<String> {
    use std::io::Write;
    use std::process::Stdio;
    let esbuild = minifier().ok_or("esbuild not found")?;
    let mut child = Command::new(&esbuild)
        .args(["--minify", "--loader=js", "--log-level=warning"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{}: {e}", esbuild.display()))?;
    child
        .stdin
        .take()
        .ok_or("esbuild's input")?
        .write_all(text.as_bytes())
        .map_err(|e| format!("esbuild: {e}"))?;
    let output = child
        .wait_with_output()
        .map_err(|e| format!("esbuild: {e}"))?;
    if !output.status.success() {
        return Err(format!("esbuild could not minify {name}"));
    }
    String::from_utf8(output.stdout).map_err(|e| format!("esbuild: {e}"))
}

/// Gives the bound app, its static files and the grid their hashed names, then writes the
/// page, the service worker and the precompressed copies; the JavaScript (glue, `boot.js`,
/// `sw.js`) minified when `minify`.
fn assemble(out: &Path, minify: bool) -> Result<()> {
    let web = root().join("web");
    let read = |path: &Path| std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()));
    let mut assets = Vec::new();
    let mut publish = |name: &str, bytes: &[u8]| -> Result<String> {
        let hashed = hashed_name(name, bytes);
        let to = out.join(&hashed);
        std::fs::write(&to, bytes).map_err(|e| format!("{}: {e}", to.display()))?;
        assets.push(hashed.clone());
        Ok(hashed)
    };
    let mut names = Vec::new();
    let built: Vec<_> = ENTRIES
        .iter()
        .flat_map(|e| [e.module(), e.glue()])
        .map(|name| (out.join(&name), name))
        .collect();
    let shrunk = |name: &str, text: String| -> Result<String> {
        if minify {
            minify_js(name, &text)
        } else {
            Ok(text)
        }
    };
    for (from, name) in &built {
        let mut bytes = read(from)?;
        if name.ends_with(".js") {
            let text = String::from_utf8(bytes).map_err(|e| format!("{name}: {e}"))?;
            bytes = shrunk(name, text)?.into_bytes();
        }
        let hashed = publish(name, &bytes)?;
        std::fs::remove_file(from).map_err(|e| format!("{name}: {e}"))?;
        // `boot.js` imports the glue as a relative module specifier.
        let name = if name.ends_with(".js") {
            (format!("./{name}"), format!("./{hashed}"))
        } else {
            (name.clone(), hashed)
        };
        names.push(name);
    }
    let grid = publish(GRID_FILE, resolved_grid()?.as_bytes())?;
    names.push((GRID_FILE.into(), grid));
    let text = |name: &str| String::from_utf8(read(&web.join(name))?).map_err(|e| e.to_string());
    let boot = bundle::rewrite("boot.js", &text("boot.js")?, &borrowed(&names))?;
    let boot = shrunk("boot.js", boot)?;
    let mut in_page = Vec::new();
    for name in STATIC_FILES {
        in_page.push((name.to_string(), publish(name, &read(&web.join(name))?)?));
    }
    in_page.push(("boot.js".into(), publish("boot.js", boot.as_bytes())?));
    let page = bundle::rewrite("index.html", &text("index.html")?, &borrowed(&in_page))?;
    write(out, "index.html", &page)?;
    assets.insert(0, "index.html".into());
    let worker = bundle::service_worker(&text(SERVICE_WORKER)?, &assets)?;
    let worker = shrunk(SERVICE_WORKER, worker)?;
    write(out, SERVICE_WORKER, &worker)?;
    bundle::precompress(out)
}

/// The DOMINO grid of `grids/` (the engine's embedded copy, which cargo rebuilds when the
/// file changes) in its resolved form; refused with its rendered diagnostics when it does
/// not load.
fn resolved_grid() -> Result<String> {
    let source = domino_engine::DOMINO_GRID;
    match domino_engine::Grid::from_toml(source) {
        Ok(loaded) => Ok(loaded.grid.to_resolved()),
        Err(diags) => Err(domino_engine::render_each(&diags.0, GRID_SOURCE, source).join("\n")),
    }
}

/// `(from, to)` pairs as [`bundle::rewrite`] takes them.
fn borrowed(names: &[(String, String)]) -> Vec<(&str, String)> {
    names.iter().map(|(a, b)| (a.as_str(), b.clone())).collect()
}

fn write(dir: &Path, name: &str, text: &str) -> Result<()> {
    let to = dir.join(name);
    std::fs::write(&to, text).map_err(|e| format!("{}: {e}", to.display()))
}

/// Shrinks the bindgen output `bg` in place with the `wasm-opt` of
/// `node_modules`, or says how to get it.
fn wasm_opt(bg: &Path) -> Result<()> {
    let wasm_opt = root().join("node_modules").join(".bin").join("wasm-opt");
    if !wasm_opt.exists() {
        eprintln!(
            "note: {} not found (run `npm ci` at the workspace root); skipping wasm-opt",
            wasm_opt.display()
        );
        return Ok(());
    }
    let tmp = bg.with_extension("opt.wasm");
    // `--low-memory-unused`: Rust never places data in the first KiB (its stack sits below the
    // data, from 1 MiB down), so loads and stores there may fold their offsets: −2.6 KB.
    // `--converge` repeats -Oz while it still shrinks the module.
    run(Command::new(&wasm_opt)
        .args(["-Oz", "--low-memory-unused", "--converge"])
        .args([
            "--strip-debug",
            "--strip-producers",
            "--strip-target-features",
        ])
        .args([
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "--enable-reference-types",
            "--enable-multivalue",
        ])
        .arg(bg)
        .arg("-o")
        .arg(&tmp))?;
    std::fs::rename(&tmp, bg).map_err(|e| e.to_string())
}
