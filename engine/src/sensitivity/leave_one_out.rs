//! Leave-one-out: each criterion dropped in turn (its weight set to 0, the
//! others nominal, the chosen aggregation), and how far the ranking moves from
//! the ranking with every criterion ([`RankShift`]). An initiative whose only
//! value was the dropped criterion has no composite without it and is left out
//! of that criterion's comparison.

use super::aggregate::{composite, Structure};
use super::options::Options;
use super::ranks::RankShift;
use super::runs::split;

/// The composites of `count` initiatives (`values` initiative by initiative)
/// under the nominal weights with criterion `dropped` left out, if any.
pub(crate) fn composites(
    structure: &Structure,
    values: &[f64],
    count: usize,
    options: &Options,
    dropped: Option<usize>,
) -> Vec<f64> {
    let weights = match dropped {
        Some(c) => structure.nominal.without(c),
        None => structure.nominal.clone(),
    };
    let c = structure.criterion_count();
    let mut axes = vec![0.0; structure.axes.len()];
    (0..count)
        .map(|i| {
            let v = &values[i * c..(i + 1) * c];
            composite(structure, v, &weights, options.aggregation, &mut axes)
        })
        .collect()
}

/// The shift of the ranking when each criterion is left out, in grid order.
pub(crate) fn shifts(
    structure: &Structure,
    values: &[f64],
    count: usize,
    reference: &[f64],
    options: &Options,
) -> Vec<RankShift> {
    let mut criteria: Vec<usize> = (0..structure.criterion_count()).collect();
    split(&mut criteria, options.threads, |_, part| {
        part.iter()
            .map(|&c| {
                let dropped = composites(structure, values, count, options, Some(c));
                RankShift::between(reference, &dropped)
            })
            .collect::<Vec<_>>()
    })
    .into_iter()
    .flatten()
    .collect()
}
