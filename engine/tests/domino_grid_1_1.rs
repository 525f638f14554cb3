//! DOMINO grid 1.1: what the grid promises officials and researchers, checked on the shipped
//! grids and samples. Each test says in its name what a reader of the report can rely on.

use domino_engine::{Assessment, Grid, Report, BUILTIN_GRIDS};

#[path = "support/shipped.rs"]
mod shipped;
use shipped::{builtin, grids_dir};

fn score(grid: &Grid, toml: &str) -> Report {
    let assessment = Assessment::from_toml(toml).unwrap_or_else(|d| panic!("{d:?}\n{toml}"));
    grid.score(&assessment, "fr").unwrap()
}

fn sample(path: &str) -> Report {
    let text = std::fs::read_to_string(grids_dir().join("examples").join(path)).unwrap();
    let assessment = Assessment::from_toml(&text).unwrap();
    builtin(&assessment.meta.grid)
        .score(&assessment, "fr")
        .unwrap()
}

/// An assessment of grid `grid` with the given profile lines and answers (`"axis.crit" = "3"`).
fn assessment(grid: &str, profile: &str, answers: &[(&str, &str)]) -> String {
    let answers: String = answers
        .iter()
        .map(|(c, level)| format!("\"{c}\" = \"{level}\"\n"))
        .collect();
    format!("[assessment]\ngrid = \"{grid}\"\ninitiative = \"Test\"\n\n[profile]\n{profile}\n\n[answers]\n{answers}")
}

fn finding_ids(report: &Report) -> Vec<&str> {
    report.findings.all().map(|f| f.id.as_str()).collect()
}

fn recommendation_ids(report: &Report) -> Vec<&str> {
    all_recommendations(report).map(|r| r.id.as_str()).collect()
}

fn all_recommendations(
    report: &Report,
) -> impl Iterator<Item = &domino_engine::report::RecommendationReport> {
    let r = &report.recommendations;
    r.declencher
        .iter()
        .chain(&r.accompagner)
        .chain(&r.perenniser)
}

#[test]
fn disco_soupe_is_not_told_to_sign_a_convention_nor_to_form_an_employers_group() {
    let report = sample("disco-soupe.toml");
    let recs = recommendation_ids(&report);
    assert!(!recs.contains(&"convention"), "{recs:?}");
    assert!(!recs.contains(&"poste-partage"), "{recs:?}");
    for r in all_recommendations(&report) {
        assert!(!r.text.contains("groupement d’employeurs"), "{}", r.text);
    }
    let found = finding_ids(&report);
    assert!(!found.contains(&"soutien-sans-convention"), "{found:?}");
    assert!(!found.contains(&"poste-mutualise"), "{found:?}");
    // Its fragile support and facilitation still lead somewhere: support without legal status.
    assert!(recs.contains(&"portage-sans-statut"), "{recs:?}");
}

#[test]
fn the_same_fragile_support_tells_an_association_to_put_it_in_writing() {
    let grid = builtin("domino");
    let association = score(
        &grid,
        &assessment(
            "domino",
            "status = \"association\"",
            &[("acteur_public.soutien", "2")],
        ),
    );
    assert!(recommendation_ids(&association).contains(&"convention"));
    let informal = score(
        &grid,
        &assessment(
            "domino",
            "status = \"collectif_informel\"",
            &[("acteur_public.soutien", "2")],
        ),
    );
    assert!(!recommendation_ids(&informal).contains(&"convention"));
}

#[test]
fn couchsurfing_after_2011_is_not_told_its_core_is_exhausted() {
    let report = sample("couchsurfing-apres-2011.toml");
    let found = finding_ids(&report);
    assert!(!found.contains(&"epuisement-noyau"), "{found:?}");
    assert!(!found.contains(&"savoir-faire-concentre"), "{found:?}");
    // The same answers from an association do raise the exhausted core.
    let text = std::fs::read_to_string(grids_dir().join("examples/couchsurfing-apres-2011.toml"))
        .unwrap()
        .replace("status = \"entreprise\"", "status = \"association\"");
    let as_association = score(&builtin("domino"), &text);
    assert!(finding_ids(&as_association).contains(&"epuisement-noyau"));
}

fn carried(autonomy: &str) -> bool {
    let mut answers = vec![
        ("acteur_public.connaissance", "4"),
        ("acteur_public.posture", "4"),
        ("acteur_public.soutien", "4"),
        ("acteur_public.cadre_juridique", "4"),
        ("acteur_public.autonomie", autonomy),
    ];
    answers.extend([
        ("collectif.accueil", "1"),
        ("collectif.contribution", "1"),
        ("collectif.diversite", "1"),
    ]);
    let report = score(&builtin("domino"), &assessment("domino", "", &answers));
    finding_ids(&report).contains(&"portee-par-la-collectivite")
}

#[test]
fn a_very_autonomous_practice_is_not_carried_by_the_local_authority() {
    assert!(!carried("4"), "autonomy 4");
    assert!(!carried("3"), "autonomy 3");
    assert!(
        carried("2"),
        "partial autonomy with a weak collective is debated"
    );
}

#[test]
fn every_critical_weakness_carries_a_recommendation() {
    for (file, source) in BUILTIN_GRIDS {
        let grid = Grid::from_toml(source).unwrap().grid;
        for (_, criterion) in grid.criteria().filter(|(_, c)| c.critical) {
            let scale = &grid.scales[criterion.scale];
            for option in &scale.options[..scale.critical_below] {
                let report = score(
                    &grid,
                    &assessment(&grid.id, "", &[(&criterion.full_id, &option.code)]),
                );
                let about: Vec<_> = report
                    .findings
                    .all()
                    .filter(|f| f.criteria.contains(&criterion.full_id))
                    .collect();
                assert!(
                    about.iter().any(|f| f.id.starts_with("critical:")),
                    "{file}: {} at {} is a vigilance",
                    criterion.full_id,
                    option.code
                );
                assert!(
                    about.iter().any(|f| !f.recommend.is_empty()),
                    "{file}: {} at {} leads to no recommendation",
                    criterion.full_id,
                    option.code
                );
            }
        }
    }
}

#[test]
fn effet_rebond_does_not_repeat_the_critical_finding_on_an_unknown_net_effect() {
    let grid = builtin("domino");
    let with = |level: &str| {
        let report = score(
            &grid,
            &assessment(
                "domino",
                "sector = \"mobilite\"",
                &[("ressources.effet_net", level)],
            ),
        );
        finding_ids(&report).contains(&"effet-rebond")
    };
    assert!(!with("?"), "the built-in vigilance already covers `?`");
    assert!(!with("1"), "the built-in vigilance already covers level 1");
    assert!(
        with("2"),
        "an argued but unmeasured reduction in a rebound-prone sector"
    );
}

#[test]
fn every_theme_of_the_domino_axes_has_a_criterion_or_a_rule() {
    let grid = builtin("domino");
    let themes = [
        (
            "démocratie locale, service public local collaboratif",
            "acteur_public.democratie_locale",
        ),
        (
            "marchandisation des solidarités",
            "solidarite.non_marchandisation",
        ),
        (
            "besoins peu ou mal pris en charge par le marché et l’acteur public",
            "solidarite.besoins_non_couverts",
        ),
        (
            "ressources immatérielles, savoirs et données",
            "ressources.savoirs_donnees",
        ),
        ("foncier", "ressources.foncier"),
    ];
    for (theme, criterion) in themes {
        assert!(
            grid.criteria().any(|(_, c)| c.full_id == criterion),
            "{theme}: no criterion `{criterion}`"
        );
        assert!(
            grid.rules
                .iter()
                .any(|r| r.when.source().contains(criterion)),
            "{theme}: no rule reads `{criterion}`"
        );
    }
    assert!(
        grid.rules
            .iter()
            .any(|r| r.when.source().contains("profile.territory")),
        "the urban / rural difference is read by a rule"
    );
}

#[test]
fn the_axis_titles_are_the_open_questions_domino_asked() {
    let grid = builtin("domino");
    for axis in &grid.axes {
        assert!(
            axis.title.get("fr").ends_with("\u{a0}?"),
            "{}",
            axis.title.get("fr")
        );
    }
    assert_eq!(
        grid.axes[1].title.get("fr"),
        "Quelle place pour l’acteur public local dans une société collaborative\u{a0}?"
    );
}

#[test]
fn every_critical_flag_and_every_weight_above_one_is_justified_in_a_comment() {
    let source = std::fs::read_to_string(grids_dir().join("domino.toml")).unwrap();
    let lines: Vec<&str> = source.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if *line != "[[axes.criteria]]" {
            continue;
        }
        let block: Vec<&str> = lines[i..]
            .iter()
            .take_while(|l| !l.is_empty())
            .copied()
            .collect();
        let singled_out = block
            .iter()
            .any(|l| *l == "critical = true" || (l.starts_with("weight = ") && *l != "weight = 1"));
        if singled_out {
            assert!(
                lines[i - 1].starts_with('#'),
                "{} has no comment saying why",
                block[1]
            );
        }
    }
}

#[test]
fn the_express_grid_asks_what_an_official_can_answer_in_the_room() {
    let express = builtin("domino-express");
    let critical = express.criteria().filter(|(_, c)| c.critical).count();
    assert!((3..=5).contains(&critical), "{critical} critical criteria");
    assert!(
        express
            .criteria()
            .all(|(_, c)| c.full_id != "ressources.effet_net"),
        "the net effect needs a measurement nobody has in the room"
    );
    assert!(
        express
            .criteria()
            .any(|(_, c)| c.full_id == "acteur_public.soutien"),
        "the public lever is asked about"
    );
}

#[test]
fn an_express_id_means_what_it_means_in_the_full_grid() {
    let full = builtin("domino");
    let express = builtin("domino-express");
    for (_, c) in express.criteria() {
        let (_, f) = full
            .criteria()
            .find(|(_, f)| f.full_id == c.full_id)
            .unwrap_or_else(|| panic!("`{}` is not a criterion of the full grid", c.full_id));
        assert_eq!(c.levels, f.levels, "{}: same level descriptors", c.full_id);
        assert_eq!(c.weight, f.weight, "{}: same weight", c.full_id);
    }
    for rule in &express.rules {
        if let Some(same) = full.rules.iter().find(|r| r.id == rule.id) {
            assert_eq!(rule.when.source(), same.when.source(), "rule {}", rule.id);
            assert_eq!(rule.message, same.message, "rule {}", rule.id);
        }
    }
}

/// The samples whose evidence says a reduction or a quantity is not measured do not claim a
/// measured level (level 3 of `effet_net` and `reemploi` asks for an estimate or a count).
#[test]
fn no_sample_claims_a_measured_level_on_evidence_that_says_it_is_not_measured() {
    for entry in std::fs::read_dir(grids_dir().join("examples")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let assessment = Assessment::from_toml(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for id in ["ressources.effet_net", "ressources.reemploi"] {
            let Some(answer) = assessment.answers.get(id) else {
                continue;
            };
            let evidence = answer.evidence.as_deref().unwrap_or("");
            let unmeasured = evidence.contains("non mesur") || evidence.contains("rarement pesé");
            let level = answer.level.as_deref().unwrap_or("");
            assert!(
                !(unmeasured && ["3", "4"].contains(&level)),
                "{}: {id} = {level} on “{evidence}”",
                path.display()
            );
        }
    }
}

#[test]
fn no_french_text_of_any_grid_breaks_french_typography() {
    let mut checked = 0;
    for entry in std::fs::read_dir(grids_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap();
        let name = path.display().to_string();
        let lint = domino_engine::grid::typography::check(&source);
        let faults: String = lint
            .diagnostics
            .iter()
            .map(|d| d.render(&name, &source))
            .collect();
        assert!(faults.is_empty(), "{faults}");
        assert_eq!(lint.fixed, source, "{name}: the fixer would change it");
        checked += 1;
    }
    assert_eq!(checked, 3, "the three shipped grids were checked");
}
