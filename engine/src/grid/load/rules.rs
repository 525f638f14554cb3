//! Rules and recommendations.

use super::*;

impl GridLoader<'_, '_> {
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
                if !seen.insert(id.to_owned()) {
                    self.sink.error(
                        "duplicate-id",
                        format!("recommendation `{id}` is declared twice"),
                        t.get("id").and_then(|n| n.span.clone()),
                        &t.path_of("id"),
                    );
                }
            }
            let phase = t
                .req_str("phase", "declencher, accompagner or perenniser", self.sink)
                .and_then(|p| {
                    let phase = Phase::from_code(p);
                    if phase.is_none() {
                        let codes = Phase::ALL.map(Phase::code);
                        let hint = did_you_mean(p, codes).map_or_else(
                            || format!("use one of: {}", codes.join(", ")),
                            |b| format!("did you mean `{b}`?"),
                        );
                        self.sink.error_hint(
                            "unknown-phase",
                            format!("unknown phase `{p}`"),
                            hint,
                            t.get("phase").and_then(|n| n.span.clone()),
                            &t.path_of("phase"),
                        );
                    }
                    phase
                });
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

    #[allow(clippy::type_complexity)]
    pub(super) fn read_rules<'a>(
        &mut self,
        top: &TableReader<'a>,
        recommendations: &[Recommendation],
    ) -> (
        Vec<(String, FindingKind, Text, Vec<String>)>,
        Vec<Option<PendingCondition<'a>>>,
    ) {
        let mut heads = Vec::new();
        let mut conditions = Vec::new();
        let Some(items) = top.array("rules", self.sink) else {
            return (heads, conditions);
        };
        let mut seen = HashSet::new();
        let known: HashSet<&str> = recommendations.iter().map(|r| r.id.as_str()).collect();
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
            let kind = t
                .req_str("kind", "pepite, opportunite, vigilance or debat", self.sink)
                .and_then(|k| {
                    let kind = FindingKind::from_code(k);
                    if kind.is_none() {
                        let codes = FindingKind::ALL.map(FindingKind::code);
                        let hint = did_you_mean(k, codes).map_or_else(
                            || format!("use one of: {}", codes.join(", ")),
                            |b| format!("did you mean `{b}`?"),
                        );
                        self.sink.error_hint(
                            "unknown-kind",
                            format!("unknown finding kind `{k}`"),
                            hint,
                            t.get("kind").and_then(|n| n.span.clone()),
                            &t.path_of("kind"),
                        );
                    }
                    kind
                });
            let message = read_text(&t, "message", &self.languages, true, self.sink);
            let mut recommend = Vec::new();
            if let Some(list) = t.array("recommend", self.sink) {
                for (j, r) in list.iter().enumerate() {
                    let rpath = format!("{path}.recommend[{j}]");
                    match &r.value {
                        Value::Str(rid) if known.contains(rid.as_str()) => {
                            recommend.push(rid.clone())
                        }
                        Value::Str(rid) => {
                            let hint = self
                                .suggestions
                                .did_you_mean(rid, recommendations.iter().map(|x| x.id.as_str()))
                                .map_or_else(
                                    || "declare it in a `[[recommendations]]` table".to_owned(),
                                    |b| format!("did you mean `{b}`?"),
                                );
                            self.sink.error_hint("unknown-recommendation", format!("rule recommends `{rid}`, which is not a recommendation of this grid"), hint, r.span.clone(), &rpath);
                        }
                        other => self.sink.error(
                            "wrong-type",
                            format!("`{rpath}` must be a string, found {}", other.kind()),
                            r.span.clone(),
                            &rpath,
                        ),
                    }
                }
            }
            if t.get("when").is_none() {
                t.missing(
                    "when",
                    "the condition, e.g. \"solidarite.acces_equitable <= 1\"",
                    self.sink,
                );
            }
            conditions.push(t.get("when").map(|node| PendingCondition {
                node,
                path: t.path_of("when"),
            }));
            match (id, kind, message) {
                (Some(id), Some(kind), Some(message)) => {
                    heads.push((id.to_owned(), kind, message, recommend))
                }
                _ => {
                    conditions.pop();
                }
            }
        }
        (heads, conditions)
    }
}
