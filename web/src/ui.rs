//! The user interface: one yew component holding the state, and a view function per page.
//! Every text from grids, assessments or files is rendered as a text node (never as HTML);
//! the radar chart is shown as an image, so nothing in it can run.

use crate::app::{Action, GridChoice, MetaField, Model, Tone};
use crate::dom;
use crate::glue;
use crate::i18n::Lang;
use crate::plain::{self, Names};
use crate::route::{Page, Route};
use crate::store::{self, KeyValue};
use domino_engine::grid::Criterion;
use domino_engine::{FindingKind, Grid, Phase};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

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

fn initial_state(builtin: Rc<Grid>) -> State {
    let mut store = dom::BrowserStore::open();
    let route = Route::parse(&dom::hash());
    let lang = route
        .lang
        .or_else(|| {
            store
                .get(store::LANG_KEY)
                .as_deref()
                .and_then(Lang::from_code)
        })
        .or_else(|| dom::navigator_lang().as_deref().and_then(Lang::from_code))
        .unwrap_or_default();
    let route = route.with_lang(lang);
    dom::replace_hash(&route.to_hash());
    let mut model = Model::new(builtin, lang, route);
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

    // Follow the location.
    {
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let listener = Closure::<dyn Fn()>::new(move || {
                dispatch.emit(Action::Navigate(Route::parse(&dom::hash())));
                dom::focus_main_heading();
            });
            let window = dom::window();
            if let Some(w) = &window {
                let _ = w.add_event_listener_with_callback(
                    "hashchange",
                    listener.as_ref().unchecked_ref(),
                );
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

    // Autosave whenever the saved data changes.
    {
        let model = &state.0;
        let snapshot = state.clone();
        let dispatch = dispatch.clone();
        use_effect_with(model.revision, move |rev| {
            if *rev > 0 {
                let mut store = dom::BrowserStore::open();
                if let Err(e) = crate::app::persist(&mut store, &snapshot.0) {
                    let lang = snapshot.0.lang;
                    dispatch.emit(Action::Notify(
                        Tone::Problem,
                        format!(
                            "{} ({e})",
                            lang.pick(
                                "Impossible d'enregistrer dans le navigateur ; exportez votre évaluation",
                                "Could not save in the browser; export your assessment"
                            )
                        ),
                    ));
                }
            }
        });
    }

    // Remember the language; set the document's language and title.
    {
        let lang = state.0.lang;
        let title = state.0.current_grid().title.get(lang.code()).to_string();
        use_effect_with((lang, title), move |(lang, title)| {
            let mut store = dom::BrowserStore::open();
            let _ = store.set(store::LANG_KEY, lang.code());
            dom::set_document(lang.code(), &format!("DOMINO — {title}"));
        });
    }

    let m = &state.0;
    html! {
        <>
            <a class="skip" href="#main" onclick={Callback::from(|e: MouseEvent| {
                e.prevent_default();
                dom::focus_main_heading();
            })}>{ m.lang.pick("Aller au contenu", "Skip to content") }</a>
            { header(m) }
            <main id="main">
                { notices(m, &dispatch) }
                { page(m, &dispatch) }
            </main>
            <footer class="site-footer">
                <p>{ m.lang.pick(
                    "DOMINO — programme de recherche-action sur les pratiques collaboratives territoriales (Collporterre, Télécom Bretagne, ADEME, 2015–2017). Vos réponses restent dans ce navigateur.",
                    "DOMINO — research-action programme on territorial collaborative practices (Collporterre, Télécom Bretagne, ADEME, 2015–2017). Your answers stay in this browser.") }</p>
            </footer>
        </>
    }
}

fn link(lang: Lang, page: Page) -> String {
    Route::new(lang, page).to_hash()
}

fn header(m: &Model) -> Html {
    let l = m.lang;
    let current = &m.route.page;
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
                    { item(Page::Rules, l.pick("Règles", "Rules")) }
                    { item(Page::Search(String::new()), l.pick("Rechercher", "Search")) }
                    { item(Page::Assess(None), l.pick("S'évaluer", "Assess")) }
                    { item(Page::Results, l.pick("Résultats", "Results")) }
                    { item(Page::Grid, l.pick("Ma grille", "My grid")) }
                </ul>
            </nav>
            <a class="lang-switch" href={m.route.with_lang(other).to_hash()} hreflang={other.code()} lang={other.code()}
               id="lang-switch">{ other.name() }</a>
        </header>
    }
}

fn notices(m: &Model, dispatch: &Callback<Action>) -> Html {
    let l = m.lang;
    html! {
        <div class="notices" role="status" aria-live="polite">
            { for m.notices.iter().map(|n| {
                let id = n.id;
                let d = dispatch.clone();
                let class = match n.tone { Tone::Info => "notice info", Tone::Problem => "notice problem" };
                html! {
                    <div class={class} key={id}>
                        <p>{ &n.text }</p>
                        { for n.details.iter().map(|t| html!{ <pre class="diagnostic">{ t }</pre> }) }
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
        Page::Home => home(m),
        Page::Explore(None) => explore(m),
        Page::Explore(Some(axis)) => explore_axis(m, axis),
        Page::Rules => rules(m),
        Page::Search(q) => search(m, q, dispatch),
        Page::Assess(None) => assessments(m, dispatch),
        Page::Assess(Some(axis)) => assess_axis(m, axis, dispatch),
        Page::Results => results(m, dispatch),
        Page::Grid => grid_page(m, dispatch),
    }
}

fn h1(text: impl Into<Html>) -> Html {
    html! { <h1 tabindex="-1">{ text.into() }</h1> }
}

fn grid_badge(m: &Model) -> Html {
    let g = m.current_grid();
    let l = m.lang;
    html! {
        <p class="grid-stamp">
            { l.pick("Grille : ", "Grid: ") }<strong>{ g.title.get(l.code()) }</strong>
            { format!(" — {} v{} · {}", g.id, g.version, g.hash.get(..12).unwrap_or(&g.hash)) }
        </p>
    }
}

fn home(m: &Model) -> Html {
    let l = m.lang;
    let g = m.current_grid();
    html! {
        <>
            { h1(g.title.get(l.code()).to_string()) }
            { grid_badge(m) }
            { for g.description.as_ref().map(|d| html!{ <p class="lead">{ d.get(l.code()) }</p> }) }
            <section aria-labelledby="context-h">
                <h2 id="context-h">{ l.pick("Le contexte DOMINO", "The DOMINO context") }</h2>
                <p>{ l.pick(
                    "DOMINO est un programme de recherche-action (Collporterre, Télécom Bretagne, ADEME, 2015–2017) sur les pratiques collaboratives territoriales : jardins partagés, repair cafés, monnaies locales, lieux partagés…",
                    "DOMINO is a research-action programme (Collporterre, Télécom Bretagne, ADEME, 2015–2017) on territorial collaborative practices: shared gardens, repair cafés, local currencies, shared places…") }</p>
                <p>{ l.pick(
                    "La grille aide une initiative et ses partenaires publics à se regarder axe par axe. Elle ne donne pas qu'une note : elle fait ressortir des pépites, des opportunités, des points de vigilance et des points à débattre, et propose des pistes pour déclencher, accompagner et pérenniser.",
                    "The grid helps an initiative and its public partners look at themselves axis by axis. It gives more than a score: it brings out pépites (nuggets), opportunities, points of vigilance and points to debate, and suggests ways to trigger, support and sustain.") }</p>
                <p class="actions">
                    <a class="button primary" href={link(l, Page::Assess(None))}>{ l.pick("Commencer une auto-évaluation", "Start a self-assessment") }</a>
                    <a class="button" href={link(l, Page::Explore(None))}>{ l.pick("Explorer la grille", "Explore the grid") }</a>
                </p>
            </section>
            <section aria-labelledby="axes-h">
                <h2 id="axes-h">{ format!("{} ({})", l.pick("Les axes", "The axes"), g.axes.len()) }</h2>
                { axis_list(m) }
            </section>
        </>
    }
}

fn axis_list(m: &Model) -> Html {
    let l = m.lang;
    let g = m.current_grid();
    html! {
        <ol class="cards">
            { for g.axes.iter().map(|a| html! {
                <li class="card">
                    <h3><a href={link(l, Page::Explore(Some(a.id.clone())))}>{ a.title.get(l.code()) }</a></h3>
                    <p>{ a.question.get(l.code()) }</p>
                    <p class="muted">{ format!("{} {}", a.criteria.len(), l.pick("critères", "criteria")) }</p>
                </li>
            }) }
        </ol>
    }
}

fn explore(m: &Model) -> Html {
    let l = m.lang;
    html! {
        <>
            { h1(l.pick("Explorer la grille", "Explore the grid")) }
            { grid_badge(m) }
            { axis_list(m) }
        </>
    }
}

struct GridNames<'a>(&'a Grid, Lang);

impl Names for GridNames<'_> {
    fn criterion(&self, id: &str) -> Option<String> {
        let i = self.0.criterion_index(id)?;
        Some(self.0.criterion(i).title.get(self.1.code()).to_string())
    }
    fn axis(&self, id: &str) -> Option<String> {
        let a = self.0.axes.iter().find(|a| a.id == id)?;
        Some(a.title.get(self.1.code()).to_string())
    }
    fn profile(&self, id: &str) -> Option<String> {
        let f = self.0.profile.iter().find(|f| f.id == id)?;
        Some(f.label.get(self.1.code()).to_string())
    }
    fn choice(&self, code: &str) -> Option<String> {
        self.0
            .profile
            .iter()
            .flat_map(|f| f.choices.iter().flatten())
            .find(|c| c.code == code)
            .map(|c| c.label.get(self.1.code()).to_string())
    }
}

fn describe(g: &Grid, l: Lang, source: &str) -> String {
    plain::describe(source, l, &GridNames(g, l))
}

fn kind_name(l: Lang, kind: FindingKind) -> &'static str {
    match kind {
        FindingKind::Pepite => l.pick("Pépites", "Pépites (nuggets)"),
        FindingKind::Opportunite => l.pick("Opportunités", "Opportunities"),
        FindingKind::Vigilance => l.pick("Points de vigilance", "Points of vigilance"),
        FindingKind::Debat => l.pick("Points à débattre", "Points to debate"),
    }
}

fn phase_name(l: Lang, phase: Phase) -> &'static str {
    match phase {
        Phase::Declencher => l.pick("Déclencher", "Trigger"),
        Phase::Accompagner => l.pick("Accompagner", "Support"),
        Phase::Perenniser => l.pick("Pérenniser", "Sustain"),
    }
}

fn levels_table(g: &Grid, l: Lang, c: &Criterion) -> Html {
    let scale = &g.scales[c.scale];
    html! {
        <table class="levels">
            <caption class="visually-hidden">{ format!("{} — {}", l.pick("Niveaux", "Levels"), c.title.get(l.code())) }</caption>
            <thead><tr>
                <th scope="col">{ l.pick("Niveau", "Level") }</th>
                <th scope="col">{ l.pick("Description", "Descriptor") }</th>
            </tr></thead>
            <tbody>
                { for scale.options.iter().enumerate().map(|(i, o)| html! {
                    <tr>
                        <th scope="row">{ format!("{} — {}", o.code, o.label.get(l.code())) }</th>
                        <td>{ c.levels.get(i).and_then(|t| t.as_ref()).map(|t| t.get(l.code()).to_string()).unwrap_or_default() }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

fn explore_axis(m: &Model, axis_id: &str) -> Html {
    let l = m.lang;
    let g = m.current_grid();
    let Some(axis) = g.axes.iter().find(|a| a.id == axis_id) else {
        return not_found(m);
    };
    html! {
        <>
            <nav class="breadcrumb" aria-label={l.pick("Fil d'Ariane", "Breadcrumb")}>
                <a href={link(l, Page::Explore(None))}>{ l.pick("Axes", "Axes") }</a>
            </nav>
            { h1(axis.title.get(l.code()).to_string()) }
            <p class="lead">{ axis.question.get(l.code()) }</p>
            { for axis.description.as_ref().map(|d| html!{ <p>{ d.get(l.code()) }</p> }) }
            <p><a class="button" href={link(l, Page::Assess(Some(axis.id.clone())))}>{ l.pick("Évaluer cet axe", "Assess this axis") }</a></p>
            { for axis.criteria.iter().map(|c| {
                let related: Vec<&domino_engine::grid::Rule> = g.rules.iter()
                    .filter(|r| mentions(r.when.source(), &c.full_id)).collect();
                html! {
                    <section class="criterion" id={format!("c-{}", c.full_id.replace('.', "-"))}>
                        <h2>{ c.title.get(l.code()) }
                            if c.critical { <span class="badge critical">{ l.pick("critique", "critical") }</span> }
                        </h2>
                        <p>{ c.question.get(l.code()) }</p>
                        { for c.hint.as_ref().map(|h| html!{ <p class="hint"><strong>{ l.pick("Conseil : ", "Hint: ") }</strong>{ h.get(l.code()) }</p> }) }
                        { levels_table(g, l, c) }
                        { for c.relevant.as_ref().map(|r| html!{
                            <p class="relevant"><strong>{ l.pick("Concerne seulement si : ", "Only relevant when: ") }</strong>{ describe(g, l, r.source()) }</p>
                        }) }
                        if !related.is_empty() {
                            <details>
                                <summary>{ format!("{} ({})", l.pick("Règles liées", "Related rules"), related.len()) }</summary>
                                <ul>{ for related.iter().map(|r| html!{
                                    <li><span class={classes!("kind", r.kind.code())}>{ kind_name(l, r.kind) }</span>{ " " }{ r.message.get(l.code()) }</li>
                                }) }</ul>
                            </details>
                        }
                    </section>
                }
            }) }
        </>
    }
}

fn mentions(source: &str, full_id: &str) -> bool {
    source.match_indices(full_id).any(|(i, _)| {
        let before = source[..i].chars().next_back();
        let after = source[i + full_id.len()..].chars().next();
        let word =
            |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
        !word(before) && !word(after)
    })
}

fn rules(m: &Model) -> Html {
    let l = m.lang;
    let g = m.current_grid();
    html! {
        <>
            { h1(l.pick("Les règles, en clair", "The rules, in plain words")) }
            { grid_badge(m) }
            <p>{ l.pick(
                "Chaque règle observe les réponses et fait ressortir un constat. En plus des règles, la grille signale toujours : un critère critique faible ou inconnu (vigilance), un écart d'au moins deux niveaux avec la cible (opportunité), des évaluateurs en désaccord (à débattre).",
                "Each rule watches the answers and raises a finding. Besides the rules, the grid always flags: a critical criterion that is low or unknown (vigilance), a target two levels or more above the current level (opportunity), raters who disagree (to debate).") }</p>
            { for FindingKind::ALL.iter().map(|&kind| {
                let of_kind: Vec<_> = g.rules.iter().filter(|r| r.kind == kind).collect();
                html! {
                    <section class={classes!("rule-group", kind.code())}>
                        <h2>{ format!("{} ({})", kind_name(l, kind), of_kind.len()) }</h2>
                        <ul class="rules">
                            { for of_kind.iter().map(|r| html! {
                                <li id={format!("rule-{}", r.id)}>
                                    <p class="message">{ r.message.get(l.code()) }</p>
                                    <p><strong>{ l.pick("Quand : ", "When: ") }</strong>{ describe(g, l, r.when.source()) }</p>
                                    <details>
                                        <summary>{ l.pick("Condition exacte", "Exact condition") }</summary>
                                        <code>{ r.when.source() }</code>
                                    </details>
                                    if !r.recommend.is_empty() {
                                        <p><strong>{ l.pick("Pistes : ", "Recommendations: ") }</strong>
                                        { r.recommend.iter().filter_map(|id| g.recommendation(id))
                                            .map(|rec| format!("{} ({})", rec.title.get(l.code()), phase_name(l, rec.phase)))
                                            .collect::<Vec<_>>().join(" · ") }</p>
                                    }
                                </li>
                            }) }
                        </ul>
                    </section>
                }
            }) }
        </>
    }
}

/// Lowercases and strips French accents, for search.
pub fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'œ' => 'o',
            other => other,
        })
        .collect()
}

/// A search hit: where it leads, its kind and title, and the matching text.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Link.
    pub href: String,
    /// What it is (axis, criterion, rule).
    pub what: &'static str,
    /// Title.
    pub title: String,
    /// Extra text.
    pub text: String,
}

/// Searches axes, criteria (titles, questions, hints, level descriptors) and rules.
pub fn search_grid(g: &Grid, l: Lang, query: &str) -> Vec<Hit> {
    let words: Vec<String> = fold(query).split_whitespace().map(String::from).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let matches = |texts: &[&str]| {
        let all = fold(&texts.join(" "));
        words.iter().all(|w| all.contains(w.as_str()))
    };
    let code = l.code();
    let mut hits = Vec::new();
    for a in &g.axes {
        if matches(&[
            &a.id,
            a.title.get(code),
            a.question.get(code),
            a.description.as_ref().map_or("", |d| d.get(code)),
        ]) {
            hits.push(Hit {
                href: link(l, Page::Explore(Some(a.id.clone()))),
                what: l.pick("Axe", "Axis"),
                title: a.title.get(code).into(),
                text: a.question.get(code).into(),
            });
        }
        for c in &a.criteria {
            let mut texts = vec![c.full_id.as_str(), c.title.get(code), c.question.get(code)];
            if let Some(h) = &c.hint {
                texts.push(h.get(code));
            }
            texts.extend(c.levels.iter().flatten().map(|t| t.get(code)));
            if matches(&texts) {
                hits.push(Hit {
                    href: link(l, Page::Explore(Some(a.id.clone()))),
                    what: l.pick("Critère", "Criterion"),
                    title: format!("{} — {}", a.title.get(code), c.title.get(code)),
                    text: c.question.get(code).into(),
                });
            }
        }
    }
    for r in &g.rules {
        if matches(&[&r.id, r.message.get(code), r.when.source()]) {
            hits.push(Hit {
                href: link(l, Page::Rules),
                what: l.pick("Règle", "Rule"),
                title: r.message.get(code).into(),
                text: describe(g, l, r.when.source()),
            });
        }
    }
    hits
}

fn search(m: &Model, query: &str, dispatch: &Callback<Action>) -> Html {
    let l = m.lang;
    let hits = search_grid(m.current_grid(), l, query);
    let oninput = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let route = Route::new(l, Page::Search(input.value()));
            dom::replace_hash(&route.to_hash());
            dispatch.emit(Action::Navigate(route));
        })
    };
    html! {
        <>
            { h1(l.pick("Rechercher dans la grille", "Search the grid")) }
            <form role="search" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                <label for="q">{ l.pick("Mots recherchés", "Search words") }</label>
                <input id="q" type="search" value={query.to_string()} {oninput} autocomplete="off" />
            </form>
            <p role="status" aria-live="polite">{
                if query.trim().is_empty() { l.pick("Tapez un mot : eau, bénévoles, financement…", "Type a word: water, volunteers, funding…").to_string() }
                else { format!("{} {}", hits.len(), l.pick("résultat(s)", "result(s)")) }
            }</p>
            <ul class="hits">
                { for hits.iter().map(|h| html! {
                    <li><span class="muted">{ h.what }</span>{ " " }<a href={h.href.clone()}>{ &h.title }</a><br/><span>{ &h.text }</span></li>
                }) }
            </ul>
        </>
    }
}

fn file_input(
    id: &'static str,
    label: &'static str,
    accept: &'static str,
    dispatch: &Callback<Action>,
    make: fn(String, String) -> Action,
    lang: Lang,
) -> Html {
    let dispatch = dispatch.clone();
    let onchange = Callback::from(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        let ok = dispatch.clone();
        let failed = dispatch.clone();
        dom::read_file(
            &input,
            move |name, text| ok.emit(make(name, text)),
            move |what| {
                failed.emit(Action::Notify(
                    Tone::Problem,
                    format!(
                        "{} {what}",
                        lang.pick("Fichier illisible :", "Cannot read file:")
                    ),
                ))
            },
        );
    });
    html! {
        <p class="file">
            <label for={id}>{ label }</label>
            <input {id} type="file" {accept} {onchange} />
        </p>
    }
}

fn safe_file_name(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let s = s.trim_matches('-').to_lowercase();
    if s.is_empty() {
        "evaluation".into()
    } else {
        s.chars().take(60).collect()
    }
}

fn assessments(m: &Model, dispatch: &Callback<Action>) -> Html {
    let l = m.lang;
    let on_new = {
        let d = dispatch.clone();
        Callback::from(move |_| d.emit(Action::New))
    };
    html! {
        <>
            { h1(l.pick("Auto-évaluation", "Self-assessment")) }
            { grid_badge(m) }
            <section aria-labelledby="list-h">
                <h2 id="list-h">{ l.pick("Mes évaluations", "My assessments") }</h2>
                if m.entries.is_empty() {
                    <p>{ l.pick("Aucune évaluation pour l'instant.", "No assessment yet.") }</p>
                } else {
                    <ul class="entries">
                        { for m.entries.iter().map(|e| entry_row(m, e, dispatch)) }
                    </ul>
                }
                <p class="actions">
                    <button type="button" class="primary" id="new-assessment" onclick={on_new}>{ l.pick("Nouvelle évaluation", "New assessment") }</button>
                </p>
                { file_input("import", l.pick("Importer un fichier d'évaluation (TOML ou JSON)", "Import an assessment file (TOML or JSON)"),
                    ".toml,.json,application/json,application/toml,text/plain", dispatch, Action::Import, l) }
            </section>
            { for m.active_entry().map(|e| meta_form(m, e, dispatch)) }
        </>
    }
}

fn entry_row(m: &Model, e: &crate::app::Entry, dispatch: &Callback<Action>) -> Html {
    let l = m.lang;
    let g = m.grid(e.grid);
    let active = m.active.as_deref() == Some(e.id.as_str());
    let done = g
        .criteria()
        .filter(|(_, c)| {
            e.assessment
                .answers
                .get(&c.full_id)
                .is_some_and(|a| a.level.is_some() || !a.by.is_empty())
        })
        .count();
    let total = g.criterion_count();
    let select = {
        let d = dispatch.clone();
        let id = e.id.clone();
        Callback::from(move |_| d.emit(Action::Select(id.clone())))
    };
    let delete = {
        let d = dispatch.clone();
        let id = e.id.clone();
        let name = e.assessment.meta.initiative.clone();
        let question = format!(
            "{} « {name} » ?",
            l.pick("Supprimer l'évaluation", "Delete the assessment")
        );
        Callback::from(move |_| {
            let ok = dom::window()
                .and_then(|w| w.confirm_with_message(&question).ok())
                .unwrap_or(false);
            if ok {
                d.emit(Action::Delete(id.clone()));
            }
        })
    };
    let base = safe_file_name(&e.assessment.meta.initiative);
    let toml = {
        let a = e.assessment.clone();
        let name = format!("{base}.toml");
        Callback::from(move |_| dom::download(&name, "application/toml", &a.to_toml()))
    };
    let json = {
        let a = e.assessment.clone();
        let name = format!("{base}.json");
        Callback::from(move |_| dom::download(&name, "application/json", &a.to_json()))
    };
    let name = &e.assessment.meta.initiative;
    html! {
        <li class={classes!("entry", active.then_some("active"))} key={e.id.clone()}>
            <p>
                <strong>{ if name.is_empty() { l.pick("(sans nom)", "(unnamed)") } else { name.as_str() } }</strong>
                { format!(" — {} · {done}/{total} {}", g.title.get(l.code()), l.pick("réponses", "answers")) }
                if active { <span class="badge">{ l.pick("en cours", "current") }</span> }
            </p>
            <p class="actions">
                if !active { <button type="button" onclick={select}>{ l.pick("Reprendre", "Open") }</button> }
                <button type="button" onclick={toml} data-export="toml">{ l.pick("Exporter TOML", "Export TOML") }</button>
                <button type="button" onclick={json} data-export="json">{ l.pick("Exporter JSON", "Export JSON") }</button>
                <button type="button" class="danger" onclick={delete}>{ l.pick("Supprimer", "Delete") }</button>
            </p>
        </li>
    }
}

fn text_field(
    id: &'static str,
    label: &'static str,
    value: &str,
    input_type: &'static str,
    on: Callback<String>,
) -> Html {
    let oninput = Callback::from(move |e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        on.emit(input.value());
    });
    html! {
        <p class="field">
            <label for={id}>{ label }</label>
            <input {id} type={input_type} value={value.to_string()} {oninput} />
        </p>
    }
}

fn meta_form(m: &Model, e: &crate::app::Entry, dispatch: &Callback<Action>) -> Html {
    let l = m.lang;
    let g = m.grid(e.grid);
    let meta = &e.assessment.meta;
    let set = |field: MetaField| {
        let d = dispatch.clone();
        Callback::from(move |v: String| d.emit(Action::SetMeta(field, v)))
    };
    html! {
        <>
            <section aria-labelledby="meta-h">
                <h2 id="meta-h">{ l.pick("L'initiative", "The initiative") }</h2>
                { text_field("initiative", l.pick("Nom de l'initiative", "Initiative name"), &meta.initiative, "text", set(MetaField::Initiative)) }
                { text_field("territory", l.pick("Territoire", "Territory"), meta.territory.as_deref().unwrap_or(""), "text", set(MetaField::Territory)) }
                { text_field("date", l.pick("Date", "Date"), meta.date.as_deref().unwrap_or(""), "date", set(MetaField::Date)) }
                { for g.profile.iter().map(|f| {
                    let id = format!("profile-{}", f.id);
                    let value = e.assessment.profile.get(&f.id).cloned().unwrap_or_default();
                    let field = f.id.clone();
                    let d = dispatch.clone();
                    match &f.choices {
                        Some(choices) => {
                            let onchange = Callback::from(move |ev: Event| {
                                let s: HtmlSelectElement = ev.target_unchecked_into();
                                d.emit(Action::SetProfile(field.clone(), s.value()));
                            });
                            html! {
                                <p class="field">
                                    <label for={id.clone()}>{ f.label.get(l.code()) }</label>
                                    <select id={id} {onchange}>
                                        <option value="" selected={value.is_empty()}>{ l.pick("— non précisé —", "— not given —") }</option>
                                        { for choices.iter().map(|c| html!{
                                            <option value={c.code.clone()} selected={value == c.code}>{ c.label.get(l.code()) }</option>
                                        }) }
                                    </select>
                                </p>
                            }
                        }
                        None => {
                            let oninput = Callback::from(move |ev: InputEvent| {
                                let s: HtmlInputElement = ev.target_unchecked_into();
                                d.emit(Action::SetProfile(field.clone(), s.value()));
                            });
                            html! {
                                <p class="field">
                                    <label for={id.clone()}>{ f.label.get(l.code()) }</label>
                                    <input id={id} type="text" value={value} {oninput} />
                                </p>
                            }
                        }
                    }
                }) }
            </section>
            <section aria-labelledby="steps-h">
                <h2 id="steps-h">{ l.pick("Axe par axe", "Axis by axis") }</h2>
                { steps(m) }
                <p><a class="button" href={link(l, Page::Results)}>{ l.pick("Voir les résultats", "See the results") }</a></p>
            </section>
        </>
    }
}

fn steps(m: &Model) -> Html {
    let l = m.lang;
    let g = m.current_grid();
    let current = match &m.route.page {
        Page::Assess(Some(a)) => Some(a.as_str()),
        _ => None,
    };
    html! {
        <ol class="steps">
            { for g.axes.iter().map(|a| {
                let (done, total) = m.axis_progress(&a.id);
                let here = current == Some(a.id.as_str());
                let label = format!("{} : {done}/{total}", a.title.get(l.code()));
                html! {
                    <li class={classes!(here.then_some("current"))}>
                        <a href={link(l, Page::Assess(Some(a.id.clone())))} aria-current={here.then_some("step")}>{ a.title.get(l.code()) }</a>
                        <progress max={total.to_string()} value={done.to_string()} aria-label={label}></progress>
                        <span class="count">{ format!("{done}/{total}") }</span>
                    </li>
                }
            }) }
        </ol>
    }
}

fn assess_axis(m: &Model, axis_id: &str, dispatch: &Callback<Action>) -> Html {
    let l = m.lang;
    let Some(entry) = m.active_entry() else {
        let d = dispatch.clone();
        return html! {
            <>
                { h1(l.pick("Auto-évaluation", "Self-assessment")) }
                <p>{ l.pick("Commencez par créer une évaluation.", "Start by creating an assessment.") }</p>
                <button type="button" class="primary" onclick={Callback::from(move |_| d.emit(Action::New))}>{ l.pick("Nouvelle évaluation", "New assessment") }</button>
            </>
        };
    };
    let g = m.grid(entry.grid);
    let Some(index) = g.axes.iter().position(|a| a.id == axis_id) else {
        return not_found(m);
    };
    let axis = &g.axes[index];
    let prev = index.checked_sub(1).map(|i| &g.axes[i]);
    let next = g.axes.get(index + 1);
    let (done, total) = m.axis_progress(axis_id);
    html! {
        <>
            <nav class="breadcrumb" aria-label={l.pick("Fil d'Ariane", "Breadcrumb")}>
                <a href={link(l, Page::Assess(None))}>{ entry.assessment.meta.initiative.clone() }</a>
            </nav>
            { h1(format!("{} {}/{} — {}", l.pick("Axe", "Axis"), index + 1, g.axes.len(), axis.title.get(l.code()))) }
            <p class="lead">{ axis.question.get(l.code()) }</p>
            <p class="progress-line">
                <progress max={total.to_string()} value={done.to_string()} aria-label={l.pick("Progression de l'axe", "Axis progress")}></progress>
                { format!(" {done}/{total} {}", l.pick("critères renseignés", "criteria answered")) }
            </p>
            { for axis.criteria.iter().map(|c| criterion_form(m, g, entry, c, dispatch)) }
            <nav class="pager" aria-label={l.pick("Axes", "Axes")}>
                { for prev.map(|a| html!{ <a class="button" rel="prev" href={link(l, Page::Assess(Some(a.id.clone())))}>{ format!("← {}", a.title.get(l.code())) }</a> }) }
                { match next {
                    Some(a) => html!{ <a class="button primary" rel="next" href={link(l, Page::Assess(Some(a.id.clone())))}>{ format!("{} →", a.title.get(l.code())) }</a> },
                    None => html!{ <a class="button primary" href={link(l, Page::Results)}>{ l.pick("Voir les résultats →", "See the results →") }</a> },
                } }
            </nav>
            <aside aria-label={l.pick("Toutes les étapes", "All steps")}>{ steps(m) }</aside>
        </>
    }
}

fn criterion_form(
    m: &Model,
    g: &Grid,
    entry: &crate::app::Entry,
    c: &Criterion,
    dispatch: &Callback<Action>,
) -> Html {
    let l = m.lang;
    let code = l.code();
    let scale = &g.scales[c.scale];
    let answer = entry.assessment.answers.get(&c.full_id);
    let level = answer.and_then(|a| a.level.clone());
    let target = answer.and_then(|a| a.target.clone());
    let evidence = answer.and_then(|a| a.evidence.clone()).unwrap_or_default();
    let dom_id = c.full_id.replace('.', "-");
    let group = format!("level-{dom_id}");
    let radio = |value: String, label: Html, extra: Option<String>| {
        let d = dispatch.clone();
        let id = c.full_id.clone();
        let v = value.clone();
        let input_id = format!("{group}-{}", safe_file_name(&value));
        let onchange =
            Callback::from(move |_: Event| d.emit(Action::SetLevel(id.clone(), Some(v.clone()))));
        html! {
            <div class="choice">
                <input type="radio" id={input_id.clone()} name={group.clone()} value={value.clone()}
                    checked={level.as_deref() == Some(value.as_str())} {onchange} />
                <label for={input_id}>{ label }{ for extra.map(|t| html!{ <span class="descriptor">{ t }</span> }) }</label>
            </div>
        }
    };
    let clear = {
        let d = dispatch.clone();
        let id = c.full_id.clone();
        Callback::from(move |_| d.emit(Action::SetLevel(id.clone(), None)))
    };
    let on_target = {
        let d = dispatch.clone();
        let id = c.full_id.clone();
        Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            let v = s.value();
            d.emit(Action::SetTarget(id.clone(), (!v.is_empty()).then_some(v)));
        })
    };
    let on_evidence = {
        let d = dispatch.clone();
        let id = c.full_id.clone();
        Callback::from(move |e: InputEvent| {
            let t: HtmlTextAreaElement = e.target_unchecked_into();
            d.emit(Action::SetEvidence(id.clone(), t.value()));
        })
    };
    let relevant_note = c.relevant.as_ref().map(|r| describe(g, l, r.source()));
    let raters = answer.map(|a| &a.by).filter(|b| !b.is_empty());
    html! {
        <section class="criterion-form" id={format!("q-{dom_id}")}>
            <fieldset>
                <legend>
                    <span class="title">{ c.title.get(code) }</span>
                    if c.critical { <span class="badge critical">{ l.pick("critique", "critical") }</span> }
                </legend>
                <p class="question">{ c.question.get(code) }</p>
                { for c.hint.as_ref().map(|h| html!{ <details class="hint"><summary>{ l.pick("Conseil", "Hint") }</summary><p>{ h.get(code) }</p></details> }) }
                { for relevant_note.map(|n| html!{ <p class="relevant">{ l.pick("Concerne seulement si : ", "Only relevant when: ") }{ n }</p> }) }
                { for raters.map(|by| html!{ <p class="raters">{ l.pick("Réponses par évaluateur : ", "Answers by rater: ") }
                    { by.iter().map(|(k, v)| format!("{k} = {v}")).collect::<Vec<_>>().join(", ") }</p> }) }
                <div class="choices" role="radiogroup" aria-label={format!("{} — {}", l.pick("Niveau", "Level"), c.title.get(code))}>
                    { for scale.options.iter().enumerate().map(|(i, o)| radio(
                        o.code.clone(),
                        html!{ <strong>{ format!("{} — {}", o.code, o.label.get(code)) }</strong> },
                        c.levels.get(i).and_then(|t| t.as_ref()).map(|t| t.get(code).to_string()),
                    )) }
                    { for scale.not_applicable.as_ref().map(|s| radio(s.code.clone(), html!{ <strong>{ s.label.get(code) }</strong> }, None)) }
                    { for scale.unknown.as_ref().map(|s| radio(s.code.clone(), html!{ <strong>{ s.label.get(code) }</strong> }, None)) }
                </div>
                if level.is_some() {
                    <button type="button" class="link" onclick={clear}>{ l.pick("Effacer la réponse", "Clear the answer") }</button>
                }
                <div class="row">
                    <p class="field">
                        <label for={format!("target-{dom_id}")}>{ l.pick("Niveau visé", "Target level") }</label>
                        <select id={format!("target-{dom_id}")} onchange={on_target}>
                            <option value="" selected={target.is_none()}>{ l.pick("— aucun —", "— none —") }</option>
                            { for scale.options.iter().map(|o| html!{
                                <option value={o.code.clone()} selected={target.as_deref() == Some(o.code.as_str())}>{ format!("{} — {}", o.code, o.label.get(code)) }</option>
                            }) }
                        </select>
                    </p>
                    <p class="field grow">
                        <label for={format!("evidence-{dom_id}")}>{ l.pick("Éléments de preuve, remarques", "Evidence, notes") }</label>
                        <textarea id={format!("evidence-{dom_id}")} rows="2" value={evidence} oninput={on_evidence} />
                    </p>
                </div>
            </fieldset>
        </section>
    }
}

fn results(m: &Model, dispatch: &Callback<Action>) -> Html {
    let l = m.lang;
    let Some(entry) = m.active_entry() else {
        let d = dispatch.clone();
        return html! {
            <>
                { h1(l.pick("Résultats", "Results")) }
                <p>{ l.pick("Aucune évaluation en cours.", "No assessment in progress.") }</p>
                <button type="button" class="primary" onclick={Callback::from(move |_| d.emit(Action::New))}>{ l.pick("Nouvelle évaluation", "New assessment") }</button>
            </>
        };
    };
    let g = m.grid(entry.grid);
    let started = dom::now_ms();
    let scored = glue::score(g, &entry.assessment, l.code());
    let elapsed = dom::now_ms() - started;
    let report = match scored {
        Ok(r) => r,
        Err(refused) => {
            return html! {
                <>
                    { h1(l.pick("Résultats", "Results")) }
                    <p>{ l.pick("Cette évaluation ne peut pas être calculée :", "This assessment cannot be scored:") }</p>
                    { for refused.rendered.iter().map(|t| html!{ <pre class="diagnostic">{ t }</pre> }) }
                </>
            };
        }
    };
    let title = format!(
        "{} — {}",
        l.pick("Radar des axes", "Axis radar"),
        report.initiative
    );
    let svg = glue::radar(&report, &title);
    let src = format!(
        "data:image/svg+xml;charset=utf-8,{}",
        crate::route::encode(&svg)
    );
    let alt = format!(
        "{} {}",
        title,
        report
            .axes
            .iter()
            .map(|a| format!(
                "{} : {}",
                a.title,
                a.score.map_or("—".to_string(), |s| l.number(s, 0))
            ))
            .collect::<Vec<_>>()
            .join(" ; ")
    );
    let base = safe_file_name(&report.initiative);
    let json = {
        let text = glue::report_json(&report);
        let name = format!("{base}-report.json");
        Callback::from(move |_| dom::download(&name, "application/json", &text))
    };
    let csv = {
        let text = glue::report_csv(&report);
        let name = format!("{base}-report.csv");
        Callback::from(move |_| dom::download(&name, "text/csv", &text))
    };
    html! {
        <>
            { h1(format!("{} — {}", l.pick("Résultats", "Results"), report.initiative)) }
            <p class="grid-stamp">{ format!("{} v{} · {}", report.grid.id, report.grid.version, report.grid.hash.get(..12).unwrap_or("")) }
                { for report.territory.as_ref().map(|t| format!(" · {t}")) }{ for report.date.as_ref().map(|d| format!(" · {d}")) }</p>
            <p class="actions no-print">
                <button type="button" onclick={json} id="download-json">{ l.pick("Télécharger le rapport JSON", "Download JSON report") }</button>
                <button type="button" onclick={csv} id="download-csv">{ l.pick("Télécharger le CSV", "Download CSV") }</button>
                <button type="button" onclick={Callback::from(|_| dom::print())}>{ l.pick("Imprimer", "Print") }</button>
                <a class="button" href={link(l, Page::Assess(None))}>{ l.pick("Modifier les réponses", "Edit the answers") }</a>
            </p>
            <div class="results-top">
                <figure class="radar">
                    <img src={src} alt={alt} width="560" height="460" id="radar" />
                    <figcaption>{ &title }</figcaption>
                </figure>
                <section aria-labelledby="scores-h" class="scores">
                    <h2 id="scores-h">{ l.pick("Scores par axe", "Axis scores") }</h2>
                    { for report.overall.map(|o| html!{ <p class="overall">{ l.pick("Score global : ", "Overall score: ") }<strong>{ l.number(o, 0) }</strong>{ " / 100" }</p> }) }
                    <table>
                        <thead><tr>
                            <th scope="col">{ l.pick("Axe", "Axis") }</th>
                            <th scope="col">{ l.pick("Score", "Score") }</th>
                            <th scope="col">{ l.pick("Couverture", "Coverage") }</th>
                            <th scope="col">{ l.pick("Niveau médian", "Median level") }</th>
                        </tr></thead>
                        <tbody>
                            { for report.axes.iter().map(|a| html!{
                                <tr>
                                    <th scope="row">{ &a.title }</th>
                                    <td>{ a.score.map_or_else(|| l.pick("sans score", "no score").to_string(), |s| l.number(s, 0)) }</td>
                                    <td>{ format!("{}/{}", a.coverage.answered, a.coverage.applicable) }
                                        { for a.coverage.percent.map(|p| format!(" ({} %)", l.number(p, 0))) }</td>
                                    <td>{ a.median_level.as_ref().map(|m| format!("{} — {}", m.code, m.label)).unwrap_or_else(|| "—".into()) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </section>
            </div>
            <section aria-labelledby="findings-h" class="findings">
                <h2 id="findings-h">{ format!("{} ({})", l.pick("Constats", "Findings"), report.findings.len()) }</h2>
                { for FindingKind::ALL.iter().map(|&kind| {
                    let list = report.findings.of(kind);
                    html! {
                        <section class={classes!("finding-group", kind.code())} aria-labelledby={format!("k-{}", kind.code())}>
                            <h3 id={format!("k-{}", kind.code())}>{ format!("{} ({})", kind_name(l, kind), list.len()) }</h3>
                            if list.is_empty() {
                                <p class="muted">{ l.pick("Aucun.", "None.") }</p>
                            } else {
                                <ul>
                                    { for list.iter().map(|f| html!{
                                        <li class="finding">
                                            <p>{ &f.message }</p>
                                            <details>
                                                <summary>{ l.pick("Pourquoi ?", "Why?") }</summary>
                                                { for f.condition.as_ref().map(|c| html!{ <p>{ describe(g, l, c) }</p> }) }
                                                <ul class="why">
                                                    { for f.why.iter().map(|step| html!{ <li><code>{ step.to_string() }</code></li> }) }
                                                </ul>
                                            </details>
                                        </li>
                                    }) }
                                </ul>
                            }
                        </section>
                    }
                }) }
            </section>
            <section aria-labelledby="recs-h" class="recommendations">
                <h2 id="recs-h">{ l.pick("Pistes d'action par phase", "Recommendations by phase") }</h2>
                { for Phase::ALL.iter().map(|&phase| {
                    let list = report.recommendations.of(phase);
                    html! {
                        <section>
                            <h3>{ format!("{} ({})", phase_name(l, phase), list.len()) }</h3>
                            <ul>{ for list.iter().map(|r| html!{ <li><strong>{ &r.title }</strong>{ " — " }{ &r.text }</li> }) }</ul>
                        </section>
                    }
                }) }
            </section>
            { compare(m, entry) }
            <p class="muted timing" id="score-time" data-ms={format!("{elapsed:.3}")}>{ format!("{} {} ms", l.pick("Calculé en", "Scored in"), l.number(elapsed, 2)) }</p>
        </>
    }
}

/// Data URL of an SVG document, for an `<img>`: nothing in it can run or reach the page.
fn svg_src(svg: &str) -> String {
    format!(
        "data:image/svg+xml;charset=utf-8,{}",
        crate::route::encode(svg)
    )
}

/// The assessments of the same grid, side by side.
fn compare(m: &Model, entry: &crate::app::Entry) -> Html {
    let l = m.lang;
    let g = m.grid(entry.grid);
    let reports: Vec<domino_engine::Report> = m
        .entries
        .iter()
        .filter(|e| e.grid == entry.grid)
        .filter_map(|e| glue::score(g, &e.assessment, l.code()).ok())
        .collect();
    if reports.len() < 2 {
        return Html::default();
    }
    let refs: Vec<&domino_engine::Report> = reports.iter().collect();
    let title = l.pick("Comparaison des évaluations", "Assessments compared");
    let svg = glue::compare_radar(&refs, title);
    html! {
        <section aria-labelledby="compare-h" class="compare">
            <h2 id="compare-h">{ format!("{title} ({})", reports.len()) }</h2>
            <figure class="radar">
                <img src={svg_src(&svg)} alt={title} width="640" height="500" id="compare-radar" />
            </figure>
            <div class="table-scroll">
                <table>
                    <thead><tr>
                        <th scope="col">{ l.pick("Initiative", "Initiative") }</th>
                        { for reports[0].axes.iter().map(|a| html!{ <th scope="col">{ &a.title }</th> }) }
                    </tr></thead>
                    <tbody>
                        { for reports.iter().map(|r| html!{
                            <tr>
                                <th scope="row">{ &r.initiative }</th>
                                { for r.axes.iter().map(|a| html!{ <td>{ a.score.map_or_else(|| "—".to_string(), |s| l.number(s, 0)) }</td> }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}

fn grid_page(m: &Model, dispatch: &Callback<Action>) -> Html {
    let l = m.lang;
    let use_builtin = {
        let d = dispatch.clone();
        Callback::from(move |_| d.emit(Action::UseGrid(GridChoice::Builtin)))
    };
    let use_custom = {
        let d = dispatch.clone();
        Callback::from(move |_| d.emit(Action::UseGrid(GridChoice::Custom)))
    };
    let drop = {
        let d = dispatch.clone();
        Callback::from(move |_| d.emit(Action::DropGrid))
    };
    html! {
        <>
            { h1(l.pick("Votre propre grille", "Your own grid")) }
            <p>{ l.pick(
                "Un territoire peut écrire sa propre grille en TOML (autres axes, autres échelles, autres règles). Chargez-la ici : elle est vérifiée comme le fait la commande « domino grid check », puis vous pouvez l'explorer et vous évaluer avec.",
                "A territory can write its own grid in TOML (other axes, scales, rules). Load it here: it is checked the way `domino grid check` does, then you can explore it and assess with it.") }</p>
            { file_input("grid-file", l.pick("Charger une grille (.toml)", "Load a grid (.toml)"), ".toml,text/plain,application/toml", dispatch, Action::LoadGrid, l) }
            { for m.grid_failure.as_ref().map(|f| html! {
                <section class="diagnostics" aria-labelledby="diag-h" role="alert">
                    <h2 id="diag-h">{ format!("{} {} — {} {}", f.name, l.pick("refusée", "refused"), f.refused.errors, l.pick("erreur(s)", "error(s)")) }</h2>
                    { for f.refused.rendered.iter().map(|t| html!{ <pre class="diagnostic">{ t }</pre> }) }
                </section>
            }) }
            <section aria-labelledby="grids-h">
                <h2 id="grids-h">{ l.pick("Grilles disponibles", "Available grids") }</h2>
                <ul class="entries">
                    <li class={classes!("entry", (m.selected == GridChoice::Builtin).then_some("active"))}>
                        <p><strong>{ m.builtin.title.get(l.code()) }</strong>{ format!(" — {} v{}", m.builtin.id, m.builtin.version) }</p>
                        if m.selected != GridChoice::Builtin { <button type="button" onclick={use_builtin}>{ l.pick("Utiliser", "Use") }</button> }
                        else { <span class="badge">{ l.pick("utilisée", "in use") }</span> }
                    </li>
                    { for m.custom.as_ref().map(|c| html! {
                        <li class={classes!("entry", (m.selected == GridChoice::Custom).then_some("active"))}>
                            <p><strong>{ c.grid.title.get(l.code()) }</strong>{ format!(" — {} v{} ({})", c.grid.id, c.grid.version, c.name) }</p>
                            <p class="actions">
                                if m.selected != GridChoice::Custom { <button type="button" onclick={use_custom}>{ l.pick("Utiliser", "Use") }</button> }
                                else { <span class="badge">{ l.pick("utilisée", "in use") }</span> }
                                <a class="button" href={link(l, Page::Explore(None))}>{ l.pick("Explorer", "Explore") }</a>
                                <button type="button" class="danger" onclick={drop}>{ l.pick("Retirer", "Remove") }</button>
                            </p>
                            if !c.warnings.is_empty() {
                                <details>
                                    <summary>{ format!("{} ({})", l.pick("Avertissements", "Warnings"), c.warnings.len()) }</summary>
                                    { for c.warnings.iter().map(|t| html!{ <pre class="diagnostic">{ t }</pre> }) }
                                </details>
                            }
                        </li>
                    }) }
                </ul>
            </section>
        </>
    }
}

fn not_found(m: &Model) -> Html {
    let l = m.lang;
    html! {
        <>
            { h1(l.pick("Page introuvable", "Page not found")) }
            <p><a href={link(l, Page::Home)}>{ l.pick("Retour à l'accueil", "Back home") }</a></p>
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
    fn mentions_whole_ids_only() {
        assert!(mentions("a.b <= 1", "a.b"));
        assert!(mentions("answered(a.b)", "a.b"));
        assert!(!mentions("a.bc <= 1", "a.b"));
        assert!(!mentions("xa.b <= 1", "a.b"));
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
