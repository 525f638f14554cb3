//! The user interface: one yew component holding the state, and a view function per page.
//! Every text from grids, assessments or files is rendered as a text node (never as HTML);
//! the radar chart is shown as an image, so nothing in it can run.

use crate::dom;
use crate::engine_bridge::{self, Rendered};
use crate::i18n::{self, Lang, Pick};
use crate::route::{Page, Route};
use crate::state::{Action, GridChoice, MetaField, Model, Tone};
use crate::store::{self, KeyValue};
use domino_engine::grid::Criterion;
use domino_engine::rules::Condition;
use domino_engine::vocabulary::report_text;
use domino_engine::{FindingKind, Grid, Phase};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

mod assess;
pub mod consensus;
pub mod divergence;
mod explore;
mod grid_page;
pub mod progress;
mod rater_list;
mod raters_page;
mod results;
mod search;

pub(crate) use assess::safe_file_name;
use assess::*;
use explore::*;
use grid_page::*;
use results::*;
pub(crate) use results::{findings, radar_figure, recommendations, scores, svg_src};
use search::search;
pub use search::{fold, search_grid, Hit};

/// The reducer wrapper around [`Model`].
#[derive(Debug)]
pub struct State(pub Model);

impl Reducible for State {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut model = self.0.clone();
        model.apply(action);
        Rc::new(State(model))
    }
}

/// The route the page opens on, in the language of the URL, else the one last chosen here,
/// else the browser's; the location is rewritten to say it.
pub(crate) fn start_route() -> Route {
    let route = with_known_lang(Route::parse(&dom::hash()));
    dom::replace_hash(&route.to_hash());
    route
}

/// `route` in its own language, else the one last chosen here, else the browser's.
pub(crate) fn with_known_lang(route: Route) -> Route {
    let lang = route
        .lang
        .or_else(|| {
            dom::BrowserStore::open()
                .get(store::LANG_KEY)
                .as_deref()
                .and_then(|t| Lang::from_tag(t).ok())
        })
        .unwrap_or_else(|| i18n::from_browser(dom::navigator_lang().as_deref()));
    route.with_lang(lang)
}

/// Opens the page again on `route`, so that `boot.js` loads the module that shows it: the
/// offline app and the live workshop are two modules (see `web/README.md`). Once only: when
/// the page comes back to this module for the same route, it stays (see
/// [`other_module_missing`]). Says whether the page is opening again.
pub(crate) fn open_module_of(route: &Route) -> bool {
    let hash = with_known_lang(route.clone()).to_hash();
    dom::replace_hash(&hash);
    dom::reload_once_for(&hash)
}

/// What a module shows on a page of the other module when opening that one failed.
pub(crate) fn other_module_missing(l: Lang) -> Html {
    html! {
        <>
            { h1("DOMINO") }
            <p>{ l.pick(
                "Cette page n’a pas pu s’ouvrir\u{a0}; rechargez-la.",
                "This page could not open; reload it.") }</p>
        </>
    }
}

fn initial_state(builtin: Rc<Grid>) -> State {
    let route = start_route();
    if route.is_workshop() {
        // The workshop is the other module's: the page opens again on it (see `boot.js`).
        open_module_of(&route);
    }
    let mut store = dom::BrowserStore::open();
    let mut model = Model::new(builtin, route.lang.unwrap_or_default(), route);
    match store::load(&mut store) {
        store::Loaded::Empty => {}
        store::Loaded::Restored(workspace) => {
            for (_, raw) in model.restore(workspace) {
                store::set_aside(&mut store, &raw);
            }
        }
        store::Loaded::SetAside { key, reason } => model.report_set_aside(&key, &reason),
    }
    State(model)
}

/// What the app starts with.
#[derive(Properties)]
pub struct AppProps {
    /// The DOMINO grid, fetched at start-up.
    pub builtin: Rc<Grid>,
}

impl PartialEq for AppProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.builtin, &other.builtin)
    }
}

/// The app.
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let state = {
        let builtin = props.builtin.clone();
        use_reducer(move || initial_state(builtin))
    };
    let dispatch: Callback<Action> = {
        let state = state.clone();
        Callback::from(move |a| state.dispatch(a))
    };

    use_hash_route({
        let dispatch = dispatch.clone();
        Callback::from(move |route: Route| {
            // A workshop link opens the workshop's module; should it fail, the app says so.
            if !(route.is_workshop() && open_module_of(&route)) {
                dispatch.emit(Action::Navigate(route));
            }
        })
    });
    use_focus_on_navigation(state.0.route.clone());
    use_autosave(state.clone(), dispatch.clone());
    let lang = state.0.lang;
    use_document_language(
        lang,
        state.0.current_grid().title.get(lang.code()).to_string(),
    );

    let m = &state.0;
    html! {
        <>
            { skip_link(m.lang) }
            { header(m.lang, &m.route) }
            <main id="main">
                { notices(m, &dispatch) }
                { page(m, &dispatch) }
            </main>
            { footer(m.lang) }
        </>
    }
}

/// The link that skips the header.
pub(crate) fn skip_link(l: Lang) -> Html {
    html! {
        <a class="skip" href="#main" onclick={Callback::from(|e: MouseEvent| {
            e.prevent_default();
            dom::focus_main_heading();
        })}>{ l.pick("Aller au contenu", "Skip to content") }</a>
    }
}

/// The page's footer: what DOMINO is, and where the answers stay.
pub(crate) fn footer(l: Lang) -> Html {
    html! {
        <footer class="site-footer">
            <p>{ l.pick(
                "DOMINO — programme de recherche-action sur les pratiques collaboratives territoriales (Collporterre, Télécom Bretagne, ADEME, 2015–2017). Vos réponses restent dans ce navigateur.",
                "DOMINO — research-action programme on territorial collaborative practices (Collporterre, Télécom Bretagne, ADEME, 2015–2017). Your answers stay in this browser.") }</p>
        </footer>
    }
}

/// Follows the location: every change of the hash is told to `on_route`.
#[hook]
pub(crate) fn use_hash_route(on_route: Callback<Route>) {
    use_effect_with((), move |_| {
        let listener = Closure::<dyn Fn()>::new(move || {
            on_route.emit(Route::parse(&dom::hash()));
        });
        let window = dom::window();
        if let Some(w) = &window {
            let _ =
                w.add_event_listener_with_callback("hashchange", listener.as_ref().unchecked_ref());
        }
        move || {
            if let Some(w) = &window {
                let _ = w.remove_event_listener_with_callback(
                    "hashchange",
                    listener.as_ref().unchecked_ref(),
                );
            }
        }
    });
}

/// After a navigation has been rendered, moves the focus to the new page's
/// heading, so that keyboard and screen-reader users start from there. Not
/// on the first render: a page just opened keeps the browser's focus.
#[hook]
pub(crate) fn use_focus_on_navigation(route: Route) {
    let first_render = use_mut_ref(|| true);
    use_effect_with(route, move |_| {
        if !std::mem::replace(&mut *first_render.borrow_mut(), false) {
            dom::focus_main_heading();
        }
    });
}

/// Autosaves whenever the saved data changes; a failure is told as a notice.
#[hook]
fn use_autosave(snapshot: UseReducerHandle<State>, dispatch: Callback<Action>) {
    use_effect_with(snapshot.0.revision, move |rev| {
        if *rev > 0 {
            let mut store = dom::BrowserStore::open();
            if let Err(e) = crate::state::persist(&mut store, &snapshot.0) {
                let lang = snapshot.0.lang;
                dispatch.emit(Action::Notify(
                    Tone::Problem,
                    format!(
                        "{} ({e})",
                        lang.pick(
                            "Impossible d’enregistrer dans le navigateur\u{a0}; exportez votre évaluation",
                            "Could not save in the browser; export your assessment"
                        )
                    ),
                ));
            }
        }
    });
}

/// Remembers the language; sets the document's language and title.
#[hook]
pub(crate) fn use_document_language(lang: Lang, title: String) {
    use_effect_with((lang, title), move |(lang, title)| {
        let mut store = dom::BrowserStore::open();
        let _ = store.set(store::LANG_KEY, lang.code());
        dom::set_document(lang.code(), &report_text::page_title(title));
    });
}

fn link(lang: Lang, page: Page) -> String {
    Route::new(lang, page).to_hash()
}

/// The site's header: the brand, the main navigation and the language switch.
pub(crate) fn header(l: Lang, route: &Route) -> Html {
    let current = &route.page;
    let item = |page: Page, label: &'static str| {
        let here = std::mem::discriminant(current) == std::mem::discriminant(&page);
        html! {
            <li><a href={link(l, page)} aria-current={here.then_some("page")}>{ label }</a></li>
        }
    };
    let other = l.other();
    html! {
        <header class="site-header">
            <p class="brand"><a href={link(l, Page::Home)}>{ "DOMINO" }</a></p>
            <nav aria-label={l.pick("Navigation principale", "Main navigation")}>
                <ul>
                    { item(Page::Explore(None), l.pick("Explorer", "Explore")) }
                    { item(Page::Rules, l.labels().rules) }
                    { item(Page::Search(String::new()), l.pick("Rechercher", "Search")) }
                    { item(Page::Assess(None), l.pick("S’évaluer", "Assess")) }
                    { item(Page::Results, l.labels().results) }
                    { item(Page::Grid, l.pick("Ma grille", "My grid")) }
                </ul>
            </nav>
            <a class="lang-switch" href={route.with_lang(other).to_hash()} hreflang={other.code()} lang={other.code()}
               id="lang-switch">{ other.name() }</a>
        </header>
    }
}

fn notices(m: &Model, dispatch: &Callback<Action>) -> Html {
    let l = m.lang;
    html! {
        <div class="notices" role="status" aria-live="polite">
            { for m.reading.as_ref().map(|name| html! {
                <p class="notice info reading">{ l.labelled(
                    l.pick("Lecture de", "Reading"),
                    format!("{}{}", l.quoted(name), l.pick("\u{a0}: chargement du lecteur de fichiers TOML…", ": loading the TOML file reader…")),
                ) }</p>
            }) }
            { for m.notices.iter().map(|n| {
                let id = n.id;
                let d = dispatch.clone();
                let class = match n.tone { Tone::Info => "notice info", Tone::Problem => "notice problem" };
                html! {
                    <div class={class} key={id}>
                        <p>{ &n.text }</p>
                        { diagnostics(&n.details, l) }
                        <button type="button" onclick={Callback::from(move |_| d.emit(Action::Dismiss(id)))}>
                            { l.pick("Fermer", "Dismiss") }
                        </button>
                    </div>
                }
            }) }
        </div>
    }
}

fn page(m: &Model, dispatch: &Callback<Action>) -> Html {
    match &m.route.page {
        Page::Home => html! { <>{ home(m) }{ crate::workshop::held_links(m.lang) }</> },
        Page::Explore(None) => explore(m),
        Page::Explore(Some(axis)) => explore_axis(m, axis),
        Page::Rules => rules(m),
        Page::Search(q) => search(m, q, dispatch),
        Page::Assess(None) => assessments(m, dispatch),
        Page::Assess(Some(axis)) => assess_axis(m, axis, dispatch),
        Page::Results => results(m, dispatch),
        Page::Grid => grid_page(m, dispatch),
        Page::Consensus => raters_page::consensus_page(m, dispatch),
        Page::Progress => raters_page::progress_page(m, dispatch),
        // Shown while the page opens again on the workshop's module, or if it could not.
        Page::Workshop(_) => other_module_missing(m.lang),
    }
}

/// Rendered diagnostics, each preformatted, then how many more were left out.
fn diagnostics(rendered: &Rendered, l: Lang) -> Html {
    html! {
        <>
            { for rendered.shown.iter().map(|t| html!{ <pre class="diagnostic">{ t }</pre> }) }
            if rendered.omitted > 0 {
                <p class="omitted">{ match l {
                    Lang::Fr => format!("… et {} autres diagnostics, non affichés\u{a0}: corrigez d’abord ceux-ci, ou lisez-les tous avec l’outil en ligne de commande domino.", rendered.omitted),
                    Lang::En => format!("… and {} more diagnostics, not shown: fix these first, or read them all with the domino command-line tool.", rendered.omitted),
                } }</p>
            }
        </>
    }
}

/// A label followed by the language's colon, before the element holding its value.
fn label(l: Lang, word: &str) -> String {
    format!("{word}{}", l.colon())
}

/// The page's heading, focusable so that a navigation can move the focus to it.
pub(crate) fn h1(text: impl Into<Html>) -> Html {
    html! { <h1 tabindex="-1">{ text.into() }</h1> }
}

fn grid_badge(m: &Model) -> Html {
    let g = m.current_grid();
    let l = m.lang;
    html! {
        <p class="grid-stamp">
            { format!("{}{}", l.labels().grid, l.colon()) }<strong>{ g.title.get(l.code()) }</strong>
            { format!(" — {}", report_text::stamp_of(&g.id, &g.version, &g.hash)) }
        </p>
    }
}

fn not_found(m: &Model) -> Html {
    let l = m.lang;
    html! {
        <>
            { h1(l.pick("Page introuvable", "Page not found")) }
            <p><a href={link(l, Page::Home)}>{ l.pick("Retour à l’accueil", "Back home") }</a></p>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_and_accents() {
        assert_eq!(fold("Équité ÉCOLOGIE Œuvre"), "equite ecologie ouvre");
    }

    #[test]
    fn a_reported_condition_is_told_from_the_grid_it_came_from() {
        let g = Grid::from_toml(domino_engine::DOMINO_GRID).unwrap().grid;
        let rule = &g.rules[0];
        assert_eq!(
            describe(&g, Lang::Fr, rule.when.source()),
            g.describe(&rule.when, "fr")
        );
        assert_ne!(
            describe(&g, Lang::En, rule.when.source()),
            rule.when.source()
        );
        assert_eq!(describe(&g, Lang::En, "a.b <= 1"), "a.b <= 1");
    }

    #[test]
    fn file_names_are_safe() {
        assert_eq!(
            safe_file_name("Repair Café / Cleunay"),
            "repair-café---cleunay"
        );
        assert_eq!(safe_file_name("../.."), "evaluation");
    }
}
