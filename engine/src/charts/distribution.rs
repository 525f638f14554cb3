//! The distribution chart: for each axis of a batch, a histogram of its scores.

use super::svg::render;
use super::{clean, label_style, ChartOptions, PALETTE};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// The scores of one axis (or the overall score) across a batch.
#[derive(Debug, Clone, PartialEq)]
pub struct Distribution {
    /// Axis title.
    pub label: String,
    /// A line under the title, in the caller's language (e.g. `n = 120 · médiane 62.5`).
    pub note: String,
    /// Counts in equal bins over 0–100, lowest first.
    pub counts: Vec<u64>,
    /// The median score, marked with a vertical line.
    pub median: Option<f64>,
}

const BAND: i32 = 110;

/// The size of a distribution chart: `options.height` grows with the number of axes.
pub fn distribution_size(series: &[Distribution], options: &ChartOptions) -> (u32, u32) {
    let top = if options.show_title { 40 } else { 10 };
    let needed = top + BAND * series.len() as i32 + 10;
    (options.width, (needed.max(0) as u32).max(options.height))
}

/// Renders histograms of axis scores, one band per axis, to an SVG string.
pub fn distribution_svg(series: &[Distribution], options: &ChartOptions) -> String {
    let size = distribution_size(series, options);
    render(size, &options.title, |root| {
        let _ = draw_distribution(root, series, options);
    })
}

const GRID: RGBColor = RGBColor(200, 200, 200);

/// A label `size` pixels high, vertically centred.
fn text(size: u32, hpos: HPos, bold: bool) -> TextStyle<'static> {
    label_style(f64::from(size), hpos, VPos::Center, bold)
}

/// Draws on any plotters drawing area (SVG here; the CLI also draws PNG).
pub fn draw_distribution<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    series: &[Distribution],
    options: &ChartOptions,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let width = options.width as i32;
    let mut y = 10;
    if options.show_title {
        root.draw(&Text::new(
            clean(&options.title, 80),
            (width / 2, 18),
            text(16, HPos::Center, true),
        ))?;
        y = 40;
    }
    let left = 40;
    let right = width - 20;
    let plot_w = (right - left).max(20);
    for (s, one) in series.iter().enumerate() {
        let (r, g, b) = PALETTE[s % PALETTE.len()];
        draw_band(root, one, RGBColor(r, g, b), y, left, plot_w)?;
        y += BAND;
    }
    Ok(())
}

/// One band at height `y`: the series' label and note, its histogram over
/// `plot_w` pixels from `left`, the 0–100 ticks and the median.
fn draw_band<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    one: &Distribution,
    color: RGBColor,
    y: i32,
    left: i32,
    plot_w: i32,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.draw(&Text::new(
        clean(&one.label, 90),
        (10, y + 8),
        text(13, HPos::Left, true),
    ))?;
    root.draw(&Text::new(
        clean(&one.note, 110),
        (10, y + 24),
        text(11, HPos::Left, false),
    ))?;
    let base = y + BAND - 22;
    let plot_h = BAND - 58;
    let max = one.counts.iter().copied().max().unwrap_or(0).max(1);
    let bins = one.counts.len().max(1) as i32;
    for (i, &c) in one.counts.iter().enumerate() {
        let x0 = left + plot_w * i as i32 / bins;
        let x1 = left + plot_w * (i as i32 + 1) / bins - 1;
        let h = ((plot_h as f64) * c as f64 / max as f64).round() as i32;
        if c > 0 {
            root.draw(&Rectangle::new(
                [(x0, base - h.max(1)), (x1, base)],
                color.mix(0.8).filled(),
            ))?;
        }
    }
    root.draw(&PathElement::new(
        vec![(left, base), (left + plot_w, base)],
        GRID.stroke_width(1),
    ))?;
    for tick in [0, 25, 50, 75, 100] {
        let x = left + plot_w * tick / 100;
        root.draw(&PathElement::new(
            vec![(x, base), (x, base + 4)],
            GRID.stroke_width(1),
        ))?;
        root.draw(&Text::new(
            format!("{tick}"),
            (x, base + 12),
            text(10, HPos::Center, false),
        ))?;
    }
    if let Some(m) = one.median {
        let x = left + (f64::from(plot_w) * m.clamp(0.0, 100.0) / 100.0).round() as i32;
        root.draw(&PathElement::new(
            vec![(x, base - plot_h - 4), (x, base)],
            RGBColor(33, 33, 33).stroke_width(2),
        ))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_escaped_and_the_chart_grows_with_the_axes() {
        let one = Distribution {
            label: "<b>Axe</b> & co".into(),
            note: "n = 3".into(),
            counts: vec![1, 0, 2, 0],
            median: Some(60.0),
        };
        let options = ChartOptions::default();
        let svg = distribution_svg(&[one.clone(), one.clone()], &options);
        assert!(svg.contains("&lt;b&gt;Axe&lt;/b&gt; &amp; co"), "{svg}");
        assert!(!svg.contains("<b>"));
        let many = vec![one; 8];
        assert!(distribution_size(&many, &options).1 > options.height);
    }
}
