//! Results: radar, axis scores, findings with their why, recommendations, comparison.

use super::*;

pub(super) fn results(m: &Model, dispatch: &Callback<Action>) -> Html {
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
    let scored = engine_bridge::score(g, &entry.assessment, l.code());
    let elapsed = dom::now_ms() - started;
    let report = match scored {
        Ok(r) => r,
        Err(refused) => {
            return html! {
                <>
                    { h1(l.pick("Résultats", "Results")) }
                    <p>{ l.pick("Cette évaluation ne peut pas être calculée :", "This assessment cannot be scored:") }</p>
                    { diagnostics(&refused.rendered, l) }
                </>
            };
        }
    };
    let title = format!(
        "{} — {}",
        l.pick("Radar des axes", "Axis radar"),
        report.initiative
    );
    let svg = engine_bridge::radar(&report, &title);
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
        let text = engine_bridge::report_json(&report);
        let name = format!("{base}-report.json");
        Callback::from(move |_| dom::download(&name, "application/json", &text))
    };
    let csv = {
        let text = engine_bridge::report_csv(&report);
        let name = format!("{base}-report.csv");
        Callback::from(move |_| dom::download(&name, "text/csv", &text))
    };
    html! {
        <>
            { h1(format!("{} — {}", l.pick("Résultats", "Results"), report.initiative)) }
            <p class="grid-stamp">{ format!("{} v{} · {}", report.grid.id, report.grid.version, domino_engine::short_hash(&report.grid.hash)) }
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
pub(super) fn svg_src(svg: &str) -> String {
    format!(
        "data:image/svg+xml;charset=utf-8,{}",
        crate::route::encode(svg)
    )
}

/// The assessments of the same grid, side by side.
pub(super) fn compare(m: &Model, entry: &crate::state::Entry) -> Html {
    let l = m.lang;
    let g = m.grid(entry.grid);
    let reports: Vec<domino_engine::Report> = m
        .entries
        .iter()
        .filter(|e| e.grid == entry.grid)
        .filter_map(|e| engine_bridge::score(g, &e.assessment, l.code()).ok())
        .collect();
    if reports.len() < 2 {
        return Html::default();
    }
    let refs: Vec<&domino_engine::Report> = reports.iter().collect();
    let title = l.pick("Comparaison des évaluations", "Assessments compared");
    let svg = engine_bridge::compare_radar(&refs, title);
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
