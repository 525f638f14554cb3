//! The columns `domino batch` writes, as typed Arrow columns: the same names
//! (`summary_header`), scores rounded to 0.01 as in its CSV, finding counts
//! as integers, finding ids joined with `;`; and, when asked, an `error`
//! column holding the rendered diagnostics of each row that failed (its
//! scores null), so that no row is dropped.

use arrow_array::builder::{Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use domino_engine::report::{finding_counts, push_finding_ids, rounded_score, summary_header};
use domino_engine::{Evaluation, FindingKind, Grid};
use std::sync::Arc;

/// The schema of the results for `grid`, with the `error` column or not.
pub fn schema(grid: &Grid, error_column: bool) -> SchemaRef {
    let header = summary_header(grid);
    let scores = 1 + 2 * grid.axes.len();
    let mut fields: Vec<Field> = header
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let data_type = match i {
                0..=4 => DataType::Utf8,
                i if i < 5 + scores => DataType::Float64,
                i if i < 5 + scores + FindingKind::ALL.len() => DataType::Int64,
                _ => DataType::Utf8,
            };
            Field::new(name, data_type, true)
        })
        .collect();
    if error_column {
        fields.push(Field::new("error", DataType::Utf8, true));
    }
    Arc::new(Schema::new(fields))
}

/// The results of one chunk of rows, column by column.
pub struct Results<'g> {
    grid: &'g Grid,
    hash: &'g str,
    id: StringBuilder,
    name: StringBuilder,
    stamp: [StringBuilder; 3],
    scores: Vec<Float64Builder>,
    counts: Vec<Int64Builder>,
    findings: StringBuilder,
    error: Option<StringBuilder>,
    ids: String,
}

impl<'g> Results<'g> {
    /// Empty results for about `rows` rows.
    pub fn new(grid: &'g Grid, rows: usize, error_column: bool) -> Self {
        let text = || StringBuilder::with_capacity(rows, rows * 16);
        Results {
            grid,
            hash: domino_engine::short_hash(&grid.hash),
            id: text(),
            name: text(),
            stamp: [text(), text(), text()],
            scores: (0..1 + 2 * grid.axes.len())
                .map(|_| Float64Builder::with_capacity(rows))
                .collect(),
            counts: FindingKind::ALL
                .iter()
                .map(|_| Int64Builder::with_capacity(rows))
                .collect(),
            findings: StringBuilder::with_capacity(rows, rows * 32),
            error: error_column.then(text),
            ids: String::new(),
        }
    }

    fn push_stamp(&mut self, id: Option<&str>, name: &str) {
        self.id.append_option(id);
        self.name.append_value(name);
        let grid = self.grid;
        for (builder, value) in
            self.stamp
                .iter_mut()
                .zip([grid.id.as_str(), grid.version.as_str(), self.hash])
        {
            builder.append_value(value);
        }
    }

    /// Adds a scored row.
    pub fn push(&mut self, e: &Evaluation) {
        let meta = &e.responses.meta;
        self.push_stamp(meta.id.as_deref(), &meta.initiative);
        let mut scores = self.scores.iter_mut();
        let mut put = |v: Option<f64>| {
            if let Some(b) = scores.next() {
                b.append_option(rounded_score(v));
            }
        };
        put(e.overall);
        for axis in &e.axes {
            put(axis.score);
            put(axis.coverage());
        }
        for (builder, n) in self.counts.iter_mut().zip(finding_counts(&e.findings)) {
            builder.append_value(n as i64);
        }
        self.ids.clear();
        push_finding_ids(&mut self.ids, self.grid, &e.findings);
        self.findings.append_value(&self.ids);
        if let Some(error) = &mut self.error {
            error.append_null();
        }
    }

    /// Adds a row that could not be scored: its id and name as given, no
    /// scores, and its rendered diagnostics in the `error` column.
    pub fn push_failed(&mut self, id: Option<&str>, name: &str, error: &str) {
        self.push_stamp(id, name);
        for b in &mut self.scores {
            b.append_null();
        }
        for b in &mut self.counts {
            b.append_null();
        }
        self.findings.append_null();
        if let Some(column) = &mut self.error {
            column.append_value(error);
        }
    }

    /// The record batch of these rows.
    pub fn finish(mut self, schema: &SchemaRef) -> Result<RecordBatch, arrow_schema::ArrowError> {
        let mut columns: Vec<ArrayRef> =
            vec![Arc::new(self.id.finish()), Arc::new(self.name.finish())];
        columns.extend(
            self.stamp
                .iter_mut()
                .map(|b| Arc::new(b.finish()) as ArrayRef),
        );
        columns.extend(
            self.scores
                .iter_mut()
                .map(|b| Arc::new(b.finish()) as ArrayRef),
        );
        columns.extend(
            self.counts
                .iter_mut()
                .map(|b| Arc::new(b.finish()) as ArrayRef),
        );
        columns.push(Arc::new(self.findings.finish()));
        if let Some(mut error) = self.error {
            columns.push(Arc::new(error.finish()));
        }
        RecordBatch::try_new(schema.clone(), columns)
    }
}
