//! The Monte Carlo runs, on several threads, with results that do not depend
//! on how many.
//!
//! Run `r` draws its weights from its own stream ([`Weights::perturbed`]),
//! scores and ranks every initiative, and counts those whose findings changed.
//! Threads take contiguous blocks of runs and write each run's ranks into its
//! own slice; the counts are integers summed at the end. The ranks are held
//! as `u32`, run by run (runs × initiatives × 4 bytes: 400 MB for 100,000
//! initiatives × 1,000 runs), and read back in blocks of initiatives for the
//! percentiles, which are then exact.

use super::aggregate::{composite, Structure};
use super::findings::{RuleFacts, WeightedRules};
use super::options::Options;
use super::ranks::{rank_into, rank_range};
use super::weights::Weights;
use crate::grid::Grid;

/// What every run reads: the ranked initiatives' values and facts, and their
/// nominal findings.
pub(crate) struct Prepared<'a> {
    pub grid: &'a Grid,
    pub structure: &'a Structure,
    pub rules: &'a WeightedRules,
    /// Values, initiative by initiative (criterion count each), NaN when missing.
    pub values: &'a [f64],
    /// Facts, one per initiative (empty when no rule depends on the weights).
    pub facts: &'a [RuleFacts],
    /// Nominal firing of each weight-dependent rule, initiative by initiative.
    pub nominal_fired: &'a [bool],
    pub count: usize,
}

/// Per initiative: its rank range over the runs and how often its findings changed.
pub(crate) struct RunStats {
    /// 5th, 50th and 95th percentile of its ranks.
    pub range: Vec<[f64; 3]>,
    /// Runs in which its findings changed.
    pub changed: Vec<u32>,
}

/// Runs `f` on `items` split into `threads` contiguous parts, in order.
pub(crate) fn split<T: Send, R: Send>(
    items: &mut [T],
    threads: usize,
    f: impl Fn(usize, &mut [T]) -> R + Sync,
) -> Vec<R> {
    let per = items.len().div_ceil(threads.max(1)).max(1);
    if threads <= 1 || items.len() <= per {
        return vec![f(0, items)];
    }
    std::thread::scope(|s| {
        let handles: Vec<_> = items
            .chunks_mut(per)
            .enumerate()
            .map(|(k, part)| {
                let f = &f;
                s.spawn(move || f(k * per, part))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// Draws every run and returns each initiative's statistics.
pub(crate) fn monte_carlo(p: &Prepared, options: &Options) -> RunStats {
    let (n, runs) = (p.count, options.runs as usize);
    if n == 0 {
        return RunStats {
            range: Vec::new(),
            changed: Vec::new(),
        };
    }
    let mut ranks = vec![0u32; n * runs];
    let mut blocks: Vec<&mut [u32]> = ranks.chunks_mut(n).collect();
    let counts = split(&mut blocks, options.threads, |first, block| {
        let mut worker = Worker::new(p);
        for (k, run_ranks) in block.iter_mut().enumerate() {
            worker.run(p, options, (first + k) as u32, run_ranks);
        }
        worker.changed
    });
    let mut changed = vec![0u32; n];
    for c in counts {
        for (total, x) in changed.iter_mut().zip(c) {
            *total += x;
        }
    }
    RunStats {
        range: percentiles(&ranks, n, runs, options.threads),
        changed,
    }
}

/// One thread's scratch space and counts.
struct Worker {
    scores: Vec<f64>,
    axes: Vec<f64>,
    order: Vec<u32>,
    changed: Vec<u32>,
}

impl Worker {
    fn new(p: &Prepared) -> Self {
        Worker {
            scores: vec![0.0; p.count],
            axes: vec![0.0; p.structure.axes.len()],
            order: Vec::with_capacity(p.count),
            changed: vec![0; p.count],
        }
    }

    /// Run `run`: weights drawn, every initiative scored, findings compared, ranks written.
    fn run(&mut self, p: &Prepared, options: &Options, run: u32, ranks: &mut [u32]) {
        let weights = Weights::perturbed(&p.structure.nominal, options.spread, options.seed, run);
        let c = p.structure.criterion_count();
        let r = p.rules.rules.len();
        for i in 0..p.count {
            let values = &p.values[i * c..(i + 1) * c];
            let s = composite(
                p.structure,
                values,
                &weights,
                options.aggregation,
                &mut self.axes,
            );
            self.scores[i] = s;
            if r > 0 {
                let nominal = &p.nominal_fired[i * r..(i + 1) * r];
                if p.rules.changed(p.grid, &p.facts[i], &self.axes, s, nominal) {
                    self.changed[i] += 1;
                }
            }
        }
        rank_into(&self.scores, &mut self.order, ranks);
    }
}

/// Initiatives read back together from the run-by-run ranks.
const BLOCK: usize = 256;

/// The rank range of each of `n` initiatives from `ranks` (run by run).
fn percentiles(ranks: &[u32], n: usize, runs: usize, threads: usize) -> Vec<[f64; 3]> {
    let mut out = vec![[0.0; 3]; n];
    let mut blocks: Vec<&mut [[f64; 3]]> = out.chunks_mut(BLOCK).collect();
    split(&mut blocks, threads, |first, part| {
        let mut own = vec![0u32; BLOCK * runs];
        let mut scratch = Vec::with_capacity(runs);
        for (k, block) in part.iter_mut().enumerate() {
            let start = (first + k) * BLOCK;
            let width = block.len();
            for run in 0..runs {
                let row = &ranks[run * n + start..run * n + start + width];
                for (j, &rank) in row.iter().enumerate() {
                    own[j * runs + run] = rank;
                }
            }
            for (j, range) in block.iter_mut().enumerate() {
                *range = rank_range(&mut own[j * runs..(j + 1) * runs], &mut scratch);
            }
        }
    });
    out
}
