//! `NativeGrid`: a loaded grid and what can be done with it, called by the
//! `domino.Grid` class of `domino/__init__.py`.

use crate::arrow_stream::{self, Stream};
use crate::batch::{self, Options, Plan};
use crate::errors::{self, Kind, Located};
use domino_engine::{Assessment, Grid, LineIndex};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// A grid loaded and validated by the engine, with the text it came from
/// (so that it can be pickled and sent to the workers of Spark or Dask).
#[pyclass(module = "domino._domino", frozen)]
pub struct NativeGrid {
    pub(crate) grid: Grid,
    source: String,
    /// Warnings of loading it, rendered.
    warnings: Vec<String>,
}

/// What scoring a table produced.
type BatchOutcome = (Stream, u64, u64, Vec<String>);

#[pymethods]
impl NativeGrid {
    /// Loads a grid from its TOML text; `name` is the file shown in messages.
    #[staticmethod]
    fn from_toml(py: Python<'_>, text: String, name: &str) -> PyResult<Self> {
        let source = domino_engine::sniff::strip_bom(&text).to_owned();
        match Grid::from_toml(&source) {
            Ok(loaded) => {
                let index = LineIndex::new(&source);
                let warnings = loaded
                    .warnings
                    .into_iter()
                    .map(|d| Located::in_text(d, name, &index).text)
                    .collect();
                Ok(NativeGrid {
                    grid: loaded.grid,
                    source,
                    warnings,
                })
            }
            Err(diags) => {
                let index = LineIndex::new(&source);
                let located: Vec<Located> = (diags.0.into_iter())
                    .filter(|d| d.is_error())
                    .map(|d| Located::in_text(d, name, &index))
                    .collect();
                Err(errors::raise(py, Kind::Grid, &located))
            }
        }
    }

    /// The TOML text of a built-in grid (`domino`, `domino-express`, …).
    #[staticmethod]
    fn builtin_source(name: &str) -> PyResult<(String, String)> {
        let wanted = name.strip_suffix(".toml").unwrap_or(name);
        domino_engine::BUILTIN_GRIDS
            .iter()
            .find(|(file, _)| file.strip_suffix(".toml") == Some(wanted))
            .map(|(file, text)| ((*file).to_owned(), (*text).to_owned()))
            .ok_or_else(|| {
                PyValueError::new_err(format!(
                    "no built-in grid `{name}`; the built-in grids are: {}",
                    crate::builtin_names().join(", ")
                ))
            })
    }

    /// The grid's TOML text.
    #[getter]
    fn source(&self) -> &str {
        &self.source
    }

    /// The warnings of loading it, rendered.
    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.warnings.clone()
    }

    /// The grid as JSON (the engine's model: axes, criteria, scales, rules…).
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&self.grid).map_err(|e| PyValueError::new_err(e.to_string()))
    }

    /// The short form of the grid's SHA-256, as every output shows it.
    #[getter]
    fn short_hash(&self) -> &str {
        domino_engine::short_hash(&self.grid.hash)
    }

    /// Scores one assessment text (TOML or JSON) into the report as JSON,
    /// with the warnings of resolving it rendered.
    fn score_json(
        &self,
        py: Python<'_>,
        text: &str,
        json: bool,
        name: &str,
        lang: &str,
    ) -> PyResult<(String, Vec<String>)> {
        let index = LineIndex::new(text);
        let located = |diags: Vec<domino_engine::Diagnostic>| -> Vec<Located> {
            diags
                .into_iter()
                .map(|d| Located::in_text(d, name, &index))
                .collect()
        };
        let parsed = if json {
            Assessment::from_json(text)
        } else {
            Assessment::from_toml(text)
        };
        let assessment = parsed.map_err(|d| errors::raise(py, Kind::Assessment, &located(d.0)))?;
        let resolved = self.grid.resolve(&assessment).map_err(|d| {
            let errors: Vec<_> = d.0.into_iter().filter(|d| d.is_error()).collect();
            errors::raise(py, Kind::Assessment, &located(errors))
        })?;
        let warnings = located(resolved.warnings)
            .into_iter()
            .map(|l| l.text)
            .collect();
        let report = self
            .grid
            .evaluate(resolved.responses)
            .report(&self.grid, lang);
        let json =
            serde_json::to_string(&report).map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok((json, warnings))
    }

    /// The schema of `score_batch`'s results, as an empty stream.
    fn batch_schema(&self, error_column: bool) -> Stream {
        Stream::new(crate::output::schema(&self.grid, error_column), Vec::new())
    }

    /// Scores a table (an object with `__arrow_c_stream__`): the results,
    /// rows scored, rows failed, and the header warnings rendered.
    #[pyo3(signature = (table, error_column, from_version, source, jobs))]
    fn score_batch(
        &self,
        py: Python<'_>,
        table: &Bound<'_, PyAny>,
        error_column: bool,
        from_version: Option<String>,
        source: String,
        jobs: usize,
    ) -> PyResult<BatchOutcome> {
        if let Some(v) = from_version.as_deref() {
            self.check_version(v)?;
        }
        let mut reader = arrow_stream::import(table)?;
        let input = arrow_array::RecordBatchReader::schema(&reader);
        let names = input.fields().iter().map(|f| f.name().clone()).collect();
        let options = Options {
            error_column,
            from_version,
            source,
        };
        let plan = Plan::new(&self.grid, names, options)
            .map_err(|located| errors::raise(py, Kind::Batch, &located))?;
        let warnings = plan.header_warnings().into_iter().map(|l| l.text).collect();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs.max(1))
            .build()
            .map_err(|e| errors::arrow_failure("cannot start worker threads", e))?;
        let (mut out, mut first_row) = (Vec::new(), 0u64);
        for batch in reader.by_ref() {
            let batch = batch.map_err(|e| errors::arrow_failure("cannot read the table", e))?;
            let rows = batch.num_rows() as u64;
            let scored =
                py.detach(|| pool.install(|| batch::score(&self.grid, &plan, &batch, first_row)));
            out.extend(scored.map_err(|located| errors::raise(py, Kind::Batch, &located))?);
            first_row += rows;
        }
        let failed = count_failed(&out, error_column);
        Ok((
            Stream::new(plan.schema.clone(), out),
            first_row - failed,
            failed,
            warnings,
        ))
    }
}

impl NativeGrid {
    fn check_version(&self, v: &str) -> PyResult<()> {
        if v == self.grid.version || self.grid.crosswalk_from(v).is_some() {
            return Ok(());
        }
        Err(PyValueError::new_err(format!(
            "from_version={v:?}: grid `{}` {} has no crosswalk from version {v} (versions it reads: {})",
            self.grid.id,
            self.grid.version,
            self.grid.readable_versions().join(", ")
        )))
    }
}

/// Rows with an error, counted from the `error` column.
fn count_failed(batches: &[arrow_array::RecordBatch], error_column: bool) -> u64 {
    if !error_column {
        return 0;
    }
    use arrow_array::Array;
    batches
        .iter()
        .filter_map(|b| b.columns().last())
        .map(|c| (c.len() - c.null_count()) as u64)
        .sum()
}
