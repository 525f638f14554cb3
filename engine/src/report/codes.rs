//! The coded fields of a report: each an enum in Rust, a stable lowercase code in JSON.
//!
//! Reports are archived and read back by other tools, so the codes never change:
//! `state` is `answered`, `not_applicable`, `unknown`, `unanswered` or `not_relevant`;
//! `source` is `rule`, `critical`, `target_gap`, `rater_gap` or `applicability`.

use crate::rules::AnswerState;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

impl AnswerState {
    /// Every state, in the order reports list them.
    pub const ALL: [AnswerState; 5] = [
        AnswerState::Answered,
        AnswerState::NotApplicable,
        AnswerState::Unknown,
        AnswerState::Unanswered,
        AnswerState::NotRelevant,
    ];

    /// The code of the state in reports.
    pub fn code(self) -> &'static str {
        match self {
            AnswerState::Answered => "answered",
            AnswerState::NotApplicable => "not_applicable",
            AnswerState::Unknown => "unknown",
            AnswerState::Unanswered => "unanswered",
            AnswerState::NotRelevant => "not_relevant",
        }
    }

    /// The state of a report code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

impl Serialize for AnswerState {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for AnswerState {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        const CODES: &[&str] = &[
            "answered",
            "not_applicable",
            "unknown",
            "unanswered",
            "not_relevant",
        ];
        AnswerState::from_code(&code).ok_or_else(|| D::Error::unknown_variant(&code, CODES))
    }
}

/// What raised a finding: one of the grid's rules, or one of the checks every grid gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingOrigin {
    /// A rule of the grid.
    Rule,
    /// A critical criterion below the middle of its scale, or unknown.
    Critical,
    /// A target two levels (or the grid's threshold) above the current level.
    TargetGap,
    /// Raters two levels (or the grid's threshold) apart.
    RaterGap,
    /// Some raters find the criterion not applicable, others give it a level.
    Applicability,
}

impl FindingOrigin {
    /// Every origin.
    pub const ALL: [FindingOrigin; 5] = [
        FindingOrigin::Rule,
        FindingOrigin::Critical,
        FindingOrigin::TargetGap,
        FindingOrigin::RaterGap,
        FindingOrigin::Applicability,
    ];

    /// The code of the origin in reports (the JSON `source` field).
    pub fn code(self) -> &'static str {
        match self {
            FindingOrigin::Rule => "rule",
            FindingOrigin::Critical => "critical",
            FindingOrigin::TargetGap => "target_gap",
            FindingOrigin::RaterGap => "rater_gap",
            FindingOrigin::Applicability => "applicability",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_codes_round_trip_through_json() {
        for state in AnswerState::ALL {
            let json = serde_json::to_string(&state).unwrap();
            assert_eq!(json, format!("\"{}\"", state.code()));
            assert_eq!(serde_json::from_str::<AnswerState>(&json).unwrap(), state);
        }
    }

    #[test]
    fn the_codes_listed_in_errors_are_the_codes_written() {
        let err = serde_json::from_str::<AnswerState>("\"?\"").unwrap_err();
        for state in AnswerState::ALL {
            assert!(err.to_string().contains(state.code()), "{err}");
        }
    }

    #[test]
    fn an_unknown_state_code_is_refused_with_the_known_ones() {
        let err = serde_json::from_str::<AnswerState>("\"maybe\"").unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("maybe") && text.contains("not_applicable"),
            "{text}"
        );
    }

    #[test]
    fn origin_codes_are_the_serialized_names() {
        for origin in FindingOrigin::ALL {
            let json = serde_json::to_string(&origin).unwrap();
            assert_eq!(json, format!("\"{}\"", origin.code()));
            assert_eq!(
                serde_json::from_str::<FindingOrigin>(&json).unwrap(),
                origin
            );
        }
    }
}
