//! The session's results: the engine's consolidated report (findings with their why,
//! recommendations by phase, radar), laid out by the same views as the offline app's
//! results, printable; and the session's files to download.

use super::{net, session_path, Ctx};
use crate::i18n::{Lang, Pick};
use domino_engine::vocabulary::report_text;
use domino_engine::{Grid, Report};
use yew::prelude::*;

/// The report of the session shown, with its downloads.
pub fn view(ctx: &Ctx, grid: &Grid) -> Html {
    let l = ctx.lang;
    let Some(report) = ctx.w().report.clone() else {
        return html! { <p class="muted">{ l.pick("Calcul des résultats…", "Scoring…") }</p> };
    };
    html! {
        <section class="workshop-results" aria-labelledby="results-h">
            <h2 id="results-h" tabindex="-1">{ format!("{} — {}", l.labels().results, report.initiative) }</h2>
            <p class="grid-stamp">{ report_text::stamp(&report.grid) }</p>
            { downloads(ctx) }
            <div class="results-top">
                { crate::ui::radar_figure(l, &radar_svg(l, &report), &report) }
                { crate::ui::scores(l, &report) }
            </div>
            { crate::ui::findings(grid, l, &report) }
            { crate::ui::recommendations(l, &report) }
        </section>
    }
}

fn radar_svg(l: Lang, report: &Report) -> String {
    crate::engine_bridge::radar(report, &crate::scored::radar_title(l, report))
}

/// Print, and the session as the assessment files the CLI reads.
fn downloads(ctx: &Ctx) -> Html {
    let l = ctx.lang;
    let observer = ctx.w().role() == "observer";
    let file = |format: &'static str, view: &'static str, label: &'static str| {
        let ctx = ctx.clone();
        let onclick = Callback::from(move |_| download(&ctx, format, view));
        html! { <button type="button" data-export={format!("{view}-{format}")} {onclick}>{ label }</button> }
    };
    html! {
        <p class="actions no-print">
            <button type="button" onclick={Callback::from(|_| crate::dom::print())}>{ l.pick("Imprimer", "Print") }</button>
            { file("toml", "consolidated", l.pick("Exporter (TOML)", "Export (TOML)")) }
            { file("json", "consolidated", l.pick("Exporter (JSON)", "Export (JSON)")) }
            if !observer {
                { file("toml", "raters", l.pick("Réponses par participant (TOML)", "Answers per participant (TOML)")) }
            }
        </p>
    }
}

fn download(ctx: &Ctx, format: &'static str, view: &'static str) {
    let Some(path) = session_path(ctx, &format!("/export?format={format}&view={view}")) else {
        return;
    };
    let token = ctx.token.clone();
    let name = format!(
        "atelier-{}-{view}.{format}",
        ctx.w().session.as_ref().map_or("", |s| s.date.as_str())
    );
    let mime = if format == "json" {
        "application/json"
    } else {
        "application/toml"
    };
    ctx.run(
        async move { net::text("GET", &path, &token, None).await },
        move |text| crate::dom::download(&name, mime, &text),
    );
}

/// The observer's page: the results once published, else a word saying when.
pub fn observer(ctx: &Ctx) -> Html {
    let l = ctx.lang;
    let w = ctx.w();
    let heading = crate::ui::h1(l.pick("Résultats de l’atelier", "Workshop results"));
    match (&w.grid, &w.report) {
        (Some(grid), Some(_)) => html! { <>{ heading }{ view(ctx, grid) }</> },
        _ => html! {
            <>
                { heading }
                <p id="not-published">{ l.pick(
                    "Les résultats ne sont pas encore publiés. Cette page les montrera dès que l’animateur les publiera.",
                    "The results are not published yet. This page will show them as soon as the facilitator publishes them.") }</p>
            </>
        },
    }
}
