//! Any text as a rule condition of the DOMINO grid: compiled against the
//! grid's names when the grid loads (as the only rule), then evaluated on
//! sample assessments.
#![no_main]

use domino_engine::{Assessment, Grid, DOMINO_GRID};
use libfuzzer_sys::fuzz_target;
use std::fmt::Write;
use std::sync::OnceLock;

fn samples() -> &'static [Assessment] {
    static SAMPLES: OnceLock<Vec<Assessment>> = OnceLock::new();
    SAMPLES.get_or_init(|| {
        [
            include_str!("../../grids/examples/amap-redon.toml"),
            include_str!("../../grids/examples/couchsurfing-apres-2011.toml"),
            include_str!("../../grids/examples/wiki-brest.toml"),
        ]
        .iter()
        .map(|s| Assessment::from_toml(s).expect("sample reads"))
        .collect()
    })
}

/// A TOML basic string holding `s` exactly.
fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The DOMINO grid without its own rules (whose lints would dominate the
/// time of each run): same scales, profile, axes and criteria.
fn template() -> &'static str {
    static TEMPLATE: OnceLock<String> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let mut parts = DOMINO_GRID.split("\n[[");
        let mut out = parts.next().unwrap_or_default().to_owned();
        for part in parts {
            if !part.starts_with("rules]]") {
                out.push_str("\n[[");
                out.push_str(part);
            }
        }
        out
    })
}

fuzz_target!(|condition: &str| {
    let source = format!(
        "{}\n[[rules]]\nid = \"fuzz\"\nkind = \"vigilance\"\nwhen = {}\n\
         message = {{ fr = \"x\", en = \"x\" }}\n",
        template(),
        quote(condition)
    );
    match Grid::from_toml(&source) {
        Ok(loaded) => {
            let grid = loaded.grid;
            for a in samples() {
                let report = grid.score(a, "fr").expect("sample scores");
                for f in report.findings.all() {
                    assert!(!f.message.is_empty());
                }
            }
        }
        Err(diags) => {
            assert!(diags.error_count() > 0);
            let _ = diags.render("fuzz.toml", &source);
        }
    }
});
