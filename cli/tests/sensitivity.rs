//! End-to-end tests of `domino sensitivity`: the sample batch in each format,
//! the rank-range chart (SVG and PNG, names escaped) and bad options refused
//! with what to do.

mod support;

use support::root;

/// What `domino` returned: exit code, stdout, stderr.
struct Output {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `domino` at the workspace root, colours off.
fn domino(args: &[&str]) -> Output {
    let (code, stdout, stderr) = support::domino(&root(), args);
    Output {
        code,
        stdout,
        stderr,
    }
}

const BATCH: &str = "grids/examples/batch/initiatives.csv";

fn sensitivity(extra: &[&str]) -> Output {
    let mut args = vec!["sensitivity", BATCH, "--runs", "200"];
    args.extend(extra);
    domino(&args)
}

#[test]
fn the_sample_batch_as_a_table_in_english_with_each_criterion_left_out() {
    let o = sensitivity(&["--lang", "en", "--leave-one-out", "--top", "10"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    insta::assert_snapshot!("sensitivity_sample_en_leave_one_out", o.stdout.clone());
}

#[test]
fn the_sample_batch_as_json_with_the_geometric_mean() {
    let o = sensitivity(&[
        "--aggregation",
        "geometric",
        "--seed",
        "7",
        "--format",
        "json",
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let out = o.stdout.clone();
    assert!(!out.contains("NaN"));
    insta::assert_snapshot!("sensitivity_sample_json_geometric", out);
}

#[test]
fn the_csv_holds_every_initiative_then_every_criterion_left_out() {
    let o = sensitivity(&["--format", "csv", "--leave-one-out"]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let out = o.stdout.clone();
    let kinds: Vec<&str> = out
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap_or(""))
        .collect();
    assert_eq!(kinds.iter().filter(|k| **k == "initiative").count(), 66);
    assert_eq!(kinds.iter().filter(|k| **k == "criterion").count(), 38);
    insta::assert_snapshot!(
        "sensitivity_sample_csv_head",
        out.lines().take(4).collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn the_rank_range_chart_is_drawn_as_svg_and_png() {
    let dir = tempfile::tempdir().expect("temp dir");
    let svg = dir.path().join("ranks.svg");
    let png = dir.path().join("ranks.png");
    for path in [&svg, &png] {
        let chart = path.to_str().expect("UTF-8 path");
        let o = sensitivity(&["--top", "12", "--chart", chart, "--lang", "en"]);
        assert_eq!(o.code, 0, "{}", o.stderr);
    }
    insta::assert_snapshot!(
        "sensitivity_rank_ranges_svg",
        std::fs::read_to_string(&svg).expect("written")
    );
    let bytes = std::fs::read(&png).expect("written");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
}

#[test]
fn names_in_the_chart_are_escaped_text() {
    let source = std::fs::read_to_string(root().join(BATCH)).expect("sample batch");
    let mut lines = source.lines();
    let mut csv = format!("{}\n", lines.next().expect("header"));
    for (name, line) in ["<b>A&B</b>", "\"quoted\""].iter().zip(lines) {
        let rest = line.split_once(',').expect("an id column").1;
        csv.push_str(&format!("\"{}\",{rest}\n", name.replace('"', "\"\"")));
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let input = dir.path().join("names.csv");
    std::fs::write(&input, csv).expect("write");
    let svg = dir.path().join("names.svg");
    let o = domino(&[
        "sensitivity",
        input.to_str().expect("UTF-8"),
        "--runs",
        "20",
        "--chart",
        svg.to_str().expect("UTF-8"),
    ]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    let drawn = std::fs::read_to_string(&svg).expect("written");
    assert!(drawn.contains("&lt;b&gt;A&amp;B&lt;/b&gt;"), "{drawn}");
    assert!(!drawn.contains("<b>"));
}

#[test]
fn bad_options_are_refused_with_what_to_do() {
    let cases: [&[&str]; 6] = [
        &["--runs=0"],
        &["--spread", "1.5"],
        &["--spread=-0.2"],
        &["--top", "0"],
        &["--chart", "ranks.pdf"],
        &["--aggregation", "median"],
    ];
    let mut transcript = String::new();
    for extra in cases {
        let mut args = vec!["sensitivity", BATCH];
        args.extend(extra);
        let o = domino(&args);
        transcript.push_str(&format!(
            "$ domino sensitivity … {}\nexit {}\n{}\n",
            extra.join(" "),
            o.code,
            o.stderr.trim_end()
        ));
        assert!(o.stdout.is_empty());
    }
    let o = domino(&["sensitivity", "no-such-file.csv"]);
    transcript.push_str(&format!(
        "$ domino sensitivity no-such-file.csv\nexit {}\n{}\n",
        o.code,
        o.stderr.trim_end()
    ));
    insta::assert_snapshot!("sensitivity_bad_options", transcript);
}
