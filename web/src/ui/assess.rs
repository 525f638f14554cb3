//! Self-assessment: the list of assessments, their details, the form axis by axis.

use super::*;
use crate::reader;
use crate::state::Read;
use domino_engine::assessment::Answer;
use domino_engine::Assessment;

/// What a file input reads its file as, and the action that brings it to the state.
#[derive(Clone, Copy)]
pub(super) enum Reads {
    /// A grid, written as TOML.
    Grid,
    /// An assessment, TOML or JSON.
    Assessment(fn(String, String, Read<Assessment>) -> Action),
}

pub(super) fn file_input(
    id: &'static str,
    label: &'static str,
    accept: &'static str,
    dispatch: &Callback<Action>,
    reads: Reads,
    lang: Lang,
) -> Html {
    let dispatch = dispatch.clone();
    let onchange = Callback::from(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        let ok = dispatch.clone();
        let failed = dispatch.clone();
        dom::read_file(
            &input,
            move |name, text| wasm_bindgen_futures::spawn_local(read(ok, reads, name, text, lang)),
            move |what| {
                failed.emit(Action::Notify(
                    Tone::Problem,
                    lang.labelled(lang.pick("Fichier illisible", "Cannot read file"), what),
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

/// Reads the file `name` as `reads` says, through the TOML reader when it is TOML (the page
/// says so meanwhile: [`Action::Reading`]), then hands it to the state.
async fn read(dispatch: Callback<Action>, reads: Reads, name: String, text: String, lang: Lang) {
    let action = match reads {
        Reads::Grid => {
            dispatch.emit(Action::Reading(name.clone()));
            let read = reader::grid(&name, &text, lang).await;
            Action::LoadGrid(name, text, Box::new(read))
        }
        Reads::Assessment(make) => {
            if reader::needs_reader(&name, &text) {
                dispatch.emit(Action::Reading(name.clone()));
            }
            let read = reader::assessment(&name, &text, lang).await;
            make(name, text, read)
        }
    };
    dispatch.emit(action);
}

pub(crate) fn safe_file_name(name: &str) -> String {
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

pub(super) fn assessments(m: &Model, dispatch: &Callback<Action>) -> Html {
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
                    <p>{ l.pick("Aucune évaluation pour l’instant.", "No assessment yet.") }</p>
                } else {
                    <ul class="entries">
                        { for m.entries.iter().map(|e| entry_row(m, e, dispatch)) }
                    </ul>
                }
                <p class="actions">
                    <button type="button" class="primary" id="new-assessment" onclick={on_new}>{ l.pick("Nouvelle évaluation", "New assessment") }</button>
                </p>
                { file_input("import", l.pick("Importer un fichier d’évaluation (TOML ou JSON)", "Import an assessment file (TOML or JSON)"),
                    ".toml,.json,application/json,application/toml,text/plain", dispatch, Reads::Assessment(Action::Import), l) }
                <p><a href={link(l, Page::Progress)} id="to-progress">{ l.pick("Comparer deux évaluations d’une initiative (progrès)", "Compare two assessments of an initiative (progress)") }</a></p>
            </section>
            { for m.active_entry().map(|e| meta_form(m, e, dispatch)) }
        </>
    }
}

pub(super) fn entry_row(m: &Model, e: &crate::state::Entry, dispatch: &Callback<Action>) -> Html {
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
            l.pick("Supprimer l’évaluation", "Delete the assessment")
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

pub(super) fn text_field(
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

pub(super) fn meta_form(m: &Model, e: &crate::state::Entry, dispatch: &Callback<Action>) -> Html {
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
                <h2 id="meta-h">{ l.pick("L’initiative", "The initiative") }</h2>
                { text_field("initiative", l.pick("Nom de l’initiative", "Initiative name"), &meta.initiative, "text", set(MetaField::Initiative)) }
                { text_field("territory", l.labels().territory, meta.territory.as_deref().unwrap_or(""), "text", set(MetaField::Territory)) }
                { text_field("date", l.labels().date, meta.date.as_deref().unwrap_or(""), "date", set(MetaField::Date)) }
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
            { super::raters_page::raters_panel(m, dispatch) }
            <section aria-labelledby="steps-h">
                <h2 id="steps-h">{ l.pick("Axe par axe", "Axis by axis") }</h2>
                { steps(m) }
                <p><a class="button" href={link(l, Page::Results)}>{ l.pick("Voir les résultats", "See the results") }</a></p>
            </section>
        </>
    }
}

pub(super) fn steps(m: &Model) -> Html {
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

pub(super) fn assess_axis(m: &Model, axis_id: &str, dispatch: &Callback<Action>) -> Html {
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
            <nav class="breadcrumb" aria-label={l.pick("Fil d’Ariane", "Breadcrumb")}>
                <a href={link(l, Page::Assess(None))}>{ entry.assessment.meta.initiative.clone() }</a>
            </nav>
            { h1(format!("{} {}/{} — {}", l.labels().axis, index + 1, g.axes.len(), axis.title.get(l.code()))) }
            { super::raters_page::answering_as(m) }
            <p class="lead">{ axis.question.get(l.code()) }</p>
            <p class="progress-line">
                <progress max={total.to_string()} value={done.to_string()} aria-label={l.pick("Progression de l’axe", "Axis progress")}></progress>
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

pub(super) fn criterion_form(
    m: &Model,
    g: &Grid,
    entry: &crate::state::Entry,
    c: &Criterion,
    dispatch: &Callback<Action>,
) -> Html {
    let l = m.lang;
    let code = l.code();
    let answer = entry.assessment.answers.get(&c.full_id);
    let dom_id = c.full_id.replace('.', "-");
    let relevant_note = c.relevant.as_ref().map(|r| plain_words(g, l, r));
    let shown = m.level_in_form(&c.full_id);
    html! {
        <section class="criterion-form" id={format!("q-{dom_id}")}>
            <fieldset>
                <legend>
                    <span class="title">{ c.title.get(code) }</span>
                    if c.critical { <span class="badge critical">{ l.labels().critical }</span> }
                </legend>
                <p class="question">{ c.question.get(code) }</p>
                { for c.hint.as_ref().map(|h| html!{ <details class="hint"><summary>{ l.pick("Conseil", "Hint") }</summary><p>{ h.get(code) }</p></details> }) }
                { for relevant_note.map(|n| html!{ <p class="relevant">{ label(l, l.pick("Concerne seulement si", "Only relevant when")) }{ n }</p> }) }
                { level_choices(l, g, c, shown, dispatch) }
                { target_and_evidence(l, g, c, answer, dispatch) }
            </fieldset>
        </section>
    }
}

/// The radio group of a criterion's levels (with their descriptors) and
/// special answers, and the button clearing the answer once one is chosen.
fn level_choices(
    l: Lang,
    g: &Grid,
    c: &Criterion,
    level: Option<String>,
    dispatch: &Callback<Action>,
) -> Html {
    let code = l.code();
    let scale = &g.scales[c.scale];
    let group = format!("level-{}", c.full_id.replace('.', "-"));
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
    html! {
        <>
            <div class="choices" role="radiogroup" aria-label={format!("{} — {}", l.labels().level, c.title.get(code))}>
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
        </>
    }
}

/// The target level and the evidence of a criterion, side by side.
fn target_and_evidence(
    l: Lang,
    g: &Grid,
    c: &Criterion,
    answer: Option<&Answer>,
    dispatch: &Callback<Action>,
) -> Html {
    let code = l.code();
    let scale = &g.scales[c.scale];
    let target = answer.and_then(|a| a.target.clone());
    let evidence = answer.and_then(|a| a.evidence.clone()).unwrap_or_default();
    let dom_id = c.full_id.replace('.', "-");
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
    html! {
        <div class="row">
            <p class="field">
                <label for={format!("target-{dom_id}")}>{ l.labels().target }</label>
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
    }
}
