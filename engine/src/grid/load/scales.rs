//! Answer scales: options, special answers, the critical threshold.

use super::*;

impl GridLoader<'_, '_> {
    pub(super) fn read_scales(&mut self, top: &TableReader<'_>) -> Vec<Scale> {
        let Some(table) = top.table("scales", self.sink) else {
            if top.get("scales").is_none() {
                self.sink.error_hint(
                    "missing-key",
                    "the grid declares no answer scale".into(),
                    "add a `[scales.level]` table with its `options`".into(),
                    None,
                    "scales",
                );
            }
            return Vec::new();
        };
        let mut scales = Vec::new();
        for (id, key_span, node) in table.entries() {
            let path = table.path_of(id);
            if !crate::grid::is_valid_id(id) {
                self.sink.error_hint(
                    "invalid-id",
                    format!(
                        "`{id}` is not a valid scale id{}",
                        crate::diagnostic::non_ascii_note(id)
                    ),
                    "use lowercase letters, digits, `_` and `-`".into(),
                    key_span.clone(),
                    &path,
                );
            }
            let Some(t) = TableReader::new(node, &path, self.sink) else {
                self.broken_scales.push(id.to_owned());
                continue;
            };
            t.check_keys(SCALE_KEYS, self.sink);
            match self.read_scale(id, &t) {
                Some(scale) => scales.push(scale),
                None => self.broken_scales.push(id.to_owned()),
            }
        }
        scales
    }

    pub(super) fn read_scale(&mut self, id: &str, t: &TableReader<'_>) -> Option<Scale> {
        let label = read_text(t, "label", &self.languages, false, self.sink);
        let Some(items) = t.array("options", self.sink) else {
            if t.get("options").is_none() {
                t.missing(
                    "options",
                    "the answers, from the lowest to the highest score",
                    self.sink,
                );
            }
            return None;
        };
        let mut options: Vec<ScaleOption> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let path = format!("{}.options[{i}]", t.path());
            if let Some(option) = self.read_option(id, item, &path, &options) {
                options.push(option);
            }
        }
        if !self.check_option_count(id, t, items.len()) {
            return None;
        }
        let not_applicable = self.read_special(t, "not_applicable", &options);
        let unknown = self.read_special(t, "unknown", &options);
        if let (Some(a), Some(b)) = (&not_applicable, &unknown) {
            if a.code == b.code {
                self.sink.error(
                    "duplicate-id",
                    format!("`not_applicable` and `unknown` both use code `{}`", a.code),
                    t.get("unknown").and_then(|n| n.span.clone()),
                    &t.path_of("unknown"),
                );
            }
        }
        let critical_below = self.read_critical_below(id, t, &options);
        (options.len() >= 2).then(|| Scale {
            id: id.to_owned(),
            label,
            options,
            not_applicable,
            unknown,
            critical_below,
        })
    }

    /// One entry of `options`, checked against the options kept before it:
    /// its score in range, its code unique, its score above the previous one.
    fn read_option(
        &mut self,
        id: &str,
        item: &Node,
        path: &str,
        options: &[ScaleOption],
    ) -> Option<ScaleOption> {
        let o = TableReader::new(item, path, self.sink)?;
        o.check_keys(OPTION_KEYS, self.sink);
        let code = self.read_code(&o, "code");
        let score = o.number("score", self.sink);
        if o.get("score").is_none() {
            o.missing("score", "a number", self.sink);
        }
        let label = read_text(&o, "label", &self.languages, true, self.sink);
        if let Some(s) = score {
            if !s.is_finite() || s.abs() > MAX_SCORE {
                self.sink.error_hint(
                    "bad-score",
                    format!(
                        "`{path}.score` must be a number between -{MAX_SCORE} and {MAX_SCORE}, found {}",
                        show_number(s)
                    ),
                    "write a number such as 0, 1 or -2".into(),
                    o.get("score").and_then(|n| n.span.clone()),
                    &format!("{path}.score"),
                );
                return None;
            }
        }
        if let Some(code) = &code {
            if let Some(prev) = options.iter().position(|p| &p.code == code) {
                self.sink.error_hint(
                    "duplicate-id",
                    format!("option code `{code}` appears twice in scale `{id}`"),
                    format!("the first is option {prev}; codes must be unique"),
                    o.get("code").and_then(|n| n.span.clone()),
                    &format!("{path}.code"),
                );
                return None;
            }
        }
        let (code, score, label) = (code?, score?, label?);
        if let Some(last) = options.last() {
            if score <= last.score {
                self.sink.error_hint(
                    "scale-order",
                    format!("option `{code}` (score {score}) must score higher than the option before it (`{}`, score {})", last.code, last.score),
                    "list options from the lowest to the highest score, each score unique".into(),
                    o.get("score").and_then(|n| n.span.clone()),
                    &format!("{path}.score"),
                );
                return None;
            }
        }
        Some(ScaleOption { code, score, label })
    }

    /// Reports a scale with fewer than two or more than `MAX_OPTIONS`
    /// entries; false when the scale is too large to keep.
    fn check_option_count(&mut self, id: &str, t: &TableReader<'_>, count: usize) -> bool {
        if count < 2 {
            self.sink.error_hint(
                "scale-too-small",
                format!("scale `{id}` has {count} option(s); a scale needs at least two"),
                "add options, e.g. 0 = absent … 4 = exemplary".into(),
                t.get("options").and_then(|n| n.span.clone()),
                &t.path_of("options"),
            );
        }
        if count > MAX_OPTIONS {
            self.sink.error_hint(
                "scale-too-large",
                format!("scale `{id}` has {count} options; a scale has at most {MAX_OPTIONS}"),
                "a scale is a short list of levels a person chooses from".into(),
                t.get("options").and_then(|n| n.span.clone()),
                &t.path_of("options"),
            );
            return false;
        }
        true
    }

    /// The index of the first option that is not critical: the option named
    /// by `critical_below`, or the middle of the scale when it is absent.
    fn read_critical_below(
        &mut self,
        id: &str,
        t: &TableReader<'_>,
        options: &[ScaleOption],
    ) -> usize {
        let Some(node) = t.get("critical_below") else {
            return options.len() / 2;
        };
        let Some(code) = as_code(node) else {
            self.sink.error(
                "wrong-type",
                format!("`{}` must be an option code", t.path_of("critical_below")),
                node.span.clone(),
                &t.path_of("critical_below"),
            );
            return 0;
        };
        if let Some(p) = options.iter().position(|o| o.code == code) {
            return p;
        }
        let codes: Vec<&str> = options.iter().map(|o| o.code.as_str()).collect();
        self.sink.error_hint(
            "unknown-code",
            format!("`critical_below` names `{code}`, which is not an option of scale `{id}`"),
            format!("use one of: {}", codes.join(", ")),
            node.span.clone(),
            &t.path_of("critical_below"),
        );
        0
    }

    pub(super) fn read_code(&mut self, t: &TableReader<'_>, key: &str) -> Option<String> {
        let Some(node) = t.get(key) else {
            t.missing(key, "a short code such as \"3\" or \"na\"", self.sink);
            return None;
        };
        match as_code(node) {
            Some(code)
                if !code.trim().is_empty()
                    && code.len() <= 32
                    && !code.contains([',', '"', '\n', '\r']) =>
            {
                Some(code)
            }
            Some(code) => {
                self.sink.error_hint(
                    "invalid-code",
                    format!("`{code}` is not a usable answer code"),
                    "codes are 1 to 32 characters, without commas, quotes or line breaks".into(),
                    node.span.clone(),
                    &t.path_of(key),
                );
                None
            }
            None => {
                self.sink.error(
                    "wrong-type",
                    format!(
                        "`{}` must be a string, found {}",
                        t.path_of(key),
                        node.value.kind()
                    ),
                    node.span.clone(),
                    &t.path_of(key),
                );
                None
            }
        }
    }

    pub(super) fn read_special(
        &mut self,
        t: &TableReader<'_>,
        key: &str,
        options: &[ScaleOption],
    ) -> Option<SpecialAnswer> {
        let s = t.table(key, self.sink)?;
        s.check_keys(SPECIAL_KEYS, self.sink);
        let code = self.read_code(&s, "code");
        let label = read_text(&s, "label", &self.languages, true, self.sink);
        let code = code?;
        if options.iter().any(|o| o.code == code) {
            self.sink.error_hint(
                "duplicate-id",
                format!("`{key}` uses code `{code}`, which is already an option of the scale"),
                "give it its own code, e.g. \"na\" or \"?\"".into(),
                s.get("code").and_then(|n| n.span.clone()),
                &s.path_of("code"),
            );
            return None;
        }
        Some(SpecialAnswer {
            code,
            label: label?,
        })
    }
}
