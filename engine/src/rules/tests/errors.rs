//! Every kind of error, with its exact message, span and hint.

use super::fixtures::*;
use crate::rules::{Condition, Context, RuleErrorKind, MAX_DEPTH};

// ----- Syntax -----

#[test]
fn habits_from_other_languages_are_syntax_errors_with_the_right_spelling() {
    let e = error("collectif.accueil >= 3 && collectif.diversite >= 3");
    assert_eq!(e.kind, RuleErrorKind::Syntax);
    assert_eq!(e.span, 23..25);
    assert_eq!(e.message, "`&&` is not an operator of this language");
    assert_eq!(e.hint.as_deref(), Some("write `and`"));

    for (source, span, hint) in [
        ("collectif.accueil = 3", 18..19, "write `==`"),
        ("answered(collectif.accueil) || true", 28..30, "write `or`"),
        ("!answered(collectif.accueil)", 0..1, "write `not`"),
        ("collectif.accueil <> 3", 18..20, "write `!=`"),
        ("collectif.accueil => 3", 18..20, "write `>=`"),
    ] {
        let e = error(source);
        assert_eq!(
            (e.kind, e.span, e.hint.as_deref()),
            (RuleErrorKind::Syntax, span, Some(hint)),
            "{source}"
        );
    }
}

#[test]
fn every_recoverable_mistake_is_reported_at_once() {
    let all =
        errors("collectif.accueil = 3 && collectif.diversite >= 2 || !answered(collectif.acceuil)");
    let found: Vec<_> = all.iter().map(|e| (e.kind, e.span.clone())).collect();
    assert_eq!(
        found,
        [
            (RuleErrorKind::Syntax, 18..19),
            (RuleErrorKind::Syntax, 22..24),
            (RuleErrorKind::Syntax, 50..52),
            (RuleErrorKind::Syntax, 53..54),
            (RuleErrorKind::UnknownName, 63..80),
        ]
    );
}

#[test]
fn an_empty_condition_is_a_syntax_error() {
    for source in ["", "   \n"] {
        let e = error(source);
        assert_eq!(e.kind, RuleErrorKind::Syntax);
        assert_eq!(e.message, "empty condition");
        assert_eq!(e.span, 0..source.len());
    }
}

#[test]
fn comparisons_do_not_chain() {
    let e = error("1 < collectif.accueil < 3");
    assert_eq!(e.kind, RuleErrorKind::Syntax);
    assert_eq!(e.span, 22..23);
    assert_eq!(e.message, "comparisons cannot be chained");
    assert_eq!(
        e.hint.as_deref(),
        Some("write `1 < collectif.accueil and collectif.accueil < 3`")
    );
}

#[test]
fn unbalanced_brackets_and_missing_operands_are_located() {
    let e = error("(collectif.accueil >= 3");
    assert_eq!(
        (e.span, e.message.as_str()),
        (0..1, "this `(` is never closed")
    );

    let e = error("collectif.accueil >= 3)");
    assert_eq!(
        (e.span, e.message.as_str()),
        (22..23, "unexpected `)` after a complete expression")
    );
    assert_eq!(e.hint.as_deref(), Some("this `)` has no matching `(`"));

    let e = error("score() > 3 and");
    assert_eq!(e.span, 15..15);
    assert_eq!(
        e.message,
        "the condition ends too early: expected a value after `and`"
    );

    let e = error("collectif.accueil >= 3 AND true");
    assert_eq!(e.span, 23..26);
    assert_eq!(
        e.hint.as_deref(),
        Some("keywords are lowercase: write `and`")
    );

    let e = error("x in []");
    assert_eq!(
        (e.span, e.message.as_str()),
        (5..7, "an empty list: nothing is ever in it")
    );
}

#[test]
fn strings_must_be_closed_and_use_known_escapes() {
    let e = error("profile.name == 'abc");
    assert_eq!(
        (e.span, e.message.as_str()),
        (16..20, "this string is never closed")
    );

    let e = error(r"profile.name == 'a\n'");
    assert_eq!(
        (e.span, e.message.as_str()),
        (18..20, r"unknown escape `\n` in a string")
    );
}

#[test]
fn names_are_ascii() {
    let all = errors("solidarité.accès >= 3");
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].span, 9..11);
    assert_eq!(all[0].message, "unexpected character `é`");
    assert_eq!(
        all[0].hint.as_deref(),
        Some("names use ASCII letters only: grid ids are written without accents")
    );
}

// ----- UnknownName -----

#[test]
fn an_unknown_criterion_suggests_the_closest_one() {
    let e = error("collectif.acceuil >= 3");
    assert_eq!(e.kind, RuleErrorKind::UnknownName);
    assert_eq!(e.span, 0..17);
    assert_eq!(e.message, "unknown criterion `collectif.acceuil`");
    assert_eq!(e.hint.as_deref(), Some("did you mean `collectif.accueil`?"));

    let e = error("colectif.truc >= 3");
    assert_eq!(
        e.hint.as_deref(),
        Some("there is no axis `colectif`; did you mean `collectif`?")
    );

    let e = error("collectif.zzz >= 3");
    assert_eq!(
        e.hint.as_deref(),
        Some("the criteria of `collectif` are `collectif.accueil`, `collectif.diversite`")
    );
}

#[test]
fn a_dash_glued_to_a_name_belongs_to_the_name() {
    let e = error("collectif.accueil-1 >= 3");
    assert_eq!(e.message, "unknown criterion `collectif.accueil-1`");
    assert_eq!(
        e.hint.as_deref(),
        Some("for a subtraction, put spaces around `-`: `collectif.accueil - 1`")
    );
    compile("collectif.accueil - 1 >= 3");
}

#[test]
fn unknown_profile_fields_functions_and_axes_get_suggestions() {
    let e = error("profile.territoire == 'rural'");
    assert_eq!(
        (e.kind, e.span.clone()),
        (RuleErrorKind::UnknownName, 0..18)
    );
    assert_eq!(e.message, "unknown profile field `profile.territoire`");
    assert_eq!(e.hint.as_deref(), Some("did you mean `profile.territory`?"));

    let e = error("scroe(collectif) > 50");
    assert_eq!(
        (e.span.clone(), e.message.as_str()),
        (0..5, "unknown function `scroe`")
    );
    assert_eq!(e.hint.as_deref(), Some("did you mean `score`?"));

    let e = error("score(colectif) > 50");
    assert_eq!(
        (e.span.clone(), e.message.as_str()),
        (6..14, "unknown axis `colectif`")
    );
    assert_eq!(e.hint.as_deref(), Some("did you mean `collectif`?"));

    let e = error("accueil >= 3");
    assert_eq!(e.message, "unknown name `accueil`");
    assert_eq!(
        e.hint.as_deref(),
        Some("criteria are written with their axis: `collectif.accueil`")
    );

    let e = error("collectif >= 3");
    assert_eq!(e.message, "`collectif` is an axis, not a value");
}

#[test]
fn a_string_compared_with_a_closed_profile_field_must_be_one_of_its_choices() {
    let e = error("profile.territory == 'urbian'");
    assert_eq!(e.kind, RuleErrorKind::UnknownName);
    assert_eq!(e.span, 21..29);
    assert_eq!(e.message, "`urbian` is not a choice of `profile.territory`");
    assert_eq!(e.hint.as_deref(), Some("did you mean `urbain`?"));

    let e = error("profile.territory in ['rural', 'montagne']");
    assert_eq!(e.span, 31..41);
    assert_eq!(
        e.hint.as_deref(),
        Some("the choices are `urbain`, `rural`, `periurbain`")
    );

    // A free-text field accepts any string.
    compile("profile.name == 'Cycles Compost'");
}

// ----- Type -----

#[test]
fn comparing_a_level_with_a_string_explains_that_levels_are_numbers() {
    let e = error("collectif.accueil == '3'");
    assert_eq!(e.kind, RuleErrorKind::Type);
    assert_eq!(e.span, 0..24);
    assert_eq!(e.message, "cannot compare a level (number) with a string");
    assert_eq!(
        e.hint.as_deref(),
        Some("levels are numbers: write `collectif.accueil == 3`, not `== '3'`")
    );

    let e = error("collectif.accueil in ['3', '4']");
    assert_eq!(
        e.message,
        "cannot compare a level (number) with a list of strings"
    );
    assert_eq!(
        e.hint.as_deref(),
        Some("levels are numbers: write `collectif.accueil in [3, 4]`")
    );
}

#[test]
fn a_condition_must_be_true_or_false() {
    let e = error("collectif.accueil + 1");
    assert_eq!(e.kind, RuleErrorKind::Type);
    assert_eq!(e.span, 0..21);
    assert_eq!(
        e.message,
        "a condition must be true or false, this is a number"
    );
    assert_eq!(
        e.hint.as_deref(),
        Some("compare it, e.g. `collectif.accueil + 1 >= 3`")
    );

    let e = error("profile.territory");
    assert_eq!(
        e.message,
        "a condition must be true or false, this is a string"
    );
}

#[test]
fn operators_name_the_type_they_need() {
    let e = error("collectif.accueil and true");
    assert_eq!((e.kind, e.span.clone()), (RuleErrorKind::Type, 0..17));
    assert_eq!(
        e.message,
        "`and` needs conditions (true or false) on both sides, this is a level (number)"
    );

    let e = error("profile.name + 1 > 2");
    assert_eq!(e.span, 0..12);
    assert_eq!(
        e.message,
        "`+` needs numbers on both sides, this is a profile field (string)"
    );

    let e = error("profile.name < 'b'");
    assert_eq!(
        (e.span.clone(), e.message.as_str()),
        (13..14, "cannot order strings with `<`")
    );

    let e = error("count(collectif.accueil) >= 1");
    assert_eq!(e.span, 6..23);
    assert_eq!(
        e.message,
        "`count(…)` counts conditions (true or false), this is a level (number)"
    );

    let e = error("collectif.accueil in [3, 'a']");
    assert_eq!(e.span, 25..28);
    assert_eq!(
        e.message,
        "a list holds values of one type: this is a string, the first value is a number"
    );

    let e = error("target(collectif) > 1");
    assert_eq!(e.span, 7..16);
    assert_eq!(
        e.message,
        "`target(…)` takes a criterion such as `axis.criterion`"
    );
}

#[test]
fn every_unknown_name_and_type_error_is_reported_without_follow_up_errors() {
    let all =
        errors("collectif.acceuil == '3' or profile.territory == 'urbian' or score(x) == 'a'");
    let found: Vec<_> = all.iter().map(|e| (e.kind, e.span.clone())).collect();
    assert_eq!(
        found,
        [
            // The unknown criterion hides the comparison with a string: one error per mistake.
            (RuleErrorKind::UnknownName, 0..17),
            (RuleErrorKind::UnknownName, 49..57),
            (RuleErrorKind::UnknownName, 67..68),
        ]
    );
}

// ----- NotAllowedHere -----

#[test]
fn relevance_cannot_use_scores_coverage_or_spreads() {
    let source =
        "score(collectif) < 50 or coverage(collectif) < 50 or spread(collectif.accueil) >= 2";
    let all = errors_in(source, Context::Relevance);
    let found: Vec<_> = all.iter().map(|e| (e.kind, e.span.clone())).collect();
    assert_eq!(
        found,
        [
            (RuleErrorKind::NotAllowedHere, 0..16),
            (RuleErrorKind::NotAllowedHere, 25..44),
            (RuleErrorKind::NotAllowedHere, 53..78),
        ]
    );
    assert_eq!(
        all[0].message,
        "`score(…)` cannot be used in `relevant`: relevance is evaluated before scores exist"
    );
    assert!(Condition::compile(source, &TestScope, Context::Rule).is_ok());
    assert!(Condition::compile(
        "profile.territory != 'urbain'",
        &TestScope,
        Context::Relevance
    )
    .is_ok());
}

// ----- TooDeep -----

fn nested(depth: usize) -> String {
    format!(
        "{}collectif.accueil{} >= 3",
        "(".repeat(depth),
        ")".repeat(depth)
    )
}

#[test]
fn nesting_is_limited_to_32_levels() {
    compile(&nested(MAX_DEPTH));
    let e = error(&nested(MAX_DEPTH + 1));
    assert_eq!(e.kind, RuleErrorKind::TooDeep);
    assert_eq!(e.span, 32..33);
    assert_eq!(e.message, "the condition nests more than 32 levels deep");

    // Unary operators, calls and lists count too.
    compile(&format!("{}true", "not ".repeat(MAX_DEPTH)));
    assert_eq!(
        error(&format!("{}true", "not ".repeat(MAX_DEPTH + 1))).kind,
        RuleErrorKind::TooDeep
    );
    assert_eq!(
        error(&format!("{}1 > 0", "-".repeat(MAX_DEPTH + 1))).kind,
        RuleErrorKind::TooDeep
    );
    let calls = format!(
        "{}1{} > 0",
        "min(".repeat(MAX_DEPTH + 1),
        ")".repeat(MAX_DEPTH + 1)
    );
    assert_eq!(error(&calls).kind, RuleErrorKind::TooDeep);
}

#[test]
fn ten_thousand_open_parentheses_are_refused_without_overflow() {
    let all = errors(&"(".repeat(10_000));
    assert_eq!(all[0].kind, RuleErrorKind::TooLong);
    let all = errors(&"(".repeat(4_000));
    assert_eq!(all[0].kind, RuleErrorKind::TooDeep);
}

#[test]
fn long_flat_chains_are_not_nesting() {
    let sum = vec!["1"; 1000].join(" + ");
    let c = compile(&format!("{sum} == 1000"));
    assert!(c.evaluate(&TestFacts::default()));
    let and = vec!["true"; 400].join(" and ");
    assert!(eval(&and, &TestFacts::default()));
}

// ----- TooLong -----

#[test]
fn conditions_are_limited_to_4096_bytes() {
    let source = format!("{}true", " ".repeat(4093));
    assert_eq!(source.len(), 4097);
    let e = error(&source);
    assert_eq!(e.kind, RuleErrorKind::TooLong);
    assert_eq!(e.span, 0..4097);
    assert_eq!(
        e.message,
        "this condition is 4097 bytes long, the limit is 4096"
    );
    compile(&source[1..]);
}

#[test]
fn lists_are_limited_to_256_values() {
    let list = |n: usize| (0..n).map(|i| i.to_string()).collect::<Vec<_>>().join(", ");
    compile(&format!("collectif.accueil in [{}]", list(256)));
    let e = error(&format!("collectif.accueil in [{}]", list(257)));
    assert_eq!(e.kind, RuleErrorKind::TooLong);
    assert_eq!(e.message, "a list holds at most 256 values");
}
