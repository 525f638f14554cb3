//! The DOMINO web app's entry point (built for `wasm32-unknown-unknown`).

fn main() {
    domino_web::start();
}
