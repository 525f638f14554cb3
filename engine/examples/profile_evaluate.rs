//! Scores the same assessment many times, for profilers such as callgrind:
//! `valgrind --tool=callgrind target/release/examples/profile_evaluate 20000`

#[path = "support/sample.rs"]
mod support;

use domino_engine::{Grid, DOMINO_GRID};

fn main() {
    let grid = Grid::from_toml(DOMINO_GRID)
        .expect("the DOMINO grid loads")
        .grid;
    let responses = support::sample(&grid);
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let mut fired = 0;
    for _ in 0..n {
        fired += grid
            .evaluate(std::hint::black_box(responses.clone()))
            .findings
            .len();
    }
    println!("{n} evaluations, {fired} findings");
}
