//! `Grid.sensitivity`: the engine's sensitivity analysis of a batch's
//! ranking (Monte Carlo over weights, leave-one-out, geometric aggregation)
//! over a table read and scored as `score_batch` reads it. A row that cannot
//! be scored is raised, located: a ranking without it would not be the
//! census's.

use crate::arrow_stream;
use crate::batch::{each_row, Options as BatchOptions, Plan};
use crate::errors::{self, Kind, Located};
use crate::grid::NativeGrid;
use domino_engine::sensitivity::{analyse, Aggregation, Initiative, Options};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use rayon::prelude::*;

/// Rows per chunk scored by a worker.
const CHUNK_ROWS: usize = 4096;

/// The sensitivity of a table's ranking: the result as JSON and the header
/// warnings rendered.
#[pyfunction]
#[pyo3(signature = (grid, table, runs, spread, seed, aggregation, leave_one_out, jobs, from_version, source, lang))]
#[allow(clippy::too_many_arguments)]
pub fn sensitivity(
    py: Python<'_>,
    grid: &NativeGrid,
    table: &Bound<'_, PyAny>,
    runs: u32,
    spread: f64,
    seed: u64,
    aggregation: &str,
    leave_one_out: bool,
    jobs: usize,
    from_version: Option<String>,
    source: String,
    lang: &str,
) -> PyResult<(String, Vec<String>)> {
    let aggregation = match aggregation {
        "mean" => Aggregation::Mean,
        "geometric" => Aggregation::Geometric,
        other => {
            return Err(PyValueError::new_err(format!(
                "aggregation={other:?}: expected \"mean\" or \"geometric\""
            )))
        }
    };
    let options = Options {
        runs,
        spread,
        seed,
        aggregation,
        leave_one_out,
        threads: jobs.max(1),
    };
    options
        .check()
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    let grid = &grid.grid;
    let reader = arrow_stream::import(table)?;
    let input = arrow_array::RecordBatchReader::schema(&reader);
    let names = input.fields().iter().map(|f| f.name().clone()).collect();
    let batch_options = BatchOptions {
        error_column: false,
        from_version,
        source,
    };
    let plan = Plan::new(grid, names, batch_options)
        .map_err(|located| errors::raise(py, Kind::Batch, &located))?;
    let warnings = plan.header_warnings().into_iter().map(|l| l.text).collect();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .build()
        .map_err(|e| errors::arrow_failure("cannot start worker threads", e))?;
    let mut initiatives = Vec::new();
    let mut first_row = 0u64;
    for batch in reader {
        let batch = batch.map_err(|e| errors::arrow_failure("cannot read the table", e))?;
        let read = py.detach(|| pool.install(|| initiatives_of(grid, &plan, &batch, first_row)));
        initiatives.extend(read.map_err(|located| errors::raise(py, Kind::Batch, &located))?);
        first_row += batch.num_rows() as u64;
    }
    let result = py
        .detach(|| pool.install(|| analyse(grid, initiatives, &options, lang)))
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    let json = serde_json::to_string(&result).map_err(|e| PyValueError::new_err(e.to_string()))?;
    Ok((json, warnings))
}

/// The initiatives of one record batch, scored in parallel chunks.
fn initiatives_of(
    grid: &domino_engine::Grid,
    plan: &Plan,
    batch: &arrow_array::RecordBatch,
    first_row: u64,
) -> Result<Vec<Initiative>, Vec<Located>> {
    let rows = batch.num_rows();
    let starts: Vec<usize> = (0..rows).step_by(CHUNK_ROWS).collect();
    let chunks = starts
        .par_iter()
        .map(|&start| {
            let mut out = Vec::new();
            let range = start..(start + CHUNK_ROWS).min(rows);
            each_row(grid, plan, batch, range, first_row, |scored, _| {
                out.push(Initiative::of_evaluation(grid, &scored?));
                Ok(())
            })?;
            Ok(out)
        })
        .collect::<Vec<Result<Vec<Initiative>, Vec<Located>>>>()
        // In input order, so that the error raised is the first bad row's.
        .into_iter()
        .collect::<Result<Vec<_>, _>>()?;
    Ok(chunks.into_iter().flatten().collect())
}
