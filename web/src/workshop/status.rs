//! What a person must know at once: a refusal, the connection, the answers waiting to be
//! sent, and the conflicts to settle (both values shown, and a choice).

use super::model::Msg;
use super::outbox::Conflict;
use super::{sync, Ctx};
use crate::i18n::{Lang, Pick};
use domino_engine::Grid;
use yew::prelude::*;

/// The last refusal, with a button to dismiss it.
pub fn problem(ctx: &Ctx) -> Html {
    let Some(text) = ctx.w().problem.clone() else {
        return html! { <div class="notices" role="status" aria-live="polite"></div> };
    };
    let d = ctx.dispatch.clone();
    html! {
        <div class="notices" role="status" aria-live="polite">
            <div class="notice problem" id="workshop-problem">
                <p>{ text }</p>
                <button type="button" onclick={Callback::from(move |_| d.dispatch(Msg::Problem(None)))}>
                    { ctx.lang.pick("Fermer", "Dismiss") }
                </button>
            </div>
        </div>
    }
}

/// Online or not, and how many answers wait to be sent.
pub fn connection(ctx: &Ctx) -> Html {
    let l = ctx.lang;
    let w = ctx.w();
    let waiting = w.outbox.pending.len();
    let state = if w.online {
        l.pick("En ligne", "Online")
    } else {
        l.pick(
            "Hors ligne — vos réponses sont gardées ici",
            "Offline — your answers are kept here",
        )
    };
    html! {
        <p class={classes!("connection", (!w.online).then_some("offline"))} role="status" aria-live="polite" id="connection">
            <span>{ state }</span>
            if waiting > 0 {
                <span id="waiting" data-count={waiting.to_string()}>{ waiting_text(l, waiting) }</span>
            }
        </p>
    }
}

fn waiting_text(l: Lang, n: usize) -> String {
    match (l, n) {
        (Lang::Fr, 1) => " · 1 réponse en attente d’envoi".into(),
        (Lang::Fr, n) => format!(" · {n} réponses en attente d’envoi"),
        (Lang::En, 1) => " · 1 answer waiting to be sent".into(),
        (Lang::En, n) => format!(" · {n} answers waiting to be sent"),
    }
}

/// Every conflict, each with both values and the choice.
pub fn conflicts(ctx: &Ctx, grid: &Grid, key: &str) -> Html {
    let list = &ctx.w().outbox.conflicts;
    if list.is_empty() {
        return Html::default();
    }
    html! {
        <section class="conflicts" role="alert" aria-labelledby="conflicts-h">
            <h2 id="conflicts-h">{ ctx.lang.pick("Réponse modifiée ailleurs", "Answer changed elsewhere") }</h2>
            { for list.iter().map(|c| conflict(ctx, grid, key, c)) }
        </section>
    }
}

fn conflict(ctx: &Ctx, grid: &Grid, key: &str, c: &Conflict) -> Html {
    let l = ctx.lang;
    let title = super::rate::criterion_title(grid, &c.mine.criterion, l);
    let level = |code: Option<&str>| super::rate::level_name(grid, &c.mine.criterion, code, l);
    let choose = |keep_mine: bool| {
        let ctx = ctx.clone();
        let key = key.to_string();
        let criterion = c.mine.criterion.clone();
        Callback::from(move |_| sync::change(&ctx, &key, |o| o.settle(&criterion, keep_mine)))
    };
    html! {
        <div class="notice problem conflict" data-criterion={c.mine.criterion.clone()}>
            <p><strong>{ title }</strong></p>
            <p>{ l.pick(
                "Cette réponse a été changée sur un autre appareil pendant que vous répondiez ici. Laquelle garder\u{a0}?",
                "This answer was changed on another device while you were answering here. Which one to keep?") }</p>
            <ul>
                <li>{ format!("{}{}{}", l.pick("Ici", "Here"), l.colon(), level(Some(&c.mine.level))) }</li>
                <li>{ format!("{}{}{}", l.pick("Enregistrée", "Stored"), l.colon(), level(c.theirs_level.as_deref())) }</li>
            </ul>
            <p class="actions">
                <button type="button" class="primary keep-mine" onclick={choose(true)}>{ l.pick("Garder la mienne", "Keep mine") }</button>
                <button type="button" class="keep-theirs" onclick={choose(false)}>{ l.pick("Garder l’enregistrée", "Keep the stored one") }</button>
            </p>
        </div>
    }
}
