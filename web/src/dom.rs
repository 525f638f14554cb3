//! Small browser helpers: storage, downloads, files, timing, focus.

use crate::store::KeyValue;
use wasm_bindgen::{JsCast, JsValue};

/// The browser window.
pub fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// `localStorage`, or nothing when the browser refuses it.
pub struct BrowserStore(Option<web_sys::Storage>);

impl BrowserStore {
    /// Opens `localStorage`.
    pub fn open() -> BrowserStore {
        BrowserStore(window().and_then(|w| w.local_storage().ok().flatten()))
    }
}

impl KeyValue for BrowserStore {
    fn get(&self, key: &str) -> Option<String> {
        self.0.as_ref()?.get_item(key).ok().flatten()
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        let storage = self.0.as_ref().ok_or("storage unavailable")?;
        storage
            .set_item(key, value)
            .map_err(|e| e.as_string().unwrap_or_else(|| "storage refused".into()))
    }
    fn remove(&mut self, key: &str) {
        if let Some(s) = &self.0 {
            let _ = s.remove_item(key);
        }
    }
}

/// Milliseconds from a monotonic clock.
pub fn now_ms() -> f64 {
    window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// The current `location.hash`.
pub fn hash() -> String {
    window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Replaces the URL's hash without a new history entry nor a `hashchange` event.
pub fn replace_hash(hash: &str) {
    if let Some(history) = window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(hash));
    }
}

/// Loads the page again on `hash` (already in the URL), unless the last reload was for that
/// same hash: then the module it loaded could not show it either, and reloading again would
/// loop. Says whether it reloads.
pub fn reload_once_for(hash: &str) -> bool {
    const KEY: &str = "domino.reopened";
    let session = window().and_then(|w| w.session_storage().ok().flatten());
    let last = session
        .as_ref()
        .and_then(|s| s.get_item(KEY).ok().flatten());
    if last.as_deref() == Some(hash) {
        if let Some(s) = &session {
            let _ = s.remove_item(KEY);
        }
        return false;
    }
    if let Some(s) = &session {
        let _ = s.set_item(KEY, hash);
    }
    window().is_some_and(|w| w.location().reload().is_ok())
}

/// Offers `text` as a file download.
pub fn download(name: &str, mime: &str, text: &str) {
    let Some(document) = window().and_then(|w| w.document()) else {
        return;
    };
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Ok(a) = document.create_element("a") {
        if let Ok(a) = a.dyn_into::<web_sys::HtmlAnchorElement>() {
            a.set_href(&url);
            a.set_download(name);
            a.click();
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Largest file the app reads (grids and assessments are a few kilobytes).
pub const MAX_FILE: f64 = 2.0 * 1024.0 * 1024.0;

/// Reads the first file chosen in an `<input type=file>` and hands (name, text) to `done`,
/// or an error message to `failed`.
pub fn read_file(
    input: &web_sys::HtmlInputElement,
    done: impl FnOnce(String, String) + 'static,
    failed: impl FnOnce(String) + 'static,
) {
    let Some(file) = input.files().and_then(|f| f.get(0)) else {
        return;
    };
    input.set_value("");
    let name = file.name();
    if file.size() > MAX_FILE {
        failed(format!("{name}: > 2 MB"));
        return;
    }
    // The bytes, not `file.text()`: the browser would turn UTF-16 or Latin-1 text
    // into replacement characters without a word; the engine refuses it with
    // where and what to do.
    wasm_bindgen_futures::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => {
                let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
                match domino_engine::sniff::decode_owned(bytes) {
                    Ok(text) => done(name, text),
                    Err(e) => failed(format!("{name}: {e}")),
                }
            }
            Err(_) => failed(name),
        }
    });
}

/// Sets the document's language and title.
pub fn set_document(lang: &str, title: &str) {
    if let Some(document) = window().and_then(|w| w.document()) {
        if let Some(root) = document.document_element() {
            let _ = root.set_attribute("lang", lang);
        }
        document.set_title(title);
    }
}

/// Moves the focus to the page's main heading (after a navigation).
pub fn focus_main_heading() {
    if let Some(el) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("main h1").ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Opens the print dialog.
pub fn print() {
    if let Some(w) = window() {
        let _ = w.print();
    }
}

/// The browser's preferred language tag (`navigator.language`, such as `fr-FR`).
pub fn navigator_lang() -> Option<String> {
    window()?.navigator().language()
}

/// The grid the page preloads (`<link id="grid" href=…>`): the build gives it a
/// content-hashed name so that browsers and the service worker may keep it for good.
pub fn grid_url() -> Option<String> {
    window()?
        .document()?
        .get_element_by_id("grid")?
        .get_attribute("href")
}

/// Fetches a file of the site as text; the error says why (network, HTTP status).
pub async fn fetch_text(url: &str) -> Result<String, String> {
    use wasm_bindgen_futures::JsFuture;
    let window = window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|e| e.as_string().unwrap_or_else(|| "network error".into()))?;
    let response: web_sys::Response = response.unchecked_into();
    if !response.ok() {
        return Err(format!("HTTP {}", response.status()));
    }
    let text = response.text().map_err(|_| "unreadable response")?;
    JsFuture::from(text)
        .await
        .ok()
        .and_then(|t| t.as_string())
        .ok_or_else(|| "unreadable response".into())
}

/// Shows a message in the page's loading paragraph, or removes it (`None`).
pub fn set_loading(message: Option<&str>) {
    let Some(document) = window().and_then(|w| w.document()) else {
        return;
    };
    let Some(p) = document.get_element_by_id("loading") else {
        return;
    };
    match message {
        Some(text) => {
            p.set_text_content(Some(text));
            let _ = p.set_attribute("role", "alert");
        }
        None => p.remove(),
    }
}
