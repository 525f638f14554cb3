//! Comparing two results, as specified: two assessments of one initiative, and
//! two batches matched by id. Scores in reports are rounded to 0.01, so changes
//! are checked to that precision.

use domino_engine::compare::{
    compare_reports, compare_snapshots, AnswerChange, BatchComparer, Snapshot,
};
use domino_engine::{Assessment, FindingKind, Grid, Report};
use proptest::prelude::*;

fn grid() -> Grid {
    Grid::from_toml(include_str!("data/mini-grid.toml"))
        .expect("the test grid loads")
        .grid
}

/// A report of the mini grid; `extra` goes in `[assessment]` (an id, say).
fn report(extra: &str, answers: &str) -> Report {
    let source = format!(
        "[assessment]\ngrid = \"mini\"\ninitiative = \"Test\"\n{extra}\n[answers]\n{answers}"
    );
    let assessment = Assessment::from_toml(&source).expect("assessment reads");
    grid().score(&assessment, "en").expect("assessment scores")
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 0.011)
}

#[test]
fn a_criterion_raised_two_levels_moves_its_axis_by_its_weighted_share() {
    let old = report(
        "",
        "\"collectif.accueil\" = \"2\"\n\"collectif.contribution\" = \"2\"",
    );
    let new = report(
        "",
        "\"collectif.accueil\" = \"2\"\n\"collectif.contribution\" = \"4\"",
    );
    let c = compare_reports(&old, &new).unwrap();
    // contribution weighs 2 of the axis' 3; two levels are 2/4 of its scale
    let expected = 100.0 * (2.0 / 4.0) * (2.0 / 3.0);
    let axis = &c.axes[0];
    assert_eq!(axis.change.id, "collectif");
    assert!(
        close(axis.change.score.delta, expected),
        "{:?}",
        axis.change.score
    );
    let contribution = c
        .criteria
        .iter()
        .find(|x| x.id == "collectif.contribution")
        .unwrap();
    assert_eq!(contribution.change, AnswerChange::Raised);
    assert!(close(contribution.value.delta, 0.5));
    let accueil = c
        .criteria
        .iter()
        .find(|x| x.id == "collectif.accueil")
        .unwrap();
    assert_eq!(accueil.change, AnswerChange::Same);
    assert!(!accueil.changed());
    assert_eq!(
        c.axes[1].change.score.delta, None,
        "an axis with no score on either side has no change"
    );
}

#[test]
fn a_resolved_vigilance_is_listed_as_resolved_and_one_still_firing_persists() {
    // noyau-epuise: contribution <= 1 and accueil <= 2
    let old = report(
        "",
        "\"collectif.accueil\" = \"0\"\n\"collectif.contribution\" = \"1\"",
    );
    let new = report(
        "",
        "\"collectif.accueil\" = \"0\"\n\"collectif.contribution\" = \"3\"",
    );
    let c = compare_reports(&old, &new).unwrap();
    let resolved: Vec<(FindingKind, &str)> = c
        .findings
        .resolved
        .iter()
        .map(|f| (f.kind, f.id.as_str()))
        .collect();
    assert_eq!(resolved, [(FindingKind::Vigilance, "noyau-epuise")]);
    assert_eq!(
        c.findings.resolved[0].message,
        "A small core carries everything."
    );
    assert!(c.findings.appeared.is_empty());
    assert!(c
        .findings
        .persisting
        .iter()
        .any(|f| f.id == "critical:collectif.accueil"));
}

#[test]
fn answers_that_appear_disappear_or_become_na_or_unknown_are_named() {
    let old = report(
        "",
        "\"collectif.accueil\" = \"3\"\n\"collectif.contribution\" = \"2\"\n\"ressources.reemploi\" = \"2\"",
    );
    let new = report(
        "",
        "\"collectif.contribution\" = \"?\"\n\"ressources.effet_net\" = \"+\"\n\"ressources.reemploi\" = \"na\"",
    );
    let c = compare_reports(&old, &new).unwrap();
    let change = |id: &str| c.criteria.iter().find(|x| x.id == id).unwrap().change;
    assert_eq!(change("collectif.accueil"), AnswerChange::Disappeared);
    assert_eq!(change("ressources.effet_net"), AnswerChange::Appeared);
    assert_eq!(
        change("collectif.contribution"),
        AnswerChange::BecameUnknown
    );
    assert_eq!(
        change("ressources.reemploi"),
        AnswerChange::BecameNotApplicable
    );
    assert_eq!(change("collectif.transport"), AnswerChange::Same);
}

#[test]
fn a_new_target_is_a_change_even_at_the_same_level() {
    let old = report("", "\"collectif.accueil\" = \"2\"");
    let new = report(
        "",
        "\"collectif.accueil\" = { level = \"2\", target = \"4\" }",
    );
    let c = compare_reports(&old, &new).unwrap();
    let accueil = &c.criteria[0];
    assert_eq!(accueil.change, AnswerChange::Same);
    assert!(accueil.target_changed && accueil.changed());
    assert!(c
        .findings
        .appeared
        .iter()
        .any(|f| f.id == "target:collectif.accueil"));
}

#[test]
fn reports_of_two_different_grids_are_refused() {
    let old = report("", "\"collectif.accueil\" = \"2\"");
    let mut new = old.clone();
    new.grid.id = "lieux-partages".into();
    let e = compare_reports(&old, &new).unwrap_err();
    assert_eq!(e.code, "grid-mismatch");
    assert!(
        e.message.contains("`mini`") && e.message.contains("`lieux-partages`"),
        "{}",
        e.message
    );
}

#[test]
fn two_versions_of_a_grid_are_compared_on_what_both_have() {
    let old = report(
        "",
        "\"collectif.accueil\" = \"2\"\n\"ressources.reemploi\" = \"2\"",
    );
    let mut new = report(
        "",
        "\"collectif.accueil\" = \"3\"\n\"ressources.reemploi\" = \"2\"",
    );
    new.grid.version = "0.2.0".into();
    new.axes[0]
        .criteria
        .retain(|c| c.id != "collectif.transport");
    new.axes.pop();
    let c = compare_reports(&old, &new).unwrap();
    assert_eq!(
        c.not_comparable.criteria_only_old,
        [
            "collectif.transport",
            "ressources.effet_net",
            "ressources.reemploi"
        ]
    );
    assert_eq!(c.not_comparable.axes_only_old, ["ressources"]);
    assert!(!c.axes[0].same_criteria, "collectif lost a criterion");
    assert_eq!(c.criteria.len(), 2);
    assert!(domino_engine::compare::table(&c).contains("0.1.0 → 0.2.0"));
}

fn snapshot(id: &str, territory: &str, answers: &str) -> Snapshot {
    let extra = format!("id = \"{id}\"\n[profile]\nterritory = \"{territory}\"");
    Snapshot::of_report(&report(&extra, answers))
}

#[test]
fn batches_list_initiatives_only_in_one_and_sum_changes_by_group() {
    let mut b = BatchComparer::new(
        "mini",
        vec!["collectif".into(), "ressources".into()],
        vec!["territory".into()],
    );
    b.add_old(snapshot("a", "urbain", "\"collectif.accueil\" = \"2\""))
        .unwrap();
    b.add_old(snapshot("gone", "rural", "\"collectif.accueil\" = \"2\""))
        .unwrap();
    b.add_old(snapshot("b", "urbain", "\"collectif.accueil\" = \"1\""))
        .unwrap();
    let a = b
        .add_new(snapshot("a", "urbain", "\"collectif.accueil\" = \"4\""))
        .unwrap()
        .unwrap();
    assert!(close(a.change.axes[0].score.delta, 50.0));
    assert!(b
        .add_new(snapshot("fresh", "rural", "\"collectif.accueil\" = \"3\""))
        .unwrap()
        .is_none());
    b.add_new(snapshot("b", "urbain", "\"collectif.accueil\" = \"1\""))
        .unwrap()
        .unwrap();
    let s = b.finish();
    let ids = |u: &[domino_engine::compare::Unmatched]| {
        u.iter().map(|x| x.id.clone()).collect::<Vec<_>>()
    };
    assert_eq!(ids(&s.only_in_new), ["fresh"]);
    assert_eq!(ids(&s.only_in_old), ["gone"]);
    let keys: Vec<&str> = s.groups.iter().map(|g| g.key[0].as_str()).collect();
    assert_eq!(keys, ["rural", "urbain"]);
    let (rural, urbain) = (&s.groups[0], &s.groups[1]);
    assert_eq!(
        (rural.matched, rural.only_in_old, rural.only_in_new),
        (0, 1, 1)
    );
    assert_eq!(urbain.matched, 2);
    assert!(close(urbain.axes[0].mean, 25.0), "mean of +50 and 0");
    assert_eq!(urbain.axes[0].n, 2);
    assert_eq!(
        (s.total.matched, s.total.only_in_old, s.total.only_in_new),
        (2, 1, 1)
    );
}

#[test]
fn batch_rows_without_id_repeated_or_of_another_grid_are_refused() {
    let mut b = BatchComparer::new("mini", vec!["collectif".into()], vec![]);
    b.add_old(snapshot("a", "urbain", "")).unwrap();
    assert_eq!(
        b.add_old(snapshot("a", "urbain", "")).unwrap_err().code,
        "duplicate-id"
    );
    let mut no_id = snapshot("x", "urbain", "");
    no_id.id = None;
    assert_eq!(b.add_old(no_id).unwrap_err().code, "missing-id");
    let mut other = snapshot("c", "urbain", "");
    other.grid = "domino".into();
    assert_eq!(b.add_new(other).unwrap_err().code, "grid-mismatch");
    b.add_new(snapshot("a", "urbain", "")).unwrap();
    assert_eq!(
        b.add_new(snapshot("a", "urbain", "")).unwrap_err().code,
        "duplicate-id"
    );
    let s = b.finish();
    assert!(s.groups.is_empty(), "no groups without --by");
    assert_eq!(s.total.matched, 1);
}

const CODES: [&str; 7] = ["", "0", "1", "2", "4", "na", "?"];
const TRENDS: [&str; 4] = ["", "--", "+", "++"];

fn answers() -> impl Strategy<Value = String> {
    (
        prop::array::uniform4(0..CODES.len()),
        0..TRENDS.len(),
        prop::option::of(0..5u8),
    )
        .prop_map(|(codes, trend, target)| {
            let ids = [
                "collectif.accueil",
                "collectif.contribution",
                "collectif.transport",
                "ressources.reemploi",
            ];
            let mut s = String::new();
            for (id, &c) in ids.iter().zip(&codes) {
                match (CODES[c], target) {
                    ("", _) => {}
                    (code, Some(t))
                        if *id == "collectif.accueil" && code.len() == 1 && code != "?" =>
                    {
                        s.push_str(&format!(
                            "\"{id}\" = {{ level = \"{code}\", target = \"{t}\" }}\n"
                        ));
                    }
                    (code, _) => s.push_str(&format!("\"{id}\" = \"{code}\"\n")),
                }
            }
            if !TRENDS[trend].is_empty() {
                s.push_str(&format!(
                    "\"ressources.effet_net\" = \"{}\"\n",
                    TRENDS[trend]
                ));
            }
            s
        })
}

proptest! {
    #[test]
    fn a_batch_row_reads_like_the_report_of_the_same_assessment(a in answers()) {
        let source = format!("[assessment]\ngrid = \"mini\"\ninitiative = \"Test\"\n[profile]\nterritory = \"rural\"\n[answers]\n{a}");
        let g = grid();
        let resolved = g.resolve(&Assessment::from_toml(&source).unwrap()).unwrap();
        let e = g.evaluate(resolved.responses);
        let from_report = Snapshot::of_report(&e.report(&g, "fr"));
        prop_assert_eq!(Snapshot::of_evaluation(&g, &e), from_report);
    }

    #[test]
    fn an_assessment_compared_with_itself_has_no_change(a in answers()) {
        let r = report("", &a);
        let c = compare_reports(&r, &r).unwrap();
        prop_assert!(c.overall.delta.is_none_or(|d| d == 0.0));
        for axis in &c.axes {
            prop_assert!(axis.change.score.delta.is_none_or(|d| d == 0.0));
            prop_assert!(axis.change.coverage.delta.is_none_or(|d| d == 0.0));
            prop_assert!(axis.same_criteria);
        }
        prop_assert!(c.criteria.iter().all(|x| !x.changed()));
        prop_assert!(c.findings.appeared.is_empty() && c.findings.resolved.is_empty());
        prop_assert_eq!(c.findings.persisting.len(), r.findings.len());
        prop_assert!(c.not_comparable.is_empty());
    }

    #[test]
    fn comparing_the_other_way_negates_changes_and_swaps_appeared_and_resolved(a in answers(), b in answers()) {
        let (ra, rb) = (report("", &a), report("", &b));
        let ab = compare_snapshots(&Snapshot::of_report(&ra), &Snapshot::of_report(&rb)).unwrap();
        let ba = compare_snapshots(&Snapshot::of_report(&rb), &Snapshot::of_report(&ra)).unwrap();
        let neg = |d: Option<f64>| d.map(|d| -d);
        prop_assert_eq!(ab.overall.delta, neg(ba.overall.delta));
        for (x, y) in ab.axes.iter().zip(&ba.axes) {
            prop_assert_eq!(&x.id, &y.id);
            prop_assert_eq!(x.score.delta, neg(y.score.delta));
            prop_assert_eq!(x.coverage.delta, neg(y.coverage.delta));
        }
        prop_assert_eq!(&ab.findings.appeared, &ba.findings.resolved);
        prop_assert_eq!(&ab.findings.resolved, &ba.findings.appeared);
        prop_assert_eq!(&ab.findings.persisting, &ba.findings.persisting);
        let full_ab = compare_reports(&ra, &rb).unwrap();
        let full_ba = compare_reports(&rb, &ra).unwrap();
        for (x, y) in full_ab.criteria.iter().zip(&full_ba.criteria) {
            prop_assert_eq!(x.value.delta, neg(y.value.delta));
            let swapped = match x.change {
                AnswerChange::Raised => Some(AnswerChange::Lowered),
                AnswerChange::Lowered => Some(AnswerChange::Raised),
                AnswerChange::Same => Some(AnswerChange::Same),
                _ => None,
            };
            if let Some(s) = swapped {
                prop_assert_eq!(y.change, s);
            }
        }
    }
}

#[test]
fn the_radar_overlay_names_both_sides_and_draws_the_shared_axes() {
    let old = report("date = 2024-05-01", "\"collectif.accueil\" = \"1\"");
    let mut new = report("date = 2025-05-01", "\"collectif.accueil\" = \"3\"");
    new.axes.pop();
    let svg = domino_engine::compare::radar_overlay(&old, &new, &Default::default());
    assert!(
        svg.contains("Before (2024-05-01)") && svg.contains("After (2025-05-01)"),
        "{svg}"
    );
    assert!(
        svg.contains("Collective") && !svg.contains("Resources"),
        "only the shared axes: {svg}"
    );
}

#[test]
fn tables_are_written_in_the_reports_language() {
    let old = report("", "\"collectif.accueil\" = \"1\"");
    let new = report("", "\"collectif.accueil\" = \"3\"");
    let en = domino_engine::compare::table(&compare_reports(&old, &new).unwrap());
    assert!(
        en.contains("Overall score: ") && en.contains("raised"),
        "{en}"
    );
    let fr_report = |r: &Report| {
        let a = Assessment::from_toml(&format!(
            "[assessment]\ngrid = \"mini\"\ninitiative = \"Test\"\n[answers]\n\"collectif.accueil\" = \"{}\"",
            r.axes[0].criteria[0].level.as_ref().unwrap().code
        ))
        .unwrap();
        grid().score(&a, "fr").unwrap()
    };
    let fr = domino_engine::compare::markdown(
        &compare_reports(&fr_report(&old), &fr_report(&new)).unwrap(),
    );
    assert!(
        fr.contains("**Score global**\u{a0}: ") && fr.contains("en hausse"),
        "{fr}"
    );
}
