//! Horizontal bars: one per criterion, grouped by axis.

use super::svg::render;
use super::{clean, label_style, ChartOptions, PALETTE};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// One bar: a criterion and its value in percent (absent when unanswered).
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Group (axis) title; a heading is drawn when it changes.
    pub group: String,
    /// Bar label.
    pub label: String,
    /// Value 0–100, or `None` (drawn as "—").
    pub value: Option<f64>,
    /// Marked with "★".
    pub critical: bool,
}

const ROW: i32 = 22;

/// Renders horizontal bars to an SVG string; the height grows with the number of bars
/// (`options.height` is a minimum).
pub fn bars_svg(bars: &[Bar], options: &ChartOptions) -> String {
    let groups = bars.windows(2).filter(|w| w[0].group != w[1].group).count()
        + usize::from(!bars.is_empty());
    let top = if options.show_title { 40 } else { 10 };
    let needed = top + ROW * (bars.len() + groups) as i32 + 20;
    let height = (needed.max(0) as u32).max(options.height);
    render((options.width, height), &options.title, |root| {
        let _ = draw_bars(root, bars, options, top);
    })
}

/// A label `size` points high, vertically centred.
fn text(size: u32, hpos: HPos, bold: bool) -> TextStyle<'static> {
    label_style(f64::from(size) * 1.24, hpos, VPos::Center, bold)
}

/// Draws on any plotters drawing area (SVG here; the CLI also draws PNG).
pub fn draw_bars<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    bars: &[Bar],
    options: &ChartOptions,
    top: i32,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let width = options.width as i32;
    let label_width = (width * 45 / 100).max(120);
    let bar_left = label_width + 10;
    let bar_max = (width - bar_left - 50).max(20);
    if options.show_title {
        root.draw(&Text::new(
            clean(&options.title, 80),
            (width / 2, 18),
            text(16, HPos::Center, true),
        ))?;
    }
    let mut y = top;
    let mut last_group: Option<&str> = None;
    let mut group_index = 0;
    for bar in bars {
        if last_group != Some(bar.group.as_str()) {
            if last_group.is_some() {
                group_index += 1;
            }
            y += ROW;
            root.draw(&Text::new(
                clean(&bar.group, 90),
                (10, y),
                text(13, HPos::Left, true),
            ))?;
            last_group = Some(&bar.group);
        }
        y += ROW;
        let star = if bar.critical { "★ " } else { "" };
        root.draw(&Text::new(
            format!("{star}{}", clean(&bar.label, 60)),
            (label_width, y),
            text(12, HPos::Right, false),
        ))?;
        root.draw(&Rectangle::new(
            [(bar_left, y - 7), (bar_left + bar_max, y + 7)],
            RGBColor(238, 238, 238).filled(),
        ))?;
        match bar.value {
            Some(v) => {
                let (r, g, b) = PALETTE[group_index % PALETTE.len()];
                let len = (f64::from(bar_max) * v.clamp(0.0, 100.0) / 100.0).round() as i32;
                root.draw(&Rectangle::new(
                    [(bar_left, y - 7), (bar_left + len, y + 7)],
                    RGBColor(r, g, b).filled(),
                ))?;
                root.draw(&Text::new(
                    format!("{}", v.round()),
                    (bar_left + bar_max + 6, y),
                    text(11, HPos::Left, false),
                ))?;
            }
            None => {
                root.draw(&Text::new(
                    "—".to_owned(),
                    (bar_left + bar_max + 6, y),
                    text(11, HPos::Left, false),
                ))?;
            }
        }
    }
    Ok(())
}
