//! The typography lint and its fixer, on grid sources: every case is found at
//! its exact character, the fix rewrites only those characters, fixing twice
//! changes nothing, and no byte outside a French text ever moves.

use domino_engine::grid::typography::check;
use proptest::prelude::*;
use std::path::Path;

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/typography")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The lines the fix changed, before and after, with invisible spaces shown.
fn changed_lines(before: &str, after: &str) -> String {
    let show = |s: &str| s.replace('\u{a0}', "⍽").replace('\u{202f}', "⎵");
    let (a, b): (Vec<&str>, Vec<&str>) = (before.lines().collect(), after.lines().collect());
    assert_eq!(a.len(), b.len(), "the fix never adds or removes a line");
    a.iter()
        .zip(&b)
        .enumerate()
        .filter(|(_, (x, y))| x != y)
        .map(|(i, (x, y))| format!("{}\n- {}\n+ {}", i + 1, show(x), show(y)))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_case_is_warned_at_its_character_with_a_hint_to_fix_it() {
    let source = fixture("cases.toml");
    let result = check(&source);
    assert!(result
        .diagnostics
        .iter()
        .all(|d| d.code == "typography" && !d.is_error()));
    assert!(result.diagnostics.iter().all(|d| d
        .hint
        .as_deref()
        .unwrap()
        .contains("domino grid fmt --fix")));
    let rendered: Vec<String> = result
        .diagnostics
        .iter()
        .map(|d| d.render("cases.toml", &source))
        .collect();
    insta::assert_snapshot!("typography_warnings", rendered.join("\n"));
}

#[test]
fn the_fix_rewrites_only_the_characters_at_fault() {
    let source = fixture("cases.toml");
    let fixed = check(&source).fixed;
    insta::assert_snapshot!("typography_fix", changed_lines(&source, &fixed));
    for untouched in [
        "en = \"Test grid: don't touch English\" }  # it's kept ; untouched ?",
        "description.en = \"English : stays ; as is ?\"",
        "unknown = { code = \"?\"",
        "Accueil à 10:30, https://exemple.fr/?q=1",
        "when = \"collectif.accueil <= 0 and profile.x != 'a:b ?'\"",
        "Déjà bien\\u00a0: rien\\u202f? «\\u00a0ok\\u00a0» l’eau",
        "C:\\chemin'",
    ] {
        assert!(
            source.contains(untouched),
            "the fixture holds {untouched:?}"
        );
        assert!(
            fixed.contains(untouched),
            "the fix left {untouched:?} alone"
        );
    }
}

#[test]
fn fixing_twice_changes_nothing_and_leaves_no_warning() {
    for name in ["cases.toml", "french-only.toml"] {
        let once = check(&fixture(name)).fixed;
        let twice = check(&once);
        assert_eq!(twice.fixed, once, "{name}");
        assert!(
            twice.diagnostics.is_empty(),
            "{name}: {:?}",
            twice.diagnostics
        );
    }
}

#[test]
fn plain_strings_are_french_texts_in_a_french_only_grid() {
    let source = fixture("french-only.toml");
    let result = check(&source);
    let paths: Vec<&str> = result
        .diagnostics
        .iter()
        .filter_map(|d| d.path.as_deref())
        .collect();
    assert_eq!(
        paths,
        [
            "grid.title",
            "grid.title",
            "axes[0].question",
            "axes[0].levels.0"
        ],
        "texts are checked, `id_like` is not a text key"
    );
}

#[test]
fn a_file_that_is_not_toml_is_reported_and_left_as_is() {
    let source = "title = { fr = \"l'eau\"";
    let result = check(source);
    assert_eq!(result.fixed, source);
    assert!(result
        .diagnostics
        .iter()
        .all(|d| d.is_error() && d.code == "toml-syntax"));
}

/// Characters French texts are made of in the property test: letters,
/// punctuation the lint reads, every kind of space, code quotes.
fn text() -> impl Strategy<Value = String> {
    const PALETTE: [&str; 21] = [
        "a", "é", "Z", "1", "0", " ", ":", ";", "!", "?", "«", "»", "'", "’", "`", "/", "\u{a0}",
        "\u{202f}", "\n", "\\", "\"",
    ];
    prop::collection::vec(prop::sample::select(&PALETTE[..]), 0..24).prop_map(|v| v.concat())
}

/// A TOML string token for `s`, in one of the four kinds of string, escapes included.
fn token(s: &str, kind: u8) -> String {
    let literal_ok = !s.contains('\'') && !s.contains('\n');
    let multi_literal_ok = !s.contains("'''") && !s.ends_with('\'');
    match kind % 4 {
        1 if literal_ok => format!("'{s}'"),
        2 if multi_literal_ok => format!("'''{s}'''"),
        3 => {
            let body: String = s
                .chars()
                .map(|c| match c {
                    '\\' => "\\\\".to_owned(),
                    '"' => "\\\"".to_owned(),
                    '\'' => "\\u0027".to_owned(),
                    ' ' => "\\u0020".to_owned(),
                    c => c.to_string(),
                })
                .collect();
            format!("\"\"\"\n{body}\"\"\"")
        }
        _ => format!(
            "\"{}\"",
            s.replace('\\', "\\\\")
                .replace('"', "\\\"")
                .replace('\n', "\\n")
        ),
    }
}

/// Two texts are the same but for what the fix may do: spaces that became
/// no-break ones, no-break spaces inserted, apostrophes made typographic.
fn same_but_typography(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
            .map(|c| if c == '\'' { '’' } else { c })
            .collect()
    };
    norm(a) == norm(b)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_fix_never_moves_a_byte_outside_french_texts(
        lines in prop::collection::vec((text(), any::<u8>(), text(), any::<u8>()), 1..6)
    ) {
        let mut source = String::from("[grid]\nlanguages = [\"fr\", \"en\"] # l'eau : ?\n[texts]\n");
        let mut pieces = Vec::new();
        for (i, (fr, fr_kind, en, en_kind)) in lines.iter().enumerate() {
            let head = format!("k{i} = {{ fr = ");
            let tail = format!(", en = {} }} # l'eau : ?\n", token(en, *en_kind));
            source.push_str(&head);
            source.push_str(&token(fr, *fr_kind));
            source.push_str(&tail);
            pieces.push((head, tail));
        }
        let before: toml::Table = toml::from_str(&source).expect("the generator writes TOML");
        let result = check(&source);
        let after: toml::Table = toml::from_str(&result.fixed).expect("the fix keeps it TOML");

        // Outside the French tokens, every byte is where it was.
        let mut rest = result.fixed.as_str();
        let header_end = source.find("k0 = ").unwrap();
        prop_assert_eq!(&rest[..header_end], &source[..header_end]);
        rest = &rest[header_end..];
        for (head, tail) in &pieces {
            prop_assert!(rest.starts_with(head.as_str()));
            let at = rest.find(", en = ").unwrap();
            prop_assert!(rest[at..].starts_with(tail.as_str()), "{:?}", &rest[at..]);
            rest = &rest[at + tail.len()..];
        }
        prop_assert_eq!(rest, "");

        // The values: English untouched, French changed only in its typography.
        prop_assert_eq!(before["grid"].clone(), after["grid"].clone());
        for i in 0..lines.len() {
            let key = format!("k{i}");
            let (b, a) = (&before["texts"][&key], &after["texts"][&key]);
            prop_assert_eq!(&b["en"], &a["en"]);
            let (bf, af) = (b["fr"].as_str().unwrap(), a["fr"].as_str().unwrap());
            prop_assert!(same_but_typography(bf, af), "{:?} -> {:?}", bf, af);
        }
        // And a second pass has nothing left to do.
        prop_assert_eq!(check(&result.fixed).fixed, result.fixed.clone());
    }
}
