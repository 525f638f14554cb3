//! The participant's view, made for a 360 px phone held in one hand: one criterion per
//! screen, its question and level descriptors, big targets, progress, blind to the
//! others during rating. Answers go to the queue kept in the browser and are sent from
//! there ([`super::sync`]), online or not.

use super::outbox::{Draft, Outbox};
use super::{report, reveal, status, sync, Ctx};
use crate::i18n::{Lang, Pick};
use domino_engine::grid::Criterion;
use domino_engine::Grid;
use yew::prelude::*;

/// A criterion's title, or its id when the grid does not have it.
pub fn criterion_title(grid: &Grid, id: &str, l: Lang) -> String {
    criterion(grid, id).map_or(id.to_string(), |c| c.title.get(l.code()).to_string())
}

fn criterion<'g>(grid: &'g Grid, id: &str) -> Option<&'g Criterion> {
    grid.criteria().map(|(_, c)| c).find(|c| c.full_id == id)
}

/// A level as people read it: `3 — Label`, the special answers by their label.
pub fn level_name(grid: &Grid, criterion_id: &str, code: Option<&str>, l: Lang) -> String {
    let Some(code) = code else {
        return l.pick("aucune réponse", "no answer").into();
    };
    let Some(c) = criterion(grid, criterion_id) else {
        return code.into();
    };
    let scale = &grid.scales[c.scale];
    let special = [&scale.not_applicable, &scale.unknown];
    if let Some(o) = scale.options.iter().find(|o| o.code == code) {
        return format!("{code} — {}", o.label.get(l.code()));
    }
    special
        .iter()
        .filter_map(|s| s.as_ref())
        .find(|s| s.code == code)
        .map_or(code.into(), |s| s.label.get(l.code()).to_string())
}

/// The participant's page, by phase.
pub fn view(ctx: &Ctx) -> Html {
    let l = ctx.lang;
    let w = ctx.w();
    let (Some(grid), Some(me)) = (w.grid.clone(), w.me.as_ref()) else {
        return crate::ui::h1(l.pick("Atelier", "Workshop"));
    };
    let key = Outbox::key(
        me.session.as_deref().unwrap_or_default(),
        me.participant.as_deref().unwrap_or_default(),
    );
    let body = match w.phase() {
        "rating" => screen(ctx, &grid, &key),
        "reveal" | "consensus" => reveal::view(ctx, &grid, false),
        "closed" => report::view(ctx, &grid),
        _ => html! { <p class="waiting" id="waiting-start">{ l.pick(
        "La séance n’a pas encore commencé. Cette page s’ouvrira d’elle-même sur le premier critère.",
        "The session has not started yet. This page will open on the first criterion by itself.") }</p> },
    };
    html! {
        <div class="participant">
            { status::connection(ctx) }
            { status::conflicts(ctx, &grid, &key) }
            { body }
            { personal_link(ctx) }
        </div>
    }
}

/// This person's own link, to continue on another device.
fn personal_link(ctx: &Ctx) -> Html {
    let l = ctx.lang;
    let link = crate::dom::window()
        .and_then(|w| {
            let loc = w.location();
            Some(format!(
                "{}{}#/t/{}",
                loc.origin().ok()?,
                loc.pathname().ok()?,
                ctx.token
            ))
        })
        .unwrap_or_default();
    html! {
        <details class="personal-link">
            <summary>{ l.pick("Mon lien personnel (pour continuer sur un autre appareil)", "My personal link (to continue on another device)") }</summary>
            <p>{ l.pick("Gardez-le pour vous\u{a0}: il ouvre vos réponses.", "Keep it to yourself: it opens your answers.") }</p>
            <p><label for="my-link">{ l.pick("Lien", "Link") }</label>
               <input id="my-link" readonly=true value={link} /></p>
        </details>
    }
}

/// One criterion on screen, its levels, and the way to the others.
fn screen(ctx: &Ctx, grid: &Grid, key: &str) -> Html {
    let l = ctx.lang;
    let w = ctx.w();
    let all: Vec<&Criterion> = grid.criteria().map(|(_, c)| c).collect();
    let step = w.step.min(all.len().saturating_sub(1));
    let Some(c) = all.get(step).copied() else {
        return Html::default();
    };
    let (level, to_confirm) = w.shown_level(&c.full_id);
    let done = w.answered_count(grid);
    html! {
        <section class="rate" aria-labelledby="criterion-h">
            <p class="progress-line">
                <label for="progress">{ format!("{done} / {} {}", all.len(), l.pick("répondus", "answered")) }</label>
                <progress id="progress" value={done.to_string()} max={all.len().to_string()}></progress>
            </p>
            <p class="muted step">{ format!("{} {} / {}", l.pick("Critère", "Criterion"), step + 1, all.len()) }</p>
            <h1 id="criterion-h" tabindex="-1" data-criterion={c.full_id.clone()}>{ c.title.get(l.code()) }</h1>
            <p class="question">{ c.question.get(l.code()) }</p>
            if to_confirm {
                <p class="to-confirm" id="to-confirm">
                    <span class="badge">{ l.pick("À confirmer", "To confirm") }</span>
                    { l.pick(" Réponse de la séance précédente\u{a0}: confirmez-la ou changez-la.", " Answer from the previous session: confirm it or change it.") }
                    if let Some(code) = level.clone() {
                        <button type="button" class="big" id="confirm" onclick={answer(ctx, key, &c.full_id, &code)}>{ l.pick("Confirmer", "Confirm") }</button>
                    }
                </p>
            }
            { choices(ctx, grid, c, level.as_deref(), key) }
            { steps(ctx, &all, step) }
        </section>
    }
}

fn choices(ctx: &Ctx, grid: &Grid, c: &Criterion, level: Option<&str>, key: &str) -> Html {
    let l = ctx.lang;
    let code = l.code();
    let scale = &grid.scales[c.scale];
    let mut options: Vec<(String, String, Option<String>)> = scale
        .options
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let descriptor = c
                .levels
                .get(i)
                .and_then(|t| t.as_ref())
                .map(|t| t.get(code).to_string());
            (
                o.code.clone(),
                format!("{} — {}", o.code, o.label.get(code)),
                descriptor,
            )
        })
        .collect();
    for s in [&scale.not_applicable, &scale.unknown]
        .into_iter()
        .flatten()
    {
        options.push((s.code.clone(), s.label.get(code).to_string(), None));
    }
    html! {
        <div class="choices big" role="radiogroup" aria-labelledby="criterion-h">
            { for options.into_iter().map(|(value, label, descriptor)| {
                let id = format!("level-{value}");
                let checked = level == Some(value.as_str());
                let onchange = answer::<Event>(ctx, key, &c.full_id, &value);
                html! {
                    <div class="choice">
                        <input type="radio" id={id.clone()} name="level" value={value.clone()} {checked} {onchange} />
                        <label for={id}><strong>{ label }</strong>{ for descriptor.map(|d| html!{ <span class="descriptor">{ d }</span> }) }</label>
                    </div>
                }
            }) }
        </div>
    }
}

/// Queues `level` for `criterion`, keeping the target and notes already given.
fn answer<E: 'static>(ctx: &Ctx, key: &str, criterion: &str, level: &str) -> Callback<E> {
    let (ctx, key, criterion, level) = (
        ctx.clone(),
        key.to_string(),
        criterion.to_string(),
        level.to_string(),
    );
    Callback::from(move |_: E| {
        let stored = ctx.w().own_answer(&criterion).cloned();
        let draft = Draft {
            criterion: criterion.clone(),
            level: level.clone(),
            target: stored.as_ref().and_then(|a| a.target.clone()),
            evidence: stored.as_ref().and_then(|a| a.evidence.clone()),
        };
        let version = stored.map_or(0, |a| a.version);
        sync::change(&ctx, &key, |o| o.enqueue(draft, version));
    })
}

/// Previous and next, big enough for a thumb.
fn steps(ctx: &Ctx, all: &[&Criterion], step: usize) -> Html {
    let l = ctx.lang;
    let go = |to: usize| {
        let d = ctx.dispatch.clone();
        Callback::from(move |_| {
            d.dispatch(super::model::Msg::Step(to));
            crate::dom::focus_main_heading();
        })
    };
    html! {
        <nav class="rate-steps" aria-label={l.pick("Critères", "Criteria")}>
            <button type="button" class="big" id="previous" disabled={step == 0} onclick={go(step.saturating_sub(1))}>
                { l.pick("‹ Précédent", "‹ Previous") }
            </button>
            <button type="button" class="big primary" id="next" disabled={step + 1 >= all.len()} onclick={go(step + 1)}>
                { l.pick("Suivant ›", "Next ›") }
            </button>
        </nav>
    }
}
