//! What `domino` reads and writes: a file is told TOML or JSON by its content
//! first, text must be UTF-8 (a BOM is dropped, UTF-16 refused with what to do),
//! and every CSV it writes is safe to open in a spreadsheet: a name typed as a
//! formula (`=HYPERLINK(…)`, `@SUM(1)`, `+cmd`, `-2+3`, a leading tab) comes out
//! as text, prefixed with `'`, in batch results, batch summaries,
//! `score --format csv`, `compare --format csv` (two batches, by initiative and
//! by group) and `agreement --format csv`; numbers stay numbers.

use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Cells a spreadsheet would run as formulas.
const HOSTILE: [&str; 5] = [
    "=HYPERLINK(\"http://x\",\"clic\")",
    "@SUM(1)",
    "+cmd",
    "-2+3",
    "\tcalc",
];

/// Runs `domino` in `dir`.
fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_domino"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("domino runs")
}

/// Runs `domino` in `dir`; returns its standard output, after checking it succeeded.
fn domino(dir: &Path, args: &[&str]) -> String {
    let out = run(dir, args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{args:?}: {stderr}");
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

const ASSESSMENT_JSON: &str = r#"{"assessment": {"grid": "domino", "initiative": "Repair café"}, "answers": {"collectif.accueil": "3"}}"#;

#[test]
fn a_file_starting_with_a_brace_is_json_whatever_its_name() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.toml"), ASSESSMENT_JSON).unwrap();
    let out = domino(dir.path(), &["score", "a.toml", "--format", "csv"]);
    assert!(out.contains("Repair café"), "{out}");
}

#[test]
fn a_utf8_bom_is_dropped_and_utf16_is_refused_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let mut bom = b"\xef\xbb\xbf".to_vec();
    bom.extend_from_slice(ASSESSMENT_JSON.as_bytes());
    std::fs::write(dir.path().join("bom.json"), &bom).unwrap();
    domino(dir.path(), &["score", "bom.json"]);
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend(ASSESSMENT_JSON.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(dir.path().join("utf16.json"), &utf16).unwrap();
    for args in [&["score", "utf16.json"][..], &["batch", "utf16.json"]] {
        let out = run(dir.path(), args);
        assert!(!out.status.success(), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(
                "`utf16.json` is UTF-16 text (little-endian byte order mark); save it as UTF-8"
            ),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn a_batch_starting_with_a_bom_is_still_told_by_its_first_character() {
    let dir = tempfile::tempdir().unwrap();
    let mut batch = b"\xef\xbb\xbf[".to_vec();
    batch.extend_from_slice(ASSESSMENT_JSON.as_bytes());
    batch.push(b']');
    std::fs::write(dir.path().join("batch"), &batch).unwrap();
    let out = domino(dir.path(), &["batch", "batch"]);
    assert!(out.contains("Repair café"), "{out}");
}

/// The cells of a CSV text, read back as a spreadsheet would import them.
fn cells(csv_text: &str) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(csv_text.as_bytes());
    reader
        .records()
        .flat_map(|r| {
            r.expect("valid CSV")
                .iter()
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Checks that no cell is live and that each hostile text that reached the
/// output did so defused (and that at least the `=HYPERLINK` one did).
fn assert_defused(what: &str, csv_text: &str) {
    let cells = cells(csv_text);
    for cell in &cells {
        assert!(
            !domino_engine::csv_writer::is_formula(cell),
            "{what}: live cell {cell:?} in\n{csv_text}"
        );
    }
    assert!(
        cells.contains(&format!("'{}", HOSTILE[0])),
        "{what}: the hostile name is missing from\n{csv_text}"
    );
    for text in HOSTILE {
        assert!(!cells.iter().any(|c| c == text), "{what}: {text:?} live");
    }
}

/// The DOMINO grid with a free-text profile field, so that summaries can be
/// grouped by text typed in the input.
fn grid_with_free_text_field(dir: &Path) {
    let grid = format!(
        "{}\n[[profile]]\nid = \"ville\"\nlabel = {{ fr = \"Ville\", en = \"Town\" }}\n",
        domino_engine::DOMINO_GRID
    );
    std::fs::write(dir.join("grid.toml"), grid).unwrap();
}

/// A batch CSV whose names and towns are the hostile texts.
fn hostile_batch(dir: &Path) {
    hostile_wave(dir, "in.csv", "3", &[]);
}

/// A batch CSV `file`, one row per hostile text answering `level`, then `extra` rows.
fn hostile_wave(dir: &Path, file: &str, level: &str, extra: &[[&str; 4]]) {
    let mut w = csv::Writer::from_path(dir.join(file)).unwrap();
    w.write_record(["id", "name", "ville", "collectif.accueil"])
        .unwrap();
    for (i, text) in HOSTILE.iter().enumerate() {
        w.write_record([format!("r{i}").as_str(), text, text, level])
            .unwrap();
    }
    for row in extra {
        w.write_record(row).unwrap();
    }
    w.flush().unwrap();
}

#[test]
fn batch_results_defuse_formulas_in_names() {
    let dir = tempfile::tempdir().unwrap();
    grid_with_free_text_field(dir.path());
    hostile_batch(dir.path());
    let out = domino(dir.path(), &["batch", "in.csv", "--grid", "grid.toml"]);
    assert_defused("batch", &out);
    // Scores are still written as numbers.
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let overall = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "overall");
    let overall = overall.expect("an overall column");
    for record in reader.records() {
        let cell = record.unwrap()[overall].to_owned();
        assert!(cell.parse::<f64>().is_ok(), "overall {cell:?} in\n{out}");
    }
}

#[test]
fn batch_summaries_defuse_formulas_in_group_names() {
    let dir = tempfile::tempdir().unwrap();
    grid_with_free_text_field(dir.path());
    hostile_batch(dir.path());
    let out = domino(
        dir.path(),
        &[
            "batch",
            "in.csv",
            "--grid",
            "grid.toml",
            "--summary",
            "--by",
            "ville",
            "--summary-format",
            "csv",
        ],
    );
    assert_defused("summary", &out);
}

#[test]
fn score_csv_defuses_formulas_in_the_initiative_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["score".to_owned()];
    for (i, text) in HOSTILE.iter().enumerate() {
        let file = format!("a{i}.toml");
        let toml = format!(
            "[assessment]\ngrid = \"domino\"\ninitiative = {text:?}\n[answers]\n\"collectif.accueil\" = \"3\"\n"
        );
        std::fs::write(dir.path().join(&file), toml).unwrap();
        args.push(file);
    }
    args.extend(["--format".to_owned(), "csv".to_owned()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    assert_defused("score", &domino(dir.path(), &args));
}

/// The hostile batch again, one level higher: the new wave of a census, with one
/// initiative of its own (written in a record of its own, name included).
fn hostile_new_batch(dir: &Path) {
    hostile_wave(dir, "new.csv", "4", &[["r9", HOSTILE[0], HOSTILE[0], "2"]]);
}

#[test]
fn batch_comparisons_defuse_formulas_in_names() {
    let dir = tempfile::tempdir().unwrap();
    grid_with_free_text_field(dir.path());
    hostile_batch(dir.path());
    hostile_new_batch(dir.path());
    let compare = ["compare", "in.csv", "new.csv", "--grid", "grid.toml"];
    let by_initiative = domino(dir.path(), &[&compare[..], &["--format", "csv"]].concat());
    assert_defused("compare by initiative", &by_initiative);
    let by_group = domino(
        dir.path(),
        &[&compare[..], &["--format", "csv", "--by", "ville"]].concat(),
    );
    assert_defused("compare by group", &by_group);
}

#[test]
fn agreement_csv_defuses_formulas_in_titles() {
    let dir = tempfile::tempdir().unwrap();
    // The first axis titled like a formula, in both languages of the grid.
    let mut titled = 0;
    let grid: Vec<String> = domino_engine::DOMINO_GRID
        .lines()
        .map(|line| {
            let first_axis = line.starts_with("title.fr = \"De l’individu")
                || line.starts_with("title.en = \"From individual");
            if !first_axis {
                return line.to_owned();
            }
            titled += 1;
            format!("{} = {:?}", &line[..8], HOSTILE[0])
        })
        .collect();
    assert_eq!(titled, 2, "the first axis' titles are in the grid");
    let grid = grid.join("\n");
    std::fs::write(dir.path().join("grid.toml"), grid).unwrap();
    let ratings = "id,rater,collectif.accueil,collectif.contribution\n\
                   a,elu,3,4\na,technicien,2,4\nb,elu,1,2\nb,technicien,1,3\n";
    std::fs::write(dir.path().join("ratings.csv"), ratings).unwrap();
    let out = domino(
        dir.path(),
        &[
            "agreement",
            "ratings.csv",
            "--grid",
            "grid.toml",
            "--format",
            "csv",
        ],
    );
    assert_defused("agreement", &out);
}
