//! Summary records as typed cells, for writers of typed tables (a workbook,
//! a Parquet file): the columns and values of
//! [`summary_record`](super::summary_record), scores, coverages and counts
//! as numbers, everything else as text. A text cell is the text itself: it
//! carries no CSV formula guard, since a typed text cell is never a formula.

use super::flat::{
    finding_counts, push_finding_ids, rounded_score, summary_header, IDENTIFICATION,
};
use crate::grid::Grid;
use crate::scoring::Evaluation;

/// One cell of a summary record.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SummaryCell<'a> {
    /// Text: an id, a name, the grid stamp, the finding ids.
    Text(&'a str),
    /// A score or coverage rounded to 0.01, or a finding count; `None` for an
    /// absent score (the CSV's empty cell).
    Number(Option<f64>),
}

/// Whether each column of [`summary_header`] holds numbers: every column
/// from `overall` to the finding counts; the identification before and the
/// finding ids after are text.
pub fn summary_numeric_columns(grid: &Grid) -> Vec<bool> {
    let n = summary_header(grid).len();
    (0..n)
        .map(|i| (IDENTIFICATION.len()..n - 1).contains(&i))
        .collect()
}

/// Gives the cells of summary records, row after row, keeping one buffer
/// for the joined finding ids.
#[derive(Debug, Clone, Default)]
pub struct SummaryCells {
    ids: String,
}

impl SummaryCells {
    /// Calls `cell` with each cell of the summary record of `e`, an
    /// evaluation by `grid`, in the order of [`summary_header`].
    pub fn visit(&mut self, grid: &Grid, e: &Evaluation, mut cell: impl FnMut(SummaryCell<'_>)) {
        let meta = &e.responses.meta;
        cell(SummaryCell::Text(meta.id.as_deref().unwrap_or("")));
        cell(SummaryCell::Text(&meta.initiative));
        cell(SummaryCell::Text(&grid.id));
        cell(SummaryCell::Text(&grid.version));
        cell(SummaryCell::Text(crate::short_hash(&grid.hash)));
        cell(SummaryCell::Number(rounded_score(e.overall)));
        for axis in &e.axes {
            cell(SummaryCell::Number(rounded_score(axis.score)));
            cell(SummaryCell::Number(rounded_score(axis.coverage())));
        }
        for n in finding_counts(&e.findings) {
            cell(SummaryCell::Number(Some(n as f64)));
        }
        self.ids.clear();
        push_finding_ids(&mut self.ids, grid, &e.findings);
        cell(SummaryCell::Text(&self.ids));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::{Given, Responses};
    use crate::report::summary_record;
    use crate::DOMINO_GRID;

    /// Every cell of `e` as the text of its summary record: a number as the
    /// CSV writes it, a text as it is.
    fn cells_as_text(grid: &Grid, e: &Evaluation) -> Vec<String> {
        let mut out = Vec::new();
        SummaryCells::default().visit(grid, e, |c| {
            out.push(match c {
                SummaryCell::Text(t) => t.to_owned(),
                SummaryCell::Number(x) => x.map(|x| x.to_string()).unwrap_or_default(),
            })
        });
        out
    }

    #[test]
    fn cells_are_the_summary_record_with_numbers_where_the_columns_say() {
        let grid = Grid::from_toml(DOMINO_GRID).unwrap().grid;
        let numeric = summary_numeric_columns(&grid);
        let header = summary_header(&grid);
        assert_eq!(numeric.len(), header.len());
        assert_eq!(header[numeric.iter().position(|&n| n).unwrap()], "overall");
        assert!(!numeric[header.len() - 1], "finding ids are text");
        let mut mixed = Responses::empty(&grid);
        for (i, a) in mixed.answers.iter_mut().enumerate() {
            a.given = if i % 3 == 0 {
                Given::Unknown
            } else {
                Given::Level((i % 2 * 2) as u8)
            };
            a.target = (i % 4 == 0).then_some(4);
        }
        mixed.meta.id = Some("=1+1".into());
        mixed.meta.initiative = "Jardin « partagé », quartier nord".into();
        for r in [Responses::empty(&grid), mixed] {
            let e = grid.evaluate(r);
            let mut kinds = Vec::new();
            SummaryCells::default().visit(&grid, &e, |c| {
                kinds.push(matches!(c, SummaryCell::Number(_)))
            });
            assert_eq!(kinds, numeric);
            assert_eq!(cells_as_text(&grid, &e), summary_record(&grid, &e));
        }
    }
}
