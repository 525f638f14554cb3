//! The reveal: the shared [`DivergenceView`] (each participant's level, the spread, the
//! gaps that reach the grid's `rater_gap`, sortable by disagreement), the same one the
//! offline app shows for several raters on one device. In the consensus phase the
//! facilitator chooses a criterion there and records the group's level in the shared
//! `ConsensusEditor` ([`super::consensus`]).

use super::model::Msg;
use super::{consensus, Ctx};
use crate::ui::divergence::DivergenceView;
use domino_engine::Grid;
use yew::prelude::*;

/// The reveal; `editable` lets the facilitator record agreed levels (consensus phase).
pub fn view(ctx: &Ctx, grid: &Grid, editable: bool) -> Html {
    let l = ctx.lang;
    let w = ctx.w();
    let Some(divergence) = w.divergence.clone() else {
        return html! { <p class="muted">{ crate::i18n::Pick::pick(l, "Lecture des avis…", "Reading the views…") }</p> };
    };
    let on_select = editable.then(|| {
        let d = ctx.dispatch.clone();
        Callback::from(move |id: String| d.dispatch(Msg::Choose(id)))
    });
    html! {
        <>
            if editable { { consensus::editor(ctx, grid) } }
            <DivergenceView {divergence} lang={l} selected={w.chosen.clone()} {on_select} />
        </>
    }
}
