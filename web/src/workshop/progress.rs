//! Progress since the previous session of the initiative: the shared `ProgressView`
//! (per axis and per criterion changes, findings that appeared or were resolved, both
//! radars overlaid) on the two sessions' reports, once this one's results are out.

use super::Ctx;
use crate::ui::progress::ProgressView;
use yew::prelude::*;

/// The progress view, when there is a previous session to compare with.
pub fn view(ctx: &Ctx) -> Html {
    let w = ctx.w();
    match (w.previous_report.clone(), w.report.clone()) {
        (Some(old), Some(new)) if w.phase() == "closed" => {
            html! { <ProgressView {old} {new} lang={ctx.lang} /> }
        }
        _ => Html::default(),
    }
}
