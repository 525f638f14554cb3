//! Every condition of the DOMINO grid in plain words, in French and English: what
//! the Explore page shows beside each rule and each skipped criterion.

use domino_engine::{Grid, DOMINO_GRID};

/// One paragraph per condition: where it is written, its source, its words.
fn descriptions(grid: &Grid, lang: &str) -> String {
    let mut out = String::new();
    for (_, criterion) in grid.criteria() {
        if let Some(relevant) = &criterion.relevant {
            out.push_str(&format!(
                "relevant {}\n  {}\n  {}\n\n",
                criterion.full_id,
                relevant.source(),
                grid.describe(relevant, lang)
            ));
        }
    }
    for rule in &grid.rules {
        out.push_str(&format!(
            "rule {}\n  {}\n  {}\n\n",
            rule.id,
            rule.when.source(),
            grid.describe(&rule.when, lang)
        ));
    }
    out
}

fn domino() -> Grid {
    Grid::from_toml(DOMINO_GRID)
        .expect("the DOMINO grid loads")
        .grid
}

#[test]
fn domino_conditions_in_french() {
    insta::assert_snapshot!(descriptions(&domino(), "fr"));
}

#[test]
fn domino_conditions_in_english() {
    insta::assert_snapshot!(descriptions(&domino(), "en"));
}

#[test]
fn descriptions_name_criteria_by_their_titles_never_by_their_ids() {
    let grid = domino();
    for lang in ["fr", "en"] {
        for rule in &grid.rules {
            let words = grid.describe(&rule.when, lang);
            for (index, _) in grid.criteria() {
                if rule.when.references().criteria.contains(&index) {
                    let title = grid.criterion(index).title.get(lang);
                    assert!(words.contains(title), "{lang} {}: {words}", rule.id);
                }
            }
            assert!(
                !grid
                    .axes
                    .iter()
                    .any(|a| words.contains(&format!("{}.", a.id))),
                "{lang} {}: {words}",
                rule.id
            );
        }
    }
}
