//! The agreement report: reading ratings, too little data said in words,
//! and the invariants of alpha and its bootstrap interval.

use super::*;
use crate::{Assessment, DOMINO_GRID};
use proptest::prelude::*;

fn grid() -> Grid {
    Grid::from_toml(DOMINO_GRID)
        .expect("the embedded grid is valid")
        .grid
}

/// Ratings from a long table given as lines of CSV without quotes.
fn long(grid: &Grid, text: &str) -> Result<Ratings, Vec<crate::Diagnostic>> {
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("a header").split(',').collect();
    let mut table = LongTable::new(grid, &header, 1)?;
    let mut ratings = Ratings::new();
    for (i, line) in lines.enumerate() {
        let fields: Vec<&str> = line.split(',').collect();
        table.read(grid, &fields, i + 2, &mut ratings)?;
    }
    Ok(ratings)
}

#[test]
fn the_reference_matrix_read_from_a_long_table_gives_krippendorffs_figures() {
    // Krippendorff (2011), section C: 4 observers × 12 units; the values 1–5
    // written as the DOMINO levels 0–4 (one less), which changes no alpha.
    let rows = [
        ("a", "0,1,2,2,1,0,3,0,1,,,"),
        ("b", "0,1,2,2,1,1,3,0,1,4,,2"),
        ("c", ",2,2,2,1,2,3,1,1,4,0,"),
        ("d", "0,1,2,2,1,3,3,0,1,4,0,"),
    ];
    let mut text = String::from("id,rater,collectif.accueil\n");
    for (rater, values) in rows {
        for (unit, v) in values.split(',').enumerate() {
            text.push_str(&format!("u{unit},{rater},{v}\n"));
        }
    }
    let g = grid();
    let ratings = long(&g, &text).expect("valid");
    let round3 = |x: Option<f64>| (x.expect("defined") * 1000.0).round() / 1000.0;
    for (metric, expected) in [
        (Metric::Nominal, 0.743),
        (Metric::Ordinal, 0.815),
        (Metric::Interval, 0.849),
    ] {
        let options = Options {
            metric,
            resamples: 0,
            ..Options::default()
        };
        let report = analyse(&g, &ratings, &options, "en");
        let accueil = &report.criteria[0].agreement;
        assert_eq!(round3(accueil.alpha), expected, "{metric:?}");
        assert_eq!(accueil.pairable, 40);
        assert_eq!(accueil.units, 11);
        assert_eq!(accueil.kappa, None, "four raters: no kappa");
    }
}

#[test]
fn a_single_rater_is_too_little_data_said_in_words() {
    let g = grid();
    let ratings = long(&g, "id,rater,collectif.accueil\na,elu,1\nb,elu,3\n").expect("valid");
    let report = analyse(&g, &ratings, &Options::default(), "fr");
    let a = &report.criteria[0].agreement;
    assert_eq!((a.alpha, a.undefined), (None, Some(Undefined::OneRater)));
    assert_eq!(a.note, "données insuffisantes\u{a0}: un seul évaluateur");
    let json = serde_json::to_string(&report).expect("serialises");
    assert!(!json.contains("NaN") && !json.contains("null,\"interval\":{"));
}

#[test]
fn no_pairable_value_one_unit_and_no_variation_are_each_said() {
    let g = grid();
    let cases = [
        ("a,elu,1\nb,membre,3\n", Undefined::NoPairableValues),
        ("a,elu,1\na,membre,3\n", Undefined::OneUnit),
        (
            "a,elu,2\na,membre,2\nb,elu,2\nb,membre,2\n",
            Undefined::NoVariation,
        ),
    ];
    for (rows, expected) in cases {
        let text = format!("id,rater,collectif.accueil\n{rows}");
        let ratings = long(&g, &text).expect("valid");
        let report = analyse(&g, &ratings, &Options::default(), "en");
        let a = &report.criteria[0].agreement;
        assert_eq!((a.alpha, a.undefined), (None, Some(expected)), "{rows}");
        assert!(a.note.starts_with("too little data"), "{}", a.note);
        assert_eq!(a.interval, None);
    }
}

#[test]
fn na_unknown_and_empty_are_missing_values() {
    let g = grid();
    let text = "id,rater,collectif.accueil\na,x,na\na,y,1\nb,x,?\nb,y,2\nc,x,\nc,y,3\nd,x,1\nd,y,1\ne,x,4\ne,y,3\n";
    let (_, a) = first_criterion(&g, text);
    assert_eq!((a.units, a.pairable), (2, 4));
}

#[test]
fn two_raters_get_a_weighted_kappa_and_raw_agreement() {
    let g = grid();
    let text =
        "id,rater,collectif.accueil\na,x,0\na,y,0\nb,x,1\nb,y,2\nc,x,3\nc,y,3\nd,x,4\nd,y,4\n";
    let (report, a) = first_criterion(&g, text);
    assert_eq!(report.kappa_weights, Some(KappaWeights::Quadratic));
    // Three of four pairs agree.
    assert_eq!(a.observed_agreement, Some(0.75));
    // κ_w by hand: observed Σw = 1 (one pair one step apart) over 4 pairs;
    // expected Σ (x − y)² over every pair of {0, 1, 3, 4} × {0, 2, 3, 4}, / n: 76/4.
    let kappa = a.kappa.expect("defined");
    assert!((kappa - (1.0 - 1.0 / 19.0)).abs() < 1e-12, "{kappa}");
}

#[test]
fn long_table_errors_give_their_line_and_column() {
    let g = grid();
    let header =
        LongTable::new(&g, &["id", "rater", "collectif.acceuil", "id"], 1).expect_err("bad header");
    let places: Vec<(usize, usize, &str)> = header
        .iter()
        .map(|d| (d.line, d.column, d.code.as_str()))
        .collect();
    assert_eq!(
        places,
        [(1, 3, "unknown-column"), (1, 4, "duplicate-column")]
    );
    assert_eq!(
        header[0].hint.as_deref(),
        Some("did you mean `collectif.accueil`?")
    );

    let rows = long(&g, "id,rater,collectif.accueil\na,x,1\na,x,2\n").expect_err("duplicate");
    assert_eq!(
        (rows[0].line, rows[0].column, rows[0].code.as_str()),
        (3, 2, "duplicate-rating")
    );
    let rows = long(&g, "id,rater,collectif.accueil\na,,7\n").expect_err("bad cells");
    let places: Vec<(usize, usize, &str)> = rows
        .iter()
        .map(|d| (d.line, d.column, d.code.as_str()))
        .collect();
    assert_eq!(places, [(2, 2, "empty-cell"), (2, 3, "unknown-code")]);
    let missing = LongTable::new(&g, &["id", "collectif.accueil"], 1).expect_err("no rater");
    assert_eq!(missing[0].code, "missing-column");
}

#[test]
fn assessments_pool_per_rater_answers_and_locate_conflicts() {
    let g = grid();
    let file = |raters: &str, by: &str| {
        Assessment::from_toml(&format!(
            "[assessment]\ngrid = \"domino\"\ninitiative = \"Jardin\"\nraters = [{raters}]\n[answers]\n\"collectif.accueil\" = {{ by = {{ {by} }} }}\n"
        ))
        .expect("valid")
    };
    let mut ratings = Ratings::new();
    ratings
        .add_assessment(
            &g,
            &file("\"elu\", \"membre\"", "elu = \"3\", membre = \"1\""),
        )
        .expect("ok");
    ratings
        .add_assessment(&g, &file("\"technicien\"", "technicien = \"2\""))
        .expect("ok");
    assert_eq!(ratings.raters(), ["elu", "membre", "technicien"]);
    assert_eq!(ratings.unit_count(), 1, "one initiative, three raters");
    let again = ratings
        .add_assessment(&g, &file("\"elu\"", "elu = \"2\""))
        .expect_err("elu rated it already");
    assert_eq!(again.0[0].code, "duplicate-rating");
    assert_eq!(
        (again.0[0].line, again.0[0].column),
        (6, 32),
        "at `elu`: {:?}",
        again.0[0]
    );
}

#[test]
fn a_plain_level_among_several_raters_is_reported_not_counted() {
    let g = grid();
    let a = Assessment::from_toml(
        "[assessment]\ngrid = \"domino\"\ninitiative = \"J\"\nraters = [\"a\", \"b\"]\n[answers]\n\"collectif.accueil\" = \"3\"\n",
    )
    .expect("valid");
    let mut ratings = Ratings::new();
    let warnings = ratings.add_assessment(&g, &a).expect("accepted");
    assert_eq!(warnings[0].code, "unattributed-level");
    assert_eq!(warnings[0].line, 6);
}

/// The agreement of the first criterion of a long table, with the default options.
fn first_criterion(g: &Grid, text: &str) -> (AgreementReport, Agreement) {
    let report = analyse(g, &long(g, text).expect("valid"), &Options::default(), "en");
    let first = report.criteria[0].agreement.clone();
    (report, first)
}

/// A reliability matrix: `raters` rows of levels 0–4 or missing, one column per unit.
fn matrix() -> impl Strategy<Value = Vec<Vec<Option<u8>>>> {
    (2usize..5, 8usize..30).prop_flat_map(|(raters, units)| {
        proptest::collection::vec(
            proptest::collection::vec(proptest::option::weighted(0.8, 0u8..5), units),
            raters,
        )
    })
}

fn ratings_of(m: &[Vec<Option<u8>>]) -> Ratings {
    let g = grid();
    let mut text = String::from("id,rater,collectif.accueil\n");
    for (r, row) in m.iter().enumerate() {
        for (u, v) in row.iter().enumerate() {
            let v = v.map(|v| v.to_string()).unwrap_or_default();
            text.push_str(&format!("u{u},r{r},{v}\n"));
        }
    }
    long(&g, &text).expect("valid")
}

fn alpha_of(m: &[Vec<Option<u8>>], metric: Metric) -> Option<f64> {
    let options = Options {
        metric,
        resamples: 0,
        ..Options::default()
    };
    analyse(&grid(), &ratings_of(m), &options, "en").criteria[0]
        .agreement
        .alpha
}

const METRICS: [Metric; 3] = [Metric::Ordinal, Metric::Interval, Metric::Nominal];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn perfect_agreement_with_variation_gives_one(
        levels in proptest::collection::vec(0u8..5, 3..20),
        raters in 2usize..5,
    ) {
        prop_assume!(levels.iter().any(|&l| l != levels[0]));
        let m: Vec<Vec<Option<u8>>> = (0..raters).map(|_| levels.iter().map(|&l| Some(l)).collect()).collect();
        for metric in METRICS {
            let alpha = alpha_of(&m, metric).expect("defined");
            prop_assert!((alpha - 1.0).abs() < 1e-12, "{metric:?}: {alpha}");
        }
    }

    #[test]
    fn alpha_does_not_depend_on_the_order_of_raters_or_units(
        m in matrix(),
        rotate_raters in 0usize..5,
        rotate_units in 0usize..30,
    ) {
        let mut shuffled = m.clone();
        let raters = shuffled.len();
        shuffled.rotate_left(rotate_raters % raters);
        for row in &mut shuffled {
            let n = row.len();
            row.rotate_left(rotate_units % n);
            row.reverse();
        }
        for metric in METRICS {
            match (alpha_of(&m, metric), alpha_of(&shuffled, metric)) {
                (Some(a), Some(b)) => prop_assert!((a - b).abs() < 1e-12, "{a} vs {b}"),
                (a, b) => prop_assert_eq!(a, b),
            }
        }
    }

    #[test]
    fn the_bootstrap_interval_holds_the_estimate_and_repeats_for_a_seed(
        m in matrix(),
        seed in any::<u64>(),
    ) {
        let g = grid();
        let ratings = ratings_of(&m);
        let options = Options { resamples: 200, seed, ..Options::default() };
        let first = analyse(&g, &ratings, &options, "en");
        let a = &first.criteria[0].agreement;
        if let (Some(alpha), Some(interval)) = (a.alpha, a.interval) {
            prop_assert!(interval.low <= alpha && alpha <= interval.high, "{alpha} outside {interval:?}");
        }
        prop_assert_eq!(&analyse(&g, &ratings, &options, "en"), &first);
    }
}
