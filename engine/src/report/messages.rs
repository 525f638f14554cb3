//! Words for the built-in findings, in French and English (other languages fall back to English).
//! French typography: « » with U+00A0 inside, U+00A0 before « : » and « ? », apostrophe ’.

use crate::vocabulary::Language;

/// The built-in finding templates; `{c}` is the criterion title, `{l}` a level label.
pub(super) struct Messages {
    pub critical_low: &'static str,
    pub critical_unknown: &'static str,
    pub target_gap: &'static str,
    pub rater_gap: &'static str,
    pub applicability: &'static str,
}

const FR: Messages = Messages {
    critical_low: "Critère critique «\u{a0}{c}\u{a0}» au niveau «\u{a0}{l}\u{a0}»\u{a0}: un point faible qu’aucune moyenne ne compense. Qu’est-ce qui l’explique, et qui peut agir\u{a0}?",
    critical_unknown: "Critère critique «\u{a0}{c}\u{a0}»\u{a0}: personne ne sait répondre. Ne pas savoir est en soi un point de vigilance\u{a0}: qui pourrait éclairer la question\u{a0}?",
    target_gap: "«\u{a0}{c}\u{a0}»\u{a0}: l’écart entre le niveau actuel («\u{a0}{l}\u{a0}») et le niveau visé («\u{a0}{t}\u{a0}») est un levier à travailler.",
    rater_gap: "«\u{a0}{c}\u{a0}»\u{a0}: les évaluateurs sont en désaccord ({l}). Un point à mettre en débat avant de conclure.",
    applicability: "«\u{a0}{c}\u{a0}»\u{a0}: certains évaluateurs jugent ce critère sans objet, d’autres lui donnent un niveau. Un point à clarifier ensemble.",
};

const EN: Messages = Messages {
    critical_low: "Critical criterion \"{c}\" at level \"{l}\": a weakness that no average can offset. What explains it, and who can act?",
    critical_unknown: "Critical criterion \"{c}\": nobody can answer. Not knowing is itself a point of vigilance: who could shed light on it?",
    target_gap: "\"{c}\": the gap between the current level (\"{l}\") and the target (\"{t}\") is a lever to work on.",
    rater_gap: "\"{c}\": the raters disagree ({l}). A point to debate before drawing conclusions.",
    applicability: "\"{c}\": some raters find this criterion not applicable, others give it a level. A point to clarify together.",
};

/// The templates for a language.
pub(super) fn messages(lang: Language) -> &'static Messages {
    match lang {
        Language::Fr => &FR,
        Language::En => &EN,
    }
}

/// Fills `{c}`, `{l}` and `{t}` in a template.
pub(super) fn fill(template: &str, c: &str, l: &str, t: &str) -> String {
    template
        .replace("{c}", c)
        .replace("{l}", l)
        .replace("{t}", t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_templates_follow_french_typography() {
        let fr = messages(Language::Fr);
        for t in [
            fr.critical_low,
            fr.critical_unknown,
            fr.target_gap,
            fr.rater_gap,
            fr.applicability,
        ] {
            for bad in [" :", " ?", "« ", " »", "'"] {
                assert!(!t.contains(bad), "{bad:?} in {t}");
            }
        }
    }
}
