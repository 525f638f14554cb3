//! Reports written before their coded fields became enums still read back, and are
//! written again byte for byte: `data/report-la-redonnerie.json` is the output of
//! `domino score --format json grids/examples/la-redonnerie.toml` as archived then.

use domino_engine::report::FindingOrigin;
use domino_engine::rules::AnswerState;
use domino_engine::Report;

const ARCHIVED: &str = include_str!("data/report-la-redonnerie.json");

#[test]
fn an_archived_report_reads_back_and_is_written_identically() {
    let report: Report = serde_json::from_str(ARCHIVED).expect("the archived report reads");
    let mut written = serde_json::to_string_pretty(&report).unwrap();
    written.push('\n');
    assert_eq!(written, ARCHIVED);
}

#[test]
fn the_coded_fields_of_an_archived_report_are_typed() {
    let report: Report = serde_json::from_str(ARCHIVED).unwrap();
    let states: Vec<AnswerState> = report
        .axes
        .iter()
        .flat_map(|a| a.criteria.iter().map(|c| c.state))
        .collect();
    assert!(states.contains(&AnswerState::Answered));
    assert!(states.contains(&AnswerState::NotApplicable));
    let origins: Vec<FindingOrigin> = report.findings.all().map(|f| f.source).collect();
    for origin in [
        FindingOrigin::Rule,
        FindingOrigin::TargetGap,
        FindingOrigin::RaterGap,
    ] {
        assert!(origins.contains(&origin), "{origin:?} in {origins:?}");
    }
}

#[test]
fn an_unknown_code_in_a_report_is_refused_naming_the_field_value() {
    let tampered = ARCHIVED.replacen("\"source\": \"rule\"", "\"source\": \"oracle\"", 1);
    let err = serde_json::from_str::<Report>(&tampered).unwrap_err();
    assert!(err.to_string().contains("oracle"), "{err}");
}

#[test]
fn headings_by_kind_and_by_phase_skip_the_empty_ones_in_report_order() {
    let report: Report = serde_json::from_str(ARCHIVED).unwrap();
    let kinds: Vec<_> = report.findings.by_kind().map(|(k, _)| k).collect();
    let expected: Vec<_> = domino_engine::FindingKind::ALL
        .into_iter()
        .filter(|&k| !report.findings.of(k).is_empty())
        .collect();
    assert_eq!(kinds, expected);
    let listed: usize = report.findings.by_kind().map(|(_, l)| l.len()).sum();
    assert_eq!(listed, report.findings.len());
    let phases: Vec<_> = report.recommendations.by_phase().collect();
    assert!(phases
        .iter()
        .all(|(p, l)| !l.is_empty() && l.iter().all(|r| r.phase == *p)));
    let listed: usize = phases.iter().map(|(_, l)| l.len()).sum();
    assert_eq!(listed, report.recommendations.len());
}
