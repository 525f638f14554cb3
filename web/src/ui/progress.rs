//! `ProgressView`: two reports of one initiative compared — per-axis and per-criterion
//! changes, findings that appeared or were resolved, both radars overlaid.
//!
//! Props (data in, no callbacks, no network):
//! - `old: Rc<Report>` — the earlier assessment's report;
//! - `new: Rc<Report>` — the later one's (same grid, or another version of it);
//! - `lang: Lang` — the interface language (words from `Language::comparison`).
//!
//! Everything shown comes from the engine's `compare_reports` and `radar_overlay`; two
//! different grids are refused with the engine's message.

use super::results::svg_src;
use domino_engine::charts::ChartOptions;
use domino_engine::compare::{compare_reports, radar_overlay, Comparison, FindingNote};
use domino_engine::{Language as Lang, Report};
use std::rc::Rc;
use yew::prelude::*;

/// What [`ProgressView`] compares.
#[derive(Properties, PartialEq)]
pub struct ProgressProps {
    /// The earlier report.
    pub old: Rc<Report>,
    /// The later report.
    pub new: Rc<Report>,
    /// The interface language.
    pub lang: Lang,
}

/// The comparison of two reports.
#[function_component(ProgressView)]
pub fn progress_view(props: &ProgressProps) -> Html {
    let c = match compare_reports(&props.old, &props.new) {
        Ok(c) => c,
        Err(refusal) => {
            return html! { <p class="notice problem" role="alert">{ refusal.to_string() }</p> }
        }
    };
    let w = props.lang.comparison();
    let svg = radar_overlay(
        &props.old,
        &props.new,
        &ChartOptions {
            width: 640,
            height: 500,
            title: w.title.to_owned(),
            show_title: false,
        },
    );
    let side = |r: &Report| match &r.date {
        Some(d) => format!("{} ({d})", r.initiative),
        None => r.initiative.clone(),
    };
    html! {
        <section class="progress" aria-labelledby="progress-h">
            <h2 id="progress-h">{ format!("{} — {} → {}", w.title, side(&props.old), side(&props.new)) }</h2>
            <figure class="radar">
                <img src={svg_src(&svg)} id="progress-radar" width="640" height="500"
                    alt={axes_alt(props.lang, &c)} />
                <figcaption>{ format!("{} / {}", w.before, w.after) }</figcaption>
            </figure>
            { axes(props.lang, &c) }
            { criteria(props.lang, &c) }
            { findings(w.appeared, "appeared", &c.findings.appeared, props.lang) }
            { findings(w.resolved, "resolved", &c.findings.resolved, props.lang) }
        </section>
    }
}

/// The radar in words: each axis, its score before and after.
fn axes_alt(l: Lang, c: &Comparison) -> String {
    let w = l.comparison();
    let parts: Vec<String> = c
        .axes
        .iter()
        .map(|a| {
            format!(
                "{} {} → {}",
                a.title,
                l.score(a.change.score.old),
                l.score(a.change.score.new)
            )
        })
        .collect();
    format!("{}{} {}", w.title, l.colon(), parts.join(l.semicolon()))
}

fn axes(l: Lang, c: &Comparison) -> Html {
    let w = l.comparison();
    html! {
        <table id="progress-axes">
            <caption>{ w.axis }</caption>
            <thead><tr>
                <th scope="col">{ w.axis }</th><th scope="col">{ w.before }</th>
                <th scope="col">{ w.after }</th><th scope="col">{ w.change }</th>
            </tr></thead>
            <tbody>
                <tr class="overall">
                    <th scope="row">{ w.overall }</th>
                    <td>{ l.score(c.overall.old) }</td><td>{ l.score(c.overall.new) }</td>
                    <td>{ l.signed(c.overall.delta) }</td>
                </tr>
                { for c.axes.iter().map(|a| html!{
                    <tr data-axis={a.change.id.clone()}>
                        <th scope="row">{ a.title.clone() }</th>
                        <td>{ l.score(a.change.score.old) }</td><td>{ l.score(a.change.score.new) }</td>
                        <td>{ l.signed(a.change.score.delta) }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

fn criteria(l: Lang, c: &Comparison) -> Html {
    let w = l.comparison();
    let changed: Vec<_> = c.criteria.iter().filter(|x| x.changed()).collect();
    let level = |s: &domino_engine::compare::AnswerSide| {
        s.level.as_ref().map_or_else(
            || l.state(s.state).to_owned(),
            domino_engine::vocabulary::report_text::level,
        )
    };
    html! {
        <section aria-labelledby="progress-criteria-h">
            <h3 id="progress-criteria-h">{ w.criteria_changed }</h3>
            if changed.is_empty() {
                <p>{ w.no_criterion_changed }</p>
            } else {
                <table id="progress-criteria">
                    <thead><tr>
                        <th scope="col">{ w.criterion }</th><th scope="col">{ w.before }</th>
                        <th scope="col">{ w.after }</th><th scope="col">{ w.evolution }</th>
                    </tr></thead>
                    <tbody>
                        { for changed.iter().map(|x| html!{
                            <tr data-criterion={x.id.clone()}>
                                <th scope="row">{ x.title.clone() }</th>
                                <td>{ level(&x.old) }</td><td>{ level(&x.new) }</td>
                                <td>{ w.change(x.change) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
            <p class="muted">{ w.criteria_unchanged.replace("{n}", &(c.criteria.len() - changed.len()).to_string()) }</p>
        </section>
    }
}

fn findings(heading: &'static str, id: &'static str, list: &[FindingNote], l: Lang) -> Html {
    let w = l.comparison();
    html! {
        <section aria-labelledby={format!("progress-{id}-h")} id={format!("progress-{id}")}>
            <h3 id={format!("progress-{id}-h")}>{ heading }</h3>
            if list.is_empty() {
                <p>{ w.none }</p>
            } else {
                <ul>
                    { for list.iter().map(|f| html!{
                        <li data-finding={f.id.clone()}><strong>{ w.kind(f.kind) }</strong>{ format!("{}{}", l.colon(), f.message) }</li>
                    }) }
                </ul>
            }
        </section>
    }
}
