//! Column mappings (`domino batch --map FILE.toml`): another file's column
//! names and answer labels mapped onto a grid's columns and level codes.
//!
//! Survey exports (KoBoToolbox, ODK, LimeSurvey…) name their columns after
//! their questions (`collectif/accueil`) and write answers as the labels
//! people chose (`Oui, souvent`). A mapping says, once, which column is
//! which grid column and which label is which level:
//!
//! ```toml
//! ignore = ["start", "end", "_*"]        # columns not scored (`*` ends a prefix)
//!
//! [columns]
//! "_uuid" = "id"
//! "identification/nom" = "name"
//! "collectif/accueil" = { column = "collectif.accueil", answers = "frequence" }
//!
//! [answers.frequence]
//! "Jamais" = "0"
//! "Oui, souvent" = "3"
//! ```
//!
//! Everything is checked against the grid when the mapping is read (unknown
//! grid columns with a did-you-mean, unknown levels, a grid column mapped
//! twice, an unknown answer list), then against the file's header (a column
//! neither mapped nor ignored is an error: a misspelt key would otherwise
//! leave a criterion unanswered in every row without a word), then cell by
//! cell (a label the list does not have is an error at its cell).

use super::resolve::{bad_code, parse_code, unknown_criterion};
use super::typed_cell::{column_role, CellRole};
use crate::diagnostic::{did_you_mean, Diagnostic, Diagnostics, LineIndex, SuggestionBudget};
use crate::document::{parse_toml, Node, Sink, TableReader, Value};
use crate::grid::Grid;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

/// A mapping, checked against a grid.
#[derive(Debug, Clone)]
pub struct ColumnMapping {
    columns: Vec<MappedColumn>,
    ignore: Vec<String>,
    lists: Vec<AnswerList>,
}

#[derive(Debug, Clone)]
struct MappedColumn {
    source: String,
    target: String,
    list: Option<usize>,
    /// Where the entry is in the mapping, for "not in the file".
    span: Option<Range<usize>>,
    path: String,
    line: usize,
    column: usize,
}

#[derive(Debug, Clone)]
struct AnswerList {
    name: String,
    labels: HashMap<String, String>,
}

/// A mapping applied to one file's header.
#[derive(Debug, Clone)]
pub struct MappedHeader {
    /// Per source column: its position in the grid header, or `None` when ignored.
    pub kept: Vec<Option<usize>>,
    /// The grid header: the grid column of each kept source column, in order.
    pub names: Vec<String>,
    /// Per grid column: the source column's name and its answer list.
    sources: Vec<(String, Option<usize>)>,
    lists: Vec<AnswerList>,
    /// The role of each grid column's typed cells.
    pub roles: Vec<CellRole>,
}

/// Why a header cannot be read through a mapping.
#[derive(Debug, Clone, Default)]
pub struct HeaderErrors {
    /// Columns of the file neither mapped nor ignored (column set: 1-based).
    pub in_header: Vec<Diagnostic>,
    /// Entries of the mapping naming a column the file does not have (located in the mapping).
    pub in_mapping: Vec<Diagnostic>,
}

impl ColumnMapping {
    /// Reads and checks a mapping; every problem is located in `source`.
    /// Warnings (an answer list no column uses) come with the mapping.
    pub fn from_toml(
        source: &str,
        grid: &Grid,
    ) -> Result<(ColumnMapping, Vec<Diagnostic>), Diagnostics> {
        let root = parse_toml(source).map_err(Diagnostics)?;
        let mut sink = Sink::default();
        let mapping = TableReader::new(&root, "", &mut sink).map(|top| {
            top.check_keys(&["ignore", "columns", "answers"], &mut sink);
            let lists = read_lists(&top, &mut sink);
            let ignore = read_ignore(&top, &mut sink);
            let columns = read_columns(&top, grid, &lists, &mut sink);
            warn_unused_lists(&top, &lists, &columns, &mut sink);
            ColumnMapping {
                columns,
                ignore,
                lists: lists.into_iter().map(|(list, _)| list).collect(),
            }
        });
        let index = LineIndex::new(source);
        let has_errors = sink.has_errors();
        let mut diagnostics = sink.finish(&index);
        match mapping {
            Some(mut mapping) if !has_errors => {
                for c in &mut mapping.columns {
                    let located = Diagnostic::error("", "")
                        .at(c.span.clone())
                        .locate_in(&index);
                    (c.line, c.column) = (located.line, located.column);
                }
                Ok((mapping, diagnostics))
            }
            _ => {
                diagnostics.retain(Diagnostic::is_error);
                Err(Diagnostics(diagnostics))
            }
        }
    }

    /// Applies the mapping to a file's header (its column names, trimmed).
    pub fn apply(&self, grid: &Grid, header: &[&str]) -> Result<MappedHeader, HeaderErrors> {
        let by_source: HashMap<&str, usize> = (self.columns.iter().enumerate())
            .map(|(i, c)| (c.source.as_str(), i))
            .collect();
        let mut errors = HeaderErrors::default();
        let mut mapped = MappedHeader {
            kept: Vec::with_capacity(header.len()),
            names: Vec::new(),
            sources: Vec::new(),
            lists: self.lists.clone(),
            roles: Vec::new(),
        };
        let mut found = vec![false; self.columns.len()];
        for (i, raw) in header.iter().enumerate() {
            let name = raw.trim();
            if let Some(&m) = by_source.get(name) {
                found[m] = true;
                let column = &self.columns[m];
                mapped.kept.push(Some(mapped.names.len()));
                mapped.names.push(column.target.clone());
                mapped.sources.push((name.to_owned(), column.list));
                mapped.roles.push(match column.list {
                    Some(_) => CellRole::Text,
                    None => column_role(grid, &column.target),
                });
            } else if self.ignored(name) {
                mapped.kept.push(None);
            } else {
                mapped.kept.push(None);
                errors.in_header.push(self.unmapped(name, &found, i + 1));
            }
        }
        let absent = self.columns.iter().zip(&found).filter(|(_, f)| !**f);
        for (column, _) in absent {
            let closest = did_you_mean(&column.source, header.iter().map(|h| h.trim()));
            errors.in_mapping.push(
                Diagnostic::error(
                    "mapped-column-missing",
                    format!("the file has no column `{}`", column.source),
                )
                .with_hint(match closest {
                    Some(best) => format!("did you mean `{best}`?"),
                    None => "fix the column name, or remove this entry".to_owned(),
                })
                .with_path(column.path.clone())
                .at(column.span.clone())
                .at_line_column(column.line, column.column),
            );
        }
        if errors.in_header.is_empty() && errors.in_mapping.is_empty() {
            Ok(mapped)
        } else {
            Err(errors)
        }
    }

    fn ignored(&self, name: &str) -> bool {
        self.ignore
            .iter()
            .any(|pattern| match pattern.strip_suffix('*') {
                Some(prefix) => name.starts_with(prefix),
                None => pattern == name,
            })
    }

    fn unmapped(&self, name: &str, found: &[bool], column: usize) -> Diagnostic {
        let missing = (self.columns.iter().zip(found))
            .filter(|(_, f)| !**f)
            .map(|(c, _)| c.source.as_str());
        let hint = match did_you_mean(name, missing) {
            Some(best) => format!("the mapping names `{best}`: did you mean this column?"),
            None => format!(
                "map it under `[columns]` (`\"{name}\" = \"<grid column>\"`) or add it to `ignore`"
            ),
        };
        Diagnostic::error(
            "unmapped-column",
            format!("column `{name}` is neither mapped nor ignored by the mapping"),
        )
        .with_hint(hint)
        .with_path(name)
        .at_line_column(0, column)
    }
}

impl MappedHeader {
    /// The grid-column text of a cell of grid column `column`: its label
    /// translated, if the column has an answer list. The error has no column.
    pub fn translate<'a>(
        &'a self,
        column: usize,
        cell: &'a str,
    ) -> Result<&'a str, Box<Diagnostic>> {
        let (source, list) = &self.sources[column];
        let Some(list) = list.map(|l| &self.lists[l]) else {
            return Ok(cell);
        };
        let label = cell.trim();
        if label.is_empty() {
            return Ok("");
        }
        if let Some(code) = list.labels.get(label) {
            return Ok(code);
        }
        let closest = did_you_mean(label, list.labels.keys().map(String::as_str));
        Err(Box::new(Diagnostic::error(
            "unmapped-answer",
            format!(
                "answer `{label}` of column `{source}` is not in the answer list `{}` of the mapping",
                list.name
            ),
        )
        .with_hint(match closest {
            Some(best) => format!("did you mean `{best}`? Otherwise add `\"{label}\" = \"<level>\"` under `[answers.{}]`", list.name),
            None => format!("add `\"{label}\" = \"<level>\"` under `[answers.{}]`", list.name),
        })))
    }

    /// The source column name of grid column `column`, for messages.
    pub fn source_name(&self, column: usize) -> &str {
        &self.sources[column].0
    }
}

/// The answer lists, each with its span (for the unused warning).
fn read_lists(top: &TableReader<'_>, sink: &mut Sink) -> Vec<(AnswerList, Option<Range<usize>>)> {
    let Some(answers) = top.table("answers", sink) else {
        return Vec::new();
    };
    let mut lists = Vec::new();
    for (name, span, node) in answers.entries() {
        let path = answers.path_of(name);
        let Some(table) = TableReader::new(node, &path, sink) else {
            continue;
        };
        let mut labels = HashMap::new();
        for (label, _, value) in table.entries() {
            if let Some(code) = code_text(value, &table.path_of(label), sink) {
                labels.insert(label.to_owned(), code);
            }
        }
        let list = AnswerList {
            name: name.to_owned(),
            labels,
        };
        lists.push((list, span));
    }
    lists
}

/// A level code written as a string or a whole number.
fn code_text(node: &Node, path: &str, sink: &mut Sink) -> Option<String> {
    match &node.value {
        Value::Str(s) => Some(s.trim().to_owned()),
        Value::Int(n) => Some(n.to_string()),
        other => {
            sink.error_hint(
                "wrong-type",
                format!("`{path}` must be a level code, not {}", other.kind()),
                "write the code as a string, such as \"3\" or \"na\"".into(),
                node.span.clone(),
                path,
            );
            None
        }
    }
}

fn read_ignore(top: &TableReader<'_>, sink: &mut Sink) -> Vec<String> {
    let Some(items) = top.array("ignore", sink) else {
        return Vec::new();
    };
    let mut ignore = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match &item.value {
            Value::Str(s) => ignore.push(s.trim().to_owned()),
            other => sink.error(
                "wrong-type",
                format!("`ignore[{i}]` must be a column name, not {}", other.kind()),
                item.span.clone(),
                &format!("ignore[{i}]"),
            ),
        }
    }
    ignore
}

fn read_columns(
    top: &TableReader<'_>,
    grid: &Grid,
    lists: &[(AnswerList, Option<Range<usize>>)],
    sink: &mut Sink,
) -> Vec<MappedColumn> {
    let Some(table) = top.table("columns", sink) else {
        top.missing("columns", "the table of mapped columns", sink);
        return Vec::new();
    };
    let mut columns: Vec<MappedColumn> = Vec::new();
    let mut targets: BTreeMap<String, String> = BTreeMap::new();
    let budget = SuggestionBudget::new();
    for (source, span, node) in table.entries() {
        let path = table.path_of(source);
        let Some((target, list_name, at)) = column_entry(node, &path, sink) else {
            continue;
        };
        if !check_target(grid, target, at.clone(), &path, &budget, sink) {
            continue;
        }
        if let Some(first) = targets.get(target) {
            sink.error_hint(
                "mapped-twice",
                format!("grid column `{target}` is already mapped from column `{first}`"),
                "map each grid column from one column of the file".into(),
                at,
                &path,
            );
            continue;
        }
        targets.insert(target.to_owned(), source.to_owned());
        let list =
            list_name.and_then(|(name, at)| find_list(grid, target, lists, name, at, &path, sink));
        columns.push(MappedColumn {
            source: source.trim().to_owned(),
            target: target.to_owned(),
            list,
            span,
            path,
            line: 0,
            column: 0,
        });
    }
    columns
}

type Entry<'a> = (
    &'a str,
    Option<(&'a str, Option<Range<usize>>)>,
    Option<Range<usize>>,
);

/// `"source" = "target"` or `"source" = { column = "target", answers = "list" }`.
fn column_entry<'a>(node: &'a Node, path: &str, sink: &mut Sink) -> Option<Entry<'a>> {
    if let Value::Str(target) = &node.value {
        return Some((target.trim(), None, node.span.clone()));
    }
    let table = TableReader::new(node, path, sink)?;
    table.check_keys(&["column", "answers"], sink);
    let target = table.req_str("column", "the grid column", sink)?;
    let at = table.get("column").and_then(|n| n.span.clone());
    let list = table
        .str("answers", sink)
        .map(|name| (name, table.get("answers").and_then(|n| n.span.clone())));
    Some((target.trim(), list, at))
}

/// Whether `target` names a column of a batch file for the grid; else an error.
fn check_target(
    grid: &Grid,
    target: &str,
    at: Option<Range<usize>>,
    path: &str,
    budget: &SuggestionBudget,
    sink: &mut Sink,
) -> bool {
    let criterion = target.strip_suffix(".target").unwrap_or(target);
    let known = matches!(target, "id" | "name" | super::tabular::VERSION_COLUMN)
        || grid.profile_index(target).is_some()
        || grid.criterion_index(criterion).is_some();
    if known {
        return true;
    }
    let d = if target.contains('.') {
        unknown_criterion(grid, criterion, budget)
    } else {
        let names = ["id", "name"]
            .into_iter()
            .chain(grid.profile.iter().map(|f| f.id.as_str()));
        Diagnostic::error(
            "unknown-column",
            format!("`{target}` is neither a criterion, a profile field, `id` nor `name`"),
        )
        .with_hint(match did_you_mean(target, names) {
            Some(best) => format!("did you mean `{best}`?"),
            None => "grid columns are `id`, `name`, profile fields, criterion ids and `<criterion>.target`".into(),
        })
    };
    sink.push(d.at(at).with_path(path));
    false
}

/// The index of answer list `name`, its codes checked against `target`'s scale.
fn find_list(
    grid: &Grid,
    target: &str,
    lists: &[(AnswerList, Option<Range<usize>>)],
    name: &str,
    at: Option<Range<usize>>,
    path: &str,
    sink: &mut Sink,
) -> Option<usize> {
    let Some(i) = lists.iter().position(|(l, _)| l.name == name) else {
        let closest = did_you_mean(name, lists.iter().map(|(l, _)| l.name.as_str()));
        sink.error_hint(
            "unknown-answer-list",
            format!("the mapping has no answer list `{name}`"),
            match closest {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("add a table `[answers.{name}]` of labels and their level codes"),
            },
            at,
            path,
        );
        return None;
    };
    let criterion = target.strip_suffix(".target").unwrap_or(target);
    if let Some(c) = grid.criterion_index(criterion) {
        let scale = grid.scale_of(c);
        let is_target = criterion != target;
        let mut bad: Vec<(&String, &String)> = (lists[i].0.labels.iter())
            .filter(|(_, code)| match parse_code(scale, code) {
                Some(super::Given::Level(_)) => false,
                Some(_) => is_target,
                None => true,
            })
            .collect();
        bad.sort();
        for (label, code) in bad {
            let d = bad_code(scale, target, code, is_target);
            let what = if is_target { "target level" } else { "level" };
            sink.push(
                Diagnostic::error(
                    "unknown-level",
                    format!("answer `{label}` of list `{name}` maps to `{code}`, which is not a {what} of `{target}`"),
                )
                .with_hint(d.hint.unwrap_or_default())
                .at(at.clone())
                .with_path(path),
            );
        }
    }
    Some(i)
}

fn warn_unused_lists(
    top: &TableReader<'_>,
    lists: &[(AnswerList, Option<Range<usize>>)],
    columns: &[MappedColumn],
    sink: &mut Sink,
) {
    for (i, (list, span)) in lists.iter().enumerate() {
        if !columns.iter().any(|c| c.list == Some(i)) {
            sink.push(
                Diagnostic::warning(
                    "unused-answer-list",
                    format!("no column uses the answer list `{}`", list.name),
                )
                .with_hint("name it in a column's `answers`, or remove it")
                .at(span.clone())
                .with_path(top.path_of(&format!("answers.{}", list.name))),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid() -> Grid {
        Grid::from_toml(crate::DOMINO_GRID).unwrap().grid
    }

    const MAPPING: &str = r#"
ignore = ["start", "_*"]

[columns]
"_uuid" = "id"
"q/nom" = "name"
"q/accueil" = { column = "collectif.accueil", answers = "frequence" }
"q/cible" = { column = "collectif.accueil.target", answers = "frequence" }

[answers.frequence]
"Jamais" = "0"
"Oui, souvent" = 3
"#;

    fn codes(text: &str) -> Vec<String> {
        match ColumnMapping::from_toml(text, &grid()) {
            Ok((_, warnings)) => warnings.into_iter().map(|d| d.code).collect(),
            Err(errors) => errors.0.into_iter().map(|d| d.code).collect(),
        }
    }

    #[test]
    fn a_header_is_mapped_and_its_labels_translated() {
        let (mapping, warnings) = ColumnMapping::from_toml(MAPPING, &grid()).unwrap();
        assert!(warnings.is_empty());
        let header = ["start", "_uuid", "q/nom", "q/accueil", "q/cible", "_index"];
        let mapped = mapping.apply(&grid(), &header).unwrap();
        assert_eq!(
            mapped.names,
            [
                "id",
                "name",
                "collectif.accueil",
                "collectif.accueil.target"
            ]
        );
        assert_eq!(
            mapped.kept,
            [None, Some(0), Some(1), Some(2), Some(3), None]
        );
        assert_eq!(mapped.translate(2, " Oui, souvent ").unwrap(), "3");
        assert_eq!(mapped.translate(2, "").unwrap(), "");
        assert_eq!(mapped.translate(0, "Jamais").unwrap(), "Jamais");
        let refused = mapped.translate(2, "Oui souvent").unwrap_err();
        assert_eq!(refused.code, "unmapped-answer");
        assert!(refused
            .hint
            .unwrap()
            .starts_with("did you mean `Oui, souvent`?"));
        assert_eq!(
            mapped.roles,
            [
                CellRole::Text,
                CellRole::Text,
                CellRole::Text,
                CellRole::Text
            ]
        );
    }

    #[test]
    fn unmapped_and_missing_columns_are_errors_on_both_sides() {
        let (mapping, _) = ColumnMapping::from_toml(MAPPING, &grid()).unwrap();
        let header = ["_uuid", "q/nom", "q/acceuil", "q/cible", "end"];
        let errors = mapping.apply(&grid(), &header).unwrap_err();
        let header_errors: Vec<(&str, usize)> = (errors.in_header.iter())
            .map(|d| (d.code.as_str(), d.column))
            .collect();
        assert_eq!(
            header_errors,
            [("unmapped-column", 3), ("unmapped-column", 5)]
        );
        assert!(errors.in_header[0]
            .hint
            .as_ref()
            .unwrap()
            .contains("`q/accueil`"));
        assert_eq!(errors.in_mapping.len(), 1);
        let missing = &errors.in_mapping[0];
        assert_eq!(
            (missing.code.as_str(), missing.line),
            ("mapped-column-missing", 7)
        );
        assert_eq!(missing.hint.as_deref(), Some("did you mean `q/acceuil`?"));
    }

    #[test]
    fn every_mistake_of_a_mapping_is_located() {
        let unknown = MAPPING.replace("collectif.accueil\"", "collectif.acceuil\"");
        assert_eq!(codes(&unknown), ["unknown-criterion"]);
        let twice = MAPPING.replace("collectif.accueil.target", "collectif.accueil");
        assert_eq!(codes(&twice), ["mapped-twice"]);
        let level = MAPPING.replace("= 3", "= 7");
        assert_eq!(codes(&level), ["unknown-level", "unknown-level"]);
        let target_na = format!("{MAPPING}\"Non concerné\" = \"na\"\n");
        assert_eq!(codes(&target_na), ["unknown-level"]);
        let list = MAPPING.replace(
            "answers = \"frequence\" }\n\"q/cible\"",
            "answers = \"frequense\" }\n\"q/cible\"",
        );
        assert_eq!(codes(&list), ["unknown-answer-list"]);
        let profile = MAPPING.replace("\"name\"", "\"territoire\"");
        assert_eq!(codes(&profile), ["unknown-column"]);
        let key = format!("colums = 1\n{MAPPING}");
        assert_eq!(codes(&key), ["unknown-key"]);
        let unused = format!("{MAPPING}[answers.autre]\n\"Oui\" = \"1\"\n");
        assert_eq!(codes(&unused), ["unused-answer-list"]);
    }
}
