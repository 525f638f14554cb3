//! Properties: compilation never panics, well-formed conditions always compile and evaluate.

use super::fixtures::*;
use crate::rules::{AnswerState, Condition, Context};
use proptest::prelude::*;

fn compile_both(source: &str) {
    let _ = Condition::compile(source, &TestScope, Context::Rule);
    let _ = Condition::compile(source, &TestScope, Context::Relevance);
}

/// Fragments that look like the language, to reach deeper than random bytes.
pub(super) fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("collectif.accueil".to_owned()),
        Just("profile.territory".to_owned()),
        Just("'rural'".to_owned()),
        Just("\"x\\\"".to_owned()),
        Just("score(".to_owned()),
        Just("count(".to_owned()),
        Just("target(".to_owned()),
        Just("min(".to_owned()),
        "[()\\[\\],.'\"\\\\]".prop_map(|s| s),
        "(and|or|not|in|true|false|==|!=|<=|>=|<|>|=|&&|\\|\\||!)".prop_map(|s| s),
        "[-+*/]".prop_map(|s| s),
        "[0-9]{1,3}(\\.[0-9])?".prop_map(|s| s),
        "[a-zé_]{1,6}".prop_map(|s| s),
        " ".prop_map(|s| s),
    ]
}

fn number() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        (0..5u32).prop_map(|n| n.to_string()),
        Just("2.5".to_owned()),
        prop::sample::select(CRITERIA.to_vec()).prop_map(str::to_owned),
        prop::sample::select(CRITERIA.to_vec()).prop_map(|c| format!("target({c})")),
        prop::sample::select(CRITERIA.to_vec()).prop_map(|c| format!("spread({c})")),
        prop::sample::select(AXES.to_vec()).prop_map(|a| format!("score({a})")),
        prop::sample::select(AXES.to_vec()).prop_map(|a| format!("coverage({a})")),
        Just("score()".to_owned()),
    ];
    leaf.prop_recursive(3, 24, 3, |inner| {
        prop_oneof![
            (inner.clone(), "[-+*/]", inner.clone())
                .prop_map(|(a, op, b)| format!("({a} {op} {b})")),
            inner.clone().prop_map(|a| format!("-{a}")),
            prop::collection::vec(inner.clone(), 1..4)
                .prop_map(|v| format!("min({})", v.join(", "))),
            prop::collection::vec(inner, 1..4).prop_map(|v| format!("max({})", v.join(", "))),
        ]
    })
}

pub(super) fn condition() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        (number(), "(==|!=|<|<=|>|>=)", number()).prop_map(|(a, op, b)| format!("{a} {op} {b}")),
        (number(), prop::collection::vec(0..5u32, 1..4)).prop_map(|(a, l)| {
            let l: Vec<String> = l.iter().map(u32::to_string).collect();
            format!("{a} in [{}]", l.join(", "))
        }),
        (
            "(answered|na|unknown)",
            prop::sample::select(CRITERIA.to_vec())
        )
            .prop_map(|(f, c)| format!("{f}({c})")),
        prop::sample::select(vec!["urbain", "rural", "periurbain"])
            .prop_map(|t| format!("profile.territory == '{t}'")),
        Just("profile.name != 'x'".to_owned()),
        Just("true".to_owned()),
    ];
    leaf.prop_recursive(3, 24, 3, |inner| {
        prop_oneof![
            (inner.clone(), "(and|or)", inner.clone())
                .prop_map(|(a, op, b)| format!("({a} {op} {b})")),
            inner.clone().prop_map(|a| format!("not {a}")),
            (prop::collection::vec(inner, 1..4), 0..3u32)
                .prop_map(|(v, n)| format!("count({}) >= {n}", v.join(", "))),
        ]
    })
}

fn state() -> impl Strategy<Value = AnswerState> {
    prop::sample::select(vec![
        AnswerState::Unanswered,
        AnswerState::Answered,
        AnswerState::NotApplicable,
        AnswerState::Unknown,
        AnswerState::NotRelevant,
    ])
}

fn option(range: std::ops::Range<u32>) -> impl Strategy<Value = Option<f64>> {
    prop::option::of(range.prop_map(f64::from))
}

pub(super) fn facts() -> impl Strategy<Value = TestFacts> {
    (
        prop::array::uniform4(state()),
        prop::array::uniform4(option(0..5)),
        prop::array::uniform4(option(0..5)),
        prop::array::uniform4(option(0..5)),
        prop::array::uniform2(option(0..101)),
        prop::array::uniform2(option(0..101)),
        option(0..101),
        prop::option::of(prop::sample::select(vec!["urbain", "rural", "autre"])),
    )
        .prop_map(
            |(states, levels, targets, spreads, scores, coverage, overall, territory)| TestFacts {
                states,
                levels,
                targets,
                spreads,
                scores,
                coverage,
                overall,
                profile: [territory.map(str::to_owned), Some("x".to_owned())],
            },
        )
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics(source in any::<String>()) {
        compile_both(&source);
    }

    #[test]
    fn language_like_text_never_panics(parts in prop::collection::vec(fragment(), 0..60)) {
        compile_both(&parts.concat());
        compile_both(&parts.join(" "));
    }

    #[test]
    fn well_formed_conditions_compile_and_evaluate(source in condition(), facts in facts()) {
        prop_assume!(source.len() <= crate::rules::MAX_LENGTH);
        let c = Condition::compile(&source, &TestScope, Context::Rule)
            .map_err(|e| TestCaseError::fail(format!("`{source}`: {e:?}")))?;
        let result = c.evaluate(&facts);
        // `not` is plain negation, over every fact.
        let negated = Condition::compile(&format!("not ({source})"), &TestScope, Context::Rule).unwrap();
        prop_assert_eq!(negated.evaluate(&facts), !result);
        let trace = c.explain(&facts);
        prop_assert!(!trace.is_empty() || c.references() == &Default::default());
    }
}
