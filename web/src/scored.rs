//! The results of the active assessment, computed once per state of the app.
//!
//! Scoring is fast, but the results page used to score (and draw two radars) on every render;
//! now the reducer gives each new state an empty [`ResultsCell`], and the first view that
//! needs the results fills it. A state that does not change is never scored twice.

use crate::engine_bridge::{self, Refused};
use crate::i18n::{Lang, Pick};
use crate::state::Model;
use domino_engine::Report;
use std::cell::OnceCell;
use std::rc::Rc;

/// What the results page shows for the active assessment.
#[derive(Debug)]
pub struct Scored {
    /// The report, or why the assessment cannot be scored.
    pub report: Result<Report, Refused>,
    /// How long the engine took, in milliseconds.
    pub elapsed_ms: f64,
    /// The radar of the report, as an SVG document (empty when refused).
    pub radar_svg: String,
    /// Every assessment of the same grid that scores, in list order (the active one too).
    pub compared: Vec<Report>,
    /// The radar overlaying them, when there are two or more (empty otherwise).
    pub compare_svg: String,
}

impl Scored {
    /// Scores the active assessment and the others of its grid; `now_ms` is the clock the
    /// scoring is timed with (the browser's, or a fixed one in tests). `None` when there is
    /// no active assessment.
    pub fn of(model: &Model, now_ms: impl Fn() -> f64) -> Option<Scored> {
        let entry = model.active_entry()?;
        let grid = model.grid(entry.grid);
        let lang = model.lang;
        let started = now_ms();
        let report = engine_bridge::score(grid, &entry.assessment, lang.code());
        let elapsed_ms = now_ms() - started;
        let radar_svg = match &report {
            Ok(r) => engine_bridge::radar(r, &radar_title(lang, r)),
            Err(_) => String::new(),
        };
        let compared: Vec<Report> = model
            .entries
            .iter()
            .filter(|e| e.grid == entry.grid)
            .filter_map(|e| engine_bridge::score(grid, &e.assessment, lang.code()).ok())
            .collect();
        let compare_svg = if compared.len() < 2 {
            String::new()
        } else {
            let refs: Vec<&Report> = compared.iter().collect();
            engine_bridge::compare_radar(&refs, compare_title(lang))
        };
        Some(Scored {
            report,
            elapsed_ms,
            radar_svg,
            compared,
            compare_svg,
        })
    }
}

/// The radar's title: `Profil par axe — <initiative>`.
pub fn radar_title(lang: Lang, report: &Report) -> String {
    format!("{} — {}", lang.labels().radar, report.initiative)
}

/// The comparison's title.
pub fn compare_title(lang: Lang) -> &'static str {
    lang.pick("Comparaison des évaluations", "Assessments compared")
}

/// The results of one state, computed at most once; a new state gets a new, empty cell.
#[derive(Debug, Clone, Default)]
pub struct ResultsCell(Rc<OnceCell<Option<Scored>>>);

impl ResultsCell {
    /// The results of `model`, scoring it the first time only.
    pub fn get(&self, model: &Model, now_ms: impl Fn() -> f64) -> Option<&Scored> {
        self.0.get_or_init(|| Scored::of(model, now_ms)).as_ref()
    }

    /// True once the results were computed.
    pub fn is_computed(&self) -> bool {
        self.0.get().is_some()
    }
}
