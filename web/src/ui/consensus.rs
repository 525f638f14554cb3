//! `ConsensusEditor`: the group agrees a level for one criterion with a note saying why,
//! or leaves it as a point to debate.
//!
//! Props (data in, callbacks out, no network):
//! - `criterion: String` — the criterion's full id (also used for element ids);
//! - `title: String` — its title, in the interface language;
//! - `options: Rc<Vec<(String, String)>>` — the codes the group may agree on and their
//!   labels, levels first then « sans objet » / « ne sait pas » (`level_options(grid, id, lang)`);
//! - `agreed: Option<String>` — the level agreed so far, if any;
//! - `note: String` — the note recorded so far (the criterion's evidence);
//! - `lang: Lang` — the interface language (words from `Language::divergence`);
//! - `on_record: Callback<(String, String, String)>` — (criterion, code, note) when the
//!   group records its agreement;
//! - `on_clear: Callback<String>` — the criterion, when the group leaves it to debate.
//!
//! The chosen level and the note being written are the component's own state until
//! recorded; it starts from `agreed` and `note` and follows them when they change.

use domino_engine::{Grid, Language as Lang};
use std::rc::Rc;
use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// What [`ConsensusEditor`] edits.
#[derive(Properties, PartialEq)]
pub struct ConsensusProps {
    /// Criterion full id.
    pub criterion: String,
    /// Its title.
    pub title: String,
    /// (code, label) of each answer the group may agree on.
    pub options: Rc<Vec<(String, String)>>,
    /// The level agreed so far.
    #[prop_or_default]
    pub agreed: Option<String>,
    /// The note recorded so far.
    #[prop_or_default]
    pub note: String,
    /// The interface language.
    pub lang: Lang,
    /// (criterion, code, note) to record.
    pub on_record: Callback<(String, String, String)>,
    /// The criterion to leave to debate.
    pub on_clear: Callback<String>,
}

/// The answers the group may agree on for a criterion of `grid`: each option
/// (`3 — Établi`), then the scale's "not applicable" and "unknown".
pub fn level_options(grid: &Grid, criterion: &str, lang: Lang) -> Vec<(String, String)> {
    let Some(i) = grid.criterion_index(criterion) else {
        return Vec::new();
    };
    let scale = grid.scale_of(i);
    let code = lang.code();
    let mut out: Vec<(String, String)> = scale
        .options
        .iter()
        .map(|o| {
            (
                o.code.clone(),
                format!("{} — {}", o.code, o.label.get(code)),
            )
        })
        .collect();
    for s in [&scale.not_applicable, &scale.unknown]
        .into_iter()
        .flatten()
    {
        out.push((s.code.clone(), s.label.get(code).to_owned()));
    }
    out
}

/// The consensus form of one criterion.
#[function_component(ConsensusEditor)]
pub fn consensus_editor(props: &ConsensusProps) -> Html {
    let w = props.lang.divergence();
    let level = use_state(|| props.agreed.clone().unwrap_or_default());
    let note = use_state(|| props.note.clone());
    {
        let (level, note) = (level.clone(), note.clone());
        use_effect_with(
            (
                props.criterion.clone(),
                props.agreed.clone(),
                props.note.clone(),
            ),
            move |(_, agreed, recorded)| {
                level.set(agreed.clone().unwrap_or_default());
                note.set(recorded.clone());
            },
        );
    }
    let dom = props.criterion.replace('.', "-");
    let on_level = {
        let level = level.clone();
        Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            level.set(s.value());
        })
    };
    let on_note = {
        let note = note.clone();
        Callback::from(move |e: InputEvent| {
            let t: HtmlTextAreaElement = e.target_unchecked_into();
            note.set(t.value());
        })
    };
    let record = {
        let (level, note) = (level.clone(), note.clone());
        let (on, id) = (props.on_record.clone(), props.criterion.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if !level.is_empty() {
                on.emit((id.clone(), (*level).clone(), (*note).clone()));
            }
        })
    };
    let clear = {
        let (on, id) = (props.on_clear.clone(), props.criterion.clone());
        Callback::from(move |_| on.emit(id.clone()))
    };
    html! {
        <form class="consensus" id={format!("consensus-{dom}")} onsubmit={record}
            aria-labelledby={format!("consensus-h-{dom}")}>
            <h3 id={format!("consensus-h-{dom}")}>{ props.title.clone() }</h3>
            <p class="field">
                <label for={format!("agreed-{dom}")}>{ w.agreed_level }</label>
                <select id={format!("agreed-{dom}")} onchange={on_level}>
                    <option value="" selected={level.is_empty()}>{ format!("— {} —", w.no_agreement) }</option>
                    { for props.options.iter().map(|(code, label)| html!{
                        <option value={code.clone()} selected={*level == *code}>{ label.clone() }</option>
                    }) }
                </select>
            </p>
            <p class="field grow">
                <label for={format!("note-{dom}")}>{ w.note }</label>
                <textarea id={format!("note-{dom}")} rows="3" value={(*note).clone()} oninput={on_note} />
            </p>
            <p class="actions">
                <button type="submit" class="primary" disabled={level.is_empty()}>{ w.record }</button>
                if props.agreed.is_some() {
                    <button type="button" onclick={clear}>{ w.leave_to_debate }</button>
                }
            </p>
        </form>
    }
}
