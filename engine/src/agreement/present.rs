//! An agreement report as people read it (a terminal table, Markdown) and as
//! spreadsheets read it (CSV), in the report's language: the settings, one row per
//! scope (all criteria, each axis, each criterion), and Krippendorff's thresholds.

use super::{Agreement, AgreementReport};
use crate::csv_writer::push_record;
use crate::page::{Layout, Page};
use crate::vocabulary::{Language, NO_FIGURE};

/// The report as a terminal table, in `lang` (a language tag).
pub fn table(report: &AgreementReport, lang: &str) -> String {
    render(report, Language::of_text(lang), Layout::Text)
}

/// The report as Markdown, in `lang` (a language tag).
pub fn markdown(report: &AgreementReport, lang: &str) -> String {
    render(report, Language::of_text(lang), Layout::Markdown)
}

/// The rows of the report: a kind, an id, a title and the figures.
fn rows(report: &AgreementReport) -> Vec<(&'static str, &str, &str, &Agreement)> {
    let mut rows = vec![("overall", "", "", &report.overall)];
    rows.extend(
        report
            .axes
            .iter()
            .map(|a| ("axis", a.id.as_str(), a.title.as_str(), &a.agreement)),
    );
    rows.extend(
        report
            .criteria
            .iter()
            .map(|c| ("criterion", c.id.as_str(), c.title.as_str(), &c.agreement)),
    );
    rows
}

fn render(report: &AgreementReport, lang: Language, layout: Layout) -> String {
    let w = lang.agreement();
    let mut page = Page::new(layout, lang);
    page.title(w.title);
    settings(&mut page, report, lang);
    page.blank();
    let kappa = report.kappa_weights.is_some();
    let mut head = vec![w.scope, w.units, w.pairable, w.alpha, w.interval];
    if kappa {
        head.push(w.kappa);
    }
    head.extend([w.agreement, w.reading]);
    let head: Vec<String> = head.into_iter().map(String::from).collect();
    let body: Vec<Vec<String>> = rows(report)
        .into_iter()
        .map(|(kind, id, title, a)| {
            let scope = match kind {
                "overall" => w.overall.to_owned(),
                _ => format!("{id} — {title}"),
            };
            cells(scope, a, lang, kappa)
        })
        .collect();
    let last = head.len() - 1;
    let right: Vec<bool> = (0..head.len()).map(|i| i > 0 && i < last).collect();
    page.table(&head, &body, &right);
    page.after_table();
    page.line(w.thresholds);
    page.finish()
}

/// The settings: metric, raters, initiatives, kappa's weights, bootstrap.
fn settings(page: &mut Page, report: &AgreementReport, lang: Language) {
    let w = lang.agreement();
    page.setting(&lang.labelled(w.metric, w.metrics[report.metric as usize]));
    page.setting(&lang.labelled(w.raters, report.raters.join(", ")));
    page.setting(&lang.labelled(w.initiatives, report.initiatives));
    if let Some(weights) = report.kappa_weights {
        page.setting(&lang.labelled(w.kappa, w.weights[weights as usize]));
    }
    if let Some(b) = report.bootstrap {
        let [before, between, after] = w.bootstrap;
        page.setting(&format!(
            "{before}{}{between}{}{after}",
            b.resamples, b.seed
        ));
    }
}

/// The cells of one row of the table.
fn cells(scope: String, a: &Agreement, lang: Language, kappa: bool) -> Vec<String> {
    let number = |x: Option<f64>| x.map_or(NO_FIGURE.to_owned(), |x| lang.number(x, 3));
    let mut cells = vec![
        scope,
        a.units.to_string(),
        a.pairable.to_string(),
        number(a.alpha),
        a.interval
            .map_or(NO_FIGURE.to_owned(), |i| lang.interval(i.low, i.high, 3)),
    ];
    if kappa {
        cells.push(number(a.kappa));
    }
    cells.push(number(a.observed_agreement));
    cells.push(a.note.clone());
    cells
}

/// One record per scope, machine-readable: codes and plain decimal figures, through the
/// one CSV writer (a grid's titles may read as formulas).
pub fn csv(report: &AgreementReport) -> String {
    let mut out = String::from(
        "kind,id,title,units,pairable,alpha,ci_low,ci_high,kappa,observed_agreement,reliability,undefined\n",
    );
    let number = |x: Option<f64>| x.map_or(String::new(), |x| x.to_string());
    for (kind, id, title, a) in rows(report) {
        let record = [
            kind.to_owned(),
            id.to_owned(),
            title.to_owned(),
            a.units.to_string(),
            a.pairable.to_string(),
            number(a.alpha),
            number(a.interval.map(|i| i.low)),
            number(a.interval.map(|i| i.high)),
            number(a.kappa),
            number(a.observed_agreement),
            a.reliability.map(code).unwrap_or_default(),
            a.undefined.map(code).unwrap_or_default(),
        ];
        push_record(&mut out, record);
    }
    out
}

/// The code of a unit enum as its JSON writes it (`reliable`, `no-variation`).
pub(crate) fn code<T: serde::Serialize>(value: T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}
