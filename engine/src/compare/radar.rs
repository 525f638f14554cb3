//! Both assessments of a comparison on one radar: the progress view's chart.

use crate::charts::{radar_svg, ChartOptions, RadarSeries};
use crate::report::Report;
use crate::vocabulary::Language;

/// The radar of two reports overlaid, on the axes both have (in the new
/// report's order, so two versions of a grid are drawn on what they share).
/// Series are named « Avant » / « Après » (or Before / After) with their date,
/// since both usually carry the same initiative name.
pub fn radar_overlay(old: &Report, new: &Report, options: &ChartOptions) -> String {
    let l = Language::of_text(&new.lang).comparison();
    let shared: Vec<(&str, &str)> = new
        .axes
        .iter()
        .filter(|a| old.axes.iter().any(|o| o.id == a.id))
        .map(|a| (a.id.as_str(), a.title.as_str()))
        .collect();
    let series = |r: &Report, word: &str| RadarSeries {
        label: match &r.date {
            Some(d) => format!("{word} ({d})"),
            None => word.to_owned(),
        },
        values: shared
            .iter()
            .map(|(id, _)| r.axes.iter().find(|a| a.id == *id).and_then(|a| a.score))
            .collect(),
    };
    let axes: Vec<String> = shared.iter().map(|(_, t)| (*t).to_owned()).collect();
    radar_svg(
        &axes,
        &[series(old, l.before), series(new, l.after)],
        options,
    )
}
