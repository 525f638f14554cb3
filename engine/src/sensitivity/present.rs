//! A sensitivity analysis as people read it (a terminal table, in the
//! analysis' language), as spreadsheets read it (CSV) and as a chart reads it
//! (the rank ranges of the first initiatives).

use super::{RankShift, Sensitivity};
use crate::agreement::code;
use crate::csv_writer::push_record;
use crate::page::{Layout, Page};
use crate::vocabulary::{Language, NO_FIGURE};

/// The analysis as a terminal table in `lang`, listing the first `top`
/// initiatives by median rank.
pub fn table(s: &Sensitivity, top: usize, lang: &str) -> String {
    let lang = Language::of_text(lang);
    let w = lang.sensitivity();
    let mut page = Page::new(Layout::Text, lang);
    page.title(w.title);
    settings(&mut page, s, lang);
    if let Some(i) = s.insufficient {
        page.blank();
        page.line(w.insufficient_text(i));
    }
    if !s.ranks.is_empty() {
        page.blank();
        initiatives(&mut page, s, top, lang);
    }
    if !s.unranked.is_empty() {
        page.heading(w.unranked);
        page.line(&s.unranked.join(", "));
    }
    if let Some(shift) = &s.aggregation_shift {
        page.heading(w.aggregation_shift);
        page.line(&shift_sentence(shift, lang));
    }
    if !s.leave_one_out.is_empty() {
        page.heading(w.leave_one_out);
        criteria(&mut page, s, lang);
    }
    page.blank();
    page.line(w.reading);
    page.finish()
}

/// Grid, runs, aggregation, initiatives ranked, weight-dependent rules.
fn settings(page: &mut Page, s: &Sensitivity, lang: Language) {
    let w = lang.sensitivity();
    let o = &s.options;
    page.setting(&lang.labelled(lang.labels().grid, &s.grid));
    page.setting(&lang.monte_carlo(o.runs, o.spread, o.seed));
    page.setting(&lang.labelled(w.aggregation, w.aggregation_name(o.aggregation)));
    page.setting(&lang.labelled(w.ranked, format!("{}{}{}", s.ranked, w.of, s.initiatives)));
    let rules = if s.weight_dependent_rules.is_empty() {
        w.no_weighted_rule.to_owned()
    } else {
        s.weight_dependent_rules.join(", ")
    };
    page.setting(&lang.labelled(w.weighted_rules, rules));
}

fn initiatives(page: &mut Page, s: &Sensitivity, top: usize, lang: Language) {
    let w = lang.sensitivity();
    let head: Vec<String> = [
        w.initiative,
        w.nominal_rank,
        w.median_rank,
        w.range,
        w.findings_changed,
    ]
    .map(String::from)
    .to_vec();
    let body: Vec<Vec<String>> = s
        .ranks
        .iter()
        .take(top)
        .map(|r| {
            vec![
                r.name.clone(),
                r.nominal_rank.to_string(),
                rank(r.median_rank, lang),
                format!("{}–{}", rank(r.rank_p05, lang), rank(r.rank_p95, lang)),
                percent(r.findings_changed, lang),
            ]
        })
        .collect();
    page.table(&head, &body, &[false, true, true, true, true]);
    page.after_table();
    if s.ranks.len() > top {
        let [before, after] = w.top;
        page.line(&format!("{before}{top}{after}"));
    }
}

fn criteria(page: &mut Page, s: &Sensitivity, lang: Language) {
    let w = lang.sensitivity();
    let head: Vec<String> = [
        w.criterion,
        w.weight,
        w.mean_shift,
        w.max_shift,
        w.spearman,
        w.compared,
    ]
    .map(String::from)
    .to_vec();
    let body: Vec<Vec<String>> = s
        .leave_one_out
        .iter()
        .map(|c| {
            let mut row = vec![format!("{} — {}", c.id, c.title), lang.number(c.weight, 2)];
            row.extend(shift_cells(&c.shift, lang));
            row
        })
        .collect();
    page.table(&head, &body, &[false, true, true, true, true, true]);
}

/// Mean shift, largest shift, ρ (or why it is missing), initiatives compared.
fn shift_cells(shift: &RankShift, lang: Language) -> [String; 4] {
    let w = lang.sensitivity();
    let figure = |x: Option<f64>, d| x.map_or(NO_FIGURE.to_owned(), |x| lang.number(x, d));
    let rho = match (shift.spearman, shift.undefined) {
        (Some(r), _) => lang.number(r, 3),
        (None, Some(u)) => w.undefined_text(u).to_owned(),
        (None, None) => NO_FIGURE.to_owned(),
    };
    [
        figure(shift.mean_abs_shift, 2),
        shift
            .max_abs_shift
            .map_or(NO_FIGURE.to_owned(), |m| m.to_string()),
        rho,
        shift.compared.to_string(),
    ]
}

fn shift_sentence(shift: &RankShift, lang: Language) -> String {
    let w = lang.sensitivity();
    let [mean, max, rho, compared] = shift_cells(shift, lang);
    [
        lang.labelled(w.mean_shift, mean),
        lang.labelled(w.max_shift, max),
        lang.labelled(w.spearman, rho),
        lang.labelled(w.compared, compared),
    ]
    .join(" · ")
}

/// A rank: whole, or with one decimal when it falls between two.
fn rank(x: f64, lang: Language) -> String {
    let decimals = if x.fract() == 0.0 { 0 } else { 1 };
    lang.number(x, decimals)
}

fn percent(share: f64, lang: Language) -> String {
    match lang {
        Language::Fr => format!("{}\u{a0}%", lang.number(share * 100.0, 1)),
        Language::En => format!("{}%", lang.number(share * 100.0, 1)),
    }
}

/// One record per initiative, then one per criterion left out (and the
/// aggregation's), machine-readable: plain decimal figures, through the one
/// CSV writer (names may read as formulas).
pub fn csv(s: &Sensitivity) -> String {
    let mut out = String::from(
        "kind,id,nominal_score,nominal_rank,median_rank,rank_p05,rank_p95,findings_changed,weight,compared,mean_abs_shift,max_abs_shift,spearman,undefined\n",
    );
    let number = |x: Option<f64>| x.map_or(String::new(), |x| x.to_string());
    for r in &s.ranks {
        let mut record = vec![
            "initiative".to_owned(),
            r.name.clone(),
            r.nominal_score.to_string(),
            r.nominal_rank.to_string(),
            r.median_rank.to_string(),
            r.rank_p05.to_string(),
            r.rank_p95.to_string(),
            r.findings_changed.to_string(),
        ];
        record.resize(14, String::new());
        push_record(&mut out, record);
    }
    for name in &s.unranked {
        let mut record = vec!["unranked".to_owned(), name.clone()];
        record.resize(14, String::new());
        push_record(&mut out, record);
    }
    let shifts = s
        .aggregation_shift
        .iter()
        .map(|shift| ("aggregation", "geometric", None, shift))
        .chain(
            s.leave_one_out
                .iter()
                .map(|c| ("criterion", c.id.as_str(), Some(c.weight), &c.shift)),
        );
    for (kind, id, weight, shift) in shifts {
        let mut record = vec![kind.to_owned(), id.to_owned()];
        record.resize(8, String::new());
        record.extend([
            number(weight),
            shift.compared.to_string(),
            number(shift.mean_abs_shift),
            shift
                .max_abs_shift
                .map(|m| m.to_string())
                .unwrap_or_default(),
            number(shift.spearman),
            shift.undefined.map(code).unwrap_or_default(),
        ]);
        push_record(&mut out, record);
    }
    out
}
