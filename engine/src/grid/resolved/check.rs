//! Checking a resolved grid as read: what the loader guarantees of every grid it builds,
//! verified again, so that a damaged or forged resolved form is refused, never scored.

use super::invalid;
use super::wire::{WireAxis, WireGrid, WireRule};
use crate::diagnostic::Diagnostic;
use crate::grid::crosswalk::{ChangeKind, Crosswalk};
use crate::grid::is_valid_id;
use crate::grid::load::{
    build_index, build_scope, is_language_tag, MAX_OPTIONS, MAX_SCORE, MAX_WEIGHT,
};
use crate::grid::model::{Axis, Criterion, Grid, Rule, Scale};
use crate::grid::scope::GridScope;
use crate::rules::{Condition, Context};
use std::collections::HashSet;

/// The grid, once every check passed; every problem found otherwise.
pub(super) fn checked(wire: WireGrid) -> Result<Grid, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    check_header(&wire, &mut errors);
    for (i, scale) in wire.scales.iter().enumerate() {
        check_scale(scale, &format!("grid.scales[{i}]"), &mut errors);
    }
    unique(
        wire.scales.iter().map(|s| s.id.as_str()),
        "grid.scales",
        &mut errors,
    );
    unique(
        wire.profile.iter().map(|f| f.id.as_str()),
        "grid.profile",
        &mut errors,
    );
    unique(
        wire.axes.iter().map(|a| a.id.as_str()),
        "grid.axes",
        &mut errors,
    );
    for (i, axis) in wire.axes.iter().enumerate() {
        check_axis(axis, &wire.scales, &format!("grid.axes[{i}]"), &mut errors);
    }
    let criteria = wire.axes.iter().flat_map(|a| &a.criteria);
    unique(
        criteria.map(|c| c.full_id.as_str()),
        "grid.axes",
        &mut errors,
    );
    let recommendations = wire.recommendations.iter().map(|r| r.id.as_str());
    unique(recommendations, "grid.recommendations", &mut errors);
    unique(
        wire.rules.iter().map(|r| r.id.as_str()),
        "grid.rules",
        &mut errors,
    );
    check_recommended(&wire, &mut errors);
    check_crosswalks(&wire.crosswalks, &wire.axes, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    compiled(wire)
}

fn check_header(wire: &WireGrid, errors: &mut Vec<Diagnostic>) {
    if !is_valid_id(&wire.id) {
        errors.push(invalid(
            "grid.id".into(),
            format!("`{}` is not a grid id", wire.id),
        ));
    }
    if wire.languages.is_empty() || !wire.languages.iter().all(|l| is_language_tag(l)) {
        let message = "the grid's languages must be a non-empty list of language tags";
        errors.push(invalid("grid.languages".into(), message.into()));
    }
    unique(
        wire.languages.iter().map(String::as_str),
        "grid.languages",
        errors,
    );
    let hex = |c: char| c.is_ascii_digit() || ('a'..='f').contains(&c);
    if wire.hash.len() != 64 || !wire.hash.chars().all(hex) {
        let message = "the grid's hash must be 64 lowercase hexadecimal digits";
        errors.push(invalid("grid.hash".into(), message.into()));
    }
}

fn check_scale(scale: &Scale, path: &str, errors: &mut Vec<Diagnostic>) {
    let n = scale.options.len();
    if !(2..=MAX_OPTIONS).contains(&n) {
        let message = format!(
            "scale `{}` has {n} options; it needs 2 to {MAX_OPTIONS}",
            scale.id
        );
        errors.push(invalid(format!("{path}.options"), message));
    }
    let scores = scale.options.iter().map(|o| o.score);
    if !scores
        .clone()
        .all(|s| s.is_finite() && s.abs() <= MAX_SCORE)
        || scale.options.windows(2).any(|w| w[0].score >= w[1].score)
    {
        let message = format!(
            "the scores of scale `{}` must be finite, at most {MAX_SCORE} in absolute value, \
             from the lowest to the highest, each unique",
            scale.id
        );
        errors.push(invalid(format!("{path}.options"), message));
    }
    if scale.critical_below > n {
        let message = format!(
            "`critical_below` of scale `{}` is past its options",
            scale.id
        );
        errors.push(invalid(format!("{path}.critical_below"), message));
    }
    unique(
        scale.accepted_codes().into_iter(),
        &format!("{path}.options"),
        errors,
    );
}

fn check_axis(axis: &WireAxis, scales: &[Scale], path: &str, errors: &mut Vec<Diagnostic>) {
    check_weight(axis.weight, &format!("{path}.weight"), errors);
    for (j, c) in axis.criteria.iter().enumerate() {
        let at = format!("{path}.criteria[{j}]");
        if c.full_id != format!("{}.{}", axis.id, c.id) {
            let message = format!("criterion `{}` is not `{}.{}`", c.full_id, axis.id, c.id);
            errors.push(invalid(format!("{at}.full_id"), message));
        }
        check_weight(c.weight, &format!("{at}.weight"), errors);
        match scales.get(c.scale) {
            None => {
                let message = format!(
                    "criterion `{}` names scale {}, which does not exist",
                    c.full_id, c.scale
                );
                errors.push(invalid(format!("{at}.scale"), message));
            }
            Some(scale) if scale.options.len() != c.levels.len() => {
                let message = format!(
                    "criterion `{}` must have one level entry per option of its scale",
                    c.full_id
                );
                errors.push(invalid(format!("{at}.levels"), message));
            }
            Some(_) => {}
        }
    }
}

fn check_weight(weight: f64, path: &str, errors: &mut Vec<Diagnostic>) {
    if !(weight.is_finite() && weight > 0.0 && weight <= MAX_WEIGHT) {
        let message = format!("a weight must be > 0 and at most {MAX_WEIGHT}, found {weight}");
        errors.push(invalid(path.into(), message));
    }
}

fn check_recommended(wire: &WireGrid, errors: &mut Vec<Diagnostic>) {
    let known: HashSet<&str> = wire.recommendations.iter().map(|r| r.id.as_str()).collect();
    for (i, rule) in wire.rules.iter().enumerate() {
        for id in rule
            .recommend
            .iter()
            .filter(|id| !known.contains(id.as_str()))
        {
            let message = format!("rule `{}` recommends `{id}`, which does not exist", rule.id);
            errors.push(invalid(format!("grid.rules[{i}].recommend"), message));
        }
    }
}

/// Each change names the criteria its kind needs (old ones, except for an addition; new
/// ones of this grid, except for a removal), as the crosswalk reader assumes.
fn check_crosswalks(crosswalks: &[Crosswalk], axes: &[WireAxis], errors: &mut Vec<Diagnostic>) {
    let ids: HashSet<&str> = axes
        .iter()
        .flat_map(|a| &a.criteria)
        .map(|c| c.full_id.as_str())
        .collect();
    for (i, crosswalk) in crosswalks.iter().enumerate() {
        for (j, change) in crosswalk.changes.iter().enumerate() {
            let (needs_old, needs_new) = match change.change {
                ChangeKind::Added => (false, true),
                ChangeKind::Removed => (true, false),
                _ => (true, true),
            };
            let known = change.new.iter().all(|id| ids.contains(id.as_str()));
            if needs_old == change.old.is_empty() || needs_new == change.new.is_empty() || !known {
                let message = format!(
                    "change {j} from version {} does not name the criteria a `{}` change needs",
                    crosswalk.from,
                    change.change.code()
                );
                errors.push(invalid(
                    format!("grid.crosswalks[{i}].changes[{j}]"),
                    message,
                ));
            }
        }
    }
}

/// A refusal for each id given twice in `ids`.
fn unique<'a>(ids: impl Iterator<Item = &'a str>, path: &str, errors: &mut Vec<Diagnostic>) {
    let mut seen = HashSet::new();
    for id in ids {
        if !seen.insert(id) {
            errors.push(invalid(path.into(), format!("`{id}` is given twice")));
        }
    }
}

/// The grid with its conditions compiled against its own names (every condition checked as
/// the loader checks it) and its index built.
fn compiled(wire: WireGrid) -> Result<Grid, Vec<Diagnostic>> {
    let mut relevances = Vec::new();
    let mut axes = Vec::with_capacity(wire.axes.len());
    for (i, axis) in wire.axes.into_iter().enumerate() {
        let (axis, sources) = axis_without_conditions(axis);
        let paths = (0..).map(|j| format!("grid.axes[{i}].criteria[{j}].relevant"));
        relevances.extend(sources.into_iter().zip(paths));
        axes.push(axis);
    }
    let scope = build_scope(&axes, &wire.scales, &wire.profile);
    let mut errors = Vec::new();
    let criteria = axes.iter_mut().flat_map(|a| a.criteria.iter_mut());
    for (criterion, (source, path)) in criteria.zip(relevances) {
        criterion.relevant = source
            .and_then(|source| compile(&source, &scope, Context::Relevance, path, &mut errors));
    }
    let rules: Vec<Rule> = (wire.rules.into_iter().enumerate())
        .filter_map(|(i, rule)| rule_of(rule, &scope, format!("grid.rules[{i}].when"), &mut errors))
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let index = build_index(&axes, &wire.profile, &wire.recommendations);
    Ok(Grid {
        id: wire.id,
        version: wire.version,
        languages: wire.languages,
        title: wire.title,
        description: wire.description,
        overall: wire.overall,
        signals: wire.signals,
        scales: wire.scales,
        profile: wire.profile,
        axes,
        rules,
        recommendations: wire.recommendations,
        crosswalks: wire.crosswalks,
        hash: wire.hash,
        index,
    })
}

/// The axis, its criteria's skip logic left out, and that skip logic as text, in order.
fn axis_without_conditions(axis: WireAxis) -> (Axis, Vec<Option<String>>) {
    let mut sources = Vec::with_capacity(axis.criteria.len());
    let criteria = axis
        .criteria
        .into_iter()
        .map(|c| {
            sources.push(c.relevant);
            Criterion {
                id: c.id,
                full_id: c.full_id,
                scale: c.scale,
                weight: c.weight,
                critical: c.critical,
                title: c.title,
                question: c.question,
                hint: c.hint,
                levels: c.levels,
                relevant: None,
            }
        })
        .collect();
    let axis = Axis {
        id: axis.id,
        weight: axis.weight,
        title: axis.title,
        question: axis.question,
        description: axis.description,
        criteria,
    };
    (axis, sources)
}

fn rule_of(
    rule: WireRule,
    scope: &GridScope,
    path: String,
    errors: &mut Vec<Diagnostic>,
) -> Option<Rule> {
    let when = compile(&rule.when, scope, Context::Rule, path, errors)?;
    Some(Rule {
        id: rule.id,
        kind: rule.kind,
        when,
        message: rule.message,
        recommend: rule.recommend,
    })
}

/// The condition compiled, or a refusal at `path` quoting what the checker said.
fn compile(
    source: &str,
    scope: &GridScope,
    context: Context,
    path: String,
    errors: &mut Vec<Diagnostic>,
) -> Option<Condition> {
    Condition::compile(source, scope, context)
        .map_err(|e| {
            let said: Vec<&str> = e.iter().map(|e| e.message.as_str()).collect();
            let message = format!("condition `{source}` does not check: {}", said.join("; "));
            errors.push(invalid(path, message));
        })
        .ok()
}
