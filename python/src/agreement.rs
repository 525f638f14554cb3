//! `domino.agreement`: the engine's inter-rater agreement (Krippendorff's
//! alpha, its bootstrap interval, Cohen's kappa) over a long table
//! (`id`, `rater`, criteria…) or over assessments with per-rater answers.

use crate::arrow_stream;
use crate::cells::{Cells, RowReader};
use crate::errors::{self, Kind, Located};
use crate::grid::NativeGrid;
use domino_engine::agreement::{analyse, KappaWeights, LongTable, Metric, Options, Ratings};
use domino_engine::{Assessment, LineIndex};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// The engine's options from the names Python passes.
fn options(metric: &str, weights: Option<&str>, resamples: u32, seed: u64) -> PyResult<Options> {
    let metric = match metric {
        "ordinal" => Metric::Ordinal,
        "interval" => Metric::Interval,
        "nominal" => Metric::Nominal,
        other => {
            return Err(PyValueError::new_err(format!(
                "metric={other:?}: expected \"ordinal\", \"interval\" or \"nominal\""
            )))
        }
    };
    let kappa_weights = match weights {
        None => None,
        Some("quadratic") => Some(KappaWeights::Quadratic),
        Some("linear") => Some(KappaWeights::Linear),
        Some("unweighted") => Some(KappaWeights::Unweighted),
        Some(other) => {
            return Err(PyValueError::new_err(format!(
                "kappa_weights={other:?}: expected \"quadratic\", \"linear\" or \"unweighted\""
            )))
        }
    };
    Ok(Options {
        metric,
        kappa_weights,
        resamples,
        seed,
    })
}

/// Agreement of a long table: the report as JSON. Every bad row is raised
/// at once (nothing is computed from a table with errors, as in the CLI).
#[pyfunction]
#[pyo3(signature = (grid, table, metric, kappa_weights, resamples, seed, lang, source))]
#[allow(clippy::too_many_arguments)]
pub fn agreement_table(
    py: Python<'_>,
    grid: &NativeGrid,
    table: &Bound<'_, PyAny>,
    metric: &str,
    kappa_weights: Option<&str>,
    resamples: u32,
    seed: u64,
    lang: &str,
    source: &str,
) -> PyResult<String> {
    let options = options(metric, kappa_weights, resamples, seed)?;
    let grid = &grid.grid;
    let reader = arrow_stream::import(table)?;
    let input = arrow_array::RecordBatchReader::schema(&reader);
    let names: Vec<String> = input.fields().iter().map(|f| f.name().clone()).collect();
    let header: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut long = LongTable::new(grid, &header, 1).map_err(|ds| {
        let located: Vec<_> = ds
            .into_iter()
            .map(|d| Located::in_table(d, source, None, &header))
            .collect();
        errors::raise(py, Kind::Batch, &located)
    })?;
    let mut ratings = Ratings::new();
    let mut failures = Vec::new();
    let mut first_row = 0u64;
    for batch in reader {
        let batch = batch.map_err(|e| errors::arrow_failure("cannot read the table", e))?;
        let columns = (batch.columns().iter().zip(&names).enumerate())
            .map(|(c, (a, n))| Cells::of(a, n, c))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|d| {
                errors::raise(
                    py,
                    Kind::Batch,
                    &[Located::in_table(*d, source, None, &header)],
                )
            })?;
        let mut rows = RowReader::new(columns);
        for i in 0..batch.num_rows() {
            let index = first_row + i as u64;
            let fields = rows.read(i);
            // Lines as in a CSV file with its header on line 1.
            let line = index as usize + 2;
            if let Err(ds) = long.read(grid, &fields, line, &mut ratings) {
                failures.extend(
                    ds.into_iter()
                        .map(|d| Located::in_table(d, source, Some(index), &fields)),
                );
            }
        }
        first_row += batch.num_rows() as u64;
    }
    if !failures.is_empty() {
        return Err(errors::raise(py, Kind::Batch, &failures));
    }
    report_json(py, grid, &ratings, &options, lang)
}

/// Agreement of assessments (`(text, is_json, name)` each), pooled by
/// initiative: the report as JSON and the warnings rendered.
#[pyfunction]
#[pyo3(signature = (grid, assessments, metric, kappa_weights, resamples, seed, lang))]
#[allow(clippy::too_many_arguments)]
pub fn agreement_assessments(
    py: Python<'_>,
    grid: &NativeGrid,
    assessments: Vec<(String, bool, String)>,
    metric: &str,
    kappa_weights: Option<&str>,
    resamples: u32,
    seed: u64,
    lang: &str,
) -> PyResult<(String, Vec<String>)> {
    let options = options(metric, kappa_weights, resamples, seed)?;
    let grid = &grid.grid;
    let mut ratings = Ratings::new();
    let (mut failures, mut warnings) = (Vec::new(), Vec::new());
    for (text, json, name) in &assessments {
        let index = LineIndex::new(text);
        let locate = |d| Located::in_text(d, name, &index);
        let parsed = if *json {
            Assessment::from_json(text)
        } else {
            Assessment::from_toml(text)
        };
        let added = parsed.and_then(|a| ratings.add_assessment(grid, &a));
        match added {
            Ok(ws) => warnings.extend(ws.into_iter().map(|d| locate(d).text)),
            Err(ds) => failures.extend(ds.0.into_iter().filter(|d| d.is_error()).map(locate)),
        }
    }
    if !failures.is_empty() {
        return Err(errors::raise(py, Kind::Assessment, &failures));
    }
    Ok((report_json(py, grid, &ratings, &options, lang)?, warnings))
}

/// Computes the report with the GIL released (the bootstrap is the long part).
fn report_json(
    py: Python<'_>,
    grid: &domino_engine::Grid,
    ratings: &Ratings,
    options: &Options,
    lang: &str,
) -> PyResult<String> {
    let report = py.detach(|| analyse(grid, ratings, options, lang));
    serde_json::to_string(&report).map_err(|e| PyValueError::new_err(e.to_string()))
}
