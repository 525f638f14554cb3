//! Batch summaries: per-group counts, mean and median per axis, finding counts.
//!
//! Constant memory: scores are reported rounded to 0.01, so a histogram of
//! 10,001 bins per group and axis gives exact medians; sums are kept in
//! hundredths as integers, so results do not depend on the order rows arrive in.

use domino_engine::text_layout::{pad, pad_left};
use domino_engine::vocabulary::{report_text, NO_FIGURE};
use domino_engine::{Evaluation, FindingKind, Grid, Language};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

const BINS: usize = 10_001;

/// Scores of one axis (or the overall score) in a group.
#[derive(Debug, Clone, Default)]
pub struct Hist {
    /// Rows with a score.
    pub n: u64,
    sum: u64,
    bins: Vec<u32>,
}

impl Hist {
    /// Adds a score (0–100).
    pub fn add(&mut self, score: f64) {
        let centi = (score * 100.0).round().clamp(0.0, 10_000.0) as usize;
        if self.bins.is_empty() {
            self.bins = vec![0; BINS];
        }
        self.bins[centi] += 1;
        self.n += 1;
        self.sum += centi as u64;
    }

    fn merge(&mut self, other: &Hist) {
        if other.n == 0 {
            return;
        }
        if self.bins.is_empty() {
            self.bins = vec![0; BINS];
        }
        for (a, b) in self.bins.iter_mut().zip(&other.bins) {
            *a += b;
        }
        self.n += other.n;
        self.sum += other.sum;
    }

    /// Mean, rounded to 0.01.
    pub fn mean(&self) -> Option<f64> {
        (self.n > 0).then(|| (self.sum as f64 / self.n as f64).round() / 100.0)
    }

    /// The k-th smallest score (0-based), in hundredths.
    fn kth(&self, k: u64) -> u64 {
        let mut seen = 0;
        for (i, &c) in self.bins.iter().enumerate() {
            seen += u64::from(c);
            if seen > k {
                return i as u64;
            }
        }
        10_000
    }

    /// Median (mean of the two middle scores for an even count), rounded to 0.01.
    pub fn median(&self) -> Option<f64> {
        if self.n == 0 {
            return None;
        }
        let centi = if self.n % 2 == 1 {
            self.kth(self.n / 2) as f64
        } else {
            (self.kth(self.n / 2 - 1) + self.kth(self.n / 2)) as f64 / 2.0
        };
        Some((centi).round() / 100.0)
    }

    /// Counts in `n` equal bins over 0–100 (the last bin includes 100).
    pub fn coarse(&self, n: usize) -> Vec<u64> {
        let mut out = vec![0u64; n];
        for (i, &c) in self.bins.iter().enumerate() {
            let b = (i * n / 10_000).min(n - 1);
            out[b] += u64::from(c);
        }
        out
    }
}

/// One group's statistics.
#[derive(Debug, Clone, Default)]
pub struct Group {
    /// Rows scored.
    pub rows: u64,
    /// Overall score, then each axis.
    pub series: Vec<Hist>,
    /// Findings by kind (report order).
    pub findings: [u64; 4],
}

impl Group {
    fn merge(&mut self, other: &Group) {
        self.rows += other.rows;
        if self.series.len() < other.series.len() {
            self.series.resize(other.series.len(), Hist::default());
        }
        for (a, b) in self.series.iter_mut().zip(&other.series) {
            a.merge(b);
        }
        for (a, b) in self.findings.iter_mut().zip(other.findings) {
            *a += b;
        }
    }
}

/// Statistics of a batch, by group.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    /// Groups by their values of the `--by` fields.
    pub groups: HashMap<Vec<String>, Group>,
    /// The key of the last row added, reused from row to row.
    key: Vec<String>,
}

impl Stats {
    /// Adds one evaluation; `by` holds profile field indices.
    pub fn add(&mut self, grid: &Grid, by: &[usize], e: &Evaluation) {
        // The group is looked up by a key rebuilt in place: no allocation
        // per row, only per new group.
        self.key.resize_with(by.len(), String::new);
        for (key, &p) in self.key.iter_mut().zip(by) {
            key.clear();
            key.push_str(e.responses.profile[p].as_deref().unwrap_or_default());
        }
        if !self.groups.contains_key(self.key.as_slice()) {
            self.groups.insert(self.key.clone(), Group::default());
        }
        let Some(group) = self.groups.get_mut(self.key.as_slice()) else {
            return;
        };
        if group.series.is_empty() {
            group.series = vec![Hist::default(); grid.axes.len() + 1];
        }
        group.rows += 1;
        if let Some(o) = e.overall {
            group.series[0].add(o);
        }
        for (h, a) in group.series[1..].iter_mut().zip(&e.axes) {
            if let Some(s) = a.score {
                h.add(s);
            }
        }
        for f in &e.findings {
            let k = FindingKind::ALL
                .iter()
                .position(|k| *k == f.kind)
                .unwrap_or(0);
            group.findings[k] += 1;
        }
    }

    /// Merges another partial result.
    pub fn merge(&mut self, other: Stats) {
        for (k, g) in other.groups {
            self.groups.entry(k).or_default().merge(&g);
        }
    }

    /// All groups together.
    pub fn total(&self) -> Group {
        let mut t = Group::default();
        let mut keys: Vec<&Vec<String>> = self.groups.keys().collect();
        keys.sort();
        for k in keys {
            t.merge(&self.groups[k]);
        }
        t
    }

    /// Groups sorted by key.
    pub fn sorted(&self) -> BTreeMap<&Vec<String>, &Group> {
        self.groups.iter().collect()
    }
}

#[derive(Serialize)]
struct SeriesJson {
    id: String,
    scored: u64,
    mean: Option<f64>,
    median: Option<f64>,
}

#[derive(Serialize)]
struct GroupJson {
    group: BTreeMap<String, String>,
    rows: u64,
    series: Vec<SeriesJson>,
    findings: BTreeMap<&'static str, u64>,
}

#[derive(Serialize)]
struct SummaryJson {
    grid: domino_engine::report::GridStamp,
    by: Vec<String>,
    rows: u64,
    failed: u64,
    groups: Vec<GroupJson>,
    total: GroupJson,
}

fn series_ids(grid: &Grid) -> Vec<String> {
    std::iter::once("overall".to_owned())
        .chain(grid.axes.iter().map(|a| a.id.clone()))
        .collect()
}

fn group_json(grid: &Grid, by: &[String], key: &[String], g: &Group) -> GroupJson {
    GroupJson {
        group: by.iter().cloned().zip(key.iter().cloned()).collect(),
        rows: g.rows,
        series: series_ids(grid)
            .into_iter()
            .zip(&g.series)
            .map(|(id, h)| SeriesJson {
                id,
                scored: h.n,
                mean: h.mean(),
                median: h.median(),
            })
            .collect(),
        findings: FindingKind::ALL
            .iter()
            .map(|k| k.code())
            .zip(g.findings)
            .collect(),
    }
}

fn stamp(grid: &Grid) -> domino_engine::report::GridStamp {
    domino_engine::report::GridStamp {
        id: grid.id.clone(),
        version: grid.version.clone(),
        hash: grid.hash.clone(),
    }
}

/// The summary as JSON.
pub fn json(grid: &Grid, by: &[String], stats: &Stats, rows: u64, failed: u64) -> String {
    let total = stats.total();
    let s = SummaryJson {
        grid: stamp(grid),
        by: by.to_vec(),
        rows,
        failed,
        groups: stats
            .sorted()
            .into_iter()
            .map(|(k, g)| group_json(grid, by, k, g))
            .collect(),
        total: group_json(grid, by, &vec![String::new(); by.len()], &total),
    };
    let mut out = serde_json::to_string_pretty(&s).unwrap_or_default();
    out.push('\n');
    out
}

fn num(x: Option<f64>) -> String {
    x.map(|v| format!("{v}")).unwrap_or_default()
}

/// The summary as CSV: one line per group, then a total line (group cells `*`).
pub fn csv(grid: &Grid, by: &[String], stats: &Stats) -> String {
    let mut out = String::new();
    let mut head: Vec<String> = by.to_vec();
    head.push("rows".into());
    for id in series_ids(grid) {
        head.push(format!("{id}.scored"));
        head.push(format!("{id}.mean"));
        head.push(format!("{id}.median"));
    }
    head.extend(
        ["pepites", "opportunites", "vigilances", "debats"]
            .iter()
            .map(|s| (*s).to_owned()),
    );
    head.extend(["grid", "grid_version", "grid_hash"].map(String::from));
    domino_engine::csv_writer::push_record(&mut out, &head);
    let record = |key: &[String], g: &Group| {
        let mut r: Vec<String> = key.to_vec();
        r.push(g.rows.to_string());
        for h in &g.series {
            r.push(h.n.to_string());
            r.push(num(h.mean()));
            r.push(num(h.median()));
        }
        r.extend(g.findings.iter().map(u64::to_string));
        r.push(grid.id.clone());
        r.push(grid.version.clone());
        r.push(domino_engine::short_hash(&grid.hash).to_owned());
        r
    };
    for (k, g) in stats.sorted() {
        domino_engine::csv_writer::push_record(&mut out, record(k, g));
    }
    domino_engine::csv_writer::push_record(
        &mut out,
        record(&vec!["*".to_owned(); by.len()], &stats.total()),
    );
    out
}

/// The summary as readable text: one block per group.
pub fn table(
    grid: &Grid,
    by: &[String],
    stats: &Stats,
    rows: u64,
    failed: u64,
    lang: &str,
) -> String {
    let l = Language::of_text(lang);
    let w = l.labels();
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{}",
        l.labelled(
            w.grid,
            report_text::stamp_of(&grid.id, &grid.version, &grid.hash)
        )
    );
    let _ = writeln!(o, "{rows} {} {}, {failed} {}", w.rows, w.scored, w.failed);
    let labels: Vec<String> = std::iter::once(w.overall.to_owned())
        .chain(grid.axes.iter().map(|a| a.id.clone()))
        .collect();
    let lw = labels
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(8)
        .max(8);
    let block = |o: &mut String, title: String, g: &Group| {
        let _ = writeln!(o, "\n{title} (n = {})", g.rows);
        let _ = writeln!(
            o,
            "  {}  {}  {}  {}",
            pad("", lw),
            pad_left(w.scored, 7),
            pad_left(w.mean, 8),
            pad_left(w.median, 8)
        );
        for (label, h) in labels.iter().zip(&g.series) {
            let _ = writeln!(
                o,
                "  {}  {}  {}  {}",
                pad(label, lw),
                pad_left(&h.n.to_string(), 7),
                pad_left(&l.score(h.mean()), 8),
                pad_left(&l.score(h.median()), 8)
            );
        }
        let counts: Vec<String> = FindingKind::ALL
            .iter()
            .zip(g.findings)
            .map(|(k, n)| format!("{} {n}", l.kind(*k)))
            .collect();
        let _ = writeln!(o, "  {}", counts.join(" · "));
    };
    if !by.is_empty() {
        for (k, g) in stats.sorted() {
            let title = by
                .iter()
                .zip(k)
                .map(|(f, v)| format!("{f} = {}", if v.is_empty() { NO_FIGURE } else { v }))
                .collect::<Vec<_>>()
                .join(", ");
            block(&mut o, title, g);
        }
    }
    block(&mut o, w.all.to_owned(), &stats.total());
    o
}

#[cfg(test)]
mod tests {
    use super::Hist;

    #[test]
    fn medians_are_exact_and_means_order_independent() {
        let mut h = Hist::default();
        for v in [10.0, 20.0, 30.5, 40.25] {
            h.add(v);
        }
        assert_eq!(h.median(), Some(25.25));
        assert_eq!(h.mean(), Some(25.19));
        h.add(100.0);
        assert_eq!(h.median(), Some(30.5));
        assert_eq!(h.coarse(4), vec![2, 2, 0, 1]);
    }
}
