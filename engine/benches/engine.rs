//! Engine benchmarks: loading the DOMINO grid, scoring one assessment (into
//! a new evaluation, again into a reused one as the batch path does, and
//! responses made ahead into a reused one),
//! refusing a file with thousands of errors.
//!
//! `cargo bench -p domino-engine --bench engine`

use criterion::{criterion_group, criterion_main, Criterion};
use domino_engine::{Assessment, Grid, DOMINO_GRID};
use std::hint::black_box;

#[path = "../tests/support/hostile_inputs.rs"]
mod hostile_inputs;
use hostile_inputs::*;

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
    let mut reused = grid.evaluate(responses.clone());
    c.bench_function("score one assessment in place (evaluate_in_place)", |b| {
        b.iter(|| grid.evaluate_in_place(black_box(&mut reused)))
    });
    // What a new evaluation's time is made of: responses made ahead (cold in
    // cache, as `evaluate` gets them) scored into one reused evaluation, so
    // that no result vector is allocated. Its distance to `evaluate` is the
    // allocation of the result; its distance to `evaluate_in_place` is the
    // larger working set of responses out of cache beside the grid's compiled
    // rules (BENCHMARKS.md has cachegrind's counts).
    c.bench_function(
        "score one assessment made ahead into a reused evaluation",
        |b| {
            b.iter_batched(
                || responses.clone(),
                |r| {
                    let scored = std::mem::replace(&mut reused.responses, r);
                    grid.evaluate_in_place(black_box(&mut reused));
                    scored
                },
                criterion::BatchSize::SmallInput,
            )
        },
    );
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
    versions(c);
    hostile(c);
}

/// Grid versions and typography: the lint and fix of the DOMINO grid's source
/// (its 1.0.0 texts have about 500 characters to fix), a diff, a carry.
fn versions(c: &mut Criterion) {
    use domino_engine::grid::{diff::DiffFormat, typography};
    c.bench_function("typography lint and fix of the DOMINO grid", |b| {
        b.iter(|| typography::check(black_box(DOMINO_GRID)))
    });
    let grid = Grid::from_toml(DOMINO_GRID).unwrap().grid;
    c.bench_function("diff the DOMINO grid with itself, as a table", |b| {
        b.iter(|| {
            grid.diff_from(black_box(&grid))
                .render(DiffFormat::Table, "fr")
        })
    });
    let v1 = Grid::from_toml(include_str!("../tests/crosswalk/v1.toml"))
        .unwrap()
        .grid;
    let v2 = Grid::from_toml(include_str!("../tests/crosswalk/v2.toml"))
        .unwrap()
        .grid;
    let old = Assessment::from_toml(include_str!("../tests/crosswalk/assessment-v1.toml")).unwrap();
    c.bench_function(
        "carry an assessment over a crosswalk of every change kind",
        |b| b.iter(|| v2.carry(black_box(&old)).unwrap()),
    );
    c.bench_function("diff two versions through their crosswalk", |b| {
        b.iter(|| v2.diff_from(black_box(&v1)))
    });
}

/// Files with thousands of problems: every one is located and rendered, in
/// time linear in the file (a scan of the text per problem would be quadratic).
fn hostile(c: &mut Criterion) {
    let mut group = c.benchmark_group("hostile");
    group.sample_size(10);
    let errors = syntax_errors(20_000);
    group.bench_function("refuse and render a grid of 20,000 syntax errors", |b| {
        b.iter(|| {
            let refused = Grid::from_toml(black_box(&errors)).unwrap_err();
            refused.render("bad.toml", &errors)
        })
    });
    let grid = Grid::from_toml(DOMINO_GRID).unwrap().grid;
    let mut json = String::from(
        "{\"assessment\": {\"grid\": \"domino\", \"initiative\": \"X\"},\n\"answers\": {\n",
    );
    for n in 0..20_000 {
        json.push_str(&format!("\"x.k{n}\": \"3\",\n"));
    }
    json.push_str("\"x.last\": \"3\"}}\n");
    group.bench_function("locate 20,000 unknown criteria in a JSON assessment", |b| {
        b.iter(|| {
            let a = Assessment::from_json(black_box(&json)).unwrap();
            grid.resolve(&a).unwrap_err()
        })
    });
    let rules = domino_with_never_firing_rules(10_000);
    group.bench_function("load a grid of 10,000 rules that can never fire", |b| {
        b.iter(|| Grid::from_toml(black_box(&rules)).unwrap())
    });
    let recommendations = domino_with_unused_recommendations(10_000);
    group.bench_function("load a grid of 10,000 unused recommendations", |b| {
        b.iter(|| Grid::from_toml(black_box(&recommendations)).unwrap())
    });
    let raters = rated_by_thousands(2_000, "x");
    group.bench_function("refuse 60,000 unknown raters among 2,000 declared", |b| {
        b.iter(|| {
            let a = Assessment::from_toml(black_box(&raters)).unwrap();
            grid.resolve(&a).unwrap_err()
        })
    });
    let (misspelt, _) = big_grid_with_misspelt_rules(100, 100);
    group.bench_function(
        "refuse 10,000 misspelt names in the rules of a grid of 10,000 criteria",
        |b| b.iter(|| Grid::from_toml(black_box(&misspelt)).unwrap_err()),
    );
    group.finish();
}

criterion_group!(engine, benches);
criterion_main!(engine);
