//! What is derived once a grid is read: the name scope, the lookup index, the hash.

use super::*;

pub(in crate::grid) fn build_scope(
    axes: &[Axis],
    scales: &[Scale],
    profile: &[ProfileField],
) -> GridScope {
    let mut scope = GridScope::default();
    for axis in axes {
        scope.axes.push(axis.id.clone());
        for c in &axis.criteria {
            let scale = &scales[c.scale];
            let low = scale.options.first().map_or(0.0, |o| o.score);
            scope
                .criteria
                .insert(c.full_id.clone(), scope.criterion_ids.len());
            scope.criterion_ids.push(c.full_id.clone());
            scope.ranges.push((low, scale.max_score()));
        }
    }
    scope.profile = profile
        .iter()
        .map(|f| {
            (
                f.id.clone(),
                f.choices
                    .as_ref()
                    .map(|c| c.iter().map(|c| c.code.clone()).collect()),
            )
        })
        .collect();
    scope
}

pub(in crate::grid) fn build_index(
    axes: &[Axis],
    profile: &[ProfileField],
    recommendations: &[Recommendation],
) -> GridIndex {
    let mut index = GridIndex::default();
    for (a, axis) in axes.iter().enumerate() {
        for (c, criterion) in axis.criteria.iter().enumerate() {
            index
                .criterion_by_id
                .insert(criterion.full_id.clone(), index.criteria.len());
            if criterion.relevant.is_some() {
                index.relevant.push(index.criteria.len());
            }
            index.criteria.push((a, c));
            index.scale_of.push(criterion.scale);
        }
    }
    index.profile_by_id = profile
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.clone(), i))
        .collect();
    index.recommendation_by_id = recommendations
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.clone(), i))
        .collect();
    index
}

pub(super) fn hex_sha256(source: &str) -> String {
    Sha256::digest(source.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
