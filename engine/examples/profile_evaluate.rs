//! Scores the same assessment many times (for profilers such as callgrind).
use domino_engine::assessment::{Given, Responses};
use domino_engine::{Grid, DOMINO_GRID};
fn main() {
    let grid = Grid::from_toml(DOMINO_GRID).unwrap().grid;
    let mut r = Responses::empty(&grid);
    for (i, a) in r.answers.iter_mut().enumerate() {
        a.given = match i % 7 {
            5 => Given::NotApplicable,
            6 => Given::Unknown,
            k => Given::Level((k % 5) as u8),
        };
        if i % 4 == 0 {
            a.target = Some(4);
        }
    }
    for (f, field) in grid.profile.iter().enumerate() {
        r.profile[f] = field
            .choices
            .as_ref()
            .and_then(|c| c.first())
            .map(|c| c.code.clone());
    }
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let mut fired = 0;
    for _ in 0..n {
        fired += grid
            .evaluate(std::hint::black_box(r.clone()))
            .findings
            .len();
    }
    println!("{fired}");
}
