//! Several raters on one device: the raters panel of an assessment, the consensus page
//! (the divergence table and the consensus form of the chosen criterion) and the
//! progress page (two assessment files compared). The pages feed the shared components
//! (`DivergenceView`, `ConsensusEditor`, `ProgressView`) that the workshop screens use.

use super::consensus::{level_options, ConsensusEditor};
use super::divergence::DivergenceView;
use super::progress::ProgressView;
use super::*;
use crate::state::ROLES;
use domino_engine::divergence::Divergence;

/// The raters of the active assessment: who answers now, and a form to add one.
pub(super) fn raters_panel(m: &Model, dispatch: &Callback<Action>) -> Html {
    let l = m.lang;
    let current = m.current_rater();
    let on_add = {
        let d = dispatch.clone();
        Callback::from(move |(name, role): (String, String)| d.emit(Action::AddRater(name, role)))
    };
    html! {
        <section aria-labelledby="raters-h" class="raters-panel">
            <h2 id="raters-h">{ l.labels().raters }</h2>
            <p>{ l.pick(
                "Plusieurs personnes peuvent répondre sur cet appareil, chacune à son tour, sans voir les réponses des autres. Les réponses déjà données sont attribuées au premier évaluateur ajouté.",
                "Several people can answer on this device, each in turn, without seeing the others' answers. Answers already given are credited to the first rater added.") }</p>
            if !m.raters().is_empty() {
                <p class="actions" role="group" aria-label={l.pick("Qui répond\u{a0}?", "Who is answering?")}>
                    { for m.raters().iter().map(|r| {
                        let d = dispatch.clone();
                        let who = r.clone();
                        let pressed = current == Some(r.as_str());
                        html! {
                            <button type="button" class={classes!("rater", pressed.then_some("primary"))} aria-pressed={pressed.to_string()}
                                onclick={Callback::from(move |_| d.emit(Action::SelectRater(who.clone())))}>{ r.clone() }</button>
                        }
                    }) }
                </p>
                <p><a class="button" id="to-consensus" href={link(l, Page::Consensus)}>{ l.pick("Écarts et consensus", "Differences and consensus") }</a></p>
            }
            <AddRater lang={l} {on_add} />
        </section>
    }
}

/// What [`AddRater`] needs.
#[derive(Properties, PartialEq)]
struct AddRaterProps {
    lang: Lang,
    /// (name, role code) of the rater to add.
    on_add: Callback<(String, String)>,
}

/// The form adding a rater: a name and a role; the name is emptied once added.
#[function_component(AddRater)]
fn add_rater(props: &AddRaterProps) -> Html {
    let l = props.lang;
    let name = use_state(String::new);
    let role = use_state(String::new);
    let on_name = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            name.set(input.value());
        })
    };
    let on_role = {
        let role = role.clone();
        Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            role.set(s.value());
        })
    };
    let submit = {
        let (name, role, on) = (name.clone(), role.clone(), props.on_add.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on.emit(((*name).clone(), (*role).clone()));
            name.set(String::new());
        })
    };
    html! {
        <form class="row" id="add-rater" onsubmit={submit}>
            <p class="field">
                <label for="rater-name">{ l.pick("Nom", "Name") }</label>
                <input id="rater-name" type="text" autocomplete="off" value={(*name).clone()} oninput={on_name} />
            </p>
            <p class="field">
                <label for="rater-role">{ l.pick("Rôle", "Role") }</label>
                <select id="rater-role" onchange={on_role}>
                    <option value="" selected={role.is_empty()}>{ l.pick("— non précisé —", "— not given —") }</option>
                    { for ROLES.iter().map(|(code, fr, en)| html!{ <option value={*code} selected={*role == *code}>{ l.pick(fr, en) }</option> }) }
                </select>
            </p>
            <p class="actions"><button type="submit" id="add-rater-button">{ l.pick("Ajouter l’évaluateur", "Add the rater") }</button></p>
        </form>
    }
}

/// The line above each criterion form telling who is answering.
pub(super) fn answering_as(m: &Model) -> Html {
    let l = m.lang;
    match m.current_rater() {
        Some(r) => html! {
            <p class="answering" id="answering-as">{ label(l, l.pick("Répond maintenant", "Answering now")) }<strong>{ r.to_owned() }</strong>
                { " — " }<a href={link(l, Page::Assess(None))}>{ l.pick("changer", "change") }</a></p>
        },
        None => html! {},
    }
}

/// The consensus page: the divergence table, then the form of the chosen criterion.
pub(super) fn consensus_page(m: &Model, dispatch: &Callback<Action>) -> Html {
    let l = m.lang;
    let w = l.divergence();
    let title = l.pick("Écarts et consensus", "Differences and consensus");
    let Some(entry) = m.active_entry() else {
        return html! { <>{ h1(title) }<p>{ l.pick("Aucune évaluation en cours.", "No assessment in progress.") }</p></> };
    };
    let grid = m.grid(entry.grid);
    let report = match m.scored(dom::now_ms).map(|s| &s.report) {
        Some(Ok(r)) => r,
        Some(Err(refused)) => {
            return html! { <>{ h1(title) }{ diagnostics(&refused.rendered, l) }</> }
        }
        None => return html! {},
    };
    let divergence = Rc::new(Divergence::of_report(grid, report));
    let focus = m
        .focus
        .clone()
        .filter(|f| divergence.rows.iter().any(|r| &r.criterion == f))
        .or_else(|| divergence.rows.first().map(|r| r.criterion.clone()));
    let on_select = {
        let d = dispatch.clone();
        Callback::from(move |id: String| d.emit(Action::Focus(id)))
    };
    let editor = focus.as_ref().and_then(|id| {
        let row = divergence.rows.iter().find(|r| &r.criterion == id)?;
        let answer = entry.assessment.answers.get(id);
        let on_record = {
            let d = dispatch.clone();
            Callback::from(move |(c, code, note): (String, String, String)| {
                d.emit(Action::Agree(c, code, note))
            })
        };
        let on_clear = {
            let d = dispatch.clone();
            Callback::from(move |c: String| d.emit(Action::LeaveToDebate(c)))
        };
        Some(html! {
            <section aria-label={w.agreed_level} class="consensus-panel">
                <ConsensusEditor criterion={id.clone()} title={row.title.clone()}
                    options={Rc::new(level_options(grid, id, l))}
                    agreed={answer.and_then(|a| a.level.clone())}
                    note={answer.and_then(|a| a.evidence.clone()).unwrap_or_default()}
                    lang={l} {on_record} {on_clear} />
            </section>
        })
    });
    html! {
        <>
            { h1(format!("{title} — {}", entry.assessment.meta.initiative)) }
            <p class="actions"><a class="button" href={link(l, Page::Assess(None))}>{ l.pick("← Évaluateurs", "← Raters") }</a>
                <a class="button" href={link(l, Page::Results)}>{ l.pick("Voir les résultats", "See the results") }</a></p>
            { for editor }
            <DivergenceView divergence={divergence.clone()} lang={l} selected={focus} on_select={Some(on_select)} />
        </>
    }
}

/// The progress page: two assessment files of one initiative, compared.
pub(super) fn progress_page(m: &Model, dispatch: &Callback<Action>) -> Html {
    let l = m.lang;
    let loaded = |slot: usize| {
        m.progress[slot]
            .as_ref()
            .map(|f| html! { <p class="muted">{ label(l, l.pick("Chargé", "Loaded")) }{ f.name.clone() }</p> })
    };
    html! {
        <>
            { h1(l.pick("Progrès d’une initiative", "An initiative's progress")) }
            <p class="lead">{ l.pick(
                "Chargez deux fichiers d’évaluation de la même initiative (par exemple à un an d’écart) pour voir ce qui a changé. Les fichiers restent dans ce navigateur.",
                "Load two assessment files of the same initiative (a year apart, say) to see what changed. The files stay in this browser.") }</p>
            { file_input("progress-old", l.pick("Évaluation la plus ancienne (TOML ou JSON)", "Earlier assessment (TOML or JSON)"),
                ".toml,.json,application/json,application/toml,text/plain", dispatch, Action::ProgressOld, l) }
            { for loaded(0) }
            { file_input("progress-new", l.pick("Évaluation la plus récente (TOML ou JSON)", "Later assessment (TOML or JSON)"),
                ".toml,.json,application/json,application/toml,text/plain", dispatch, Action::ProgressNew, l) }
            { for loaded(1) }
            { for m.progress_reports().map(|(old, new)| html!{ <ProgressView old={Rc::new(old)} new={Rc::new(new)} lang={l} /> }) }
        </>
    }
}
