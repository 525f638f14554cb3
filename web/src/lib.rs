//! # DOMINO web app
//!
//! A client-side app (yew, WebAssembly) that runs the DOMINO engine in the browser:
//! explore a grid, self-assess axis by axis, see the radar, findings and recommendations,
//! and load your own grid. Nothing leaves the browser; work is autosaved in `localStorage`.
//!
//! The logic that does not need a browser — routes, the autosave envelope, the state
//! reducer, plain-words rules, search — lives in plain modules tested natively.

pub mod app;
pub mod dom;
pub mod glue;
pub mod i18n;
pub mod plain;
pub mod route;
pub mod store;
pub mod ui;

/// Mounts the app on the page's `<body>`.
pub fn start() {
    yew::Renderer::<ui::App>::new().render();
}
