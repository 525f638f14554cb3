//! Rules and recommendations.

use super::*;

/// A key whose value is one of fixed codes, and how to read them.
struct FixedCodes<T: 'static> {
    key: &'static str,
    /// What the value is, for messages.
    what: &'static str,
    /// The error code of an unknown value.
    error: &'static str,
    all: &'static [T],
    code: fn(T) -> &'static str,
    from_code: fn(&str) -> Option<T>,
}

const PHASES: FixedCodes<Phase> = FixedCodes {
    key: "phase",
    what: "phase",
    error: "unknown-phase",
    all: &Phase::ALL,
    code: Phase::code,
    from_code: Phase::from_code,
};

const KINDS: FixedCodes<FindingKind> = FixedCodes {
    key: "kind",
    what: "finding kind",
    error: "unknown-kind",
    all: &FindingKind::ALL,
    code: FindingKind::code,
    from_code: FindingKind::from_code,
};

impl GridLoader<'_, '_> {
    /// Reads the recommendations. Every valid id is recorded in
    /// `self.declared_recommendations`, even when the recommendation is
    /// refused for another reason (a missing translation, an unknown phase):
    /// rules recommending it get no second error.
    pub(super) fn read_recommendations(&mut self, top: &TableReader<'_>) -> Vec<Recommendation> {
        let Some(items) = top.array("recommendations", self.sink) else {
            return Vec::new();
        };
        let mut out: Vec<Recommendation> = Vec::new();
        let mut seen = HashSet::new();
        for (i, item) in items.iter().enumerate() {
            let path = format!("recommendations[{i}]");
            let Some(t) = TableReader::new(item, &path, self.sink) else {
                continue;
            };
            t.check_keys(RECOMMENDATION_KEYS, self.sink);
            let id = read_id(&t, "id", "the recommendation id", self.sink);
            if let Some(id) = id {
                if seen.insert(id.to_owned()) {
                    self.declared_recommendations.push(id.to_owned());
                } else {
                    self.sink.error(
                        "duplicate-id",
                        format!("recommendation `{id}` is declared twice"),
                        t.get("id").and_then(|n| n.span.clone()),
                        &t.path_of("id"),
                    );
                }
            }
            let phase = self.read_fixed_code(&t, &PHASES);
            let title = read_text(&t, "title", &self.languages, true, self.sink);
            let text = read_text(&t, "text", &self.languages, true, self.sink);
            if let (Some(id), Some(phase), Some(title), Some(text)) = (id, phase, title, text) {
                out.push(Recommendation {
                    id: id.to_owned(),
                    phase,
                    title,
                    text,
                });
            }
        }
        out
    }

    /// Reads the rules. The condition of every rule is returned for
    /// compiling, even that of a rule refused for another reason (a missing
    /// translation, an unknown kind): its mistakes are reported in the same
    /// run. Only rules kept whole ([`RuleHead`] with `Some`) become rules.
    pub(super) fn read_rules<'a>(&mut self, top: &TableReader<'a>) -> Vec<RuleRead<'a>> {
        let mut rules = Vec::new();
        let Some(items) = top.array("rules", self.sink) else {
            return rules;
        };
        let mut seen = HashSet::new();
        let declared = std::mem::take(&mut self.declared_recommendations);
        let known: HashSet<&str> = declared.iter().map(String::as_str).collect();
        for (i, item) in items.iter().enumerate() {
            let path = format!("rules[{i}]");
            let Some(t) = TableReader::new(item, &path, self.sink) else {
                continue;
            };
            t.check_keys(RULE_KEYS, self.sink);
            let id = read_id(&t, "id", "the rule id", self.sink);
            if let Some(id) = id {
                if !seen.insert(id.to_owned()) {
                    self.sink.error(
                        "duplicate-id",
                        format!("rule `{id}` is declared twice"),
                        t.get("id").and_then(|n| n.span.clone()),
                        &t.path_of("id"),
                    );
                }
            }
            let kind = self.read_fixed_code(&t, &KINDS);
            let message = read_text(&t, "message", &self.languages, true, self.sink);
            let recommend = self.read_recommend(&t, &path, &declared, &known);
            if t.get("when").is_none() {
                t.missing(
                    "when",
                    "the condition, e.g. \"solidarite.acces_equitable <= 1\"",
                    self.sink,
                );
            }
            let head = match (id, kind, message) {
                (Some(id), Some(kind), Some(message)) => Some(RuleHead {
                    id: id.to_owned(),
                    kind,
                    message,
                    recommend,
                }),
                _ => None,
            };
            let when = t.get("when").map(|node| PendingCondition {
                node,
                path: t.path_of("when"),
            });
            rules.push(RuleRead { head, when });
        }
        self.declared_recommendations = declared;
        rules
    }
    /// A value among fixed codes (a finding kind, a phase) under `key`:
    /// an unknown one is reported with the nearest code, or the list.
    fn read_fixed_code<T: Copy>(
        &mut self,
        t: &TableReader<'_>,
        fixed: &FixedCodes<T>,
    ) -> Option<T> {
        let FixedCodes {
            key,
            what,
            error,
            all,
            code,
            from_code,
        } = *fixed;
        let codes: Vec<&str> = all.iter().map(|&v| code(v)).collect();
        let (last, first) = codes.split_last()?;
        let expected = format!("{} or {last}", first.join(", "));
        let found = t.req_str(key, &expected, self.sink)?;
        let value = from_code(found);
        if value.is_none() {
            let hint = did_you_mean(found, codes.iter().copied()).map_or_else(
                || format!("use one of: {}", codes.join(", ")),
                |b| format!("did you mean `{b}`?"),
            );
            self.sink.error_hint(
                error,
                format!("unknown {what} `{found}`"),
                hint,
                t.get(key).and_then(|n| n.span.clone()),
                &t.path_of(key),
            );
        }
        value
    }

    /// The recommendations a rule names, each one declared (`known` holds
    /// the `declared` ids).
    fn read_recommend(
        &mut self,
        t: &TableReader<'_>,
        path: &str,
        declared: &[String],
        known: &HashSet<&str>,
    ) -> Vec<String> {
        let mut recommend = Vec::new();
        let Some(list) = t.array("recommend", self.sink) else {
            return recommend;
        };
        for (j, r) in list.iter().enumerate() {
            let rpath = format!("{path}.recommend[{j}]");
            match &r.value {
                Value::Str(rid) if known.contains(rid.as_str()) => recommend.push(rid.clone()),
                Value::Str(rid) => {
                    let hint = self
                        .suggestions
                        .did_you_mean(rid, declared.iter().map(String::as_str))
                        .map_or_else(
                            || "declare it in a `[[recommendations]]` table".to_owned(),
                            |b| format!("did you mean `{b}`?"),
                        );
                    self.sink.error_hint(
                        "unknown-recommendation",
                        format!(
                            "rule recommends `{rid}`, which is not a recommendation of this grid"
                        ),
                        hint,
                        r.span.clone(),
                        &rpath,
                    );
                }
                other => self.sink.error(
                    "wrong-type",
                    format!("`{rpath}` must be a string, found {}", other.kind()),
                    r.span.clone(),
                    &rpath,
                ),
            }
        }
        recommend
    }
}

/// A rule's parts other than its condition.
pub(super) struct RuleHead {
    pub id: String,
    pub kind: FindingKind,
    pub message: Text,
    pub recommend: Vec<String>,
}

/// A rule as read: its head when every part of it is valid, and its condition
/// waiting to be compiled.
pub(super) struct RuleRead<'a> {
    pub head: Option<RuleHead>,
    pub when: Option<PendingCondition<'a>>,
}
