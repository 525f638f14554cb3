//! Text layout for terminal tables: padding and score figures.

/// Pads `text` with spaces to `width` characters (left-aligned).
pub fn pad(text: &str, width: usize) -> String {
    let n = text.chars().count();
    if n >= width {
        text.to_owned()
    } else {
        format!("{text}{}", " ".repeat(width - n))
    }
}

/// Pads `text` with spaces to `width` characters (right-aligned).
pub fn pad_left(text: &str, width: usize) -> String {
    let n = text.chars().count();
    if n >= width {
        text.to_owned()
    } else {
        format!("{}{text}", " ".repeat(width - n))
    }
}

/// A score as shown to people: two decimals at most, no trailing zeros; `—` when absent.
pub fn score_text(score: Option<f64>) -> String {
    match score {
        Some(v) => format!("{}", (v * 100.0).round() / 100.0 + 0.0),
        None => "—".to_owned(),
    }
}
