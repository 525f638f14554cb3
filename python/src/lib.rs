//! The native half of the Python package `domino` (`domino._domino`).
//!
//! The engine does the work; this crate only moves values across: grid and
//! assessment texts in, report JSON out; Arrow streams in and out through the
//! C stream interface (`__arrow_c_stream__`), scored in parallel with the GIL
//! released; the engine's diagnostics raised as the package's exceptions
//! (defined in `domino/_errors.py`, built here from the located diagnostics).
//! The user-facing API, its docstrings and its stubs live in `domino/`.

mod agreement;
mod arrow_stream;
mod batch;
mod cells;
mod errors;
mod grid;
mod output;
mod sensitivity;

use pyo3::prelude::*;

/// The native module: one grid class and the functions over streams.
#[pymodule]
fn _domino(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<grid::NativeGrid>()?;
    m.add_class::<arrow_stream::Stream>()?;
    m.add_function(wrap_pyfunction!(agreement::agreement_table, m)?)?;
    m.add_function(wrap_pyfunction!(agreement::agreement_assessments, m)?)?;
    m.add_function(wrap_pyfunction!(sensitivity::sensitivity, m)?)?;
    m.add("SENSITIVITY_RUNS", domino_engine::sensitivity::DEFAULT_RUNS)?;
    m.add(
        "SENSITIVITY_SPREAD",
        domino_engine::sensitivity::DEFAULT_SPREAD,
    )?;
    m.add("BUILTIN_GRIDS", builtin_names())?;
    m.add(
        "DEFAULT_RESAMPLES",
        domino_engine::agreement::DEFAULT_RESAMPLES,
    )?;
    m.add("DEFAULT_SEED", domino_engine::agreement::DEFAULT_SEED)?;
    Ok(())
}

/// The names of the built-in grids, as `Grid.builtin` takes them.
fn builtin_names() -> Vec<&'static str> {
    domino_engine::BUILTIN_GRIDS
        .iter()
        .map(|(file, _)| file.strip_suffix(".toml").unwrap_or(file))
        .collect()
}
