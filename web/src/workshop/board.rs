//! The facilitator's board, for the room's screen: large type, high contrast; who has
//! answered what (never the levels during rating) without scrolling; the join link and
//! its QR code; the phase controls; then the reveal, the consensus and the results.

use super::api::Session;
use super::{join_panel, net, progress, report, reveal, session_path, setup, Ctx};
use crate::i18n::{Lang, Pick};
use domino_engine::Grid;
use yew::prelude::*;

/// A phase as the room reads it.
pub fn phase_name(l: Lang, phase: &str) -> &'static str {
    match phase {
        "draft" => l.pick("préparation", "getting ready"),
        "rating" => l.pick("notation", "rating"),
        "reveal" => l.pick("révélation des avis", "views revealed"),
        "consensus" => l.pick("consensus", "consensus"),
        "closed" => l.pick("résultats", "results"),
        _ => l.pick("inconnue", "unknown"),
    }
}

/// The board of the chosen session, or the set-up when there is none yet.
pub fn view(ctx: &Ctx) -> Html {
    let l = ctx.lang;
    let w = ctx.w();
    let (Some(session), Some(grid)) = (w.session.clone(), w.grid.clone()) else {
        return html! {
            <>
                { crate::ui::h1(l.pick("Tableau de l’atelier", "Workshop board")) }
                { setup::view(ctx) }
            </>
        };
    };
    let name = setup::initiative_name(w, &session.initiative);
    html! {
        <>
            { crate::ui::h1(format!("{} — {name}", l.pick("Atelier", "Workshop"))) }
            <p class="phase-line" id="phase" data-phase={session.phase.clone()}>
                { format!("{} · {}{}", session.date, l.pick("Phase", "Phase"), l.colon()) }
                <strong>{ phase_name(l, &session.phase) }</strong>
            </p>
            { controls(ctx, &session) }
            { super::status::connection(ctx) }
            { by_phase(ctx, &session, &grid) }
            { progress::view(ctx) }
            { setup::links(ctx, &session) }
            { setup::view(ctx) }
        </>
    }
}

fn by_phase(ctx: &Ctx, session: &Session, grid: &Grid) -> Html {
    match session.phase.as_str() {
        "draft" | "rating" => html! {
            <>
                { join_panel::view(ctx, session) }
                { who_answered(ctx, session, grid) }
            </>
        },
        "reveal" => reveal::view(ctx, grid, false),
        "consensus" => reveal::view(ctx, grid, true),
        _ => report::view(ctx, grid),
    }
}

/// The buttons that move the session on.
fn controls(ctx: &Ctx, session: &Session) -> Html {
    let l = ctx.lang;
    let go = |phase: &'static str, label: &'static str, primary: bool| {
        let ctx = ctx.clone();
        let onclick =
            Callback::from(move |_| post(&ctx, "/phase", net::Body::new().with("phase", phase)));
        html! { <button type="button" class={classes!("big", primary.then_some("primary"))} data-phase={phase} {onclick}>{ label }</button> }
    };
    let publish = |published: bool, label: &'static str| {
        let ctx = ctx.clone();
        let onclick = Callback::from(move |_| {
            post(
                &ctx,
                "/publish",
                net::Body::new().with("published", &published),
            )
        });
        html! { <button type="button" class="big" id="publish" {onclick}>{ label }</button> }
    };
    html! {
        <p class="actions controls no-print">
            { match session.phase.as_str() {
                "draft" => go("rating", l.pick("Lancer la notation", "Start rating"), true),
                "rating" => go("reveal", l.pick("Révéler les avis", "Reveal the views"), true),
                "reveal" => html! { <>
                    { go("rating", l.pick("Reprendre la notation", "Back to rating"), false) }
                    { go("consensus", l.pick("Passer au consensus", "Go to consensus"), true) }
                </> },
                "consensus" => go("closed", l.pick("Voir les résultats", "Show the results"), true),
                _ if session.published => publish(false, l.pick("Retirer la publication", "Unpublish")),
                _ => publish(true, l.pick("Publier les résultats", "Publish the results")),
            } }
        </p>
    }
}

/// A facilitator's change to the session shown; the event it makes refreshes the board.
pub fn post(ctx: &Ctx, rest: &str, body: net::Body) {
    let Some(path) = session_path(ctx, rest) else {
        return;
    };
    let token = ctx.token.clone();
    ctx.run(
        async move { net::text("POST", &path, &token, Some(&body.text())).await },
        |_| {},
    );
}

/// Participants × criteria: answered or not, never the level.
fn who_answered(ctx: &Ctx, session: &Session, grid: &Grid) -> Html {
    let l = ctx.lang;
    let ids: Vec<&str> = grid.criteria().map(|(_, c)| c.full_id.as_str()).collect();
    html! {
        <section class="who-answered" aria-labelledby="who-h">
            <h2 id="who-h">{ format!("{} ({})", l.pick("Participants", "Participants"), session.participants.len()) }</h2>
            if session.participants.is_empty() {
                <p class="muted">{ l.pick("Personne n’a encore rejoint la séance.", "Nobody has joined yet.") }</p>
            }
            <table class="answered-grid">
                <tbody>
                    { for session.participants.iter().map(|p| html! {
                        <tr data-participant={p.id.clone()}>
                            <th scope="row"><span class="who">{ &p.name }</span> <span class="muted">{ &p.role }</span></th>
                            <td class="count" data-count={p.answered_count.to_string()}>{ format!("{} / {}", p.answered_count, ids.len()) }</td>
                            <td class="cells" aria-hidden="true">{ for ids.iter().map(|id| {
                                let done = p.answered.iter().any(|a| a == id);
                                html! { <span class={classes!("cell", done.then_some("done"))}></span> }
                            }) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </section>
    }
}
