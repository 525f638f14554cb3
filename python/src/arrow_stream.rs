//! Arrow tables across the C stream interface (the `__arrow_c_stream__`
//! PyCapsule protocol): taken from any producer (pyarrow, polars, pandas
//! through pyarrow, DuckDB…) and handed back to any consumer.

use arrow_array::ffi_stream::{FFI_ArrowArrayStream, RecordBatchStreamReader};
use arrow_array::{RecordBatch, RecordBatchIterator};
use arrow_schema::SchemaRef;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyCapsule;
use std::ffi::CStr;

const STREAM: &CStr = c"arrow_array_stream";

/// Takes the Arrow stream of `table` (an object with `__arrow_c_stream__`).
pub fn import(table: &Bound<'_, PyAny>) -> PyResult<RecordBatchStreamReader> {
    if !table.hasattr("__arrow_c_stream__")? {
        return Err(PyTypeError::new_err(format!(
            "expected an Arrow table (an object with `__arrow_c_stream__`: a pyarrow Table or RecordBatchReader, a polars or pandas DataFrame), not {}",
            table.get_type().name()?
        )));
    }
    let capsule = table.call_method0("__arrow_c_stream__")?;
    let capsule = capsule
        .cast::<PyCapsule>()
        .map_err(|_| PyTypeError::new_err("`__arrow_c_stream__` did not return a PyCapsule"))?;
    let pointer = capsule.pointer_checked(Some(STREAM))?;
    // SAFETY: the capsule is named `arrow_array_stream`, so by the protocol
    // it holds a valid `ArrowArrayStream`; `from_raw` moves the stream out
    // and marks the capsule's copy released, so it is consumed exactly once
    // (the capsule's destructor then has nothing left to release).
    #[allow(unsafe_code)]
    let stream = unsafe { FFI_ArrowArrayStream::from_raw(pointer.as_ptr().cast()) };
    RecordBatchStreamReader::try_new(stream)
        .map_err(|e| PyValueError::new_err(format!("cannot read the Arrow stream: {e}")))
}

/// Record batches handed back to Python: an object with
/// `__arrow_c_stream__`, read once (`pyarrow.table(stream)`,
/// `polars.from_arrow(stream)`).
#[pyclass(module = "domino._domino")]
pub struct Stream {
    batches: Option<(SchemaRef, Vec<RecordBatch>)>,
}

impl Stream {
    /// A stream of `batches`, all of `schema`.
    pub fn new(schema: SchemaRef, batches: Vec<RecordBatch>) -> Self {
        Stream {
            batches: Some((schema, batches)),
        }
    }
}

#[pymethods]
impl Stream {
    /// The PyCapsule of the Arrow C stream interface; the stream can be taken once.
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(
        &mut self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        let (schema, batches) = self
            .batches
            .take()
            .ok_or_else(|| PyValueError::new_err("this Arrow stream was already read"))?;
        let reader = RecordBatchIterator::new(batches.into_iter().map(Ok), schema);
        let stream = FFI_ArrowArrayStream::new(Box::new(reader));
        PyCapsule::new_with_value(py, stream, STREAM)
    }
}
