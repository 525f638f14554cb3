use super::fixtures::*;
use crate::rules::Context;

#[test]
fn show() {
    for src in [
        "collectif.accueil == '3'",
        "'3' == collectif.accueil",
        "collectif.accueil == 'haut'",
        "collectif.accueil",
        "profile.territory",
        "a && b",
        "collectif.accueil = 3 && collectif.diversite >= 2 || !answered(collectif.accueil)",
        "",
        "   ",
        "1 < collectif.accueil < 3",
        "collectif.acceuil >= 3",
        "collectif.accueil-1 >= 3",
        "colectif.truc >= 3",
        "profile.territoire == 'rural'",
        "profile.territory == 'urbian'",
        "profile.territory in ['rural', 'urbian', 'x']",
        "scroe(collectif) > 3",
        "score(colectif) > 3",
        "score(collectif.accueil) > 3",
        "target(collectif) > 3",
        "answered(profile.name)",
        "collectif >= 3",
        "accueil >= 3",
        "count(collectif.accueil) >= 1",
        "min(answered(collectif.accueil)) >= 1",
        "'a' < 'b'",
        "profile.name + 1 > 2",
        "collectif.accueil in ['3', '4']",
        "collectif.accueil in [3, 'a']",
        "profile.territory in [1, 2]",
        "answered(collectif.accueil) == 1",
        "(collectif.accueil >= 3",
        "collectif.accueil >= 3)",
        "collectif.accueil >= 3 AND true",
        "x in []",
        "'abc",
        "solidarité.accès >= 3",
        "1 + not true",
        "score() > 3 and",
        "collectif.accueil >= 3 collectif.diversite",
        "count() > 1",
        "true and 3",
        "-'a' == 1",
        "'a\\n' == 'b'",
        "collectif.accueil.target >= 3",
        "a.b(1)",
        "x in [collectif.accueil]",
        "target(collectif.accueil, collectif.diversite) > 1",
        "1e5 > 3",
    ] {
        println!("=== {src}");
        match crate::rules::Condition::compile(src, &TestScope, Context::Rule) {
            Ok(_) => println!("OK"),
            Err(es) => {
                for e in es {
                    println!(
                        "  {:?} {:?} {:?} | {}",
                        e.kind,
                        e.span,
                        e.message,
                        e.hint.unwrap_or_default()
                    );
                }
            }
        }
    }
    for src in ["score(collectif) > 3 or spread(collectif.accueil) > 1 or coverage(collectif) > 1"]
    {
        println!("=== {src}");
        for e in errors_in(src, Context::Relevance) {
            println!(
                "  {:?} {:?} {:?} | {}",
                e.kind,
                e.span,
                e.message,
                e.hint.unwrap_or_default()
            );
        }
    }
}
