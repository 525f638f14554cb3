//! The reveal: per criterion, each participant's level, the spread, and the criteria
//! where the group disagrees (by the grid's `rater_gap`) highlighted, sortable by
//! disagreement. In the consensus phase the facilitator records the agreed level here.

use super::api::{AnswerRow, Participant};
use super::model::Msg;
use super::rate::level_name;
use super::{consensus, Ctx};
use crate::i18n::{Lang, Pick};
use domino_engine::grid::Criterion;
use domino_engine::Grid;
use yew::prelude::*;

/// The levels given to one criterion, and how far apart they are.
pub struct Spread<'a> {
    /// The criterion.
    pub criterion: &'a Criterion,
    /// Each participant's answer (in the order they joined).
    pub levels: Vec<(&'a Participant, Option<&'a AnswerRow>)>,
    /// Positions on the scale between the lowest and the highest level (n/a and
    /// unknown left out); `None` with fewer than two levels.
    pub gap: Option<usize>,
}

/// The spread of every criterion, in grid order.
pub fn spreads<'a>(
    grid: &'a Grid,
    people: &'a [Participant],
    answers: &'a [AnswerRow],
) -> Vec<Spread<'a>> {
    grid.criteria()
        .map(|(_, c)| {
            let levels: Vec<_> = people
                .iter()
                .map(|p| {
                    let a = answers.iter().find(|a| {
                        a.participant == p.id && a.criterion == c.full_id && !a.to_confirm
                    });
                    (p, a)
                })
                .collect();
            let scale = &grid.scales[c.scale];
            let positions: Vec<usize> = levels
                .iter()
                .filter_map(|(_, a)| {
                    a.and_then(|a| a.level.as_deref())
                        .and_then(|c| scale.position(c))
                })
                .collect();
            let gap = match (positions.iter().min(), positions.iter().max()) {
                (Some(lo), Some(hi)) if positions.len() > 1 => Some(hi - lo),
                _ => None,
            };
            Spread {
                criterion: c,
                levels,
                gap,
            }
        })
        .collect()
}

/// The reveal; `editable` lets the facilitator record agreed levels (consensus phase).
pub fn view(ctx: &Ctx, grid: &Grid, editable: bool) -> Html {
    let l = ctx.lang;
    let w = ctx.w();
    let Some(session) = &w.session else {
        return Html::default();
    };
    let mut list = spreads(grid, &session.participants, &w.answers.answers);
    if w.by_gap {
        list.sort_by_key(|s| std::cmp::Reverse(s.gap.unwrap_or(0)));
    }
    let threshold = grid.signals.rater_gap as usize;
    let sort = {
        let d = ctx.dispatch.clone();
        let by_gap = w.by_gap;
        Callback::from(move |_| d.dispatch(Msg::ByGap(!by_gap)))
    };
    html! {
        <section class="reveal" aria-labelledby="reveal-h">
            <h2 id="reveal-h" tabindex="-1">{ l.pick("Les avis du groupe", "The group’s views") }</h2>
            <p class="actions">
                <button type="button" id="sort-gap" aria-pressed={w.by_gap.to_string()} onclick={sort}>
                    { l.pick("Trier par désaccord", "Sort by disagreement") }
                </button>
            </p>
            <ol class="spreads">
                { for list.iter().map(|s| spread(ctx, grid, s, threshold, editable)) }
            </ol>
        </section>
    }
}

fn spread(ctx: &Ctx, grid: &Grid, s: &Spread, threshold: usize, editable: bool) -> Html {
    let l = ctx.lang;
    let c = s.criterion;
    let divergent = s.gap.is_some_and(|g| threshold > 0 && g >= threshold);
    html! {
        <li class={classes!("spread", divergent.then_some("divergent"))} data-criterion={c.full_id.clone()}>
            <h3>{ c.title.get(l.code()) }</h3>
            <p class="gap">{ gap_text(l, s.gap, divergent) }</p>
            <ul class="spread-levels">
                { for s.levels.iter().map(|(p, a)| html! {
                    <li><span class="who">{ &p.name }</span>{ l.colon() }
                        <span class="level">{ level_name(grid, &c.full_id, a.and_then(|a| a.level.as_deref()), l) }</span></li>
                }) }
            </ul>
            { consensus::agreed(ctx, grid, c, editable) }
        </li>
    }
}

fn gap_text(l: Lang, gap: Option<usize>, divergent: bool) -> String {
    let Some(gap) = gap else {
        return l
            .pick(
                "Moins de deux niveaux donnés",
                "Fewer than two levels given",
            )
            .into();
    };
    let words = match l {
        Lang::Fr => format!(
            "Écart\u{a0}: {gap} niveau{}",
            if gap > 1 { "x" } else { "" }
        ),
        Lang::En => format!("Spread: {gap} level{}", if gap == 1 { "" } else { "s" }),
    };
    if divergent {
        format!(
            "{words} — {}",
            l.pick("désaccord, à débattre", "disagreement, to debate")
        )
    } else {
        words
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(id: &str) -> Participant {
        Participant {
            id: id.into(),
            name: id.into(),
            role: "membre".into(),
            answered_count: 0,
            answered: vec![],
        }
    }

    fn answer(p: &str, c: &str, level: &str) -> AnswerRow {
        AnswerRow {
            participant: p.into(),
            criterion: c.into(),
            level: Some(level.into()),
            target: None,
            evidence: None,
            version: 1,
            to_confirm: false,
        }
    }

    #[test]
    fn the_spread_counts_scale_positions_and_leaves_out_na() {
        let grid = crate::engine_bridge::builtin();
        let ids: Vec<String> = grid.criteria().map(|(_, c)| c.full_id.clone()).collect();
        let people = [person("a"), person("b"), person("c")];
        let answers = [
            answer("a", &ids[0], "1"),
            answer("b", &ids[0], "4"),
            answer("c", &ids[0], "na"),
            answer("a", &ids[1], "2"),
        ];
        let s = spreads(&grid, &people, &answers);
        assert_eq!(s[0].gap, Some(3));
        assert_eq!(s[1].gap, None, "one level is no spread");
        assert_eq!(s[0].levels.len(), 3);
    }
}
