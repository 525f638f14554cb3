//! Exploring a grid: home, axes, criteria with their levels, rules in plain words.

use super::*;

pub(super) fn home(m: &Model) -> Html {
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
                    "DOMINO est un programme de recherche-action (Collporterre, Télécom Bretagne, ADEME, 2015–2017) sur les pratiques collaboratives territoriales\u{a0}: jardins partagés, repair cafés, monnaies locales, lieux partagés…",
                    "DOMINO is a research-action programme (Collporterre, Télécom Bretagne, ADEME, 2015–2017) on territorial collaborative practices: shared gardens, repair cafés, local currencies, shared places…") }</p>
                <p>{ l.pick(
                    "La grille aide une initiative et ses partenaires publics à se regarder axe par axe. Elle ne donne pas qu’une note\u{a0}: elle fait ressortir des pépites, des opportunités, des points de vigilance et des points à débattre, et propose des pistes pour déclencher, accompagner et pérenniser.",
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

pub(super) fn axis_list(m: &Model) -> Html {
    let l = m.lang;
    let g = m.current_grid();
    html! {
        <ol class="cards">
            { for g.axes.iter().map(|a| html! {
                <li class="card">
                    <h3><a href={link(l, Page::Explore(Some(a.id.clone())))}>{ a.title.get(l.code()) }</a></h3>
                    <p>{ a.question.get(l.code()) }</p>
                    <p class="muted">{ format!("{} {}", a.criteria.len(), l.labels().criteria) }</p>
                </li>
            }) }
        </ol>
    }
}

pub(super) fn explore(m: &Model) -> Html {
    let l = m.lang;
    html! {
        <>
            { h1(l.pick("Explorer la grille", "Explore the grid")) }
            { grid_badge(m) }
            { axis_list(m) }
        </>
    }
}

/// A condition of the grid in plain words, as the engine tells it.
pub(super) fn plain_words(g: &Grid, l: Lang, condition: &Condition) -> String {
    g.describe(condition, l.code())
}

/// A condition a report gives as text, in plain words: the grid's own condition
/// written the same way is told; a text the grid does not hold is shown as written.
pub(super) fn describe(g: &Grid, l: Lang, source: &str) -> String {
    let relevant = g.criteria().filter_map(|(_, c)| c.relevant.as_ref());
    g.rules
        .iter()
        .map(|r| &r.when)
        .chain(relevant)
        .find(|c| c.source() == source)
        .map_or_else(|| source.to_owned(), |c| plain_words(g, l, c))
}

pub(super) fn levels_table(g: &Grid, l: Lang, c: &Criterion) -> Html {
    let scale = &g.scales[c.scale];
    html! {
        <table class="levels">
            <caption class="visually-hidden">{ format!("{} — {}", l.pick("Niveaux", "Levels"), c.title.get(l.code())) }</caption>
            <thead><tr>
                <th scope="col">{ l.labels().level }</th>
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

pub(super) fn explore_axis(m: &Model, axis_id: &str) -> Html {
    let l = m.lang;
    let g = m.current_grid();
    let Some(axis) = g.axes.iter().find(|a| a.id == axis_id) else {
        return not_found(m);
    };
    html! {
        <>
            <nav class="breadcrumb" aria-label={l.pick("Fil d’Ariane", "Breadcrumb")}>
                <a href={link(l, Page::Explore(None))}>{ l.pick("Axes", "Axes") }</a>
            </nav>
            { h1(axis.title.get(l.code()).to_string()) }
            <p class="lead">{ axis.question.get(l.code()) }</p>
            { for axis.description.as_ref().map(|d| html!{ <p>{ d.get(l.code()) }</p> }) }
            <p><a class="button" href={link(l, Page::Assess(Some(axis.id.clone())))}>{ l.pick("Évaluer cet axe", "Assess this axis") }</a></p>
            { for axis.criteria.iter().map(|c| {
                let index = g.criterion_index(&c.full_id);
                let related: Vec<&domino_engine::grid::Rule> = g.rules.iter()
                    .filter(|r| index.is_some_and(|i| r.when.references().criteria.contains(&i))).collect();
                html! {
                    <section class="criterion" id={format!("c-{}", c.full_id.replace('.', "-"))}>
                        <h2>{ c.title.get(l.code()) }
                            if c.critical { <span class="badge critical">{ l.labels().critical }</span> }
                        </h2>
                        <p>{ c.question.get(l.code()) }</p>
                        { for c.hint.as_ref().map(|h| html!{ <p class="hint"><strong>{ label(l, l.pick("Conseil", "Hint")) }</strong>{ h.get(l.code()) }</p> }) }
                        { levels_table(g, l, c) }
                        { for c.relevant.as_ref().map(|r| html!{
                            <p class="relevant"><strong>{ label(l, l.pick("Concerne seulement si", "Only relevant when")) }</strong>{ plain_words(g, l, r) }</p>
                        }) }
                        if !related.is_empty() {
                            <details>
                                <summary>{ format!("{} ({})", l.pick("Règles liées", "Related rules"), related.len()) }</summary>
                                <ul>{ for related.iter().map(|r| html!{
                                    <li><span class={classes!("kind", r.kind.code())}>{ l.kind(r.kind) }</span>{ " " }{ r.message.get(l.code()) }</li>
                                }) }</ul>
                            </details>
                        }
                    </section>
                }
            }) }
        </>
    }
}

pub(super) fn rules(m: &Model) -> Html {
    let l = m.lang;
    let g = m.current_grid();
    html! {
        <>
            { h1(l.pick("Les règles, en clair", "The rules, in plain words")) }
            { grid_badge(m) }
            <p>{ l.pick(
                "Chaque règle observe les réponses et fait ressortir un constat. En plus des règles, la grille signale toujours\u{a0}: un critère critique faible ou inconnu (vigilance), un écart d’au moins deux niveaux avec la cible (opportunité), des évaluateurs en désaccord (à débattre).",
                "Each rule watches the answers and raises a finding. Besides the rules, the grid always flags: a critical criterion that is low or unknown (vigilance), a target two levels or more above the current level (opportunity), raters who disagree (to debate).") }</p>
            { for FindingKind::ALL.iter().map(|&kind| {
                let of_kind: Vec<_> = g.rules.iter().filter(|r| r.kind == kind).collect();
                html! {
                    <section class={classes!("rule-group", kind.code())}>
                        <h2>{ report_text::counted(l.kind(kind), of_kind.len()) }</h2>
                        <ul class="rules">
                            { for of_kind.iter().map(|r| html! {
                                <li id={format!("rule-{}", r.id)}>
                                    <p class="message">{ r.message.get(l.code()) }</p>
                                    <p><strong>{ label(l, l.pick("Quand", "When")) }</strong>{ plain_words(g, l, &r.when) }</p>
                                    <details>
                                        <summary>{ l.pick("Condition exacte", "Exact condition") }</summary>
                                        <code>{ r.when.source() }</code>
                                    </details>
                                    if !r.recommend.is_empty() {
                                        <p><strong>{ label(l, l.labels().recommendations) }</strong>
                                        { r.recommend.iter().filter_map(|id| g.recommendation(id))
                                            .map(|rec| format!("{} ({})", rec.title.get(l.code()), l.phase(rec.phase)))
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
