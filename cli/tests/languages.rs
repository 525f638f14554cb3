//! `--lang` reads any tag of a language the tools speak, refuses others listing them, and the
//! output's punctuation is the language's.

use std::path::Path;
use std::process::{Command, Output};

fn domino(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_domino"))
        .args(args)
        .current_dir(Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap())
        .env("NO_COLOR", "1")
        .output()
        .expect("domino runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

const SAMPLE: &str = "grids/examples/la-redonnerie.toml";

#[test]
fn a_regional_or_uppercase_tag_is_the_language_itself() {
    let fr = domino(&["--lang", "fr", "score", SAMPLE]);
    for tag in ["fr-FR", "FR", "fr_CA"] {
        let o = domino(&["--lang", tag, "score", SAMPLE]);
        assert_eq!(o.status.code(), Some(0), "{tag}: {}", text(&o.stderr));
        assert_eq!(o.stdout, fr.stdout, "{tag}");
    }
    let en = domino(&["--lang", "en", "score", SAMPLE]);
    let gb = domino(&["--lang", "en-GB", "score", SAMPLE]);
    assert_eq!(gb.stdout, en.stdout);
    assert_ne!(en.stdout, fr.stdout);
}

#[test]
fn an_unknown_language_is_refused_listing_the_languages() {
    let o = domino(&["--lang", "de", "score", SAMPLE]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let err = text(&o.stderr);
    assert!(err.contains("unknown language `de`"), "{err}");
    assert!(err.contains("fr (Français), en (English)"), "{err}");
}

#[test]
fn english_labels_have_no_space_before_a_colon_french_ones_a_non_breaking_one() {
    let en = text(&domino(&["--lang", "en", "score", SAMPLE, "--explain"]).stdout);
    for line in [
        "Grid: domino",
        "Raters: elu",
        "Overall score: ",
        "    why: ",
    ] {
        assert!(en.contains(line), "{line:?} in\n{en}");
    }
    assert!(!en.contains('\u{a0}'), "{en}");
    let fr = text(&domino(&["--lang", "fr", "score", SAMPLE, "--explain"]).stdout);
    for line in [
        "Grille\u{a0}: domino",
        "Évaluateurs\u{a0}: elu",
        "    pourquoi\u{a0}: ",
    ] {
        assert!(fr.contains(line), "{line:?} in\n{fr}");
    }
}

#[test]
fn the_printed_report_is_titled_once_per_name() {
    let html = text(&domino(&["report", SAMPLE]).stdout);
    let title = html
        .split("<title>")
        .nth(1)
        .and_then(|t| t.split("</title>").next())
        .expect("a title");
    assert_eq!(title, "La Redonnerie — Rapport DOMINO");
}

#[test]
fn a_french_summary_writes_figures_and_labels_the_french_way() {
    let o = domino(&[
        "--lang",
        "fr",
        "batch",
        "grids/examples/batch/initiatives.csv",
        "--summary",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(out.starts_with("Grille\u{a0}: domino "), "{out}");
    assert!(out.contains("lignes notées, 0 en erreur"), "{out}");
    let overall = out.lines().find(|l| l.contains("Score global")).unwrap();
    assert!(overall.contains(','), "decimal comma: {overall}");
    assert!(!overall.contains('.'), "no decimal point: {overall}");
}
