//! The words of a comparison of two grid versions (`domino grid diff`): its headline,
//! sections and kinds of change, one table per language.

use super::Language;
use crate::grid::diff::{SectionKind, Status};

/// The words of a grid diff in one language.
#[derive(Debug)]
pub struct GridDiffLabels {
    /// The first line, from the grid's id and its two versions.
    pub headline: fn(&str, &str, &str) -> String,
    /// After the headline when criteria were matched through a crosswalk from a version.
    pub matched: fn(&str) -> String,
    /// When nothing changed.
    pub no_change: &'static str,
    /// Before a note explaining a change.
    pub note: &'static str,
    /// Before the fields whose typography alone changed.
    pub typography: &'static str,
    /// A value one version lacks.
    pub absent: &'static str,
    /// The sections, in [`SectionKind`] order.
    pub sections: [&'static str; 7],
    /// The kinds of change, in [`Status`] order.
    pub statuses: [&'static str; 7],
}

const FR: GridDiffLabels = GridDiffLabels {
    headline: |id, a, b| format!("Grille `{id}`, de {a} à {b}"),
    matched: |a| format!(" (critères mis en correspondance par la table de passage depuis {a})"),
    no_change: "aucun changement",
    note: "note",
    typography: "typographie seule",
    absent: "(absent)",
    sections: [
        "Grille",
        "Échelles",
        "Profil",
        "Axes",
        "Critères",
        "Règles",
        "Recommandations",
    ],
    statuses: [
        "ajouté",
        "supprimé",
        "renommé",
        "scindé",
        "fusionné",
        "reformulé",
        "modifié",
    ],
};

const EN: GridDiffLabels = GridDiffLabels {
    headline: |id, a, b| format!("Grid `{id}`, from {a} to {b}"),
    matched: |a| format!(" (criteria matched through the crosswalk from {a})"),
    no_change: "no change",
    note: "note",
    typography: "typography only",
    absent: "(none)",
    sections: [
        "Grid",
        "Scales",
        "Profile",
        "Axes",
        "Criteria",
        "Rules",
        "Recommendations",
    ],
    statuses: [
        "added", "removed", "renamed", "split", "merged", "reworded", "changed",
    ],
};

impl Language {
    /// The words of a grid diff in this language.
    pub fn grid_diff(self) -> &'static GridDiffLabels {
        self.choose(&FR, &EN)
    }
}

impl GridDiffLabels {
    /// The heading of a section.
    pub fn section(&self, kind: SectionKind) -> &'static str {
        self.sections[kind as usize]
    }

    /// The words of a kind of change.
    pub fn status(&self, status: Status) -> &'static str {
        self.statuses[status as usize]
    }
}
