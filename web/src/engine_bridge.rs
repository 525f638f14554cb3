//! The one place where the app calls the engine: loading grids and assessments, scoring,
//! charts and downloads. Everything returned is plain data or text ready to display.

use domino_engine::charts::{radar_of_reports, ChartOptions};
use domino_engine::csv_writer::push_record;
use domino_engine::sniff::{self, DocumentFormat};
use domino_engine::{render_each, Assessment, Diagnostic, Grid, Report};

/// File name shown in the diagnostics of the built-in grid (written in its resolved form by
/// `cargo xtask build-web`).
pub const BUILTIN_NAME: &str = "domino.json";

/// At most this many diagnostics of one file are rendered: a file with
/// thousands of mistakes would otherwise build thousands of blocks in the
/// page, when the first few are what a user fixes first.
pub const SHOWN_DIAGNOSTICS: usize = 50;

/// The diagnostics of one file, rendered like the CLI's (`error[code]: …
/// --> file:line:col`, the source line and a caret): the first
/// [`SHOWN_DIAGNOSTICS`], and how many more were left out.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Rendered {
    /// The first diagnostics, each rendered with its source line.
    pub shown: Vec<String>,
    /// How many more there are, not rendered.
    pub omitted: usize,
}

impl Rendered {
    /// Renders the first [`SHOWN_DIAGNOSTICS`] of `diagnostics` against their source.
    pub fn of(diagnostics: &[Diagnostic], name: &str, source: &str) -> Rendered {
        let shown = diagnostics.len().min(SHOWN_DIAGNOSTICS);
        Rendered {
            shown: render_each(&diagnostics[..shown], name, source),
            omitted: diagnostics.len() - shown,
        }
    }

    /// Number of diagnostics, shown or not.
    pub fn len(&self) -> usize {
        self.shown.len() + self.omitted
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A grid ready to use, with the warnings found while loading it.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The grid.
    pub grid: Grid,
    /// Its warnings.
    pub warnings: Rendered,
}

/// A refused input and its problems.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Refused {
    /// Number of errors.
    pub errors: usize,
    /// Its diagnostics.
    pub rendered: Rendered,
}

/// The DOMINO grid's source (the app fetches `domino.json`, its resolved form, at start-up instead, so that the
/// grid is not compiled into the WebAssembly module; tests use the engine's copy).
#[cfg(test)]
pub use domino_engine::DOMINO_GRID;

/// The DOMINO grid, for tests.
#[cfg(test)]
pub fn builtin() -> Grid {
    Grid::from_toml(DOMINO_GRID)
        .expect("the embedded DOMINO grid is valid")
        .grid
}

/// Reads the DOMINO grid fetched at start-up, in its resolved form; refused like any grid
/// when it does not read.
pub fn load_builtin(source: &str) -> Result<Grid, Refused> {
    read_resolved_grid(BUILTIN_NAME, source)
}

/// Loads a grid from TOML source.
pub fn load_grid(name: &str, source: &str) -> Result<Loaded, Refused> {
    match Grid::from_toml(source) {
        Ok(loaded) => Ok(Loaded {
            warnings: Rendered::of(&loaded.warnings, name, source),
            grid: loaded.grid,
        }),
        Err(diags) => Err(refused(&diags.0, name, source)),
    }
}

/// Reads a grid in the engine's resolved form, as `domino serve` sends a session's grid
/// (checked by the server when it was added): the workshop module, which reads no other,
/// then carries neither the TOML reader nor the grid loader.
pub fn read_resolved_grid(name: &str, source: &str) -> Result<Grid, Refused> {
    Grid::from_resolved(source).map_err(|d| refused(&d.0, name, source))
}

impl Refused {
    /// A refusal told in one message, not by diagnostics of the input (the reader of the
    /// input could not run, or answered in a form the page does not read).
    pub fn message(text: String) -> Refused {
        Refused {
            errors: 1,
            rendered: Rendered {
                shown: vec![text],
                omitted: 0,
            },
        }
    }
}

fn refused(diags: &[Diagnostic], name: &str, source: &str) -> Refused {
    Refused {
        errors: diags.iter().filter(|d| d.is_error()).count(),
        rendered: Rendered::of(diags, name, source),
    }
}

/// Reads an assessment file, TOML or JSON (told apart as [`sniff::document_format`] says).
pub fn read_assessment(name: &str, source: &str) -> Result<Assessment, Refused> {
    let parsed = if sniff::document_format(Some(name), source) == DocumentFormat::Json {
        Assessment::from_json(source)
    } else {
        Assessment::from_toml(source)
    };
    parsed.map_err(|d| refused(&d.0, name, source))
}

/// Reads an assessment file known to be JSON (the server's exports), without the TOML
/// reader behind [`read_assessment`].
pub fn read_json_assessment(name: &str, source: &str) -> Result<Assessment, Refused> {
    Assessment::from_json(source).map_err(|d| refused(&d.0, name, source))
}

/// Checks an assessment against a grid (unknown criteria, codes not on the scale…).
pub fn check(
    grid: &Grid,
    assessment: &Assessment,
    name: &str,
    source: &str,
) -> Result<(), Refused> {
    grid.resolve(assessment)
        .map(|_| ())
        .map_err(|d| refused(&d.0, name, source))
}

/// Scores an assessment.
pub fn score(grid: &Grid, assessment: &Assessment, lang: &str) -> Result<Report, Refused> {
    grid.score(assessment, lang)
        .map_err(|d| refused(&d.0, "assessment", &assessment.to_toml()))
}

/// The radar chart of a report, as an SVG document.
pub fn radar(report: &Report, title: &str) -> String {
    radar_of_reports(
        &[report],
        &ChartOptions {
            width: 560,
            height: 460,
            title: title.to_string(),
            show_title: false,
        },
    )
}

/// One radar comparing several reports of the same grid (one polygon each).
pub fn compare_radar(reports: &[&Report], title: &str) -> String {
    radar_of_reports(
        reports,
        &ChartOptions {
            width: 640,
            height: 500,
            title: title.to_string(),
            show_title: false,
        },
    )
}

/// The report as pretty JSON.
pub fn report_json(report: &Report) -> String {
    serde_json::to_string_pretty(report).unwrap_or_default()
}

/// The report as CSV: one row per criterion, then one per finding.
pub fn report_csv(report: &Report) -> String {
    let mut out = String::from("section,axis,id,title,score,coverage,level,target,state,message\n");
    for axis in &report.axes {
        let row = [
            "axis".to_string(),
            axis.id.clone(),
            axis.id.clone(),
            axis.title.clone(),
            axis.score.map(|s| format!("{s:.1}")).unwrap_or_default(),
            axis.coverage
                .percent
                .map(|p| format!("{p:.0}"))
                .unwrap_or_default(),
            axis.median_level
                .as_ref()
                .map(|l| l.code.clone())
                .unwrap_or_default(),
            String::new(),
            String::new(),
            String::new(),
        ];
        push_record(&mut out, &row);
        for c in &axis.criteria {
            let row = [
                "criterion".to_string(),
                axis.id.clone(),
                c.id.clone(),
                c.title.clone(),
                c.value
                    .map(|v| format!("{:.1}", v * 100.0))
                    .unwrap_or_default(),
                String::new(),
                c.level.as_ref().map(|l| l.code.clone()).unwrap_or_default(),
                c.target
                    .as_ref()
                    .map(|l| l.code.clone())
                    .unwrap_or_default(),
                c.state.code().to_owned(),
                c.evidence.clone().unwrap_or_default(),
            ];
            push_record(&mut out, &row);
        }
    }
    for f in report.findings.all() {
        let row = [
            f.kind.code().to_string(),
            String::new(),
            f.id.clone(),
            f.criteria.join(" "),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            f.source.code().to_owned(),
            f.message.clone(),
        ];
        push_record(&mut out, &row);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_grid_with_thousands_of_mistakes_renders_the_first_fifty_and_counts_the_rest() {
        let source: String = (1..=20_000).map(|i| format!("bad line {i}\n")).collect();
        let refused = load_grid("many.toml", &source).unwrap_err();
        assert_eq!(refused.errors, 20_000);
        assert_eq!(refused.rendered.shown.len(), SHOWN_DIAGNOSTICS);
        assert_eq!(refused.rendered.omitted, 20_000 - SHOWN_DIAGNOSTICS);
        assert_eq!(refused.rendered.len(), 20_000);
        let last = refused.rendered.shown.last().unwrap();
        assert!(last.contains("--> many.toml:50:"), "{last}");
    }

    #[test]
    fn a_few_mistakes_are_all_rendered() {
        let refused = load_grid("few.toml", "bad line\nworse line\n").unwrap_err();
        assert_eq!(refused.rendered.shown.len(), 2);
        assert_eq!(refused.rendered.omitted, 0);
    }

    #[test]
    fn an_assessment_is_told_json_or_toml_as_the_cli_tells_it() {
        let json = r#"{"assessment": {"grid": "domino", "initiative": "Repair café"}}"#;
        assert_eq!(
            read_assessment("a.toml", json).unwrap().meta.initiative,
            "Repair café"
        );
        let toml = "[assessment]\ngrid = \"domino\"\ninitiative = \"Jardin\"\n";
        assert_eq!(
            read_assessment("a.toml", toml).unwrap().meta.initiative,
            "Jardin"
        );
        assert!(read_assessment("a.json", toml).is_err());
    }

    #[test]
    fn the_csv_download_defuses_formulas_typed_in_an_assessment() {
        let grid = builtin();
        let hostile = [
            "=HYPERLINK(\"http://x\",\"clic\")",
            "@SUM(1)",
            "+cmd",
            "-2+3",
            "\tcalc",
        ];
        let answers: String = hostile
            .iter()
            .zip(grid.criteria())
            .map(|(text, (_, c))| {
                format!(
                    "\"{}\" = {{ level = \"2\", evidence = {text:?} }}\n",
                    c.full_id
                )
            })
            .collect();
        let assessment = Assessment::from_toml(&format!(
            "[assessment]\ngrid = \"domino\"\ninitiative = \"x\"\n[answers]\n{answers}"
        ))
        .unwrap();
        let csv = report_csv(&grid.score(&assessment, "fr").unwrap());
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let evidence: Vec<String> = reader
            .records()
            .map(|r| r.unwrap()[9].to_owned())
            .filter(|cell| !cell.is_empty())
            .collect();
        for text in hostile {
            assert!(
                evidence.contains(&format!("'{text}")),
                "{text} in {evidence:?}"
            );
        }
        assert!(!evidence.iter().any(|cell| hostile.contains(&cell.as_str())));
    }
}
