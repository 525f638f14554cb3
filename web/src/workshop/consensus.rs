//! The agreed level of a criterion and the note saying why; in the consensus phase the
//! facilitator records it (or records that the group did not agree: the criterion then
//! stays a point to debate). A write carries the version it was based on, so a second
//! screen never overwrites it silently.

use super::api::ConsensusRow;
use super::rate::level_name;
use super::{net, session_path, Ctx};
use crate::i18n::Pick;
use domino_engine::grid::Criterion;
use domino_engine::Grid;
use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// What was agreed for `c`, and the editor when `editable`.
pub fn agreed(ctx: &Ctx, grid: &Grid, c: &Criterion, editable: bool) -> Html {
    let l = ctx.lang;
    let row = ctx
        .w()
        .answers
        .consensus
        .iter()
        .find(|r| r.criterion == c.full_id);
    let shown = row.map(|r| {
        let level = match &r.level {
            Some(code) => level_name(grid, &c.full_id, Some(code), l),
            None => l.pick("pas d’accord — point à débattre", "no agreement — a point to debate").into(),
        };
        html! {
            <p class="agreed">
                <strong>{ format!("{}{}", l.pick("Retenu", "Agreed"), l.colon()) }</strong>{ level }
                if r.to_confirm { <span class="badge">{ l.pick("À confirmer", "To confirm") }</span> }
                if !r.note.is_empty() { <span class="note">{ format!(" — {}", r.note) }</span> }
            </p>
        }
    });
    html! {
        <>
            { for shown }
            if editable { { editor(ctx, grid, c, row) } }
        </>
    }
}

fn editor(ctx: &Ctx, grid: &Grid, c: &Criterion, row: Option<&ConsensusRow>) -> Html {
    let l = ctx.lang;
    let scale = &grid.scales[c.scale];
    let dom = c.full_id.replace('.', "-");
    let (select, note) = (NodeRef::default(), NodeRef::default());
    let current = row.and_then(|r| r.level.clone());
    let onsubmit = {
        let (ctx, select, note) = (ctx.clone(), select.clone(), note.clone());
        let (criterion, version) = (c.full_id.clone(), row.map_or(0, |r| r.version));
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let level = select
                .cast::<HtmlSelectElement>()
                .map(|s| s.value())
                .unwrap_or_default();
            let note = note
                .cast::<HtmlTextAreaElement>()
                .map(|t| t.value())
                .unwrap_or_default();
            save(&ctx, &criterion, level, note, version);
        })
    };
    let codes = scale
        .options
        .iter()
        .map(|o| o.code.clone())
        .chain(scale.not_applicable.iter().map(|s| s.code.clone()));
    html! {
        <form class="consensus-editor" {onsubmit}>
            <p class="field">
                <label for={format!("agree-{dom}")}>{ l.pick("Niveau retenu", "Agreed level") }</label>
                <select id={format!("agree-{dom}")} ref={select}>
                    <option value="" selected={current.is_none()}>{ l.pick("Pas d’accord (à débattre)", "No agreement (to debate)") }</option>
                    { for codes.map(|code| html! {
                        <option value={code.clone()} selected={current.as_deref() == Some(code.as_str())}>{ level_name(grid, &c.full_id, Some(&code), l) }</option>
                    }) }
                </select>
            </p>
            <p class="field grow">
                <label for={format!("note-{dom}")}>{ l.pick("Pourquoi (note du groupe)", "Why (the group’s note)") }</label>
                <textarea id={format!("note-{dom}")} ref={note} rows="2" maxlength="4000"
                    value={row.map(|r| r.note.clone()).unwrap_or_default()} />
            </p>
            <p><button type="submit" class="primary">{ l.pick("Enregistrer", "Save") }</button></p>
        </form>
    }
}

fn save(ctx: &Ctx, criterion: &str, level: String, note: String, version: i64) {
    let Some(path) = session_path(ctx, "/consensus") else {
        return;
    };
    let mut body =
        serde_json::json!({ "criterion": criterion, "note": note, "base_version": version });
    if !level.is_empty() {
        body["level"] = level.into();
    }
    let token = ctx.token.clone();
    ctx.run(
        async move { net::text("PUT", &path, &token, Some(&body.to_string())).await },
        |_| {},
    );
}
