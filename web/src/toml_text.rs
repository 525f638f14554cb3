//! The text interface of the TOML reader, for a module of its own: the grid loader and
//! the TOML reader weigh about 29 KB gzipped in the offline app, which needs them only
//! when a visitor imports a grid or an assessment written as TOML. Built as a separate
//! module, they would share no Rust types with the app at runtime, so they answer in
//! text: the `*_answer` functions run in the TOML module and return JSON; the `read_*`
//! functions run in the app and turn that JSON back into what the engine bridge returns.
//! A grid crosses in the engine's resolved form ([`domino_engine::Grid::to_resolved`]), an assessment
//! as its JSON file ([`Assessment::to_json`]), refusals as rendered diagnostics.

use crate::engine_bridge::{self, Loaded, Refused, Rendered};
use domino_engine::Assessment;
use serde::{Deserialize, Serialize};

/// What the TOML module answers about a grid.
#[derive(Serialize, Deserialize)]
enum GridAnswer {
    /// The grid loaded: its resolved form and the warnings found while loading it.
    Loaded {
        resolved: String,
        warnings: Rendered,
    },
    /// The grid refused, with its diagnostics rendered against its source.
    Refused(Refused),
}

/// What the TOML module answers about an assessment.
#[derive(Serialize, Deserialize)]
enum AssessmentAnswer {
    /// The assessment read, as its JSON file.
    Read(String),
    /// The assessment refused, with its diagnostics rendered against its source.
    Refused(Refused),
}

/// Loads the grid `source` (TOML, as a visitor imports it) and answers in JSON.
pub fn grid_answer(name: &str, source: &str) -> String {
    let answer = match engine_bridge::load_grid(name, source) {
        Ok(loaded) => GridAnswer::Loaded {
            resolved: loaded.grid.to_resolved(),
            warnings: loaded.warnings,
        },
        Err(refused) => GridAnswer::Refused(refused),
    };
    serde_json::to_string(&answer).expect("an answer always serialises")
}

/// Reads the assessment `source` (TOML or JSON, told apart as
/// [`engine_bridge::read_assessment`] does) and answers in JSON.
pub fn assessment_answer(name: &str, source: &str) -> String {
    let answer = match engine_bridge::read_assessment(name, source) {
        Ok(assessment) => AssessmentAnswer::Read(assessment.to_json()),
        Err(refused) => AssessmentAnswer::Refused(refused),
    };
    serde_json::to_string(&answer).expect("an answer always serialises")
}

/// A grid the TOML module loaded: what [`engine_bridge::load_grid`] returns, and the
/// grid's resolved form as the module wrote it, which the autosave keeps (so that the app
/// restores the grid without the TOML reader, and links no serialiser of the grid model).
#[derive(Debug, Clone)]
pub struct ReadGrid {
    /// The grid and its warnings.
    pub loaded: Loaded,
    /// Its resolved form ([`domino_engine::Grid::to_resolved`]).
    pub resolved: String,
}

/// Turns the TOML module's answer about the grid `name` into the grid it read.
pub fn read_grid_answer(name: &str, answer: &str) -> Result<ReadGrid, Refused> {
    match serde_json::from_str(answer).map_err(|e| unreadable(name, &e))? {
        GridAnswer::Loaded { resolved, warnings } => {
            let grid = engine_bridge::read_resolved_grid(name, &resolved)?;
            Ok(ReadGrid {
                loaded: Loaded { grid, warnings },
                resolved,
            })
        }
        GridAnswer::Refused(refused) => Err(refused),
    }
}

/// Turns the TOML module's answer about the assessment `name` into what
/// [`engine_bridge::read_assessment`] returns.
pub fn read_assessment_answer(name: &str, answer: &str) -> Result<Assessment, Refused> {
    match serde_json::from_str(answer).map_err(|e| unreadable(name, &e))? {
        AssessmentAnswer::Read(json) => engine_bridge::read_json_assessment(name, &json),
        AssessmentAnswer::Refused(refused) => Err(refused),
    }
}

/// An answer the app cannot read: the TOML module and the app come from different builds
/// (a page open across an update). Reloading the page loads matching ones.
fn unreadable(name: &str, error: &serde_json::Error) -> Refused {
    Refused::message(format!(
        "error: {name}: the TOML reader answered in a form this page does not \
         read ({error}); reload the page to load matching versions"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine_bridge::{load_grid, read_assessment, DOMINO_GRID};

    #[test]
    fn a_grid_crosses_as_the_same_grid_with_the_same_warnings() {
        let direct = load_grid("domino.toml", DOMINO_GRID).unwrap();
        let crossed =
            read_grid_answer("domino.toml", &grid_answer("domino.toml", DOMINO_GRID)).unwrap();
        assert_eq!(crossed.resolved, direct.grid.to_resolved());
        assert_eq!(crossed.loaded.grid.to_resolved(), direct.grid.to_resolved());
        assert_eq!(crossed.loaded.warnings, direct.warnings);
    }

    #[test]
    fn an_assessment_crosses_as_the_same_assessment() {
        let toml =
            "[assessment]\ngrid = \"domino\"\ninitiative = \"Jardin «\u{a0}partagé\u{a0}»\"\n";
        let direct = read_assessment("a.toml", toml).unwrap();
        let crossed = read_assessment_answer("a.toml", &assessment_answer("a.toml", toml)).unwrap();
        assert_eq!(crossed.to_json(), direct.to_json());
        assert_eq!(crossed.meta.initiative, "Jardin «\u{a0}partagé\u{a0}»");
    }

    #[test]
    fn refusals_cross_with_the_same_located_diagnostics() {
        let grid = "bad line\nworse line\n";
        let assessment = "[assessment]\ngrid = 3\n";
        let cases = [
            (
                load_grid("mine.toml", grid).unwrap_err(),
                read_grid_answer("mine.toml", &grid_answer("mine.toml", grid)).unwrap_err(),
                "--> mine.toml:1:",
            ),
            (
                read_assessment("a.toml", assessment).unwrap_err(),
                read_assessment_answer("a.toml", &assessment_answer("a.toml", assessment))
                    .unwrap_err(),
                "--> a.toml:2:8",
            ),
        ];
        for (direct, crossed, place) in cases {
            assert_eq!(crossed, direct);
            let located = direct.rendered.shown.iter().any(|d| d.contains(place));
            assert!(located, "{place} in {direct:?}");
        }
    }

    #[test]
    fn an_answer_from_another_build_is_refused_with_what_to_do() {
        for answer in ["", "{}", "{\"Loaded\": 3}", "not json"] {
            let refused = read_grid_answer("mine.toml", answer).unwrap_err();
            assert_eq!(refused.errors, 1);
            assert!(refused.rendered.shown[0].contains("reload the page"));
            assert!(read_assessment_answer("a.toml", answer).is_err());
        }
    }
}
