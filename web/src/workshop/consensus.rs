//! Recording the group's agreement on the server: the shared `ConsensusEditor` for the
//! criterion chosen in the reveal, its record and its "leave to debate" sent as
//! `PUT …/consensus` with the version they were based on, so that a second screen never
//! overwrites it silently (a stale write is refused and told).

use super::{net, session_path, Ctx};
use crate::ui::consensus::{level_options, ConsensusEditor};
use domino_engine::Grid;
use std::rc::Rc;
use yew::prelude::*;

/// The editor of the chosen criterion (nothing until one is chosen).
pub fn editor(ctx: &Ctx, grid: &Grid) -> Html {
    let l = ctx.lang;
    let w = ctx.w();
    let Some(id) = w.chosen.clone() else {
        return html! { <p class="muted" id="choose-criterion">{ crate::i18n::Pick::pick(l,
        "Choisissez un critère dans le tableau pour noter l’accord du groupe.",
        "Choose a criterion in the table to record the group’s agreement.") }</p> };
    };
    let row = w
        .answers
        .consensus
        .iter()
        .find(|r| r.criterion == id && !r.to_confirm);
    let title = super::rate::criterion_title(grid, &id, l);
    let options = Rc::new(level_options(grid, &id, l));
    let version = w
        .answers
        .consensus
        .iter()
        .find(|r| r.criterion == id)
        .map_or(0, |r| r.version);
    let note = row.map(|r| r.note.clone()).unwrap_or_default();
    let on_record = {
        let ctx = ctx.clone();
        Callback::from(move |(c, level, note): (String, String, String)| {
            save(&ctx, &c, Some(level), note, version)
        })
    };
    let on_clear = {
        let (ctx, note) = (ctx.clone(), note.clone());
        Callback::from(move |c: String| save(&ctx, &c, None, note.clone(), version))
    };
    html! {
        <ConsensusEditor criterion={id.clone()} {title} {options} agreed={row.and_then(|r| r.level.clone())}
            {note} lang={l} {on_record} {on_clear} />
    }
}

fn save(ctx: &Ctx, criterion: &str, level: Option<String>, note: String, version: i64) {
    let Some(path) = session_path(ctx, "/consensus") else {
        return;
    };
    let mut body = net::Body::new()
        .with("criterion", criterion)
        .with("note", &note)
        .with("base_version", &version);
    if let Some(level) = level {
        body = body.with("level", &level);
    }
    let token = ctx.token.clone();
    ctx.run(
        async move { net::text("PUT", &path, &token, Some(&body.text())).await },
        |_| {},
    );
}
