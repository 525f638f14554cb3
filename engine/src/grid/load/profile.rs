//! Profile fields and their choices.

use super::*;

impl GridLoader<'_, '_> {
    pub(super) fn read_profile(&mut self, top: &TableReader<'_>) -> Vec<ProfileField> {
        let Some(items) = top.array("profile", self.sink) else {
            return Vec::new();
        };
        let mut fields: Vec<ProfileField> = Vec::new();
        let mut seen = HashSet::new();
        for (i, item) in items.iter().enumerate() {
            let path = format!("profile[{i}]");
            let Some(t) = TableReader::new(item, &path, self.sink) else {
                continue;
            };
            t.check_keys(PROFILE_KEYS, self.sink);
            let id = read_id(&t, "id", "the field id, e.g. \"status\"", self.sink);
            if let Some(id) = id {
                if matches!(id, "id" | "name") {
                    self.sink.error_hint("reserved-id", format!("profile field id `{id}` is reserved"), "batch files use `id` and `name` for the initiative itself; choose another id".into(), t.get("id").and_then(|n| n.span.clone()), &t.path_of("id"));
                }
                if !seen.insert(id.to_owned()) {
                    self.sink.error(
                        "duplicate-id",
                        format!("profile field `{id}` is declared twice"),
                        t.get("id").and_then(|n| n.span.clone()),
                        &t.path_of("id"),
                    );
                }
            }
            let label = read_text(&t, "label", &self.languages, true, self.sink);
            let choices = t
                .array("choices", self.sink)
                .map(|c| self.read_choices(c, &t.path_of("choices")));
            match (id, label) {
                (Some(id), Some(label)) => fields.push(ProfileField {
                    id: id.to_owned(),
                    label,
                    choices,
                }),
                (Some(id), None) => self.broken_profile.push(id.to_owned()),
                _ => {}
            }
        }
        fields
    }

    pub(super) fn read_choices(&mut self, items: &[Node], path: &str) -> Vec<Choice> {
        let mut choices: Vec<Choice> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let p = format!("{path}[{i}]");
            let choice = match &item.value {
                Value::Str(code) => Some(Choice {
                    code: code.clone(),
                    label: Text::new(
                        self.languages
                            .iter()
                            .map(|l| (l.clone(), code.clone()))
                            .collect(),
                    ),
                }),
                Value::Table(_) => {
                    let Some(t) = TableReader::new(item, &p, self.sink) else {
                        continue;
                    };
                    t.check_keys(SPECIAL_KEYS, self.sink);
                    let code = self.read_code(&t, "code");
                    let label = read_text(&t, "label", &self.languages, true, self.sink);
                    code.zip(label).map(|(code, label)| Choice { code, label })
                }
                other => {
                    self.sink.error(
                        "wrong-type",
                        format!(
                            "`{p}` must be a code or {{ code, label }}, found {}",
                            other.kind()
                        ),
                        item.span.clone(),
                        &p,
                    );
                    None
                }
            };
            if let Some(c) = choice {
                if choices.iter().any(|x| x.code == c.code) {
                    self.sink.error(
                        "duplicate-id",
                        format!("choice `{}` appears twice", c.code),
                        item.span.clone(),
                        &p,
                    );
                } else {
                    choices.push(c);
                }
            }
        }
        choices
    }
}
