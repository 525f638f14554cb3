//! # DOMINO web app
//!
//! A client-side app (yew, WebAssembly) that runs the DOMINO engine in the browser:
//! explore a grid, self-assess axis by axis, see the radar, findings and recommendations,
//! and load your own grid. Nothing leaves the browser; work is autosaved in `localStorage`.
//! The live workshop (`#/t/TOKEN` links of `domino serve`) is built as a second module from
//! the same library ([`start_workshop`]), so that each visitor downloads only the pages of
//! the link they open; `boot.js` picks the module from the URL.
//!
//! The logic that does not need a browser — routes, the autosave envelope, the state
//! reducer, search — lives in plain modules tested natively.

pub mod dom;
pub mod engine_bridge;
pub mod i18n;
pub mod reader;
pub mod route;
pub mod scored;
pub mod state;
pub mod store;
pub mod toml_text;
pub mod ui;
pub mod workshop;

/// Where the DOMINO grid is fetched from when the page does not say: next to `index.html`.
/// The built page names its content-hashed copy in the `<link id="grid">` that preloads it
/// (see [`dom::grid_url`]), so the app fetches exactly what was preloaded.
pub const GRID_URL: &str = "domino.json";

/// Fetches the DOMINO grid, then mounts the app on the page's `<body>`; when the grid cannot
/// be fetched or loaded, says so in the page instead.
pub fn start() {
    wasm_bindgen_futures::spawn_local(async {
        reader::resolve_saved_grid().await;
        let url = dom::grid_url().unwrap_or_else(|| GRID_URL.into());
        let grid = match dom::fetch_text(&url).await {
            Ok(source) => engine_bridge::load_builtin(&source).map_err(|refused| {
                let rendered = &refused.rendered;
                let more = match rendered.omitted {
                    0 => String::new(),
                    n => format!("\n… +{n}"),
                };
                format!("{url}: {}{more}", rendered.shown.join("\n"))
            }),
            Err(e) => Err(format!("{url}: {e}")),
        };
        match grid {
            Ok(grid) => {
                yew::Renderer::<ui::App>::with_props(ui::AppProps {
                    builtin: std::rc::Rc::new(grid),
                })
                .render();
                dom::set_loading(None);
            }
            Err(e) => dom::set_loading(Some(&format!(
                "DOMINO n'a pas pu charger sa grille. — DOMINO could not load its grid. ({e})"
            ))),
        }
    });
}

/// Mounts the live workshop on the page's `<body>`: the workshop module's entry point. It
/// needs no grid of its own (each session's comes from the server).
pub fn start_workshop() {
    yew::Renderer::<workshop::WorkshopApp>::new().render();
    dom::set_loading(None);
}
