//! Conditions in plain words: built from the checked program, naming exactly what
//! the condition reads, in French or English.

use super::fixtures::*;
use super::props::{condition, fragment};
use crate::rules::{Condition, Context, Names};
use proptest::prelude::*;

/// Titles that say which index they stand for, so a test can find them again.
struct Tokens {
    criteria: Vec<String>,
    axes: Vec<String>,
    fields: Vec<String>,
    choices: Vec<(String, String)>,
}

impl Tokens {
    fn new() -> Self {
        Tokens {
            criteria: (0..CRITERIA.len()).map(|i| format!("⟨c{i}⟩")).collect(),
            axes: (0..AXES.len()).map(|i| format!("⟨a{i}⟩")).collect(),
            fields: (0..2).map(|i| format!("⟨p{i}⟩")).collect(),
            choices: ["urbain", "rural", "periurbain"]
                .iter()
                .map(|c| ((*c).to_owned(), format!("⟨choice {c}⟩")))
                .collect(),
        }
    }

    /// The indices whose token appears in `text`.
    fn found(tokens: &[String], text: &str) -> Vec<usize> {
        (0..tokens.len())
            .filter(|&i| text.contains(&tokens[i]))
            .collect()
    }
}

impl Names for Tokens {
    fn criterion(&self, index: usize) -> &str {
        &self.criteria[index]
    }
    fn axis(&self, index: usize) -> &str {
        &self.axes[index]
    }
    fn profile_field(&self, index: usize) -> &str {
        &self.fields[index]
    }
    fn choice(&self, field: usize, code: &str) -> Option<&str> {
        let (_, label) = self.choices.iter().find(|(c, _)| field == 0 && c == code)?;
        Some(label)
    }
}

/// Plain titles, as a grid would give them.
struct Titles;

impl Names for Titles {
    fn criterion(&self, index: usize) -> &str {
        [
            "Accueil et ouverture",
            "Diversité",
            "Accès équitable",
            "Équilibre",
        ][index]
    }
    fn axis(&self, index: usize) -> &str {
        ["Collectif", "Solidarité"][index]
    }
    fn profile_field(&self, index: usize) -> &str {
        ["Territoire", "Nom"][index]
    }
    fn choice(&self, field: usize, code: &str) -> Option<&str> {
        (field == 0 && code == "rural").then_some("Rural")
    }
}

fn told(source: &str, lang: &str) -> String {
    compile(source).describe(lang, &Titles)
}

#[test]
fn names_criteria_by_their_titles_with_french_typography() {
    assert_eq!(
        told(
            "collectif.accueil <= 1 and not answered(solidarite.acces_equitable)",
            "fr"
        ),
        "«\u{a0}Accueil et ouverture\u{a0}» ≤ 1 et «\u{a0}Accès équitable\u{a0}» n’est pas renseigné"
    );
    assert_eq!(
        told(
            "collectif.accueil <= 1 and not answered(solidarite.acces_equitable)",
            "en-GB"
        ),
        "“Accueil et ouverture” ≤ 1 and “Accès équitable” is not answered"
    );
}

#[test]
fn french_is_chosen_for_every_french_tag() {
    for tag in ["fr", "fr-FR", "FR", "fr_CA"] {
        assert_eq!(told("true", tag), "vrai", "{tag}");
    }
    for tag in ["en", "de", "", "frx"] {
        assert_eq!(told("true", tag), "true", "{tag}");
    }
}

#[test]
fn profile_choices_are_named_by_their_labels() {
    assert_eq!(
        told("profile.territory in ['rural', 'urbain', 'periurbain']", "fr"),
        "«\u{a0}Territoire\u{a0}» vaut «\u{a0}Rural\u{a0}», «\u{a0}urbain\u{a0}» ou «\u{a0}periurbain\u{a0}»"
    );
    assert_eq!(
        told("'rural' != profile.territory", "en"),
        "“Rural” ≠ “Territoire”"
    );
}

#[test]
fn brackets_keep_the_meaning_of_nested_chains() {
    assert_eq!(
        told(
            "collectif.accueil >= 3 and (collectif.diversite <= 1 or not (score() > 50))",
            "en"
        ),
        "“Accueil et ouverture” ≥ 3 and (“Diversité” ≤ 1 or not (the overall score > 50))"
    );
    assert_eq!(
        told("(collectif.accueil - 1) * 2 >= -1.5", "fr"),
        "(«\u{a0}Accueil et ouverture\u{a0}» − 1) × 2 ≥ −1,5"
    );
}

#[test]
fn functions_are_told_in_words() {
    assert_eq!(
        told(
            "count(target(collectif.accueil) > 2, spread(solidarite.equilibre) >= 2, na(collectif.diversite)) >= 2",
            "en"
        ),
        "the number of true conditions among (the target of “Accueil et ouverture” > 2; the gap between raters on “Équilibre” ≥ 2; “Diversité” is not applicable) ≥ 2"
    );
    assert_eq!(
        told(
            "min(score(collectif), coverage(solidarite)) < 40 or unknown(collectif.accueil)",
            "fr"
        ),
        "le plus petit de (le score de l’axe «\u{a0}Collectif\u{a0}», la couverture de l’axe «\u{a0}Solidarité\u{a0}») < 40 ou «\u{a0}Accueil et ouverture\u{a0}» est déclaré inconnu"
    );
}

proptest! {
    #[test]
    fn describes_exactly_what_the_condition_reads(source in condition(), lang in "(fr|en)") {
        prop_assume!(source.len() <= crate::rules::MAX_LENGTH);
        let c = compile(&source);
        let tokens = Tokens::new();
        let text = c.describe(&lang, &tokens);
        let refs = c.references();
        prop_assert_eq!(Tokens::found(&tokens.criteria, &text), refs.criteria.clone(), "{}", text);
        prop_assert_eq!(Tokens::found(&tokens.axes, &text), refs.axes.clone(), "{}", text);
        prop_assert_eq!(Tokens::found(&tokens.fields, &text), refs.profile_fields.clone(), "{}", text);
        prop_assert_eq!(text.contains("overall") || text.contains("global"), refs.overall, "{}", text);
        prop_assert!(!text.contains("profile.") && !text.contains("collectif."), "{}", text);
    }

    #[test]
    fn describing_any_compiled_condition_never_panics(parts in prop::collection::vec(fragment(), 0..40)) {
        for source in [parts.concat(), parts.join(" ")] {
            if let Ok(c) = Condition::compile(&source, &TestScope, Context::Rule) {
                let _ = c.describe("fr", &Tokens::new());
                let _ = c.describe("en", &Tokens::new());
            }
        }
    }
}
