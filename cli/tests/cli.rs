//! End-to-end tests of the `domino` binary: outputs snapshotted with insta,
//! bad inputs reported with their row, column and reason, exit codes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

/// Runs `domino` in `dir` with colours off.
fn run_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_domino"));
    cmd.args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("domino runs");
    if let Some(data) = stdin {
        use std::io::Write;
        let mut pipe = child.stdin.take().expect("stdin");
        pipe.write_all(data).expect("write stdin");
    }
    child.wait_with_output().expect("domino finishes")
}

fn run(args: &[&str]) -> Output {
    run_in(&root(), args, None)
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8 stderr")
}

/// Both streams and the exit code, for snapshots of failures.
fn transcript(o: &Output) -> String {
    format!(
        "exit: {}\n--- stdout\n{}--- stderr\n{}",
        code(o),
        stdout(o),
        stderr(o)
    )
}

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

#[test]
fn grid_list_shows_the_builtin_grids() {
    let o = run(&["grid", "list", "--lang", "en"]);
    assert_eq!(code(&o), 0);
    insta::assert_snapshot!("grid_list", stdout(&o));
}

#[test]
fn grid_check_accepts_the_shipped_grids() {
    let o = run(&[
        "grid",
        "check",
        "grids/domino.toml",
        "grids/domino-express.toml",
        "grids/lieux-partages.toml",
        "--deny-warnings",
    ]);
    // One status line per grid (the warnings above them, typography
    // included, are snapshotted in the engine's tests).
    let err = stderr(&o);
    let status: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("ok ") || l.starts_with("grids/"))
        .collect();
    assert_eq!(status.len(), 3, "{err}");
    assert!(status.iter().all(|l| !l.contains("error")), "{status:?}");
    insta::assert_snapshot!(
        "grid_check_ok",
        format!("exit: {}\n{}", code(&o), status.join("\n"))
    );
}

#[test]
fn grid_check_reports_every_error_with_a_caret() {
    let dir = temp();
    std::fs::write(
        dir.path().join("bad.toml"),
        r#"[grid]
id = "Bad Id"
version = "1.0.0"
languages = ["fr"]
title = "Grille"

[scales.level]
options = [ { code = "0", score = 0, label = "Non" }, { code = "1", score = 1, label = "Oui" } ]

[[axes]]
id = "a"
title = "A"
question = "?"

[[axes.criteria]]
id = "c"
scale = "levels"
title = "C"
question = "?"
weight = -1

[[rules]]
id = "r"
kind = "vigilance"
when = "a.d <= 1"
message = "m"
"#,
    )
    .unwrap();
    let o = run_in(
        dir.path(),
        &["grid", "check", "bad.toml", "missing.toml"],
        None,
    );
    assert_eq!(code(&o), 3, "a missing file is an I/O failure");
    insta::assert_snapshot!("grid_check_errors", transcript(&o));
    let o = run_in(dir.path(), &["grid", "check", "bad.toml"], None);
    assert_eq!(code(&o), 1);
}

#[test]
fn grid_show_prints_markdown_and_localized_json() {
    let o = run(&["grid", "show", "domino-express", "--lang", "en"]);
    assert_eq!(code(&o), 0);
    insta::assert_snapshot!("grid_show_express_en_md", stdout(&o));
    let o = run(&["grid", "show", "--format", "json"]);
    assert_eq!(code(&o), 0);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["id"], "domino");
    assert!(v["title"].is_string(), "texts are in the chosen language");
    assert_eq!(v["axes"].as_array().unwrap().len(), 5);
}

#[test]
fn template_lists_every_criterion_and_reads_back() {
    let dir = temp();
    let o = run_in(dir.path(), &["template", "-o", "blank.toml"], None);
    assert_eq!(code(&o), 0);
    let text = std::fs::read_to_string(dir.path().join("blank.toml")).unwrap();
    for id in [
        "collectif.accueil",
        "ressources.sobriete",
        "solidarite.acces_equitable",
    ] {
        assert!(text.contains(&format!("\"{id}\"")), "{id} listed");
    }
    let o = run_in(
        dir.path(),
        &["score", "blank.toml", "--format", "json"],
        None,
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let o = run(&["template", "--format", "csv"]);
    insta::assert_snapshot!("template_csv", stdout(&o));
    let o = run(&["template", "--grid", "domino-express", "--lang", "en"]);
    insta::assert_snapshot!("template_express_en", stdout(&o));
}

const SAMPLES: [(&str, &str); 4] = [
    ("domino", "grids/examples/amap-redon.toml"),
    ("domino", "grids/examples/la-redonnerie.toml"),
    ("domino-express", "grids/examples/express/galleco.toml"),
    (
        "lieux-partages",
        "grids/examples/lieux-partages/ecole-des-korrigans.toml",
    ),
];

#[test]
fn score_outputs_of_the_samples() {
    for (grid, file) in SAMPLES {
        let name = Path::new(file).file_stem().unwrap().to_string_lossy();
        for format in ["table", "md", "json"] {
            let o = run(&["score", file, "--grid", grid, "--format", format]);
            assert_eq!(code(&o), 0, "{file}: {}", stderr(&o));
            insta::assert_snapshot!(format!("score_{name}_{format}"), stdout(&o));
        }
    }
}

#[test]
fn score_explain_shows_facts_and_conditions() {
    let o = run(&[
        "score",
        "grids/examples/amap-redon.toml",
        "--explain",
        "--lang",
        "en",
    ]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    assert!(out.contains("why: "), "{out}");
    assert!(out.contains("condition: "), "{out}");
    insta::assert_snapshot!("score_amap_explain_en", out);
}

#[test]
fn score_csv_of_several_files_and_json_array() {
    let o = run(&[
        "score",
        "grids/examples/amap-redon.toml",
        "grids/examples/buzuk.toml",
        "--format",
        "csv",
    ]);
    assert_eq!(code(&o), 0);
    insta::assert_snapshot!("score_two_csv", stdout(&o));
    let o = run(&[
        "score",
        "grids/examples/amap-redon.toml",
        "grids/examples/buzuk.toml",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
    assert_eq!(v[0]["grid"]["id"], "domino");
    assert_eq!(v[0]["grid"]["hash"].as_str().unwrap().len(), 64);
}

#[test]
fn score_reports_unknown_criteria_with_their_line() {
    let dir = temp();
    std::fs::write(
        dir.path().join("a.toml"),
        "[assessment]\ngrid = \"domino\"\ninitiative = \"X\"\n\n[answers]\n\"collectif.acceuil\" = \"3\"\n\"collectif.decisions\" = \"7\"\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("empty.toml"), "").unwrap();
    let o = run_in(dir.path(), &["score", "a.toml", "empty.toml"], None);
    assert_eq!(code(&o), 1);
    insta::assert_snapshot!("score_unknown_criterion", transcript(&o));
}

#[test]
fn a_mistake_on_a_one_megabyte_line_is_shown_with_the_line_cut_around_it() {
    let dir = temp();
    // A minified file: 1.2 MB on one line, the mistake in the middle.
    let long = "é".repeat(300_000);
    let json = format!(
        "{{\"assessment\": {{\"grid\": \"domino\", \"initiative\": \"{long}\"}}, \"answers\": {{\"collectif.acceuil\": {{\"level\": \"3\", \"evidence\": \"{long}\"}}}}}}"
    );
    assert!(json.len() > 1_000_000);
    std::fs::write(dir.path().join("big.json"), &json).unwrap();
    let o = run_in(dir.path(), &["score", "big.json"], None);
    let err = stderr(&o);
    assert_eq!(code(&o), 1, "{err}");
    assert!(err.len() < 4_000, "{} bytes of messages", err.len());
    let echoed = err
        .lines()
        .find(|l| l.starts_with("1 | "))
        .expect("the line is echoed");
    assert!(
        echoed.starts_with("1 | …") && echoed.ends_with('…'),
        "{echoed}"
    );
    let caret = err
        .lines()
        .find(|l| l.trim_start_matches([' ', '|']).starts_with('^'))
        .expect("a caret line");
    let column = |line: &str, text: &str| line[..line.find(text).unwrap()].chars().count();
    assert_eq!(
        column(caret, "^"),
        column(echoed, "\"collectif.acceuil\""),
        "the caret is under the key"
    );
}

#[test]
fn score_reads_json_and_stdin() {
    let toml = std::fs::read_to_string(root().join("grids/examples/buzuk.toml")).unwrap();
    let o = run_in(
        &root(),
        &["score", "-", "--format", "csv"],
        Some(toml.as_bytes()),
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let from_file = run(&["score", "grids/examples/buzuk.toml", "--format", "csv"]);
    assert_eq!(stdout(&o), stdout(&from_file));
}

#[test]
fn batch_of_the_sample_csv() {
    let o = run(&["batch", "grids/examples/batch/initiatives.csv"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    insta::assert_snapshot!("batch_sample_csv", stdout(&o));
    assert_eq!(stderr(&o), "66 row(s) scored, 0 failed\n");
}

#[test]
fn batch_results_do_not_depend_on_the_number_of_jobs() {
    let one = run(&["batch", "grids/examples/batch/initiatives.csv", "-j", "1"]);
    let four = run(&["batch", "grids/examples/batch/initiatives.csv", "-j", "4"]);
    assert_eq!(stdout(&one), stdout(&four));
    let one = run(&[
        "batch",
        "grids/examples/batch/initiatives.csv",
        "--summary",
        "--by",
        "status",
        "-j",
        "1",
    ]);
    let four = run(&[
        "batch",
        "grids/examples/batch/initiatives.csv",
        "--summary",
        "--by",
        "status",
        "-j",
        "4",
    ]);
    assert_eq!(stdout(&one), stdout(&four));
}

#[test]
fn batch_summary_by_groups() {
    let o = run(&[
        "batch",
        "grids/examples/batch/initiatives.csv",
        "--summary",
        "--by",
        "status,territory",
        "--lang",
        "en",
    ]);
    assert_eq!(code(&o), 0);
    insta::assert_snapshot!("batch_summary_status_territory", stdout(&o));
    let o = run(&[
        "batch",
        "grids/examples/batch/initiatives.csv",
        "--summary",
        "--by",
        "territory",
        "--summary-format",
        "csv",
    ]);
    insta::assert_snapshot!("batch_summary_territory_csv", stdout(&o));
    let o = run(&[
        "batch",
        "grids/examples/batch/initiatives.csv",
        "--summary",
        "--summary-format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["rows"], 66);
    assert_eq!(v["grid"]["id"], "domino");
    let o = run(&[
        "batch",
        "grids/examples/batch/initiatives.csv",
        "--summary",
        "--by",
        "statut",
    ]);
    assert_eq!(code(&o), 1);
    assert!(
        stderr(&o).contains("did you mean `status`?"),
        "{}",
        stderr(&o)
    );
}

/// A CSV with every classic problem: BOM, CRLF, quoted commas and line breaks,
/// wrong codes, a ragged row, an unknown choice, invalid UTF-8.
fn malformed_csv() -> Vec<u8> {
    let mut csv = Vec::new();
    csv.extend_from_slice(
        b"\xEF\xBB\xBFid,name,territory,collectif.accueil,collectif.accueil.target\r\n",
    );
    csv.extend_from_slice(b"a,\"Repair caf\xC3\xA9, Cleunay\",urbain,3,4\r\n");
    csv.extend_from_slice(b"b,\"Jardin\r\npartag\xC3\xA9\",rural,7,9\r\n");
    csv.extend_from_slice(b"c,Ragged,rural\r\n");
    csv.extend_from_slice(b"\r\n");
    csv.extend_from_slice(b"d,Lune,lune,2,\r\n");
    csv.extend_from_slice(b"e,Caf\xE9 latin1,urbain,2,3\r\n");
    csv.extend_from_slice(b"f,\"Quoted \"\"name\"\"\",periurbain,na,\r\n");
    csv
}

#[test]
fn batch_reports_every_bad_row_and_scores_the_others() {
    let dir = temp();
    std::fs::write(dir.path().join("bad.csv"), malformed_csv()).unwrap();
    let o = run_in(dir.path(), &["batch", "bad.csv"], None);
    assert_eq!(code(&o), 2, "rows failed");
    insta::assert_snapshot!("batch_malformed_csv", transcript(&o));
}

#[test]
fn batch_strict_stops_at_the_first_bad_row_and_writes_nothing() {
    let dir = temp();
    std::fs::write(dir.path().join("bad.csv"), malformed_csv()).unwrap();
    let o = run_in(
        dir.path(),
        &["batch", "bad.csv", "--strict", "-o", "out.csv"],
        None,
    );
    assert_eq!(code(&o), 2);
    insta::assert_snapshot!("batch_strict", transcript(&o));
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["bad.csv"], "no output, no temporary file left");
}

#[test]
fn batch_output_is_written_atomically() {
    let dir = temp();
    std::fs::write(dir.path().join("out.csv"), "previous content\n").unwrap();
    let o = run_in(
        &root(),
        &[
            "batch",
            "grids/examples/batch/initiatives.csv",
            "-o",
            dir.path().join("out.csv").to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(code(&o), 0);
    assert!(o.stdout.is_empty());
    let written = std::fs::read_to_string(dir.path().join("out.csv")).unwrap();
    assert_eq!(
        written,
        stdout(&run(&["batch", "grids/examples/batch/initiatives.csv"]))
    );
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "no temporary file left");
    // A header error leaves the previous file untouched.
    std::fs::write(dir.path().join("bad.csv"), "id,name,nope\n").unwrap();
    let o = run_in(dir.path(), &["batch", "bad.csv", "-o", "out.csv"], None);
    assert_eq!(code(&o), 1);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out.csv")).unwrap(),
        written
    );
}

#[test]
fn batch_header_problems_fail_before_scoring() {
    let dir = temp();
    std::fs::write(
        dir.path().join("unknown.csv"),
        "id,name,collectif.acceuil,statut\nx,X,3,association\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("noid.csv"), "collectif.accueil\n3\n").unwrap();
    std::fs::write(dir.path().join("empty.csv"), "").unwrap();
    let mut all = String::new();
    for f in ["unknown.csv", "noid.csv", "empty.csv"] {
        let o = run_in(dir.path(), &["batch", f], None);
        assert_eq!(code(&o), 1, "{f}");
        all.push_str(&format!("== {f}\n{}", transcript(&o)));
    }
    insta::assert_snapshot!("batch_header_errors", all);
}

#[test]
fn batch_of_a_directory_with_a_broken_file() {
    let dir = temp();
    let d = dir.path().join("assessments");
    std::fs::create_dir(&d).unwrap();
    for f in ["amap-redon.toml", "buzuk.toml"] {
        std::fs::copy(root().join("grids/examples").join(f), d.join(f)).unwrap();
    }
    std::fs::write(
        d.join("broken.toml"),
        "[assessment]\ngrid = \"domino\"\ninitiative = \"Cassé\"\n[answers]\n\"collectif.accueil\" = \"5\"\n",
    )
    .unwrap();
    std::fs::write(d.join("notes.txt"), "ignored").unwrap();
    let o = run_in(dir.path(), &["batch", "assessments"], None);
    assert_eq!(code(&o), 2);
    insta::assert_snapshot!("batch_directory_broken_file", transcript(&o));
}

#[test]
fn batch_reads_json_arrays_and_ndjson_from_files_and_stdin() {
    let a = std::fs::read_to_string(root().join("grids/examples/amap-redon.toml")).unwrap();
    let score = run_in(
        &root(),
        &["score", "-", "--format", "json"],
        Some(a.as_bytes()),
    );
    let report: serde_json::Value = serde_json::from_str(&stdout(&score)).unwrap();
    let item = r#"{"assessment": {"grid": "domino", "id": "j1", "initiative": "Jardin [partagé], \"quoted\""},
      "profile": {"territory": "rural"},
      "answers": {"collectif.accueil": {"level": "3", "target": "4"}, "solidarite.acces_equitable": 1}}"#;
    let bad =
        r#"{"assessment": {"grid": "domino", "initiative": "Bad"}, "answers": {"nope.nope": "3"}}"#;
    let array = format!("[\n{item},\n{bad}\n]\n");
    let o = run_in(
        &root(),
        &["batch", "-", "--format", "ndjson"],
        Some(array.as_bytes()),
    );
    assert_eq!(code(&o), 2);
    insta::assert_snapshot!("batch_json_array_stdin", stderr(&o));
    let line: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(line["id"], "j1");
    assert_eq!(line["grid"], report["grid"]);
    let ndjson = format!("{}\n\n{bad}\n", item.replace('\n', " "));
    let o = run_in(
        &root(),
        &["batch", "-", "--input-format", "ndjson", "--format", "json"],
        Some(ndjson.as_bytes()),
    );
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("line 3"), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
    let o = run_in(&root(), &["batch", "-", "--format", "json"], Some(b"[]"));
    assert_eq!(code(&o), 0);
    assert_eq!(stdout(&o), "[]\n");
}

#[test]
fn report_is_a_standalone_escaped_html_page() {
    let o = run(&["report", "grids/examples/la-redonnerie.toml"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let html = stdout(&o);
    assert!(html.contains("<svg"), "inline radar");
    assert!(html.contains("@media print"));
    assert!(!html.contains("src=\"http") && !html.contains("href=\"http"));
    insta::assert_snapshot!("report_la_redonnerie_fr", html);
    let dir = temp();
    std::fs::write(
        dir.path().join("x.toml"),
        "[assessment]\ngrid = \"domino\"\ninitiative = \"<script>alert('x')</script> & Co\"\n\n[answers]\n\"collectif.accueil\" = { level = \"3\", evidence = \"<img src=x onerror=alert(1)>\" }\n",
    )
    .unwrap();
    let o = run_in(
        dir.path(),
        &["report", "x.toml", "-o", "r.html", "--lang", "en"],
        None,
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let html = std::fs::read_to_string(dir.path().join("r.html")).unwrap();
    assert!(
        !html.contains("<script>") && !html.contains("<img"),
        "escaped"
    );
    assert!(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co"));
    assert!(html.contains("<html lang=\"en\">"));
}

#[test]
fn charts_are_drawn_as_svg_and_png() {
    let dir = temp();
    let e = root().join("grids/examples");
    let amap = e.join("amap-redon.toml");
    let buzuk = e.join("buzuk.toml");
    let batch = e.join("batch/initiatives.csv");
    let cases: [(&str, Vec<&Path>, &str); 5] = [
        ("radar", vec![&amap, &buzuk], "radar.svg"),
        ("bars", vec![&amap], "bars.png"),
        ("distribution", vec![&batch], "distribution.svg"),
        ("heatmap", vec![&batch], "heatmap.png"),
        ("radar", vec![&amap], "radar.png"),
    ];
    for (kind, inputs, out) in cases {
        let mut args: Vec<&str> = vec!["chart", "--kind", kind, "-o", out];
        args.extend(inputs.iter().map(|p| p.to_str().unwrap()));
        let o = run_in(dir.path(), &args, None);
        assert_eq!(code(&o), 0, "{kind}: {}", stderr(&o));
        let bytes = std::fs::read(dir.path().join(out)).unwrap();
        if out.ends_with(".png") {
            assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "{out}");
        } else {
            let svg = String::from_utf8(bytes).unwrap();
            assert!(svg.contains("<svg") && svg.contains("<title>"), "{out}");
        }
    }
    let svg = std::fs::read_to_string(dir.path().join("radar.svg")).unwrap();
    insta::assert_snapshot!("chart_radar_two", svg);
    let o = run_in(
        dir.path(),
        &[
            "chart",
            "--kind",
            "radar",
            "-o",
            "x.gif",
            amap.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(code(&o), 1);
}

#[test]
fn usage_errors_exit_1_and_help_exits_0() {
    let o = run(&["score"]);
    assert_eq!(code(&o), 1);
    let o = run(&["frobnicate"]);
    assert_eq!(code(&o), 1);
    let o = run(&["batch", "--help"]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).contains("Exit codes:"));
    let o = run(&["score", "x.toml", "--lang", "de"]);
    assert_eq!(code(&o), 1);
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish"] {
        let o = run(&["completions", shell]);
        assert_eq!(code(&o), 0);
        assert!(stdout(&o).contains("batch"), "{shell}");
    }
    let o = run(&["man"]);
    assert_eq!(code(&o), 0);
    assert!(stdout(&o).starts_with(".ie") || stdout(&o).contains(".TH"));
}

#[test]
fn no_colour_when_not_a_terminal() {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_domino"));
    cmd.args(["score", "missing.toml"]).env_remove("NO_COLOR");
    let o = cmd.output().unwrap();
    assert!(!stderr(&o).contains('\x1b'));
}
