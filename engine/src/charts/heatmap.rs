//! The heatmap: initiatives (rows) × criteria (columns), coloured by level.

use super::svg::render;
use super::{clean, label_style, ChartOptions};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// A column: a criterion and the axis it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct HeatmapColumn {
    /// Axis title; a gap is left where it changes.
    pub group: String,
    /// Criterion title, drawn vertically.
    pub label: String,
}

/// A row: an initiative and its criteria values in percent (absent when unanswered).
#[derive(Debug, Clone, PartialEq)]
pub struct HeatmapRow {
    /// Initiative name.
    pub label: String,
    /// One value (0–100) per column, `None` when there is none (drawn grey).
    pub values: Vec<Option<f64>>,
}

const CELL: i32 = 18;
const GAP: i32 = 6;
const LABELS: i32 = 220;
const HEADER: i32 = 170;

fn layout(columns: &[HeatmapColumn]) -> Vec<i32> {
    let mut xs = Vec::with_capacity(columns.len());
    let mut x = LABELS;
    for (i, c) in columns.iter().enumerate() {
        if i > 0 && columns[i - 1].group != c.group {
            x += GAP;
        }
        xs.push(x);
        x += CELL;
    }
    xs
}

fn top(options: &ChartOptions) -> i32 {
    if options.show_title {
        40
    } else {
        10
    }
}

/// The size of a heatmap: `options.width` and `height` grow with the columns and rows.
pub fn heatmap_size(
    columns: &[HeatmapColumn],
    rows: &[HeatmapRow],
    options: &ChartOptions,
) -> (u32, u32) {
    let right = layout(columns).last().map_or(LABELS, |x| x + CELL) + 20;
    let bottom = top(options) + HEADER + CELL * rows.len() as i32 + 60;
    (
        (right.max(0) as u32).max(options.width),
        (bottom.max(0) as u32).max(options.height),
    )
}

/// Renders a heatmap to an SVG string.
pub fn heatmap_svg(
    columns: &[HeatmapColumn],
    rows: &[HeatmapRow],
    options: &ChartOptions,
) -> String {
    let size = heatmap_size(columns, rows, options);
    render(size, &options.title, |root| {
        let _ = draw_heatmap(root, columns, rows, options);
    })
}

/// A colour for a value 0–100 (viridis-like: dark blue, low → yellow, high; readable
/// by colour-blind readers and in greyscale).
pub fn heat_color(value: f64) -> RGBColor {
    const STOPS: [(f64, f64, f64); 5] = [
        (68.0, 1.0, 84.0),
        (59.0, 82.0, 139.0),
        (33.0, 145.0, 140.0),
        (94.0, 201.0, 98.0),
        (253.0, 231.0, 37.0),
    ];
    let t = value.clamp(0.0, 100.0) / 100.0 * 4.0;
    let i = (t.floor() as usize).min(3);
    let f = t - i as f64;
    let (a, b) = (STOPS[i], STOPS[i + 1]);
    let mix = |x: f64, y: f64| (x + (y - x) * f).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// A label `size` pixels high.
fn text(size: u32, hpos: HPos, vpos: VPos) -> TextStyle<'static> {
    label_style(f64::from(size), hpos, vpos, false)
}

/// Draws on any plotters drawing area (SVG here; the CLI also draws PNG).
pub fn draw_heatmap<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    columns: &[HeatmapColumn],
    rows: &[HeatmapRow],
    options: &ChartOptions,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let (width, _) = heatmap_size(columns, rows, options);
    if options.show_title {
        root.draw(&Text::new(
            clean(&options.title, 80),
            (width as i32 / 2, 18),
            label_style(16.0, HPos::Center, VPos::Center, true),
        ))?;
    }
    let y0 = top(options) + HEADER;
    let xs = layout(columns);
    for (c, (column, &x)) in columns.iter().zip(&xs).enumerate() {
        let vertical = text(11, HPos::Left, VPos::Center).transform(FontTransform::Rotate270);
        root.draw(&Text::new(
            clean(&column.label, 28),
            (x + CELL / 2, y0 - 6),
            vertical,
        ))?;
        if c == 0 || columns[c - 1].group != column.group {
            root.draw(&PathElement::new(
                vec![(x, y0 - 2), (x, y0 + CELL * rows.len() as i32)],
                RGBColor(120, 120, 120).stroke_width(1),
            ))?;
        }
    }
    for (r, row) in rows.iter().enumerate() {
        let y = y0 + CELL * r as i32;
        root.draw(&Text::new(
            clean(&row.label, 34),
            (LABELS - 8, y + CELL / 2),
            text(11, HPos::Right, VPos::Center),
        ))?;
        for (v, &x) in row.values.iter().zip(&xs) {
            let color = match v {
                Some(v) => heat_color(*v),
                None => RGBColor(225, 225, 225),
            };
            root.draw(&Rectangle::new(
                [(x + 1, y + 1), (x + CELL - 1, y + CELL - 1)],
                color.filled(),
            ))?;
        }
    }
    draw_legend(root, y0 + CELL * rows.len() as i32 + 22)
}

/// The legend at height `ly`: a gradient from 0 to 100 and the grey of "no value".
fn draw_legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    ly: i32,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    for i in 0..=100 {
        let x = LABELS + i * 2;
        root.draw(&Rectangle::new(
            [(x, ly), (x + 2, ly + 12)],
            heat_color(f64::from(i)).filled(),
        ))?;
    }
    root.draw(&Text::new(
        "0".to_owned(),
        (LABELS - 4, ly + 6),
        text(10, HPos::Right, VPos::Center),
    ))?;
    root.draw(&Text::new(
        "100".to_owned(),
        (LABELS + 206, ly + 6),
        text(10, HPos::Left, VPos::Center),
    ))?;
    root.draw(&Rectangle::new(
        [(LABELS + 250, ly), (LABELS + 262, ly + 12)],
        RGBColor(225, 225, 225).filled(),
    ))?;
    root.draw(&Text::new(
        "—".to_owned(),
        (LABELS + 268, ly + 6),
        text(10, HPos::Left, VPos::Center),
    ))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_escaped_and_missing_cells_are_grey() {
        let columns = vec![
            HeatmapColumn {
                group: "A".into(),
                label: "<i>c1</i>".into(),
            },
            HeatmapColumn {
                group: "B".into(),
                label: "c2 & co".into(),
            },
        ];
        let rows = vec![HeatmapRow {
            label: "\"Init\" <script>".into(),
            values: vec![Some(100.0), None],
        }];
        let svg = heatmap_svg(&columns, &rows, &ChartOptions::default());
        assert!(!svg.contains("<script>") && !svg.contains("<i>"), "{svg}");
        assert!(svg.contains("c2 &amp; co"));
        assert!(svg.contains("#E1E1E1") || svg.contains("#e1e1e1"), "{svg}");
        assert_eq!(heat_color(0.0), RGBColor(68, 1, 84));
        assert_eq!(heat_color(100.0), RGBColor(253, 231, 37));
    }
}
