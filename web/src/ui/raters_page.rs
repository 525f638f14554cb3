//! Several raters on one device: the raters panel of an assessment, the consensus page
//! (the divergence table and the consensus form of the chosen criterion) and the
//! progress page (two assessment files compared). The pages feed the shared components
//! (`DivergenceView`, `ConsensusEditor`, `ProgressView`) that the workshop screens use.

use super::consensus::{level_options, ConsensusEditor};
use super::divergence::DivergenceView;
use super::progress::ProgressView;
use super::rater_list::{FormIds, RaterForm, RaterList};
use super::*;
use domino_engine::divergence::Divergence;

/// The raters of the active assessment: who answers now, rename and remove, and a form
/// to add one.
pub(super) fn raters_panel(m: &Model, dispatch: &Callback<Action>) -> Html {
    let l = m.lang;
    let raters: Vec<(String, usize)> = m
        .raters()
        .iter()
        .map(|r| (r.clone(), m.levels_of(r)))
        .collect();
    let on_submit = {
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
                <RaterList lang={l} raters={raters} current={m.current_rater().map(str::to_owned)} dispatch={dispatch.clone()} />
                <p><a class="button" id="to-consensus" href={link(l, Page::Consensus)}>{ l.pick("Écarts et consensus", "Differences and consensus") }</a></p>
            }
            <RaterForm lang={l} ids={ADD_IDS} submit={l.pick("Ajouter l’évaluateur", "Add the rater")} {on_submit} clear=true />
        </section>
    }
}

/// The ids of the form adding a rater.
const ADD_IDS: FormIds = FormIds {
    form: "add-rater",
    name: "rater-name",
    role: "rater-role",
    button: "add-rater-button",
};

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
                ".toml,.json,application/json,application/toml,text/plain", dispatch, Reads::Assessment(Action::ProgressOld), l) }
            { for loaded(0) }
            { file_input("progress-new", l.pick("Évaluation la plus récente (TOML ou JSON)", "Later assessment (TOML or JSON)"),
                ".toml,.json,application/json,application/toml,text/plain", dispatch, Reads::Assessment(Action::ProgressNew), l) }
            { for loaded(1) }
            { for m.progress_reports().map(|(old, new)| html!{ <ProgressView old={Rc::new(old)} new={Rc::new(new)} lang={l} /> }) }
        </>
    }
}
