//! Writing an assessment back as TOML or JSON (what the web app exports and the CLI reads).

use super::model::{Answer, Assessment};
use std::fmt::Write;

impl Assessment {
    /// The assessment as TOML, in the documented layout (answers in the short
    /// form when they only give a level).
    pub fn to_toml(&self) -> String {
        let mut out = String::from("[assessment]\n");
        let m = &self.meta;
        line(&mut out, "grid", &m.grid);
        if let Some(v) = &m.grid_version {
            line(&mut out, "grid_version", v);
        }
        if let Some(v) = &m.id {
            line(&mut out, "id", v);
        }
        line(&mut out, "initiative", &m.initiative);
        if let Some(v) = &m.territory {
            line(&mut out, "territory", v);
        }
        if let Some(d) = &m.date {
            if is_plain_date(d) {
                let _ = writeln!(out, "date = {d}");
            } else {
                line(&mut out, "date", d);
            }
        }
        if !m.raters.is_empty() {
            let list: Vec<String> = m.raters.iter().map(|r| toml_string(r)).collect();
            let _ = writeln!(out, "raters = [{}]", list.join(", "));
        }
        out.push_str("\n[profile]\n");
        for (k, v) in &self.profile {
            let _ = writeln!(out, "{} = {}", key(k), toml_string(v));
        }
        out.push_str("\n[answers]\n");
        for (k, a) in &self.answers {
            let _ = writeln!(out, "{} = {}", key(k), answer(a));
        }
        out
    }

    /// The assessment as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

fn line(out: &mut String, k: &str, v: &str) {
    let _ = writeln!(out, "{k} = {}", toml_string(v));
}

fn answer(a: &Answer) -> String {
    if let (true, Some(level)) = (a.is_short(), &a.level) {
        return toml_string(level);
    }
    let mut parts = Vec::new();
    if let Some(l) = &a.level {
        parts.push(format!("level = {}", toml_string(l)));
    }
    if !a.by.is_empty() {
        let by: Vec<String> =
            a.by.iter()
                .map(|(r, c)| format!("{} = {}", key(r), toml_string(c)))
                .collect();
        parts.push(format!("by = {{ {} }}", by.join(", ")));
    }
    if let Some(t) = &a.target {
        parts.push(format!("target = {}", toml_string(t)));
    }
    if let Some(e) = &a.evidence {
        parts.push(format!("evidence = {}", toml_string(e)));
    }
    format!("{{ {} }}", parts.join(", "))
}

/// A TOML basic string with every needed escape.
/// `s` as a TOML basic string (`"…"`) that reads back exactly as `s`:
/// quotes, backslashes and control characters escaped.
pub fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A bare key when possible, else a quoted one.
fn key(k: &str) -> String {
    if !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        k.to_owned()
    } else {
        toml_string(k)
    }
}

/// A `YYYY-MM-DD` that is a real calendar date, written as a TOML date; any
/// other text (`2016-13-45`, `mai 2016`) is written as a string, so the export
/// always reads back.
fn is_plain_date(d: &str) -> bool {
    let b = d.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return false;
    }
    let number = |r: std::ops::Range<usize>| d[r].parse::<u32>().unwrap_or(0);
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_dates_are_written_as_toml_dates() {
        for d in ["2016-05-01", "2000-02-29", "2024-12-31"] {
            assert!(is_plain_date(d), "{d}");
        }
        for d in [
            "2016-13-01",
            "2016-00-10",
            "2016-04-31",
            "1900-02-29",
            "2016-05-00",
            "mai 2016",
        ] {
            assert!(!is_plain_date(d), "{d}");
            let mut a = Assessment::default();
            a.meta.grid = "g".into();
            a.meta.initiative = "i".into();
            a.meta.date = Some(d.into());
            let back = Assessment::from_toml(&a.to_toml()).expect("reads back");
            assert_eq!(back.meta.date.as_deref(), Some(d));
        }
    }

    #[test]
    fn toml_output_reads_back_identically() {
        let mut a = Assessment::default();
        a.meta.grid = "domino".into();
        a.meta.initiative = "Repair café \"Cleunay\"\nRennes".into();
        a.meta.date = Some("2016-05-01".into());
        a.meta.raters = vec!["elu".into(), "membre".into()];
        a.profile.insert("status".into(), "association".into());
        a.answers
            .insert("collectif.accueil".into(), Answer::level("3"));
        let mut by = Answer::default();
        by.by.insert("elu".into(), "3".into());
        by.by.insert("membre".into(), "1".into());
        by.evidence = Some("Tab\there, quote \" and backslash \\".into());
        a.answers.insert("solidarite.equilibre".into(), by);
        let back = Assessment::from_toml(&a.to_toml()).expect("reads back");
        assert_eq!(back.meta, a.meta);
        assert_eq!(back.profile, a.profile);
        assert_eq!(back.answers, a.answers);
        let back = Assessment::from_json(&a.to_json()).expect("reads back");
        assert_eq!(back.answers, a.answers);
    }
}
