//! A complete DOMINO assessment with varied answers, shared by the engine's
//! benchmark and its profiling example so that both measure the same work.

use domino_engine::assessment::{Given, Responses};
use domino_engine::Grid;

/// Every criterion answered in turn 0–4, with some `na`, `?` and targets, and
/// the first choice of every profile field.
pub fn sample(grid: &Grid) -> Responses {
    let mut r = Responses::empty(grid);
    for (i, answer) in r.answers.iter_mut().enumerate() {
        answer.given = match i % 7 {
            5 => Given::NotApplicable,
            6 => Given::Unknown,
            k => Given::Level((k % 5) as u8),
        };
        if i % 4 == 0 {
            answer.target = Some(4);
        }
    }
    for (f, field) in grid.profile.iter().enumerate() {
        r.profile[f] = field
            .choices
            .as_ref()
            .and_then(|c| c.first())
            .map(|c| c.code.clone());
    }
    r
}
