//! `domino chart`: radar, bars, distribution and heatmap charts, as SVG or PNG.

use crate::batch;
use crate::failure::Fail;
use crate::files::{self, display};
use crate::style;
use clap::{Args, ValueEnum};
use domino_engine::charts::plotters::prelude::*;
use domino_engine::charts::plotters::style::{register_font, FontStyle};
use domino_engine::charts::{self, Bar, ChartOptions, Distribution, HeatmapColumn, HeatmapRow};
use domino_engine::charts::{radar_svg, RadarSeries, RankRanges};
use domino_engine::{Grid, Language, Report};
use std::path::{Path, PathBuf};

/// Arguments of `domino chart`.
#[derive(Debug, Args)]
pub struct ChartArgs {
    /// Inputs: assessment files (a radar overlays up to six), or a batch input (CSV, JSON,
    /// NDJSON, directory) for `distribution` and `heatmap`.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Kind of chart.
    #[arg(long, value_enum)]
    kind: ChartKind,
    /// Output file: `.svg` or `.png`.
    #[arg(short, long, value_name = "FILE")]
    output: PathBuf,
    /// Width in pixels (a minimum for charts that grow with their content).
    #[arg(long, default_value_t = 800)]
    width: u32,
    /// Height in pixels (a minimum for charts that grow with their content).
    #[arg(long, default_value_t = 600)]
    height: u32,
    /// Title drawn at the top (default: the initiative or the grid).
    #[arg(long)]
    title: Option<String>,
    /// Heatmap: draw at most this many initiatives (the first ones).
    #[arg(long, default_value_t = 60, value_name = "N")]
    max_rows: u64,
}

/// Kinds of charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChartKind {
    /// Axis scores of one assessment, or several overlaid.
    Radar,
    /// One bar per criterion of one assessment.
    Bars,
    /// Distribution of axis scores across a batch.
    Distribution,
    /// Initiatives × criteria.
    Heatmap,
}

const MAX_RADAR: u64 = 6;

/// What to draw, ready for either backend.
pub(crate) enum Drawing {
    Radar(Vec<String>, Vec<RadarSeries>),
    Bars(Vec<Bar>),
    Distribution(Vec<Distribution>),
    Heatmap(Vec<HeatmapColumn>, Vec<HeatmapRow>),
    /// The rank ranges of a sensitivity analysis.
    RankRanges(RankRanges),
}

/// Runs `domino chart`.
pub fn run(args: &ChartArgs, grid: Option<&Path>, lang: &str) -> Result<u8, Fail> {
    let png = output_is_png(&args.output)?;
    let loaded = files::load_grid(grid)?;
    let grid = &loaded.grid;
    let (drawing, title) = match args.kind {
        ChartKind::Radar => radar(args, grid, lang)?,
        ChartKind::Bars => bars(args, grid, lang)?,
        ChartKind::Distribution => distribution(args, grid, lang)?,
        ChartKind::Heatmap => heatmap(args, grid, lang)?,
    };
    let options = ChartOptions {
        width: args.width.max(200),
        height: args.height.max(150),
        title: args.title.clone().unwrap_or(title),
        show_title: true,
    };
    write(&drawing, &options, &args.output, png)?;
    Ok(0)
}

/// Writes `drawing` to `output`, as PNG when `png`, else as SVG.
pub(crate) fn write(
    drawing: &Drawing,
    options: &ChartOptions,
    output: &Path,
    png: bool,
) -> Result<(), Fail> {
    if png {
        return draw_png(drawing, options, output);
    }
    let svg = match drawing {
        Drawing::Radar(axes, series) => radar_svg(axes, series, options),
        Drawing::Bars(bars) => charts::bars_svg(bars, options),
        Drawing::Distribution(series) => charts::distribution_svg(series, options),
        Drawing::Heatmap(columns, rows) => charts::heatmap_svg(columns, rows, options),
        Drawing::RankRanges(chart) => charts::rank_ranges_svg(chart, options),
    };
    files::write_output(Some(output), svg.as_bytes())
}

/// Whether the output is a PNG (else an SVG); any other extension is refused.
pub(crate) fn output_is_png(output: &Path) -> Result<bool, Fail> {
    let extension = output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("svg") => Ok(false),
        Some("png") => Ok(true),
        _ => Err(Fail::invalid(format!(
            "`{}`: the output must end in .svg or .png",
            display(output)
        ))),
    }
}

/// A radar of up to [`MAX_RADAR`] initiatives, and its title.
fn radar(args: &ChartArgs, grid: &Grid, lang: &str) -> Result<(Drawing, String), Fail> {
    let outcome = batch::collect(&args.inputs, grid, lang, MAX_RADAR, false)?;
    if outcome.rows + outcome.failed > MAX_RADAR {
        style::warning_line(&format!(
            "a radar overlays at most {MAX_RADAR} initiatives: the first {MAX_RADAR} are drawn"
        ));
    }
    let reports = &outcome.collected;
    let title = match reports.as_slice() {
        [one] => one.initiative.clone(),
        _ => format!(
            "{} — {}",
            grid.title.get(lang),
            Language::of_text(lang).labels().radar
        ),
    };
    let axes = grid
        .axes
        .iter()
        .map(|a| a.title.get(lang).to_owned())
        .collect();
    let series = reports
        .iter()
        .map(|r| RadarSeries {
            label: r.initiative.clone(),
            values: r.axes.iter().map(|a| a.score).collect(),
        })
        .collect();
    Ok((Drawing::Radar(axes, series), title))
}

/// The axis bars of the first initiative, and its name as the title.
fn bars(args: &ChartArgs, grid: &Grid, lang: &str) -> Result<(Drawing, String), Fail> {
    let outcome = batch::collect(&args.inputs, grid, lang, 1, false)?;
    if outcome.rows + outcome.failed > 1 {
        style::warning_line("a bar chart shows one initiative: the first one is drawn");
    }
    let report = &outcome.collected[0];
    Ok((
        Drawing::Bars(charts::bars_of(report)),
        report.initiative.clone(),
    ))
}

/// The distribution of the overall and axis scores over every input row.
fn distribution(args: &ChartArgs, grid: &Grid, lang: &str) -> Result<(Drawing, String), Fail> {
    let l = Language::of_text(lang);
    let w = l.labels();
    let outcome = batch::collect(&args.inputs, grid, lang, 0, true)?;
    let total = outcome.stats.total();
    let title = format!("{} — {} {}", grid.title.get(lang), outcome.rows, w.rows);
    let labels = std::iter::once(w.overall.to_owned())
        .chain(grid.axes.iter().map(|a| a.title.get(lang).to_owned()));
    let series = labels
        .zip(&total.series)
        .map(|(label, h)| Distribution {
            label,
            note: format!(
                "n = {} · {} {} · {} {}",
                h.n,
                w.median,
                l.score(h.median()),
                w.mean,
                l.score(h.mean())
            ),
            counts: h.coarse(20),
            median: h.median(),
        })
        .collect();
    Ok((Drawing::Distribution(series), title))
}

/// Every criterion of up to `--max-rows` initiatives, as a heatmap.
fn heatmap(args: &ChartArgs, grid: &Grid, lang: &str) -> Result<(Drawing, String), Fail> {
    let cap = args.max_rows.max(1);
    let outcome = batch::collect(&args.inputs, grid, lang, cap, false)?;
    if outcome.rows + outcome.failed > cap {
        style::warning_line(&format!(
            "the heatmap shows the first {cap} of {} initiatives (`--max-rows`)",
            outcome.rows
        ));
    }
    let columns = grid
        .axes
        .iter()
        .flat_map(|a| {
            a.criteria.iter().map(move |c| HeatmapColumn {
                group: a.title.get(lang).to_owned(),
                label: c.title.get(lang).to_owned(),
            })
        })
        .collect();
    let rows = outcome.collected.iter().map(heat_row).collect();
    Ok((
        Drawing::Heatmap(columns, rows),
        grid.title.get(lang).to_owned(),
    ))
}

fn heat_row(r: &Report) -> HeatmapRow {
    HeatmapRow {
        label: r.initiative.clone(),
        values: r
            .axes
            .iter()
            .flat_map(|a| a.criteria.iter().map(|c| c.value.map(|v| v * 100.0)))
            .collect(),
    }
}

/// The size of a bar chart, as `bars_svg` computes it.
fn bars_size(bars: &[Bar], options: &ChartOptions) -> (u32, u32, i32) {
    let groups = bars.windows(2).filter(|w| w[0].group != w[1].group).count()
        + usize::from(!bars.is_empty());
    let top = if options.show_title { 40 } else { 10 };
    let needed = top + 22 * (bars.len() + groups) as i32 + 20;
    (
        options.width,
        (needed.max(0) as u32).max(options.height),
        top,
    )
}

fn register_fonts() -> Result<(), Fail> {
    static REGULAR: &[u8] = include_bytes!("../assets/DejaVuSans.ttf");
    static BOLD: &[u8] = include_bytes!("../assets/DejaVuSans-Bold.ttf");
    let fail = |_| Fail::io("cannot load the bundled font");
    register_font("sans-serif", FontStyle::Normal, REGULAR).map_err(fail)?;
    register_font("sans-serif", FontStyle::Bold, BOLD).map_err(fail)?;
    Ok(())
}

fn draw_png(drawing: &Drawing, options: &ChartOptions, output: &Path) -> Result<(), Fail> {
    register_fonts()?;
    let size = match drawing {
        Drawing::Radar(..) => (options.width, options.height),
        Drawing::Bars(bars) => {
            let (w, h, _) = bars_size(bars, options);
            (w, h)
        }
        Drawing::Distribution(series) => charts::distribution_size(series, options),
        Drawing::Heatmap(columns, rows) => charts::heatmap_size(columns, rows, options),
        Drawing::RankRanges(chart) => charts::rank_ranges_size(chart, options),
    };
    let dir = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let temp = tempfile::Builder::new()
        .prefix(".domino-")
        .suffix(".png")
        .tempfile_in(&dir)
        .map_err(|e| Fail::io(format!("cannot write in `{}`: {e}", display(&dir))))?;
    let drawn = {
        let root = BitMapBackend::new(temp.path(), size).into_drawing_area();
        let result = match drawing {
            Drawing::Radar(axes, series) => charts::draw_radar(&root, axes, series, options),
            Drawing::Bars(bars) => {
                let (_, _, top) = bars_size(bars, options);
                charts::draw_bars(&root, bars, options, top)
            }
            Drawing::Distribution(series) => charts::draw_distribution(&root, series, options),
            Drawing::Heatmap(columns, rows) => charts::draw_heatmap(&root, columns, rows, options),
            Drawing::RankRanges(chart) => charts::draw_rank_ranges(&root, chart, options),
        };
        result.and_then(|()| root.present())
    };
    drawn.map_err(|e| Fail::io(format!("cannot draw `{}`: {e}", display(output))))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(temp.path(), std::fs::Permissions::from_mode(0o644));
    }
    temp.persist(output)
        .map_err(|e| Fail::io(format!("cannot write `{}`: {}", display(output), e.error)))?;
    Ok(())
}
