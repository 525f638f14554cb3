//! Scoring in place allocates nothing once the evaluation is warm: what lets
//! the batch path score row after row at constant memory and without the
//! allocator's cost. Counted by the global allocator of this test binary.

use domino_engine::assessment::{Given, Responses};
use domino_engine::{Grid, DOMINO_GRID};
use stats_alloc::{Region, StatsAlloc, INSTRUMENTED_SYSTEM};
use std::alloc::System;

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// Allocations and reallocations made while `f` runs. The counter is global:
/// this file holds one test, so that no other test allocates meanwhile.
fn allocations(f: impl FnOnce()) -> usize {
    let region = Region::new(GLOBAL);
    f();
    let change = region.change();
    change.allocations + change.reallocations
}

/// Single answers to every criterion, varied by `seed`: levels, `na`, `?`,
/// blanks, targets and profile choices, so that rules fire and relevance
/// skips criteria in some rows and not others.
fn row(grid: &Grid, seed: usize) -> Responses {
    let mut r = Responses::empty(grid);
    for (i, answer) in r.answers.iter_mut().enumerate() {
        let k = (i * 7 + seed * 13) % 9;
        answer.given = match k {
            0..=4 => Given::Level(k as u8),
            5 => Given::NotApplicable,
            6 => Given::Unknown,
            _ => Given::Unanswered,
        };
        answer.target = (k % 3 == 0).then_some(4);
    }
    for (f, field) in grid.profile.iter().enumerate() {
        let choices = field.choices.as_deref().unwrap_or(&[]);
        r.profile[f] = choices
            .get((f + seed) % (choices.len() + 1))
            .map(|c| c.code.clone());
    }
    r
}

#[test]
fn scoring_in_place_allocates_nothing_once_warm() {
    let grid = Grid::from_toml(DOMINO_GRID).unwrap().grid;
    let rows: Vec<Responses> = (0..40).map(|seed| row(&grid, seed)).collect();
    // The counter counts: scoring into a new evaluation allocates its vectors.
    assert!(allocations(|| drop(grid.evaluate(rows[0].clone()))) > 0);
    let mut e = grid.evaluate(Responses::empty(&grid));
    // Warm-up: every row once, so that each buffer reaches its largest size.
    for r in &rows {
        e.responses.clone_from(r);
        grid.evaluate_in_place(&mut e);
    }
    let (mut findings, mut skipped) = (0, 0);
    for r in &rows {
        e.responses.clone_from(r);
        let n = allocations(|| grid.evaluate_in_place(&mut e));
        assert_eq!(n, 0, "scoring row {:?} allocated", r.profile);
        findings += e.findings.len();
        skipped += (e.criteria.iter())
            .filter(|c| c.state == domino_engine::rules::AnswerState::NotRelevant)
            .count();
    }
    assert!(
        findings > rows.len(),
        "{findings} findings: too few rules fired"
    );
    assert!(skipped > 0, "no row had a criterion skipped by relevance");
}
