//! Generators of hostile inputs, shared by the hostile tests
//! (`tests/hostile.rs`) and the `hostile` benchmarks (`benches/engine.rs`).
#![allow(dead_code)] // each includer uses its own subset

use domino_engine::{Grid, DOMINO_GRID};

/// A grid with one syntax error on each of its `lines` lines.
pub fn syntax_errors(lines: usize) -> String {
    (0..lines).map(|i| format!("bad line {i}\n")).collect()
}

/// A grid of `axes` × `per_axis` criteria, generated.
pub fn big_grid(axes: usize, per_axis: usize) -> String {
    let mut s = String::from(
        "[grid]\nid = \"big\"\nversion = \"1\"\nlanguages = [\"en\"]\ntitle = \"Big\"\n\
         [scales.level]\noptions = [{ code = \"0\", score = 0, label = \"No\" }, { code = \"1\", score = 1, label = \"Yes\" }]\n",
    );
    for a in 0..axes {
        s.push_str(&format!(
            "[[axes]]\nid = \"a{a}\"\ntitle = \"A\"\nquestion = \"Q\"\n"
        ));
        for c in 0..per_axis {
            s.push_str(&format!(
                "[[axes.criteria]]\nid = \"c{c}\"\nscale = \"level\"\ntitle = \"C\"\nquestion = \"Q\"\n"
            ));
        }
    }
    s
}

/// DOMINO's scales and criteria with `rules` rules that read five criteria
/// each and can never fire (a level above the scale's top).
pub fn domino_with_never_firing_rules(rules: usize) -> String {
    let mut source: String = DOMINO_GRID
        .split("\n[[")
        .enumerate()
        .filter(|(i, part)| *i == 0 || !part.starts_with("rules]]"))
        .map(|(i, part)| {
            if i == 0 {
                part.to_owned()
            } else {
                format!("\n[[{part}")
            }
        })
        .collect();
    for i in 0..rules {
        source.push_str(&format!(
            "\n[[rules]]\nid = \"r{i}\"\nkind = \"vigilance\"\n\
             when = 'collectif.accueil >= 0 and collectif.contribution >= 1 and \
             collectif.diversite >= 2 and collectif.competences >= 3 and \
             collectif.reconnaissance >= 5'\nmessage = {{ fr = \"x\", en = \"x\" }}\n"
        ));
    }
    source
}

/// `big_grid`'s criteria, then `rules` rules whose conditions each name
/// `names` criteria that do not exist (`a{r}.d{i}`: one letter from `a{r}.c{i}`).
pub fn big_grid_with_misspelt_rules(rules: usize, names: usize) -> (String, usize) {
    let mut source = big_grid(100, 100);
    let first_rule_line = source.lines().count() + 1;
    for r in 0..rules {
        let when: Vec<String> = (0..names)
            .map(|i| format!("a{}.d{i} == 1", r % 100))
            .collect();
        source.push_str(&format!(
            "[[rules]]\nid = \"r{r}\"\nkind = \"vigilance\"\nwhen = '{}'\nmessage = \"m\"\n",
            when.join(" or ")
        ));
    }
    (source, first_rule_line)
}

/// A DOMINO assessment declaring `raters` raters (`r0`, `r1`, …) in which
/// every criterion is rated by every one of `named` (`{prefix}r0`, …).
pub fn rated_by_thousands(raters: usize, prefix: &str) -> String {
    let grid = Grid::from_toml(DOMINO_GRID).unwrap().grid;
    let declared: Vec<String> = (0..raters).map(|i| format!("\"r{i}\"")).collect();
    let mut source = format!(
        "[assessment]\ngrid = \"domino\"\ninitiative = \"X\"\nraters = [{}]\n[answers]\n",
        declared.join(", ")
    );
    let by: Vec<String> = (0..raters)
        .map(|i| format!("{prefix}r{i} = \"2\""))
        .collect();
    let by = by.join(", ");
    for (_, c) in grid.criteria() {
        source.push_str(&format!("\"{}\" = {{ by = {{ {by} }} }}\n", c.full_id));
    }
    source
}

/// DOMINO with `count` recommendations that no rule recommends (`unused-{i}`,
/// six lines each, the first `id` three lines after DOMINO's last line).
pub fn domino_with_unused_recommendations(count: usize) -> String {
    let mut source = DOMINO_GRID.to_owned();
    for i in 0..count {
        source.push_str(&format!(
            "\n[[recommendations]]\nid = \"unused-{i}\"\nphase = \"declencher\"\n\
             title = {{ fr = \"x\", en = \"x\" }}\ntext = {{ fr = \"x\", en = \"x\" }}\n"
        ));
    }
    source
}
