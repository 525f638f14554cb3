//! Engine benchmarks: loading the DOMINO grid, scoring one assessment.
//!
//! `cargo bench -p domino-engine --bench engine`

use criterion::{criterion_group, criterion_main, Criterion};
use domino_engine::{Grid, DOMINO_GRID};
use std::hint::black_box;

#[path = "../examples/support/sample.rs"]
mod support;
use support::sample;

fn benches(c: &mut Criterion) {
    c.bench_function("load and validate the DOMINO grid", |b| {
        b.iter(|| Grid::from_toml(black_box(DOMINO_GRID)).unwrap())
    });
    let grid = Grid::from_toml(DOMINO_GRID).unwrap().grid;
    eprintln!(
        "DOMINO grid: {} criteria, {} rules",
        grid.criterion_count(),
        grid.rules.len()
    );
    let responses = sample(&grid);
    c.bench_function("score one assessment (evaluate)", |b| {
        b.iter_batched(
            || responses.clone(),
            |r| grid.evaluate(black_box(r)),
            criterion::BatchSize::SmallInput,
        )
    });
    let mut bare = grid.clone();
    bare.rules.clear();
    c.bench_function("score one assessment without rules", |b| {
        b.iter_batched(
            || responses.clone(),
            |r| bare.evaluate(black_box(r)),
            criterion::BatchSize::SmallInput,
        )
    });
    c.bench_function("score and report one assessment", |b| {
        b.iter_batched(
            || responses.clone(),
            |r| grid.evaluate(black_box(r)).report(&grid, "fr"),
            criterion::BatchSize::SmallInput,
        )
    });
}

criterion_group!(engine, benches);
criterion_main!(engine);
