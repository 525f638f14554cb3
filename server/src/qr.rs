//! The join QR code: an SVG drawn here (no external service), one dark rectangle per module.

use qrcode::render::svg;
use qrcode::{EcLevel, QrCode};

/// Pixels per module in the SVG (it scales: the board sizes it to the screen).
pub const MODULE_PX: u32 = 8;
/// Blank modules around the code, as the QR standard asks for readers to find it.
pub const QUIET_ZONE: u32 = 4;

/// The QR code of `text` as an SVG document, medium error correction (15 %
/// of the modules may be lost to a projector's glare and still read).
pub fn svg_of(text: &str) -> Result<String, String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M)
        .map_err(|e| format!("the link cannot be drawn as a QR code ({e})"))?;
    Ok(code
        .render::<svg::Color>()
        .quiet_zone(true)
        .module_dimensions(MODULE_PX, MODULE_PX)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build())
}
