//! Axes and their criteria: weights, scales, level descriptors.

use super::*;

/// The axes as read, with the `relevant` conditions waiting to be compiled.
#[derive(Default)]
pub(super) struct AxesRead<'a> {
    pub axes: Vec<Axis>,
    /// The condition of each kept criterion, in order.
    pub relevance: Vec<Option<PendingCondition<'a>>>,
    /// The conditions of criteria refused for another reason (or in a refused
    /// axis): compiled only so that their own mistakes are reported too.
    pub orphans: Vec<PendingCondition<'a>>,
}

impl GridLoader<'_, '_> {
    pub(super) fn read_axes<'a>(
        &mut self,
        top: &TableReader<'a>,
        scales: &[Scale],
    ) -> AxesRead<'a> {
        let mut read = AxesRead::default();
        let Some(items) = top.array("axes", self.sink) else {
            if top.get("axes").is_none() {
                self.sink.error_hint(
                    "no-axes",
                    "the grid has no axis".into(),
                    "add at least one `[[axes]]` table with its `[[axes.criteria]]`".into(),
                    None,
                    "axes",
                );
            }
            return read;
        };
        if items.is_empty() {
            self.sink.error_hint(
                "no-axes",
                "the grid has no axis".into(),
                "add at least one `[[axes]]` table".into(),
                top.get("axes").and_then(|n| n.span.clone()),
                "axes",
            );
        }
        let mut seen: HashMap<String, ()> = HashMap::new();
        for (i, item) in items.iter().enumerate() {
            let path = format!("axes[{i}]");
            let Some(t) = TableReader::new(item, &path, self.sink) else {
                continue;
            };
            self.read_axis(&t, &path, scales, &mut seen, &mut read);
        }
        read
    }

    /// Reads one axis and its criteria into `read`: a refused axis keeps its
    /// criteria's conditions as orphans and its names as broken.
    fn read_axis<'a>(
        &mut self,
        t: &TableReader<'a>,
        path: &str,
        scales: &[Scale],
        seen: &mut HashMap<String, ()>,
        read: &mut AxesRead<'a>,
    ) {
        t.check_keys(AXIS_KEYS, self.sink);
        let id = read_id(t, "id", "the axis id, e.g. \"solidarite\"", self.sink);
        if let Some(id) = id {
            if seen.insert(id.to_owned(), ()).is_some() {
                self.sink.error_hint(
                    "duplicate-id",
                    format!("axis `{id}` is declared twice"),
                    "axis ids must be unique".into(),
                    t.get("id").and_then(|n| n.span.clone()),
                    &t.path_of("id"),
                );
            }
        }
        let weight = self.read_weight(t);
        let title = read_text(t, "title", &self.languages, true, self.sink);
        let question = read_text(t, "question", &self.languages, true, self.sink);
        let description = read_text(t, "description", &self.languages, false, self.sink);
        let criteria_nodes = t.array("criteria", self.sink).unwrap_or(&[]);
        if criteria_nodes.is_empty() {
            self.sink.error_hint(
                "empty-axis",
                format!("axis `{}` has no criterion", id.unwrap_or("?")),
                "add `[[axes.criteria]]` tables after the axis".into(),
                t.key_span("id"),
                path,
            );
        }
        let mut criteria = Vec::new();
        let mut axis_relevance = Vec::new();
        let mut crit_seen = HashSet::new();
        for (j, node) in criteria_nodes.iter().enumerate() {
            let cpath = format!("{path}.criteria[{j}]");
            let Some(c) = TableReader::new(node, &cpath, self.sink) else {
                continue;
            };
            let (criterion, pending) = self.read_criterion(&c, id, scales, &mut crit_seen);
            match criterion {
                Some(criterion) => {
                    criteria.push(criterion);
                    axis_relevance.push(pending);
                }
                None => read.orphans.extend(pending),
            }
        }
        if let (Some(id), Some(title), Some(question)) = (id, title, question) {
            read.axes.push(Axis {
                id: id.to_owned(),
                weight,
                title,
                question,
                description,
                criteria,
            });
            read.relevance.extend(axis_relevance);
        } else {
            if let Some(id) = id {
                self.broken_names.push(id.to_owned());
                self.broken_names
                    .extend(criteria.iter().map(|c| c.full_id.clone()));
            }
            read.orphans.extend(axis_relevance.into_iter().flatten());
        }
    }

    /// Reads one criterion of axis `axis` (`None` when the axis id is
    /// refused), with its `relevant` condition waiting to be compiled; the
    /// criterion is `None` when refused.
    fn read_criterion<'a>(
        &mut self,
        c: &TableReader<'a>,
        axis: Option<&str>,
        scales: &[Scale],
        seen: &mut HashSet<String>,
    ) -> (Option<Criterion>, Option<PendingCondition<'a>>) {
        c.check_keys(CRITERION_KEYS, self.sink);
        let cid = read_id(c, "id", "the criterion id, e.g. \"accueil\"", self.sink);
        if let Some(cid) = cid {
            if !seen.insert(cid.to_owned()) {
                self.sink.error_hint(
                    "duplicate-id",
                    format!(
                        "criterion `{}.{cid}` is declared twice",
                        axis.unwrap_or("?")
                    ),
                    "criterion ids must be unique within their axis".into(),
                    c.get("id").and_then(|n| n.span.clone()),
                    &c.path_of("id"),
                );
            }
        }
        let scale = self.read_scale_ref(c, scales);
        let weight = self.read_weight(c);
        let critical = c.bool("critical", self.sink).unwrap_or(false);
        let title = read_text(c, "title", &self.languages, true, self.sink);
        let question = read_text(c, "question", &self.languages, true, self.sink);
        let hint = read_text(c, "hint", &self.languages, false, self.sink);
        let levels = scale
            .map(|s| self.read_levels(c, &scales[s]))
            .unwrap_or_default();
        let pending = c.get("relevant").map(|node| PendingCondition {
            node,
            path: c.path_of("relevant"),
        });
        let (Some(cid), Some(scale), Some(title), Some(question)) = (cid, scale, title, question)
        else {
            if let (Some(axis), Some(cid)) = (axis, cid) {
                self.broken_names.push(format!("{axis}.{cid}"));
            }
            return (None, pending);
        };
        let criterion = Criterion {
            id: cid.to_owned(),
            full_id: format!("{}.{cid}", axis.unwrap_or("")),
            scale,
            weight,
            critical,
            title,
            question,
            hint,
            levels,
            relevant: None,
        };
        (Some(criterion), pending)
    }

    pub(super) fn read_weight(&mut self, t: &TableReader<'_>) -> f64 {
        match t.number("weight", self.sink) {
            None => 1.0,
            Some(w) if w.is_finite() && w > 0.0 && w <= MAX_WEIGHT => w,
            Some(w) => {
                self.sink.error_hint(
                    "bad-weight",
                    format!(
                        "`{}` must be a number > 0 and at most {MAX_WEIGHT}, found {}",
                        t.path_of("weight"),
                        show_number(w)
                    ),
                    "weights are positive finite numbers (1 by default); to leave a criterion out, remove it or use `relevant`".into(),
                    t.get("weight").and_then(|n| n.span.clone()),
                    &t.path_of("weight"),
                );
                1.0
            }
        }
    }

    pub(super) fn read_scale_ref(
        &mut self,
        c: &TableReader<'_>,
        scales: &[Scale],
    ) -> Option<usize> {
        let name = c.req_str("scale", "the id of one of the grid's scales", self.sink)?;
        match scales.iter().position(|s| s.id == name) {
            Some(i) => Some(i),
            None if self.broken_scales.iter().any(|s| s == name) => None,
            None => {
                let known = scales.iter().map(|s| s.id.as_str());
                let hint = match self.suggestions.did_you_mean(name, known.clone()) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None if scales.is_empty() => {
                        "declare the scale in a `[scales.<id>]` table".into()
                    }
                    None => format!("known scales: {}", enumerate(known, 12)),
                };
                self.sink.error_hint(
                    "unknown-scale",
                    format!("unknown scale `{name}`"),
                    hint,
                    c.get("scale").and_then(|n| n.span.clone()),
                    &c.path_of("scale"),
                );
                None
            }
        }
    }

    pub(super) fn read_levels(&mut self, c: &TableReader<'_>, scale: &Scale) -> Vec<Option<Text>> {
        let mut levels = vec![None; scale.options.len()];
        let Some(t) = c.table("levels", self.sink) else {
            return levels;
        };
        for (code, span, node) in t.entries() {
            match scale.position(code) {
                Some(p) => levels[p] = text_of(node, &t.path_of(code), &self.languages, self.sink),
                None => {
                    let codes: Vec<&str> = scale.options.iter().map(|o| o.code.as_str()).collect();
                    self.sink.error_hint(
                        "unknown-code",
                        format!("level `{code}` is not an option of scale `{}`", scale.id),
                        format!("options: {}", codes.join(", ")),
                        span,
                        &t.path_of(code),
                    );
                }
            }
        }
        let missing: Vec<&str> = scale
            .options
            .iter()
            .zip(&levels)
            .filter(|(_, l)| l.is_none())
            .map(|(o, _)| o.code.as_str())
            .filter(|code| t.get(code).is_none())
            .collect();
        if !missing.is_empty() {
            self.sink.error_hint(
                "missing-level",
                format!(
                    "`{}` has no descriptor for level(s) {}",
                    t.path(),
                    missing.join(", ")
                ),
                "describe every level of the scale, or remove `levels` altogether".into(),
                t.span().map(|s| s.start..s.start + 1),
                t.path(),
            );
        }
        levels
    }
}
