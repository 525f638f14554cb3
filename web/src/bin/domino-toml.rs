//! The TOML reader's module (built for `wasm32-unknown-unknown`): the grid loader, its
//! lints and the TOML reader, for the offline app to load when a visitor first imports a
//! grid or an assessment written as TOML. Text in, text out ([`domino_web::toml_text`]),
//! so that it shares no Rust types with the app at runtime.

use wasm_bindgen::prelude::wasm_bindgen;

/// Loads a grid written as TOML; answers its resolved form and warnings, or its rendered
/// diagnostics, in JSON.
#[wasm_bindgen]
pub fn grid_answer(name: &str, source: &str) -> String {
    domino_web::toml_text::grid_answer(name, source)
}

/// Reads an assessment file (TOML or JSON); answers it as JSON, or its rendered
/// diagnostics.
#[wasm_bindgen]
pub fn assessment_answer(name: &str, source: &str) -> String {
    domino_web::toml_text::assessment_answer(name, source)
}

fn main() {}
