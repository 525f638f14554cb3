//! Results: radar, axis scores, findings with their why, recommendations, comparison.
//!
//! The view only lays out what [`Model::scored`] computed once for this state; the words,
//! figures and punctuation come from the engine's vocabulary, as in the CLI's reports.

use super::*;
use crate::scored::{compare_title, radar_title, Scored};
use domino_engine::report::Finding;
use domino_engine::vocabulary::report_text::{axis_cells, axis_headings};
use domino_engine::Report;

pub(super) fn results(m: &Model, dispatch: &Callback<Action>) -> Html {
    let l = m.lang;
    let Some(scored) = m.scored(dom::now_ms) else {
        return no_assessment(l, dispatch);
    };
    let report = match &scored.report {
        Ok(r) => r,
        Err(refused) => {
            return html! {
                <>
                    { h1(l.labels().results) }
                    <p>{ label(l, l.pick("Cette évaluation ne peut pas être calculée", "This assessment cannot be scored")) }</p>
                    { diagnostics(&refused.rendered, l) }
                </>
            };
        }
    };
    let g = m.grid(m.active_entry().map_or(m.selected, |e| e.grid));
    html! {
        <>
            { h1(format!("{} — {}", l.labels().results, report.initiative)) }
            { stamp_line(report) }
            { actions(l, report) }
            <div class="results-top">
                { radar(l, scored, report) }
                { scores(l, report) }
            </div>
            { findings(g, l, report) }
            { recommendations(l, report) }
            { compare(l, scored) }
            <p class="muted timing" id="score-time" data-ms={format!("{:.3}", scored.elapsed_ms)}>{ format!("{} {} ms", l.pick("Calculé en", "Scored in"), l.number(scored.elapsed_ms, 2)) }</p>
        </>
    }
}

fn no_assessment(l: Lang, dispatch: &Callback<Action>) -> Html {
    let d = dispatch.clone();
    html! {
        <>
            { h1(l.labels().results) }
            <p>{ l.pick("Aucune évaluation en cours.", "No assessment in progress.") }</p>
            <button type="button" class="primary" onclick={Callback::from(move |_| d.emit(Action::New))}>{ l.pick("Nouvelle évaluation", "New assessment") }</button>
        </>
    }
}

/// The grid stamp, territory and date.
fn stamp_line(report: &Report) -> Html {
    html! {
        <p class="grid-stamp">{ report_text::stamp(&report.grid) }
            { for report.territory.as_ref().map(|t| format!(" · {t}")) }{ for report.date.as_ref().map(|d| format!(" · {d}")) }</p>
    }
}

/// Downloads, print, and back to the answers.
fn actions(l: Lang, report: &Report) -> Html {
    let base = safe_file_name(&report.initiative);
    let json = {
        let text = engine_bridge::report_json(report);
        let name = format!("{base}-report.json");
        Callback::from(move |_| dom::download(&name, "application/json", &text))
    };
    let csv = {
        let text = engine_bridge::report_csv(report);
        let name = format!("{base}-report.csv");
        Callback::from(move |_| dom::download(&name, "text/csv", &text))
    };
    html! {
        <p class="actions no-print">
            <button type="button" onclick={json} id="download-json">{ l.pick("Télécharger le rapport JSON", "Download JSON report") }</button>
            <button type="button" onclick={csv} id="download-csv">{ l.pick("Télécharger le CSV", "Download CSV") }</button>
            <button type="button" onclick={Callback::from(|_| dom::print())}>{ l.pick("Imprimer", "Print") }</button>
            <a class="button" href={link(l, Page::Assess(None))}>{ l.pick("Modifier les réponses", "Edit the answers") }</a>
        </p>
    }
}

/// The radar as an image; its text alternative lists each axis and its score.
fn radar(l: Lang, scored: &Scored, report: &Report) -> Html {
    radar_figure(l, &scored.radar_svg, report)
}

/// The radar `svg` of `report` as an image, with its text alternative.
pub(crate) fn radar_figure(l: Lang, svg: &str, report: &Report) -> Html {
    let title = radar_title(l, report);
    let axes: Vec<String> = report
        .axes
        .iter()
        .map(|a| l.labelled(&a.title, l.score(a.score)))
        .collect();
    let alt = format!("{title} {}", axes.join(l.semicolon()));
    html! {
        <figure class="radar">
            <img src={svg_src(svg)} alt={alt} width="560" height="460" id="radar" />
            <figcaption>{ title }</figcaption>
        </figure>
    }
}

/// The overall score and the axis table.
pub(crate) fn scores(l: Lang, report: &Report) -> Html {
    let w = l.labels();
    let head = axis_headings(l);
    html! {
        <section aria-labelledby="scores-h" class="scores">
            <h2 id="scores-h">{ w.axis_scores }</h2>
            { for report.overall.map(|o| html!{ <p class="overall">{ label(l, w.overall) }<strong>{ l.score(Some(o)) }</strong>{ " / 100" }</p> }) }
            <table>
                <thead><tr>{ for head.iter().map(|h| html!{ <th scope="col">{ *h }</th> }) }</tr></thead>
                <tbody>
                    { for report.axes.iter().map(|a| {
                        let [title, score, coverage, median] = axis_cells(l, a);
                        html!{ <tr><th scope="row">{ title }</th><td>{ score }</td><td>{ coverage }</td><td>{ median }</td></tr> }
                    }) }
                </tbody>
            </table>
        </section>
    }
}

/// The findings by kind, every kind shown (an empty one says so).
pub(crate) fn findings(g: &Grid, l: Lang, report: &Report) -> Html {
    html! {
        <section aria-labelledby="findings-h" class="findings">
            <h2 id="findings-h">{ report_text::counted(l.labels().findings, report.findings.len()) }</h2>
            { for FindingKind::ALL.iter().map(|&kind| {
                let list = report.findings.of(kind);
                html! {
                    <section class={classes!("finding-group", kind.code())} aria-labelledby={format!("k-{}", kind.code())}>
                        <h3 id={format!("k-{}", kind.code())}>{ report_text::counted(l.kind(kind), list.len()) }</h3>
                        if list.is_empty() {
                            <p class="muted">{ l.pick("Aucun.", "None.") }</p>
                        } else {
                            <ul>{ for list.iter().map(|f| finding(g, l, f)) }</ul>
                        }
                    </section>
                }
            }) }
        </section>
    }
}

/// A finding's message, and on demand its condition in words and its facts.
fn finding(g: &Grid, l: Lang, f: &Finding) -> Html {
    html! {
        <li class="finding">
            <p>{ &f.message }</p>
            <details>
                <summary>{ l.question(&report_text::capitalized(l.labels().why)) }</summary>
                { for f.condition.as_ref().map(|c| html!{ <p>{ describe(g, l, c) }</p> }) }
                <ul class="why">
                    { for f.why.iter().map(|step| html!{ <li><code>{ step.to_string() }</code></li> }) }
                </ul>
            </details>
        </li>
    }
}

/// The recommendations by phase.
pub(crate) fn recommendations(l: Lang, report: &Report) -> Html {
    html! {
        <section aria-labelledby="recs-h" class="recommendations">
            <h2 id="recs-h">{ l.labels().recommendations }</h2>
            { for Phase::ALL.iter().map(|&phase| {
                let list = report.recommendations.of(phase);
                html! {
                    <section>
                        <h3>{ report_text::counted(l.phase(phase), list.len()) }</h3>
                        <ul>{ for list.iter().map(|r| html!{ <li><strong>{ &r.title }</strong>{ " — " }{ &r.text }</li> }) }</ul>
                    </section>
                }
            }) }
        </section>
    }
}

/// Data URL of an SVG document, for an `<img>`: nothing in it can run or reach the page.
pub(crate) fn svg_src(svg: &str) -> String {
    format!(
        "data:image/svg+xml;charset=utf-8,{}",
        crate::route::encode(svg)
    )
}

/// The assessments of the same grid, side by side (from two on).
fn compare(l: Lang, scored: &Scored) -> Html {
    let reports = &scored.compared;
    if reports.len() < 2 {
        return Html::default();
    }
    let title = compare_title(l);
    html! {
        <section aria-labelledby="compare-h" class="compare">
            <h2 id="compare-h">{ report_text::counted(title, reports.len()) }</h2>
            <figure class="radar">
                <img src={svg_src(&scored.compare_svg)} alt={title} width="640" height="500" id="compare-radar" />
            </figure>
            <div class="table-scroll">
                <table>
                    <thead><tr>
                        <th scope="col">{ l.labels().initiative }</th>
                        { for reports[0].axes.iter().map(|a| html!{ <th scope="col">{ &a.title }</th> }) }
                    </tr></thead>
                    <tbody>
                        { for reports.iter().map(|r| html!{
                            <tr>
                                <th scope="row">{ &r.initiative }</th>
                                { for r.axes.iter().map(|a| html!{ <td>{ l.score(a.score) }</td> }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}
