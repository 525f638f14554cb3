//! `domino template`: a blank assessment or batch header to fill in.

use crate::failure::Fail;
use crate::files;
use clap::{Args, ValueEnum};
use domino_engine::{Grid, Language, RowSchema};
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// Arguments of `domino template`.
#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// What to print.
    #[arg(long, value_enum, default_value_t = TemplateFormat::Toml)]
    format: TemplateFormat,
    /// Write to this file (atomically) instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// Template formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TemplateFormat {
    /// A blank assessment, every criterion listed with its level descriptors.
    Toml,
    /// The header of a batch CSV file.
    Csv,
}

/// Runs `domino template`.
pub fn run(args: &TemplateArgs, grid: Option<&Path>, lang: &str) -> Result<u8, Fail> {
    let loaded = files::load_grid(grid)?;
    let out = match args.format {
        TemplateFormat::Toml => toml_template(&loaded.grid, lang),
        TemplateFormat::Csv => csv_header(&loaded.grid),
    };
    files::write_output(args.output.as_deref(), out.as_bytes())?;
    Ok(0)
}

/// The batch CSV header: id, name, profile fields, criteria.
pub fn csv_header(grid: &Grid) -> String {
    domino_engine::csv_writer::to_csv([RowSchema::template_header(grid)])
}

/// Comment lines: each line of `text` prefixed with `# `, wrapped at about 96 characters at
/// ASCII spaces (a non-breaking space keeps its words together).
fn comment(out: &mut String, prefix: &str, text: &str) {
    let mut line = String::from(prefix);
    for word in text.split_ascii_whitespace() {
        if line.chars().count() + word.chars().count() + 1 > 96 && line.len() > prefix.len() {
            out.push_str(line.trim_end());
            out.push('\n');
            line = format!("{}  ", prefix.trim_end());
            line.push(' ');
        }
        line.push_str(word);
        line.push(' ');
    }
    out.push_str(line.trim_end());
    out.push('\n');
}

/// A blank assessment in TOML with the grid's questions and level descriptors as comments.
pub fn toml_template(grid: &Grid, lang: &str) -> String {
    let l = Language::of_text(lang);
    let w = l.labels();
    let mut o = String::new();
    let _ = writeln!(
        o,
        "# {} — {} {}",
        grid.title.get(lang),
        w.blank_assessment,
        grid.version
    );
    comment(&mut o, "# ", w.template_help);
    let _ = writeln!(o, "\n[assessment]");
    let _ = writeln!(o, "grid = \"{}\"", grid.id);
    let _ = writeln!(o, "grid_version = \"{}\"", grid.version);
    let _ = writeln!(o, "initiative = \"\"");
    let _ = writeln!(o, "# territory = \"\"");
    let _ = writeln!(o, "# date = 2016-01-31");
    let _ = writeln!(o, "# raters = [\"elu\", \"membre\"]");
    let _ = writeln!(o, "\n[profile]");
    for f in &grid.profile {
        let choices = match &f.choices {
            Some(c) => c
                .iter()
                .map(|c| format!("{} ({})", c.code, c.label.get(lang)))
                .collect::<Vec<_>>()
                .join(", "),
            None => w.free_text.to_owned(),
        };
        comment(&mut o, "# ", &l.labelled(f.label.get(lang), choices));
        let _ = writeln!(o, "# {} = \"\"", f.id);
    }
    let _ = writeln!(o, "\n[answers]");
    for axis in &grid.axes {
        let _ = writeln!(o, "\n# ══ {} ══", axis.title.get(lang));
        comment(&mut o, "# ", axis.question.get(lang));
        for c in &axis.criteria {
            let scale = &grid.scales[c.scale];
            o.push('\n');
            let critical = if c.critical {
                format!(" [{}]", w.critical)
            } else {
                String::new()
            };
            let _ = writeln!(o, "# ── {}{critical}", c.title.get(lang));
            comment(&mut o, "# ", c.question.get(lang));
            if let Some(h) = &c.hint {
                comment(&mut o, "#   ", h.get(lang));
            }
            for (opt, desc) in scale.options.iter().zip(&c.levels) {
                let text = match desc {
                    Some(d) => format!("{} — {}", opt.label.get(lang), d.get(lang)),
                    None => opt.label.get(lang).to_owned(),
                };
                comment(&mut o, &format!("#   {}", l.labelled(&opt.code, "")), &text);
            }
            for special in scale.not_applicable.iter().chain(&scale.unknown) {
                let line = l.labelled(&special.code, special.label.get(lang));
                let _ = writeln!(o, "#   {line}");
            }
            let _ = writeln!(
                o,
                "# \"{}\" = {{ level = \"\", target = \"\", evidence = \"\" }}",
                c.full_id
            );
        }
    }
    o
}
