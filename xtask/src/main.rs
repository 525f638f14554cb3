//! Project automation for the DOMINO workspace.
//!
//! ```text
//! cargo run -p xtask -- build-web [--no-opt]   # build the web app into web/dist/
//! cargo run -p xtask -- build-web --keep-names # unoptimized, with function names (size analysis)
//! cargo run -p xtask -- serve [--port 8080]    # build, then serve web/dist/ on 127.0.0.1
//! cargo run -p xtask -- size                   # print the bundle size (raw and gzipped)
//! ```
//!
//! `build-web` compiles `domino-web` for `wasm32-unknown-unknown` with the `release-wasm`
//! profile (adding the rust target with rustup when it is missing), runs wasm-bindgen as a
//! library (`--target web` output), optionally shrinks the module with `wasm-opt -Oz` (npm
//! `binaryen`, found in `node_modules/.bin`), and copies the hand-written static files.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

const TARGET: &str = "wasm32-unknown-unknown";
const PROFILE: &str = "release-wasm";
/// Static files copied verbatim from `web/` into `web/dist/`.
const STATIC_FILES: &[&str] = &["index.html", "style.css", "boot.js"];
/// The DOMINO grid, copied from `grids/` into `web/dist/`: the app fetches it at start-up.
const GRID_FILE: &str = "domino.toml";

type Result<T, E = String> = std::result::Result<T, E>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("build-web") => build_web(&args[1..]).map(|_| ()),
        Some("serve") => serve(&args[1..]),
        Some("size") => size().map(|_| ()),
        _ => {
            eprintln!(
                "usage: cargo run -p xtask -- <command>\n\n\
                 commands:\n  \
                 build-web [--no-opt] [--keep-names]  build the web app into web/dist/\n  \
                 serve [--port N] [--no-build] build, then serve web/dist/ on 127.0.0.1\n  \
                 size                          print the bundle size (raw and gzipped)"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

fn dist() -> PathBuf {
    root().join("web").join("dist")
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

fn run(command: &mut Command) -> Result<()> {
    eprintln!("$ {command:?}");
    let status = command
        .status()
        .map_err(|e| format!("cannot run {command:?}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{command:?} failed ({status})"))
    }
}

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

fn build_web(args: &[String]) -> Result<PathBuf> {
    let keep_names = args.iter().any(|a| a == "--keep-names");
    let optimize = !keep_names && !args.iter().any(|a| a == "--no-opt");
    let started = Instant::now();
    ensure_target()?;
    // Symbols are stripped after wasm-bindgen (by wasm-bindgen and wasm-opt), not by rustc:
    // wasm-bindgen needs the `target_features` section to know which features to use.
    run(Command::new(cargo())
        .current_dir(root())
        .env("CARGO_PROFILE_RELEASE_WASM_STRIP", "false")
        .args([
            "build",
            "-p",
            "domino-web",
            "--target",
            TARGET,
            "--profile",
            PROFILE,
        ]))?;
    let wasm = target_dir()
        .join(TARGET)
        .join(PROFILE)
        .join("domino-web.wasm");
    let out = dist();
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    for name in ["domino_web.js", "domino_web_bg.wasm"] {
        let _ = std::fs::remove_file(out.join(name));
    }
    eprintln!("wasm-bindgen {} -> {}", wasm.display(), out.display());
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&wasm)
        .out_name("domino_web")
        .web(true)
        .map_err(|e| e.to_string())?
        .typescript(false)
        .remove_name_section(!keep_names)
        .remove_producers_section(true)
        .generate(&out)
        .map_err(|e| format!("wasm-bindgen: {e:#}"))?;
    let bg = out.join("domino_web_bg.wasm");
    if optimize {
        wasm_opt(&out, &bg)?;
    }
    for name in STATIC_FILES {
        let from = root().join("web").join(name);
        std::fs::copy(&from, out.join(name)).map_err(|e| format!("{}: {e}", from.display()))?;
    }
    // The app fetches the DOMINO grid at start-up rather than embedding it.
    let from = root().join("grids").join(GRID_FILE);
    std::fs::copy(&from, out.join(GRID_FILE)).map_err(|e| format!("{}: {e}", from.display()))?;
    eprintln!("built {} in {:.1?}", out.display(), started.elapsed());
    size()?;
    Ok(out)
}

/// Shrinks the bindgen output `bg` in place with the `wasm-opt` of
/// `node_modules`, or says how to get it.
fn wasm_opt(out: &Path, bg: &Path) -> Result<()> {
    let wasm_opt = root().join("node_modules").join(".bin").join("wasm-opt");
    if wasm_opt.exists() {
        let tmp = out.join("domino_web_bg.opt.wasm");
        run(Command::new(&wasm_opt)
            .arg("-Oz")
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
        std::fs::rename(&tmp, bg).map_err(|e| e.to_string())?;
    } else {
        eprintln!(
            "note: {} not found (run `npm ci` at the workspace root); skipping wasm-opt",
            wasm_opt.display()
        );
    }
    Ok(())
}

fn gzipped_len(bytes: &[u8]) -> usize {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).expect("in-memory write");
    encoder.finish().expect("in-memory write").len()
}

/// Prints the size of each file of the bundle, raw and gzipped; returns the gzipped total of
/// the wasm and JavaScript files.
fn size() -> Result<usize> {
    let out = dist();
    let mut total = 0;
    let mut code = 0;
    let mut names: Vec<_> = std::fs::read_dir(&out)
        .map_err(|e| format!("{}: {e} (run `build-web` first)", out.display()))?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for name in names {
        let bytes = std::fs::read(out.join(&name)).map_err(|e| e.to_string())?;
        let gz = gzipped_len(&bytes);
        println!("{name:<24} {:>9} B  {:>8} B gzipped", bytes.len(), gz);
        total += gz;
        if name.ends_with(".wasm") || name.ends_with(".js") {
            code += gz;
        }
    }
    let grid = std::fs::read(out.join(GRID_FILE))
        .map(|bytes| gzipped_len(&bytes))
        .unwrap_or(0);
    println!(
        "wasm+js gzipped: {code} B ({:.1} KiB); with the grid: {} B; all files gzipped: {total} B",
        code as f64 / 1024.0,
        code + grid
    );
    Ok(code)
}

fn serve(args: &[String]) -> Result<()> {
    let mut port = 8080u16;
    let mut build = true;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--port" => {
                port = it
                    .next()
                    .and_then(|p| p.parse().ok())
                    .ok_or("--port needs a number")?
            }
            "--no-build" => build = false,
            other => return Err(format!("unknown option {other}")),
        }
    }
    if build {
        build_web(&[])?;
    }
    let dir = dist();
    let listener =
        TcpListener::bind(("127.0.0.1", port)).map_err(|e| format!("127.0.0.1:{port}: {e}"))?;
    eprintln!("serving {} on http://127.0.0.1:{port}/", dir.display());
    for stream in listener.incoming().flatten() {
        let dir = dir.clone();
        std::thread::spawn(move || {
            if let Err(e) = respond(stream, &dir) {
                eprintln!("request failed: {e}");
            }
        });
    }
    Ok(())
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("json") => "application/json",
        Some("toml") => "application/toml",
        _ => "application/octet-stream",
    }
}

fn respond(stream: TcpStream, dir: &Path) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Drain the headers.
    let mut line = String::new();
    while reader.read_line(&mut line)? > 2 {
        line.clear();
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let mut stream = stream;
    if method != "GET" && method != "HEAD" {
        return write_response(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain",
            b"",
            true,
        );
    }
    let relative = path.trim_start_matches('/');
    if relative
        .split('/')
        .any(|part| part == ".." || part.starts_with('.'))
    {
        return write_response(
            &mut stream,
            "404 Not Found",
            "text/plain",
            b"not found",
            true,
        );
    }
    let mut file = dir.join(if relative.is_empty() {
        "index.html"
    } else {
        relative
    });
    if file.is_dir() {
        file = file.join("index.html");
    }
    match std::fs::File::open(&file) {
        Ok(mut f) => {
            let mut body = Vec::new();
            f.read_to_end(&mut body)?;
            let head_only = method == "HEAD";
            write_response(
                &mut stream,
                "200 OK",
                content_type(&file),
                &body,
                !head_only,
            )
        }
        Err(_) => write_response(
            &mut stream,
            "404 Not Found",
            "text/plain",
            b"not found",
            true,
        ),
    }
}

fn write_response(
    stream: &mut TcpStream,
    status: &str,
    content_type: &str,
    body: &[u8],
    with_body: bool,
) -> std::io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Cache-Control: no-cache\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if with_body {
        stream.write_all(body)?;
    }
    stream.flush()
}
