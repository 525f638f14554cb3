//! Progress between the previous session of the initiative and this one: both radars
//! overlaid, each axis' score before and after, the findings that appeared and those
//! resolved. Shown on the board once this session's results are out.

use super::Ctx;
use crate::i18n::{Lang, Pick};
use domino_engine::report::Finding;
use domino_engine::Report;
use yew::prelude::*;

/// The findings of `new` that `old` does not have (by kind and id).
pub fn new_findings<'a>(old: &Report, new: &'a Report) -> Vec<&'a Finding> {
    new.findings
        .all()
        .filter(|f| !old.findings.all().any(|o| o.kind == f.kind && o.id == f.id))
        .collect()
}

/// The progress view, when there is a previous session to compare with.
pub fn view(ctx: &Ctx) -> Html {
    let l = ctx.lang;
    let w = ctx.w();
    let (Some(old), Some(new)) = (w.previous_report.clone(), w.report.clone()) else {
        return Html::default();
    };
    if w.phase() != "closed" {
        return Html::default();
    }
    let title = l.pick(
        "Progression depuis la séance précédente",
        "Progress since the previous session",
    );
    let svg = crate::engine_bridge::compare_radar(&[&old, &new], title);
    html! {
        <section class="progress-view" aria-labelledby="progress-h">
            <h2 id="progress-h">{ title }</h2>
            <figure class="radar">
                <img src={crate::ui::svg_src(&svg)} alt={title} width="640" height="500" />
            </figure>
            { axes(l, &old, &new) }
            { changed(l, l.pick("Constats apparus", "Findings that appeared"), new_findings(&old, &new)) }
            { changed(l, l.pick("Constats résolus", "Findings resolved"), new_findings(&new, &old)) }
        </section>
    }
}

fn axes(l: Lang, old: &Report, new: &Report) -> Html {
    html! {
        <table>
            <thead><tr>
                <th scope="col">{ l.labels().axis_scores }</th>
                <th scope="col">{ l.pick("Avant", "Before") }</th>
                <th scope="col">{ l.pick("Maintenant", "Now") }</th>
            </tr></thead>
            <tbody>
                { for new.axes.iter().map(|a| {
                    let before = old.axes.iter().find(|o| o.id == a.id).and_then(|o| o.score);
                    html! { <tr><th scope="row">{ &a.title }</th><td>{ l.score(before) }</td><td>{ l.score(a.score) }</td></tr> }
                }) }
            </tbody>
        </table>
    }
}

fn changed(l: Lang, heading: &'static str, list: Vec<&Finding>) -> Html {
    html! {
        <section>
            <h3>{ format!("{heading} ({})", list.len()) }</h3>
            <ul>{ for list.iter().map(|f| html! { <li><strong>{ l.kind(f.kind) }</strong>{ format!(" — {}", f.message) }</li> }) }</ul>
        </section>
    }
}
