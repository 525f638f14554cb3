//! The live workshop's entry point (built for `wasm32-unknown-unknown`): the module
//! `boot.js` loads for `#/t/TOKEN` links.

fn main() {
    domino_web::start_workshop();
}
