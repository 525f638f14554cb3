//! Charts rendered to SVG strings with plotters, shared by the CLI and the web app.
//!
//! Every text drawn comes from grids or assessments, so it is treated as
//! untrusted: plotters escapes it, and control characters are removed first.
//! Charts measure nothing: they draw with pixel coordinates, so they render the
//! same natively and in the browser.

mod bars;
mod distribution;
mod heatmap;
mod radar;
mod rank_ranges;
mod svg;

pub use bars::{bars_svg, draw_bars, Bar};
pub use distribution::{distribution_size, distribution_svg, draw_distribution, Distribution};
pub use heatmap::{draw_heatmap, heat_color, heatmap_size, heatmap_svg, HeatmapColumn, HeatmapRow};
/// The plotters version the charts are drawn with, for callers adding backends.
pub use plotters;
pub use radar::{draw_radar, radar_svg, RadarSeries};
pub use rank_ranges::{draw_rank_ranges, rank_ranges_size, rank_ranges_svg, RankRange, RankRanges};

use crate::Report;
use plotters::prelude::*;
use plotters::style::text_anchor;

/// Size and title of a chart.
#[derive(Debug, Clone)]
pub struct ChartOptions {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Accessible title (SVG `<title>`), also drawn at the top when `show_title`.
    pub title: String,
    /// Draw the title at the top.
    pub show_title: bool,
}

impl Default for ChartOptions {
    fn default() -> Self {
        ChartOptions {
            width: 640,
            height: 480,
            title: String::new(),
            show_title: false,
        }
    }
}

/// The radar of one or several reports of the same grid (one polygon each).
pub fn radar_of_reports(reports: &[&Report], options: &ChartOptions) -> String {
    let axes: Vec<String> = reports
        .first()
        .map(|r| r.axes.iter().map(|a| a.title.clone()).collect())
        .unwrap_or_default();
    let series: Vec<RadarSeries> = reports
        .iter()
        .map(|r| RadarSeries {
            label: r.initiative.clone(),
            values: r.axes.iter().map(|a| a.score).collect(),
        })
        .collect();
    radar_svg(&axes, &series, options)
}

/// The bars of a report: one per criterion (value in percent), grouped by axis.
pub fn bars_of(report: &Report) -> Vec<Bar> {
    report
        .axes
        .iter()
        .flat_map(|a| {
            a.criteria.iter().map(move |c| Bar {
                group: a.title.clone(),
                label: c.title.clone(),
                value: c.value.map(|v| v * 100.0),
                critical: c.critical,
            })
        })
        .collect()
}

/// Horizontal bars of a report's criteria values (0–100 %), grouped by axis.
pub fn bars_of_report(report: &Report, options: &ChartOptions) -> String {
    bars_svg(&bars_of(report), options)
}

/// Colours for series, distinguishable and readable on white.
pub(crate) const PALETTE: [(u8, u8, u8); 6] = [
    (0, 90, 156),
    (200, 80, 0),
    (0, 130, 90),
    (150, 40, 140),
    (120, 100, 0),
    (180, 30, 50),
];

/// The dark text style of every chart label: `px` pixels high, anchored at
/// `hpos`/`vpos`, bold or not.
pub(crate) fn label_style(
    px: f64,
    hpos: text_anchor::HPos,
    vpos: text_anchor::VPos,
    bold: bool,
) -> TextStyle<'static> {
    let font = ("sans-serif", px).into_font();
    let font = if bold {
        font.style(FontStyle::Bold)
    } else {
        font
    };
    TextStyle::from(font)
        .color(&RGBColor(33, 33, 33))
        .pos(text_anchor::Pos::new(hpos, vpos))
}

/// Removes control characters and caps the length of a text drawn in a chart.
pub(crate) fn clean(text: &str, max_chars: usize) -> String {
    let cleaned: String = text.chars().filter(|c| !c.is_control()).collect();
    if cleaned.chars().count() > max_chars {
        let mut s: String = cleaned.chars().take(max_chars.saturating_sub(1)).collect();
        s.push('…');
        s
    } else {
        cleaned
    }
}

/// Splits a label into lines of at most `width` characters, at ASCII spaces: a
/// non-breaking space (before a French colon) keeps its words on one line.
pub(crate) fn wrap(text: &str, width: usize, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_ascii_whitespace() {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            last.push('…');
        }
    }
    lines
}
