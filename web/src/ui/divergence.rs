//! `DivergenceView`: per criterion each rater's level, the spread, the gaps that reach the
//! grid's `rater_gap` highlighted, sortable by disagreement or in the grid's order.
//!
//! Props (data in, callbacks out, no network):
//! - `divergence: Rc<Divergence>` — the engine's table (`Divergence::of_report(grid, report)`);
//! - `lang: Lang` — the interface language (the words come from `Language::divergence`);
//! - `selected: Option<String>` (default none) — the criterion full id shown as chosen;
//! - `on_select: Option<Callback<String>>` (default none) — when given, each criterion's
//!   title is a button that emits its full id (e.g. to open a `ConsensusEditor`).
//!
//! The sort order is the component's own state. The table has a caption, column and row
//! headers; a highlighted gap is also said in words, never by colour alone.

use domino_engine::divergence::{Divergence, DivergenceRow, Standing};
use domino_engine::vocabulary::NO_FIGURE;
use domino_engine::Language as Lang;
use std::rc::Rc;
use yew::prelude::*;

/// What [`DivergenceView`] shows.
#[derive(Properties, PartialEq)]
pub struct DivergenceProps {
    /// The table to show.
    pub divergence: Rc<Divergence>,
    /// The interface language.
    pub lang: Lang,
    /// The criterion shown as chosen.
    #[prop_or_default]
    pub selected: Option<String>,
    /// Emits a criterion's full id when its title is chosen.
    #[prop_or_default]
    pub on_select: Option<Callback<String>>,
}

/// The rows in the chosen order: by disagreement (the engine's order) or the grid's.
pub fn ordered(d: &Divergence, by_grid: bool) -> Vec<&DivergenceRow> {
    let mut rows: Vec<&DivergenceRow> = d.rows.iter().collect();
    if by_grid {
        rows.sort_by_key(|r| r.position);
    }
    rows
}

/// The divergence table.
#[function_component(DivergenceView)]
pub fn divergence_view(props: &DivergenceProps) -> Html {
    let by_grid = use_state(|| false);
    let w = props.lang.divergence();
    let d = &props.divergence;
    if d.rows.is_empty() {
        return html! { <p class="divergence-empty">{ w.empty }</p> };
    }
    let rows = ordered(d, *by_grid);
    let sort = |grid: bool, label: &'static str| {
        let state = by_grid.clone();
        let pressed = *by_grid == grid;
        html! {
            <button type="button" aria-pressed={pressed.to_string()}
                onclick={Callback::from(move |_| state.set(grid))}>{ label }</button>
        }
    };
    html! {
        <section class="divergence" aria-labelledby="divergence-h">
            <h2 id="divergence-h">{ w.title }</h2>
            <p class="gap-note">{ w.gap_note_for(d.rater_gap) }</p>
            <p class="actions sort" role="group" aria-label={w.standing}>
                { sort(false, w.sort_by_disagreement) }
                { sort(true, w.sort_by_grid) }
            </p>
            <div class="table-wrap">
                <table id="divergence">
                    <caption>{ w.title }</caption>
                    <thead><tr>
                        <th scope="col">{ w.criterion }</th>
                        { for d.raters.iter().map(|r| html!{ <th scope="col">{ r.clone() }</th> }) }
                        <th scope="col">{ w.spread }</th>
                        <th scope="col">{ w.standing }</th>
                    </tr></thead>
                    <tbody>
                        { for rows.into_iter().map(|r| row(props, r)) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}

fn row(props: &DivergenceProps, r: &DivergenceRow) -> Html {
    let w = props.lang.divergence();
    let class = classes!(
        r.exceeds_gap.then_some("gap"),
        (r.standing == Standing::ToDebate).then_some("to-debate"),
        (r.standing == Standing::Agreed).then_some("agreed"),
        (props.selected.as_deref() == Some(r.criterion.as_str())).then_some("selected"),
    );
    let title = match &props.on_select {
        Some(on) => {
            let on = on.clone();
            let id = r.criterion.clone();
            let pressed = props.selected.as_deref() == Some(r.criterion.as_str());
            html! {
                <button type="button" class="link" aria-pressed={pressed.to_string()}
                    onclick={Callback::from(move |_| on.emit(id.clone()))}>{ r.title.clone() }</button>
            }
        }
        None => html! { r.title.clone() },
    };
    html! {
        <tr class={class} data-criterion={r.criterion.clone()} key={r.criterion.clone()}>
            <th scope="row">{ title }<span class="axis">{ r.axis.clone() }</span></th>
            { for r.levels.iter().map(|l| match l {
                Some(l) => html!{ <td title={l.label.clone()}>{ l.code.clone() }<span class="visually-hidden">{ format!(" {}", l.label) }</span></td> },
                None => html!{ <td class="muted"><span aria-hidden="true">{ NO_FIGURE }</span><span class="visually-hidden">{ w.not_answered }</span></td> },
            }) }
            <td class="spread">{ r.spread.map_or_else(|| NO_FIGURE.to_owned(), |s| s.to_string()) }</td>
            <td class="standing">{ w.standing_of(r) }</td>
        </tr>
    }
}
