//! Reading the files a visitor imports, through the TOML reader's module when they are
//! written as TOML: the offline app carries neither the TOML reader nor the grid loader
//! (about 29 KB gzipped), which `boot.js` loads the first time they are needed
//! (`window.__dominoTomlReader`, kept offline by the service worker). A JSON assessment is
//! read here at once. The answers cross as text ([`crate::toml_text`]).

use crate::engine_bridge::{self, Refused};
use crate::i18n::{Lang, Pick};
use crate::state::Read;
use crate::toml_text::ReadGrid;
use domino_engine::sniff::{self, DocumentFormat};
use domino_engine::Assessment;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Whether reading the assessment file `name` needs the TOML reader (not a JSON file).
pub fn needs_reader(name: &str, source: &str) -> bool {
    sniff::document_format(Some(name), source) != DocumentFormat::Json
}

/// Loads the grid `source` (TOML) through the TOML reader.
pub async fn grid(name: &str, source: &str, lang: Lang) -> Read<ReadGrid> {
    let answer = ask("grid_answer", name, source, lang).await?;
    crate::toml_text::read_grid_answer(name, &answer)
}

/// Reads the assessment `source`: JSON here, TOML through the TOML reader.
pub async fn assessment(name: &str, source: &str, lang: Lang) -> Read<Assessment> {
    if !needs_reader(name, source) {
        return engine_bridge::read_json_assessment(name, source);
    }
    let answer = ask("assessment_answer", name, source, lang).await?;
    crate::toml_text::read_assessment_answer(name, &answer)
}

/// Calls `function` of the TOML reader's module on (`name`, `source`), loading the module
/// the first time.
async fn ask(function: &str, name: &str, source: &str, lang: Lang) -> Result<String, Refused> {
    let reader = JsFuture::from(loading().map_err(|e| not_loaded(&e, lang))?)
        .await
        .map_err(|e| not_loaded(&e, lang))?;
    let call = js_sys::Reflect::get(&reader, &JsValue::from_str(function))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or_else(|| not_loaded(&JsValue::from_str(function), lang))?;
    call.call2(&JsValue::NULL, &name.into(), &source.into())
        .ok()
        .and_then(|answer| answer.as_string())
        .ok_or_else(|| not_loaded(&JsValue::from_str(function), lang))
}

/// The promise of the TOML reader's module, from `boot.js`.
fn loading() -> Result<js_sys::Promise, JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let load = js_sys::Reflect::get(&window, &JsValue::from_str("__dominoTomlReader"))?
        .dyn_into::<js_sys::Function>()?;
    load.call0(&window)?.dyn_into::<js_sys::Promise>()
}

/// The refusal shown when the TOML reader could not be loaded: most often the browser is
/// offline and has never kept it (the service worker keeps it after a first visit online).
fn not_loaded(error: &JsValue, lang: Lang) -> Refused {
    let why = error
        .as_string()
        .or_else(|| js_sys::Error::from(error.clone()).message().as_string())
        .unwrap_or_default();
    Refused::message(not_loaded_message(&why, lang))
}

/// What to do when the TOML reader could not be loaded, in `lang`.
pub fn not_loaded_message(why: &str, lang: Lang) -> String {
    lang.pick(
        "Le lecteur de fichiers TOML n’a pas pu être chargé\u{a0}: ce navigateur ne le garde qu’après une première visite en ligne. Reconnectez-vous, rechargez la page et choisissez le fichier de nouveau\u{a0}; une évaluation peut aussi être importée au format JSON.",
        "The TOML file reader could not be loaded: this browser keeps it only after a first visit online. Connect, reload the page and choose the file again; an assessment can also be imported as JSON.",
    )
    .to_owned()
        + &if why.is_empty() { String::new() } else { format!(" ({why})") }
}

/// Gives the grid of an autosave older than the resolved form its resolved form, through
/// the TOML reader, before the app restores it ([`crate::state::Model::restore`] reads no
/// TOML). A grid the reader refuses, or cannot read, stays as it is: the app then sets it
/// aside with a notice, as any saved data it cannot read.
pub async fn resolve_saved_grid() {
    use crate::store::{self, KeyValue};
    let mut browser = crate::dom::BrowserStore::open();
    let Some(text) = browser.get(store::WORKSPACE_KEY) else {
        return;
    };
    let Ok(mut workspace) = store::from_envelope(&text) else {
        return;
    };
    let Some(saved) = workspace.grid.as_mut().filter(|g| g.resolved.is_none()) else {
        return;
    };
    if let Ok(read) = grid(&saved.name, &saved.source, Lang::default()).await {
        saved.resolved = Some(read.resolved);
        saved.warnings = read.loaded.warnings;
        // A refused save leaves the old autosave, read again through the reader next time.
        let _ = store::save(&mut browser, &workspace);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_json_assessment_is_read_without_the_reader_and_anything_else_with_it() {
        assert!(!needs_reader("a.json", "{\"assessment\": {}}"));
        assert!(!needs_reader("a.toml", "{\"assessment\": {}}"));
        assert!(needs_reader("a.toml", "[assessment]\n"));
        assert!(needs_reader("a.txt", "[assessment]\n"));
    }

    #[test]
    fn a_reader_that_cannot_load_says_what_to_do_in_both_languages() {
        let fr = not_loaded_message("Failed to fetch", Lang::Fr);
        assert!(fr.starts_with("Le lecteur de fichiers TOML n’a pas pu être chargé\u{a0}: "));
        assert!(fr.contains("Reconnectez-vous, rechargez la page"));
        assert!(fr.ends_with("au format JSON. (Failed to fetch)"));
        let en = not_loaded_message("", Lang::En);
        assert!(en.contains("Connect, reload the page and choose the file again"));
        assert!(en.ends_with("imported as JSON."));
    }
}
