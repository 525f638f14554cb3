//! The offline app's entry point (built for `wasm32-unknown-unknown`): the module
//! `boot.js` loads for every page but the workshop links.

fn main() {
    domino_web::start();
}
