//! The rank-range chart of a sensitivity analysis: one row per initiative,
//! its 5th–95th percentile rank range as a whisker, its median rank as a dot
//! and its nominal rank as an open diamond; rank 1 on the left.

use super::svg::render;
use super::{clean, label_style, ChartOptions, PALETTE};
use crate::sensitivity::Sensitivity;
use crate::vocabulary::Language;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// One row of a rank-range chart.
#[derive(Debug, Clone, PartialEq)]
pub struct RankRange {
    /// The initiative's name (drawn as text, escaped).
    pub label: String,
    /// Its rank in the nominal ranking.
    pub nominal: f64,
    /// Median rank over the runs.
    pub median: f64,
    /// 5th percentile.
    pub low: f64,
    /// 95th percentile.
    pub high: f64,
}

/// The rows and legend of a rank-range chart.
#[derive(Debug, Clone, PartialEq)]
pub struct RankRanges {
    /// The rows, top to bottom.
    pub rows: Vec<RankRange>,
    /// Legend texts: median, nominal, range.
    pub legend: [String; 3],
}

impl RankRanges {
    /// The first `top` initiatives of `s` by median rank, with the legend in `lang`.
    pub fn of(s: &Sensitivity, top: usize, lang: &str) -> Self {
        let w = Language::of_text(lang).sensitivity();
        RankRanges {
            rows: s
                .ranks
                .iter()
                .take(top)
                .map(|r| RankRange {
                    label: r.name.clone(),
                    nominal: f64::from(r.nominal_rank),
                    median: r.median_rank,
                    low: r.rank_p05,
                    high: r.rank_p95,
                })
                .collect(),
            legend: [w.median_rank, w.nominal_rank, w.range].map(String::from),
        }
    }
}

const ROW: i32 = 22;

/// The size of a rank-range chart: `options.height` grows with the rows.
pub fn rank_ranges_size(chart: &RankRanges, options: &ChartOptions) -> (u32, u32) {
    let needed = top(options) + ROW * chart.rows.len() as i32 + 50;
    (options.width, (needed.max(0) as u32).max(options.height))
}

/// Renders a rank-range chart to an SVG string.
pub fn rank_ranges_svg(chart: &RankRanges, options: &ChartOptions) -> String {
    render(rank_ranges_size(chart, options), &options.title, |root| {
        let _ = draw_rank_ranges(root, chart, options);
    })
}

fn top(options: &ChartOptions) -> i32 {
    if options.show_title {
        70
    } else {
        40
    }
}

/// A label `size` pixels high, vertically centred.
fn text(size: u32, hpos: HPos, bold: bool) -> TextStyle<'static> {
    label_style(f64::from(size), hpos, VPos::Center, bold)
}

/// Where ranks fall on the x axis: rank 1 at `left`, `max` at `right`.
struct Scale {
    left: i32,
    right: i32,
    max: f64,
}

impl Scale {
    fn x(&self, rank: f64) -> i32 {
        let share = (rank - 1.0) / (self.max - 1.0);
        self.left + (f64::from(self.right - self.left) * share.clamp(0.0, 1.0)).round() as i32
    }

    /// Tick ranks: 1, then multiples of a round step.
    fn ticks(&self) -> Vec<f64> {
        let raw = (self.max - 1.0) / 5.0;
        let magnitude = 10f64.powf(raw.max(1.0).log10().floor());
        let step = [1.0, 2.0, 5.0, 10.0]
            .into_iter()
            .map(|m| m * magnitude)
            .find(|s| *s >= raw)
            .unwrap_or(10.0 * magnitude)
            .max(1.0);
        let mut ticks = vec![1.0];
        let mut t = step;
        while t <= self.max {
            if t > 1.0 {
                ticks.push(t);
            }
            t += step;
        }
        ticks
    }
}

/// Draws on any plotters drawing area (SVG here; the CLI also draws PNG).
pub fn draw_rank_ranges<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    chart: &RankRanges,
    options: &ChartOptions,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let width = options.width as i32;
    if options.show_title {
        root.draw(&Text::new(
            clean(&options.title, 80),
            (width / 2, 18),
            text(16, HPos::Center, true),
        ))?;
    }
    let label_width = (width * 35 / 100).max(120);
    let max = chart
        .rows
        .iter()
        .map(|r| r.high.max(r.nominal))
        .fold(2.0, f64::max)
        .ceil();
    let scale = Scale {
        left: label_width + 15,
        right: width - 25,
        max,
    };
    let top = top(options);
    draw_legend(root, &chart.legend, top - 22)?;
    let bottom = top + ROW * chart.rows.len() as i32;
    draw_axis(root, &scale, top, bottom)?;
    let (r, g, b) = PALETTE[0];
    let colour = RGBColor(r, g, b);
    let (r, g, b) = PALETTE[1];
    let nominal = RGBColor(r, g, b);
    for (k, row) in chart.rows.iter().enumerate() {
        let y = top + ROW * k as i32 + ROW / 2;
        root.draw(&Text::new(
            clean(&row.label, 50),
            (label_width, y),
            text(12, HPos::Right, false),
        ))?;
        let (low, high) = (scale.x(row.low), scale.x(row.high));
        root.draw(&PathElement::new(
            vec![(low, y), (high, y)],
            colour.stroke_width(2),
        ))?;
        for x in [low, high] {
            root.draw(&PathElement::new(
                vec![(x, y - 5), (x, y + 5)],
                colour.stroke_width(2),
            ))?;
        }
        root.draw(&Circle::new((scale.x(row.median), y), 4, colour.filled()))?;
        draw_diamond(root, scale.x(row.nominal), y, nominal)?;
    }
    Ok(())
}

/// The legend: a dot, a diamond and a whisker with their texts.
fn draw_legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    legend: &[String; 3],
    y: i32,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (r, g, b) = PALETTE[0];
    let colour = RGBColor(r, g, b);
    let (r, g, b) = PALETTE[1];
    let mut x = 20;
    root.draw(&Circle::new((x, y), 4, colour.filled()))?;
    root.draw(&Text::new(
        clean(&legend[0], 40),
        (x + 10, y),
        text(12, HPos::Left, false),
    ))?;
    x += 180;
    draw_diamond(root, x, y, RGBColor(r, g, b))?;
    root.draw(&Text::new(
        clean(&legend[1], 40),
        (x + 10, y),
        text(12, HPos::Left, false),
    ))?;
    x += 180;
    root.draw(&PathElement::new(
        vec![(x - 6, y), (x + 6, y)],
        colour.stroke_width(2),
    ))?;
    root.draw(&Text::new(
        clean(&legend[2], 40),
        (x + 12, y),
        text(12, HPos::Left, false),
    ))?;
    Ok(())
}

/// The rank axis under the rows, with light vertical grid lines.
fn draw_axis<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    scale: &Scale,
    top: i32,
    bottom: i32,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let grid = RGBColor(220, 220, 220);
    for t in scale.ticks() {
        let x = scale.x(t);
        root.draw(&PathElement::new(vec![(x, top), (x, bottom)], grid))?;
        root.draw(&Text::new(
            format!("{t}"),
            (x, bottom + 14),
            text(11, HPos::Center, false),
        ))?;
    }
    let axis = RGBColor(120, 120, 120);
    root.draw(&PathElement::new(
        vec![(scale.left, bottom), (scale.right, bottom)],
        axis,
    ))?;
    Ok(())
}

fn draw_diamond<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    x: i32,
    y: i32,
    colour: RGBColor,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let points = vec![(x, y - 6), (x + 6, y), (x, y + 6), (x - 6, y), (x, y - 6)];
    root.draw(&PathElement::new(points, colour.stroke_width(2)))?;
    Ok(())
}
