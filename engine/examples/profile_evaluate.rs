//! Scores the same assessment many times, for profilers such as callgrind:
//! `valgrind --tool=callgrind target/release/examples/profile_evaluate 20000`
//! scores into a new evaluation each time ([`Grid::evaluate`]);
//! `… 20000 in-place` the same responses again into one reused evaluation
//! ([`Grid::evaluate_in_place`], what the batch path does), which measures
//! scoring alone; `… 20000 made-ahead` makes all the responses first, then
//! scores each into a new evaluation, so that they are read out of cache as
//! a new evaluation reads them (`--tool=cachegrind --cache-sim=yes` counts
//! the misses). With 0 evaluations, the run measures the fixed cost of
//! loading the grid.

#[path = "support/sample.rs"]
mod support;

use domino_engine::{Grid, DOMINO_GRID};
use std::hint::black_box;

fn main() {
    let grid = Grid::from_toml(DOMINO_GRID)
        .expect("the DOMINO grid loads")
        .grid;
    let responses = support::sample(&grid);
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let mut fired = 0;
    match args.next().as_deref() {
        Some("made-ahead") => {
            let made: Vec<_> = (0..n).map(|_| responses.clone()).collect();
            for r in made {
                fired += grid.evaluate(black_box(r)).findings.len();
            }
        }
        Some("in-place") => {
            let mut e = grid.evaluate(responses.clone());
            for _ in 0..n {
                grid.evaluate_in_place(black_box(&mut e));
                fired += e.findings.len();
            }
        }
        None => {
            for _ in 0..n {
                fired += grid.evaluate(black_box(responses.clone())).findings.len();
            }
        }
        Some(other) => {
            eprintln!("unknown mode `{other}`: give `in-place`, `made-ahead` or nothing");
            std::process::exit(2);
        }
    }
    println!("{n} evaluations, {fired} findings");
}
