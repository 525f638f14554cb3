//! Rendering to an SVG string, with an accessible title.

use plotters::coord::Shift;
use plotters::prelude::{DrawingArea, IntoDrawingArea, SVGBackend};

/// Draws with `draw` on an SVG canvas of `size` pixels and returns the document,
/// titled for assistive technologies. Drawing errors leave the chart partial,
/// never fail: the SVG backend writes into a string.
pub(crate) fn render(
    size: (u32, u32),
    title: &str,
    draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, Shift>),
) -> String {
    let mut buf = String::new();
    {
        let root = SVGBackend::with_string(&mut buf, size).into_drawing_area();
        draw(&root);
        let _ = root.present();
    }
    with_title(buf, title)
}

/// Inserts `role="img"`, an `aria-label` and a `<title>` into an SVG document.
pub(crate) fn with_title(svg: String, title: &str) -> String {
    let Some(start) = svg.find("<svg") else {
        return svg;
    };
    let Some(end) = svg[start..].find('>').map(|i| start + i) else {
        return svg;
    };
    let title = crate::markup::escape(&super::clean(title, 300));
    let mut out = String::with_capacity(svg.len() + 2 * title.len() + 64);
    out.push_str(&svg[..end]);
    out.push_str(&format!(
        " role=\"img\" aria-label=\"{title}\">\n<title>{title}</title>"
    ));
    out.push_str(&svg[end + 1..]);
    out
}
