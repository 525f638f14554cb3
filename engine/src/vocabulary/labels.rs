//! The fixed labels of reports and result pages, one table per language.

use super::Language;

/// The fixed labels shown around grid texts: headings, column names, short notes.
/// One field per term, so a language that forgets one does not compile.
#[derive(Debug)]
pub struct Labels {
    /// The grid an assessment is read against.
    pub grid: &'static str,
    /// The practice assessed.
    pub initiative: &'static str,
    /// The score of the whole assessment.
    pub overall: &'static str,
    /// One of the grid's axes.
    pub axis: &'static str,
    /// A figure 0–100.
    pub score: &'static str,
    /// How much of an axis was answered.
    pub coverage: &'static str,
    /// The median answer of an axis.
    pub median_level: &'static str,
    /// Heading of the axis scores.
    pub axis_scores: &'static str,
    /// One question of the grid.
    pub criterion: &'static str,
    /// A level of a scale (the answer).
    pub level: &'static str,
    /// The level aimed at.
    pub target: &'static str,
    /// Evidence noted with an answer.
    pub evidence: &'static str,
    /// The people who answered.
    pub raters: &'static str,
    /// Heading of the findings (pépites, opportunités…).
    pub findings: &'static str,
    /// When there is none.
    pub no_findings: &'static str,
    /// Heading of the recommendations to public decision-makers.
    pub recommendations: &'static str,
    /// When there is none.
    pub no_recommendations: &'static str,
    /// The facts that made a finding fire (lowercase: it follows a bullet).
    pub why: &'static str,
    /// A rule's condition (lowercase).
    pub condition: &'static str,
    /// The findings that led to a recommendation (lowercase).
    pub because: &'static str,
    /// Where the practice is.
    pub territory: &'static str,
    /// When it was assessed.
    pub date: &'static str,
    /// The profile fields of an assessment.
    pub profile: &'static str,
    /// A criterion no average can offset (lowercase: a badge).
    pub critical: &'static str,
    /// The results of an assessment.
    pub results: &'static str,
    /// The title of a printed report.
    pub report: &'static str,
    /// The footer of a printed report, before the version.
    pub produced_by: &'static str,
    /// Heading of the criteria one by one.
    pub criteria_detail: &'static str,
    /// A radar chart of the axis scores.
    pub radar: &'static str,
    /// The note explaining the star and the score range.
    pub scores_note: &'static str,
    /// Input rows of a batch (lowercase: after a figure).
    pub rows: &'static str,
    /// Rows with a score (lowercase).
    pub scored: &'static str,
    /// Mean of scores (lowercase).
    pub mean: &'static str,
    /// Median of scores (lowercase).
    pub median: &'static str,
    /// The group of every row in a summary.
    pub all: &'static str,
    /// Rows that could not be scored (lowercase: after a figure).
    pub failed: &'static str,
    /// The languages of a grid (lowercase).
    pub languages: &'static str,
    /// Heading of a grid's scales.
    pub scales: &'static str,
    /// A profile field without fixed choices (lowercase).
    pub free_text: &'static str,
    /// The weight of an axis or criterion (lowercase).
    pub weight: &'static str,
    /// What a criterion's skip condition asks.
    pub relevant_when: &'static str,
    /// Heading of a grid's rules.
    pub rules: &'static str,
    /// The file name of a grid (lowercase: a column).
    pub name: &'static str,
    /// How many criteria (lowercase: a column).
    pub criteria: &'static str,
    /// A grid's SHA-256 (lowercase: a column).
    pub hash: &'static str,
    /// A grid's title (lowercase: a column).
    pub title: &'static str,
    /// What a template is, before the grid's version.
    pub blank_assessment: &'static str,
    /// How to fill in a template.
    pub template_help: &'static str,
}

const FR: Labels = Labels {
    grid: "Grille",
    initiative: "Initiative",
    overall: "Score global",
    axis: "Axe",
    score: "Score",
    coverage: "Couverture",
    median_level: "Niveau médian",
    axis_scores: "Scores par axe",
    criterion: "Critère",
    level: "Niveau",
    target: "Niveau visé",
    evidence: "Éléments de preuve",
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
    results: "Résultats",
    report: "Rapport DOMINO",
    produced_by: "Produit par domino",
    criteria_detail: "Détail des critères",
    radar: "Profil par axe",
    scores_note: "★\u{a0}: critère critique. Les scores vont de 0 à 100\u{a0}; un axe sans réponse n’a pas de score.",
    rows: "lignes",
    scored: "notées",
    mean: "moyenne",
    median: "médiane",
    all: "Ensemble",
    failed: "en erreur",
    languages: "langues",
    scales: "Échelles",
    free_text: "texte libre",
    weight: "poids",
    relevant_when: "Pertinent si",
    rules: "Règles",
    name: "nom",
    criteria: "critères",
    hash: "empreinte",
    title: "titre",
    blank_assessment: "évaluation vierge, grille",
    template_help: "Pour chaque critère, décommentez la ligne et indiquez un niveau (`level`), éventuellement un niveau visé (`target`) et les éléments qui le justifient (`evidence`). Une ligne laissée en commentaire compte comme «\u{a0}sans réponse\u{a0}».",
};

const EN: Labels = Labels {
    grid: "Grid",
    initiative: "Initiative",
    overall: "Overall score",
    axis: "Axis",
    score: "Score",
    coverage: "Coverage",
    median_level: "Median level",
    axis_scores: "Axis scores",
    criterion: "Criterion",
    level: "Level",
    target: "Target level",
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
    results: "Results",
    report: "DOMINO report",
    produced_by: "Produced by domino",
    criteria_detail: "Criteria in detail",
    radar: "Profile by axis",
    scores_note:
        "★: critical criterion. Scores range from 0 to 100; an axis without answers has no score.",
    rows: "rows",
    scored: "scored",
    mean: "mean",
    median: "median",
    all: "All",
    failed: "failed",
    languages: "languages",
    scales: "Scales",
    free_text: "free text",
    weight: "weight",
    relevant_when: "Relevant when",
    rules: "Rules",
    name: "name",
    criteria: "criteria",
    hash: "hash",
    title: "title",
    blank_assessment: "blank assessment, grid",
    template_help: "For each criterion, uncomment the line and give a level (`level`), optionally a target level (`target`) and the evidence behind it (`evidence`). A line left commented counts as unanswered.",
};

impl Language {
    /// The fixed labels in this language.
    pub fn labels(self) -> &'static Labels {
        self.choose(&FR, &EN)
    }
}
