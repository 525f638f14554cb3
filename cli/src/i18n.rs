//! The CLI's own words (headings, labels) in French and English; grid texts come from grids.

use domino_engine::rules::AnswerState;
use domino_engine::{FindingKind, Phase};

/// Labels of the outputs.
pub struct Words {
    pub colon: &'static str,
    pub grid: &'static str,
    pub overall: &'static str,
    pub axis: &'static str,
    pub score: &'static str,
    pub coverage: &'static str,
    pub median_level: &'static str,
    pub criterion: &'static str,
    pub level: &'static str,
    pub target: &'static str,
    pub evidence: &'static str,
    pub raters: &'static str,
    pub findings: &'static str,
    pub no_findings: &'static str,
    pub recommendations: &'static str,
    pub no_recommendations: &'static str,
    pub why: &'static str,
    pub condition: &'static str,
    pub because: &'static str,
    pub territory: &'static str,
    pub date: &'static str,
    pub profile: &'static str,
    pub critical: &'static str,
    pub report: &'static str,
    pub generated_by: &'static str,
    pub criteria_detail: &'static str,
    pub radar: &'static str,
    pub rows: &'static str,
    pub scored: &'static str,
    pub mean: &'static str,
    pub median: &'static str,
    pub all: &'static str,
    pub unanswered: &'static str,
    pub not_applicable: &'static str,
    pub unknown: &'static str,
    pub not_relevant: &'static str,
}

const FR: Words = Words {
    colon: " : ",
    grid: "Grille",
    overall: "Score global",
    axis: "Axe",
    score: "Score",
    coverage: "Couverture",
    median_level: "Niveau médian",
    criterion: "Critère",
    level: "Niveau",
    target: "Cible",
    evidence: "Éléments",
    raters: "Évaluateurs",
    findings: "Constats",
    no_findings: "Aucun constat.",
    recommendations: "Recommandations",
    no_recommendations: "Aucune recommandation.",
    why: "pourquoi",
    condition: "condition",
    because: "à cause de",
    territory: "Territoire",
    date: "Date",
    profile: "Profil",
    critical: "critique",
    report: "Rapport DOMINO",
    generated_by: "Produit par domino",
    criteria_detail: "Détail des critères",
    radar: "Profil par axe",
    rows: "lignes",
    scored: "notées",
    mean: "moyenne",
    median: "médiane",
    all: "Ensemble",
    unanswered: "sans réponse",
    not_applicable: "sans objet",
    unknown: "ne sait pas",
    not_relevant: "non pertinent",
};

const EN: Words = Words {
    colon: ": ",
    grid: "Grid",
    overall: "Overall score",
    axis: "Axis",
    score: "Score",
    coverage: "Coverage",
    median_level: "Median level",
    criterion: "Criterion",
    level: "Level",
    target: "Target",
    evidence: "Evidence",
    raters: "Raters",
    findings: "Findings",
    no_findings: "No findings.",
    recommendations: "Recommendations",
    no_recommendations: "No recommendations.",
    why: "why",
    condition: "condition",
    because: "because of",
    territory: "Territory",
    date: "Date",
    profile: "Profile",
    critical: "critical",
    report: "DOMINO report",
    generated_by: "Produced by domino",
    criteria_detail: "Criteria in detail",
    radar: "Profile by axis",
    rows: "rows",
    scored: "scored",
    mean: "mean",
    median: "median",
    all: "All",
    unanswered: "unanswered",
    not_applicable: "not applicable",
    unknown: "unknown",
    not_relevant: "not relevant",
};

/// The words of a language (English for anything but French).
pub fn words(lang: &str) -> &'static Words {
    if lang == "fr" {
        &FR
    } else {
        &EN
    }
}

/// The heading of a kind of finding.
pub fn kind_title(kind: FindingKind, lang: &str) -> &'static str {
    let fr = lang == "fr";
    match kind {
        FindingKind::Pepite if fr => "Pépites",
        FindingKind::Pepite => "Nuggets",
        FindingKind::Opportunite if fr => "Opportunités",
        FindingKind::Opportunite => "Opportunities",
        FindingKind::Vigilance if fr => "Points de vigilance",
        FindingKind::Vigilance => "Points of vigilance",
        FindingKind::Debat if fr => "Points à débattre",
        FindingKind::Debat => "Points to debate",
    }
}

/// The heading of a phase of public action.
pub fn phase_title(phase: Phase, lang: &str) -> &'static str {
    let fr = lang == "fr";
    match phase {
        Phase::Declencher if fr => "Déclencher",
        Phase::Declencher => "Trigger",
        Phase::Accompagner if fr => "Accompagner",
        Phase::Accompagner => "Support",
        Phase::Perenniser if fr => "Pérenniser",
        Phase::Perenniser => "Sustain",
    }
}

/// A criterion state code in words.
pub fn state_text(state: AnswerState, lang: &str) -> &'static str {
    let w = words(lang);
    match state {
        AnswerState::NotApplicable => w.not_applicable,
        AnswerState::Unknown => w.unknown,
        AnswerState::NotRelevant => w.not_relevant,
        AnswerState::Answered | AnswerState::Unanswered => w.unanswered,
    }
}
