//! The radar chart: one spoke per axis, one polygon per series.

use super::svg::render;
use super::{clean, label_style, wrap, ChartOptions, PALETTE};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};
use std::f64::consts::PI;

/// One polygon of a radar: a label and a score (0–100) per axis, absent when unscored.
#[derive(Debug, Clone, PartialEq)]
pub struct RadarSeries {
    /// Legend label.
    pub label: String,
    /// Scores per axis; `None` for an axis without score (drawn as a gap, never as 0).
    pub values: Vec<Option<f64>>,
}

/// Renders a radar chart of axis scores (0–100) to an SVG string.
///
/// Axes without a score are marked "—" and left out of the polygon, so an
/// unanswered axis never looks like a zero.
pub fn radar_svg(axes: &[String], series: &[RadarSeries], options: &ChartOptions) -> String {
    render((options.width, options.height), &options.title, |root| {
        let _ = draw_radar(root, axes, series, options);
    })
}

/// Where the radar sits: its centre, radius and number of spokes.
struct Wheel {
    cx: f64,
    cy: f64,
    radius: f64,
    spokes: usize,
}

impl Wheel {
    /// The angle of spoke `i`, the first pointing up.
    fn angle(&self, i: usize) -> f64 {
        -PI / 2.0 + 2.0 * PI * i as f64 / self.spokes as f64
    }

    /// The pixel of score `value` (0–100) on spoke `i`.
    fn point(&self, i: usize, value: f64) -> (i32, i32) {
        let angle = self.angle(i);
        let r = self.radius * value.clamp(0.0, 100.0) / 100.0;
        (
            (self.cx + r * angle.cos()).round() as i32,
            (self.cy + r * angle.sin()).round() as i32,
        )
    }
}

/// A label `size` points high.
fn text(size: u32, hpos: HPos, vpos: VPos) -> TextStyle<'static> {
    label_style(f64::from(size) * 1.24, hpos, vpos, false)
}

const GRID: RGBColor = RGBColor(200, 200, 200);

/// Draws on any plotters drawing area (SVG here; the CLI also draws PNG).
pub fn draw_radar<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    axes: &[String],
    series: &[RadarSeries],
    options: &ChartOptions,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let (w, h) = (f64::from(options.width), f64::from(options.height));
    let top = if options.show_title { 36.0 } else { 0.0 };
    let legend = if series.len() > 1 {
        22.0 * series.len().min(6) as f64
    } else {
        0.0
    };
    let wheel = Wheel {
        cx: w / 2.0,
        cy: top + (h - top - legend) / 2.0,
        radius: ((w / 2.0) - 110.0)
            .min((h - top - legend) / 2.0 - 48.0)
            .max(20.0),
        spokes: axes.len().max(1),
    };
    if options.show_title {
        root.draw(&Text::new(
            clean(&options.title, 80),
            (wheel.cx as i32, 12),
            text(16, HPos::Center, VPos::Top),
        ))?;
    }
    draw_rings(root, &wheel)?;
    for (i, axis) in axes.iter().enumerate() {
        let absent = series.len() == 1 && series[0].values.get(i).copied().flatten().is_none();
        draw_spoke(root, &wheel, i, axis, absent)?;
    }
    for (s, one) in series.iter().enumerate() {
        let (r, g, b) = PALETTE[s % PALETTE.len()];
        let color = RGBColor(r, g, b);
        draw_polygon(root, &wheel, one, color)?;
        if series.len() > 1 {
            let y = (h - legend + 8.0 + 22.0 * s as f64) as i32;
            root.draw(&Rectangle::new([(20, y - 6), (32, y + 6)], color.filled()))?;
            root.draw(&Text::new(
                clean(&one.label, 70),
                (40, y),
                text(12, HPos::Left, VPos::Center),
            ))?;
        }
    }
    Ok(())
}

/// The rings at 25, 50, 75 and 100, each labelled on the first spoke.
fn draw_rings<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    wheel: &Wheel,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    for ring in [25.0, 50.0, 75.0, 100.0] {
        let mut ring_points: Vec<(i32, i32)> =
            (0..wheel.spokes).map(|i| wheel.point(i, ring)).collect();
        ring_points.push(wheel.point(0, ring));
        root.draw(&PathElement::new(ring_points, GRID.stroke_width(1)))?;
        let (x, y) = wheel.point(0, ring);
        root.draw(&Text::new(
            format!("{ring}"),
            (x + 4, y),
            text(10, HPos::Left, VPos::Center),
        ))?;
    }
    Ok(())
}

/// Spoke `i` and its axis label, wrapped and set away from the wheel;
/// `absent` marks an axis without score with "(—)".
fn draw_spoke<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    wheel: &Wheel,
    i: usize,
    axis: &str,
    absent: bool,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.draw(&PathElement::new(
        vec![wheel.point(i, 0.0), wheel.point(i, 100.0)],
        GRID.stroke_width(1),
    ))?;
    let angle = wheel.angle(i);
    let (lx, ly) = (
        wheel.cx + (wheel.radius + 14.0) * angle.cos(),
        wheel.cy + (wheel.radius + 14.0) * angle.sin(),
    );
    let hpos = if angle.cos() > 0.3 {
        HPos::Left
    } else if angle.cos() < -0.3 {
        HPos::Right
    } else {
        HPos::Center
    };
    let mut label = clean(axis, 90);
    if absent {
        label.push_str(" (—)");
    }
    let lines = wrap(&label, 24, 3);
    let line_height = 15.0;
    let first_y = if angle.sin() < -0.3 {
        ly - line_height * (lines.len() as f64 - 1.0)
    } else if angle.sin() > 0.3 {
        ly
    } else {
        ly - line_height * (lines.len() as f64 - 1.0) / 2.0
    };
    for (k, line) in lines.iter().enumerate() {
        let y = first_y + line_height * k as f64;
        root.draw(&Text::new(
            line.clone(),
            (lx.round() as i32, y.round() as i32),
            text(12, hpos, VPos::Center),
        ))?;
    }
    Ok(())
}

/// One series: its filled polygon, outline and points, gaps left out.
fn draw_polygon<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    wheel: &Wheel,
    one: &RadarSeries,
    color: RGBColor,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let points: Vec<(i32, i32)> = one
        .values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.map(|v| wheel.point(i, v)))
        .collect();
    if points.len() >= 3 {
        root.draw(&Polygon::new(points.clone(), color.mix(0.18).filled()))?;
    }
    if points.len() >= 2 {
        let mut closed = points.clone();
        closed.push(points[0]);
        root.draw(&PathElement::new(closed, color.stroke_width(2)))?;
    }
    for p in &points {
        root.draw(&Circle::new(*p, 4, color.filled()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_is_escaped_and_control_characters_removed() {
        let svg = radar_svg(
            &[
                "<script>alert(1)</script>".into(),
                "A & B".into(),
                "C\u{0}".into(),
            ],
            &[RadarSeries {
                label: "x".into(),
                values: vec![Some(50.0), None, Some(100.0)],
            }],
            &ChartOptions {
                title: "\"quoted\" <b>".into(),
                ..ChartOptions::default()
            },
        );
        assert!(!svg.contains("<script>"), "{svg}");
        assert!(svg.contains("&lt;script&gt;"));
        assert!(svg.contains("A &amp; B (—)"));
        assert!(!svg.contains('\u{0}'));
        assert!(svg.contains("<title>&quot;quoted&quot; &lt;b&gt;</title>"));
    }

    #[test]
    fn rendering_is_deterministic() {
        let axes: Vec<String> = (0..5).map(|i| format!("Axe {i}")).collect();
        let series = [RadarSeries {
            label: "a".into(),
            values: vec![Some(10.0), Some(90.0), None, Some(40.0), Some(75.5)],
        }];
        let o = ChartOptions::default();
        assert_eq!(radar_svg(&axes, &series, &o), radar_svg(&axes, &series, &o));
    }
}
