//! Summary records written straight as CSV bytes: what `domino batch` writes
//! for every row, byte for byte the CSV of [`summary_record`](super::summary_record)
//! (the tests compare the two), without a string per cell.

use super::flat::{finding_counts, finding_id_parts, push_count, push_finding_ids, push_score};
use crate::csv_writer::{is_formula, push_cell};
use crate::grid::Grid;
use crate::scoring::{Evaluation, FindingSource};

/// Writes summary records for one grid, row after row.
#[derive(Debug, Clone)]
pub struct SummaryCsv {
    /// `,grid,version,hash16,`, the same in every record.
    stamp: Vec<u8>,
    /// Whether every finding id can be written as it is: none holds a byte
    /// that needs quoting, and no cell of ids can start like a formula.
    /// Ids read from a grid file always can; a grid built in code may not.
    plain_ids: bool,
    /// Every finding id the grid can raise, written out once, when they are
    /// plain (see [`IdTable`]).
    table: IdTable,
    /// The joined ids of a record, when they must go through [`push_cell`].
    ids: String,
}

/// Every finding id a grid can raise, prefix included (`critical:…`), one
/// after the other, so that a record copies each of its findings' ids in
/// one piece: its rules' ids, then per criterion its critical, target,
/// raters and applicability ids.
#[derive(Debug, Clone, Default)]
struct IdTable {
    text: Vec<u8>,
    /// Where each id ends in `text`.
    ends: Vec<usize>,
    rules: usize,
    criteria: usize,
}

impl IdTable {
    fn new(grid: &Grid) -> Self {
        let (rules, criteria) = (grid.rules.len(), grid.criterion_count());
        let mut table = IdTable {
            rules,
            criteria,
            ..IdTable::default()
        };
        let sources = (0..rules).map(FindingSource::Rule).chain(
            [
                FindingSource::CriticalLow,
                FindingSource::TargetGap,
                FindingSource::RaterGap,
                FindingSource::Applicability,
            ]
            .into_iter()
            .flat_map(|source| (0..criteria).map(source)),
        );
        for source in sources {
            let (prefix, id) = finding_id_parts(grid, source);
            table.text.extend_from_slice(prefix.as_bytes());
            table.text.extend_from_slice(id.as_bytes());
            table.ends.push(table.text.len());
        }
        table
    }

    /// The id of the finding raised by `source`, as written.
    #[inline]
    fn id(&self, source: FindingSource) -> &[u8] {
        let at = match source {
            FindingSource::Rule(i) => i,
            FindingSource::CriticalLow(c) | FindingSource::CriticalUnknown(c) => self.rules + c,
            FindingSource::TargetGap(c) => self.rules + self.criteria + c,
            FindingSource::RaterGap(c) => self.rules + 2 * self.criteria + c,
            FindingSource::Applicability(c) => self.rules + 3 * self.criteria + c,
        };
        let start = at.checked_sub(1).map_or(0, |i| self.ends[i]);
        &self.text[start..self.ends[at]]
    }
}

impl SummaryCsv {
    /// A writer for the records of `grid`.
    pub fn new(grid: &Grid) -> Self {
        let mut stamp = vec![b','];
        for part in [&grid.id, &grid.version, crate::short_hash(&grid.hash)] {
            push_cell(&mut stamp, part);
            stamp.push(b',');
        }
        let special = |id: &str| id.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'));
        let criteria = grid.criteria().all(|(_, c)| !special(&c.full_id));
        let rules = (grid.rules.iter()).all(|r| !special(&r.id) && !is_formula(&r.id));
        let plain_ids = criteria && rules;
        SummaryCsv {
            stamp,
            plain_ids,
            table: if plain_ids {
                IdTable::new(grid)
            } else {
                IdTable::default()
            },
            ids: String::new(),
        }
    }

    /// Appends the record of `e`, an evaluation by `grid`, and its line end.
    pub fn push(&mut self, grid: &Grid, e: &Evaluation, out: &mut Vec<u8>) {
        let meta = &e.responses.meta;
        push_cell(out, meta.id.as_deref().unwrap_or(""));
        out.push(b',');
        push_cell(out, &meta.initiative);
        out.extend_from_slice(&self.stamp);
        push_score(out, e.overall);
        for axis in &e.axes {
            out.push(b',');
            push_score(out, axis.score);
            out.push(b',');
            push_score(out, axis.coverage());
        }
        for n in finding_counts(&e.findings) {
            out.push(b',');
            push_count(out, n);
        }
        out.push(b',');
        if self.plain_ids {
            for (i, f) in e.findings.iter().enumerate() {
                if i > 0 {
                    out.push(b';');
                }
                out.extend_from_slice(self.table.id(f.source));
            }
        } else {
            self.ids.clear();
            push_finding_ids(&mut self.ids, grid, &e.findings);
            push_cell(out, &self.ids);
        }
        out.push(b'\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::{Given, Responses};
    use crate::csv_writer::push_record;
    use crate::report::summary_record;
    use crate::DOMINO_GRID;

    /// Assessments that raise many findings of every built-in kind and rules:
    /// nothing answered; every criterion at its lowest level with the highest
    /// target; every criterion at level 2, unknown for one in three.
    fn evaluations(grid: &Grid) -> Vec<Evaluation> {
        let n = grid.criterion_count();
        let mut low = Responses::empty(grid);
        let mut mixed = Responses::empty(grid);
        for i in 0..n {
            low.answers[i].given = Given::Level(0);
            low.answers[i].target = Some(4);
            mixed.answers[i].given = if i % 3 == 0 {
                Given::Unknown
            } else {
                Given::Level(2)
            };
        }
        mixed.meta.id = Some("=1+1".into());
        mixed.meta.initiative = "Jardin \"partagé\", quartier nord".into();
        // Two raters far apart on some criteria, disputing others' applicability.
        let mut panel = Responses::empty(grid);
        panel.raters = vec!["Anne".into(), "Bruno".into()];
        for i in 0..n {
            *panel.rater_answers_mut(i) = match i % 3 {
                0 => vec![Given::Level(0), Given::Level(4)],
                1 => vec![Given::Level(1), Given::NotApplicable],
                _ => vec![Given::Level(2), Given::Level(2)],
            };
        }
        [Responses::empty(grid), low, mixed, panel]
            .into_iter()
            .map(|r| grid.evaluate(r))
            .collect()
    }

    fn both_ways(grid: &Grid) -> (Vec<u8>, Vec<u8>) {
        let mut writer = SummaryCsv::new(grid);
        let (mut fast, mut cells) = (Vec::new(), Vec::new());
        for e in evaluations(grid) {
            writer.push(grid, &e, &mut fast);
            push_record(&mut cells, summary_record(grid, &e));
        }
        (fast, cells)
    }

    #[test]
    fn records_are_the_csv_of_the_summary_record() {
        let grid = Grid::from_toml(DOMINO_GRID).unwrap().grid;
        let (fast, cells) = both_ways(&grid);
        assert!(SummaryCsv::new(&grid).plain_ids);
        for prefix in ["critical:", "target:", "raters:", "applicability:"] {
            let written = fast.windows(prefix.len()).any(|w| w == prefix.as_bytes());
            assert!(written, "no {prefix} finding written");
        }
        assert_eq!(String::from_utf8(fast), String::from_utf8(cells));
    }

    #[test]
    fn ids_that_need_quoting_or_defusing_are_quoted_as_any_cell() {
        // Only a grid built in code can hold such ids; its records must
        // still be the CSV of its summary records.
        let mut grid = Grid::from_toml(DOMINO_GRID).unwrap().grid;
        for rule in &mut grid.rules {
            rule.id = format!("=\"{}\",", rule.id);
        }
        assert!(!SummaryCsv::new(&grid).plain_ids);
        let (fast, cells) = both_ways(&grid);
        assert!(fast.windows(2).any(|w| w == b"\"\""), "no quote doubled");
        assert_eq!(String::from_utf8(fast), String::from_utf8(cells));
    }
}
