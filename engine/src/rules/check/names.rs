//! Names: criteria, axes, profile fields and function calls, with did-you-mean hints.

use super::*;

impl Checker<'_> {
    // ----- names -----

    pub(super) fn name(&mut self, parts: &[(String, Span)], span: &Span) -> Typed {
        let full = self.text(span).to_owned();
        match parts {
            [(name, _)] => {
                self.bare_name(name, span);
                self.unknown()
            }
            [(head, _), (field, _)] if head == "profile" => match self.scope.profile_field(field) {
                Some((index, choices)) => {
                    self.references.profile_fields.push(index);
                    let choices = choices.map(Rc::from);
                    self.leaf(What::Profile(choices), Node::Profile(index as u32), span)
                }
                None => {
                    let ids = self.scope.profile_field_ids();
                    let hint = match self.closest_of(field, &ids) {
                        Some(c) => Some(format!("did you mean `profile.{c}`?")),
                        None if ids.is_empty() => None,
                        None => Some(format!(
                            "the profile fields are {}",
                            enumerate(ids.iter().map(String::as_str), 12)
                        )),
                    };
                    self.error(
                        RuleErrorKind::UnknownName,
                        span,
                        format!("unknown profile field `{full}`"),
                        hint,
                    );
                    self.unknown()
                }
            },
            [_, _] => match self.criterion(span) {
                Some(index) => self.leaf(What::Level, Node::Level(index as u32), span),
                None => self.unknown(),
            },
            _ => {
                let two = self.text(&(parts[0].1.start..parts[1].1.end)).to_owned();
                let hint = if self.scope.criterion(&two).is_some() {
                    let rest = &parts[2].0;
                    if function(rest).is_some() {
                        format!("write `{rest}({two})`")
                    } else {
                        format!("`{two}` is a criterion; nothing follows it with `.`")
                    }
                } else {
                    "a criterion is written `axis.criterion`, a profile field `profile.field`"
                        .to_owned()
                };
                self.error(
                    RuleErrorKind::UnknownName,
                    span,
                    format!("unknown name `{full}`"),
                    Some(hint),
                );
                self.unknown()
            }
        }
    }

    /// Reports a name without a dot used as a value.
    pub(super) fn bare_name(&mut self, name: &str, span: &Span) {
        let (message, hint) = if self.scope.axis(name).is_some() {
            (
                format!("`{name}` is an axis, not a value"),
                Some(format!(
                    "write `score({name})` for its score, or `{name}.<criterion>` for a criterion's level"
                )),
            )
        } else if function(name).is_some() {
            (
                format!("`{name}` is a function"),
                Some(format!("call it: `{name}(…)`")),
            )
        } else if name == "profile" {
            (
                "`profile` alone is not a value".to_owned(),
                Some("name one of its fields: `profile.<field>`".to_owned()),
            )
        } else if is_miscased_keyword(name) {
            (
                format!("unknown name `{name}`"),
                Some(format!(
                    "keywords are lowercase: write `{}`",
                    name.to_ascii_lowercase()
                )),
            )
        } else {
            let ids = self.criterion_ids();
            let axes = self.axis_ids();
            let full: Vec<&str> = if self.may_suggest(ids.len()) {
                ids.iter()
                    .map(String::as_str)
                    .filter(|id| id.split_once('.').is_some_and(|(_, c)| c == name))
                    .collect()
            } else {
                Vec::new()
            };
            let hint = if !full.is_empty() {
                Some(format!(
                    "criteria are written with their axis: {}",
                    enumerate(full, 5)
                ))
            } else {
                let suggestion = if self.may_suggest(axes.len() + FUNCTIONS.len()) {
                    let names = axes.iter().map(String::as_str).chain(function_names());
                    did_you_mean(name, names)
                } else {
                    None
                };
                suggestion.or_else(|| {
                    Some(
                        "a criterion is written `axis.criterion`, a profile field `profile.field`"
                            .to_owned(),
                    )
                })
            };
            (format!("unknown name `{name}`"), hint)
        };
        self.error(RuleErrorKind::UnknownName, span, message, hint);
    }

    /// Resolves the criterion written at `span` (`axis.criterion`), reporting it if unknown.
    pub(super) fn criterion(&mut self, span: &Span) -> Option<usize> {
        let full = self.text(span).to_owned();
        if let Some(index) = self.scope.criterion(&full) {
            self.references.criteria.push(index);
            return Some(index);
        }
        let ids = self.criterion_ids();
        let (axis, criterion) = full.split_once('.').unwrap_or((&full, ""));
        let mut hint = None;
        if let Some((before, _)) = criterion.split_once('-') {
            let prefix = format!("{axis}.{before}");
            if self.scope.criterion(&prefix).is_some() {
                let after = &full[prefix.len() + 1..];
                hint = Some(format!(
                    "for a subtraction, put spaces around `-`: `{prefix} - {after}`"
                ));
            }
        }
        if hint.is_none() {
            hint = self.did_you_mean(&full, &ids);
        }
        let known_axis = self.scope.axis(axis).is_some();
        if hint.is_none() {
            if known_axis && self.may_suggest(ids.len()) {
                let prefix = format!("{axis}.");
                let names: Vec<&str> = ids
                    .iter()
                    .filter(|id| id.starts_with(&prefix))
                    .map(String::as_str)
                    .collect();
                if !names.is_empty() {
                    hint = Some(format!(
                        "the criteria of `{axis}` are {}",
                        enumerate(names.into_iter(), 12)
                    ));
                }
            } else if !known_axis {
                let axes = self.axis_ids();
                hint = self
                    .did_you_mean(axis, &axes)
                    .map(|h| format!("there is no axis `{axis}`; {h}"));
            }
        }
        self.error(
            RuleErrorKind::UnknownName,
            span,
            format!("unknown criterion `{full}`"),
            hint,
        );
        None
    }

    // ----- calls -----

    pub(super) fn call(
        &mut self,
        name: &str,
        name_span: &Span,
        args: &[Expr],
        span: &Span,
    ) -> Typed {
        let Some(f) = function(name) else {
            let hint = did_you_mean(name, function_names()).unwrap_or_else(|| {
                format!("the functions are {}", enumerate(function_names(), 20))
            });
            self.error(
                RuleErrorKind::UnknownName,
                name_span,
                format!("unknown function `{name}`"),
                Some(hint),
            );
            // What the arguments should be is unknown: they are not checked.
            return self.unknown();
        };
        match f {
            Function::Target
            | Function::Answered
            | Function::Na
            | Function::Unknown
            | Function::Spread => self.criterion_call(f, name, args, span),
            Function::Score | Function::Coverage => self.axis_call(f, name, args, span),
            Function::Count | Function::Min | Function::Max => {
                self.aggregate_call(f, name, args, span)
            }
        }
    }

    /// `target`, `answered`, `na`, `unknown` and `spread`: one criterion.
    fn criterion_call(&mut self, f: Function, name: &str, args: &[Expr], span: &Span) -> Typed {
        if f == Function::Spread {
            self.not_in_relevance(name, span);
        }
        let (what, make): (What, fn(u32) -> Node) = match f {
            Function::Target => (What::Target, Node::Target),
            Function::Answered => (What::Bool, Node::Answered),
            Function::Na => (What::Bool, Node::Na),
            Function::Unknown => (What::Bool, Node::Unknown),
            _ => (What::Spread, Node::Spread),
        };
        let Some(index) = self.criterion_arg(name, args, span) else {
            return self.unknown();
        };
        match f {
            Function::Target => self.references.targets.push(index),
            Function::Spread => self.references.spreads.push(index),
            _ => {}
        }
        self.leaf(what, make(index as u32), span)
    }

    /// `score` (of an axis, or overall without argument) and `coverage`: one axis.
    fn axis_call(&mut self, f: Function, name: &str, args: &[Expr], span: &Span) -> Typed {
        self.not_in_relevance(name, span);
        if args.is_empty() && f == Function::Score {
            self.references.overall = true;
            return self.leaf(What::Score, Node::Overall, span);
        }
        if args.is_empty() {
            self.error(
                RuleErrorKind::Type,
                span,
                "`coverage(…)` needs an axis id".to_owned(),
                Some("e.g. `coverage(solidarite) >= 50`".to_owned()),
            );
            return self.unknown();
        }
        let (what, make): (What, fn(u32) -> Node) = match f {
            Function::Score => (What::Score, Node::Score),
            _ => (What::Coverage, Node::Coverage),
        };
        match self.axis_arg(name, args, span) {
            Some(axis) => self.leaf(what, make(axis as u32), span),
            None => self.unknown(),
        }
    }

    /// `count` (of conditions), `min` and `max` (of numbers): one or more operands.
    fn aggregate_call(&mut self, f: Function, name: &str, args: &[Expr], span: &Span) -> Typed {
        if args.is_empty() {
            let (message, example) = if f == Function::Count {
                (
                    "`count()` needs at least one condition".to_owned(),
                    "e.g. `count(collectif.accueil >= 3, collectif.diversite >= 3) >= 1`"
                        .to_owned(),
                )
            } else {
                (
                    format!("`{name}()` needs at least one number"),
                    format!("e.g. `{name}(collectif.accueil, collectif.diversite) >= 2`"),
                )
            };
            self.error(RuleErrorKind::Type, span, message, Some(example));
        }
        let ids: Vec<NodeId> = if f == Function::Count {
            args.iter()
                .map(|a| self.boolean(a, "`count(…)` counts conditions (true or false)"))
                .collect()
        } else {
            let needs = format!("`{name}(…)` takes numbers");
            args.iter().map(|a| self.number(a, &needs)).collect()
        };
        let slice = self.program.push_children(&ids);
        let node = match f {
            Function::Count => Node::Count(slice),
            Function::Min => Node::Min(slice),
            _ => Node::Max(slice),
        };
        self.typed(What::Number, node)
    }

    /// Refuses `name(…)` in relevance conditions.
    pub(super) fn not_in_relevance(&mut self, name: &str, span: &Span) {
        if self.context == Context::Relevance {
            let what = if name == "spread" {
                "rater spreads"
            } else {
                "scores"
            };
            self.error(
                RuleErrorKind::NotAllowedHere,
                span,
                format!(
                    "`{name}(…)` cannot be used in `relevant`: relevance is evaluated before {what} exist"
                ),
                Some("decide relevance from profile fields, other criteria's levels or their answer state".to_owned()),
            );
        }
    }

    /// The single criterion argument of `name(…)`.
    pub(super) fn criterion_arg(
        &mut self,
        name: &str,
        args: &[Expr],
        span: &Span,
    ) -> Option<usize> {
        let [arg] = args else {
            self.error(
                RuleErrorKind::Type,
                span,
                format!("`{name}(…)` takes exactly one criterion"),
                Some(format!("e.g. `{name}(solidarite.equilibre)`")),
            );
            return None;
        };
        let arg = unparen(arg);
        match &arg.kind {
            ExprKind::Name(parts) if parts.len() == 2 && parts[0].0 != "profile" => {
                self.criterion(&arg.span)
            }
            ExprKind::Name(parts) if parts.len() == 2 => {
                let hint = (name == "answered").then(|| {
                    format!(
                        "to test whether a profile field is given, write `{} != ''`",
                        self.text(&arg.span)
                    )
                });
                self.error(
                    RuleErrorKind::Type,
                    &arg.span,
                    format!("`{name}(…)` takes a criterion, not a profile field"),
                    hint,
                );
                None
            }
            _ => {
                let hint = match &arg.kind {
                    ExprKind::Name(parts)
                        if parts.len() == 1 && self.scope.axis(&parts[0].0).is_some() =>
                    {
                        Some(format!(
                            "`{}` is an axis; name one of its criteria: `{}.<criterion>`",
                            parts[0].0, parts[0].0
                        ))
                    }
                    _ => Some(format!("e.g. `{name}(solidarite.equilibre)`")),
                };
                self.error(
                    RuleErrorKind::Type,
                    &arg.span,
                    format!("`{name}(…)` takes a criterion such as `axis.criterion`"),
                    hint,
                );
                None
            }
        }
    }

    /// The single axis argument of `name(…)`.
    pub(super) fn axis_arg(&mut self, name: &str, args: &[Expr], span: &Span) -> Option<usize> {
        let [arg] = args else {
            let message = if name == "score" {
                "`score(…)` takes one axis id, or nothing for the overall score".to_owned()
            } else {
                format!("`{name}(…)` takes exactly one axis id")
            };
            self.error(
                RuleErrorKind::Type,
                span,
                message,
                Some(format!("e.g. `{name}(solidarite)`")),
            );
            return None;
        };
        let arg = unparen(arg);
        match &arg.kind {
            ExprKind::Name(parts) if parts.len() == 1 => {
                let id = &parts[0].0;
                if let Some(axis) = self.scope.axis(id) {
                    self.references.axes.push(axis);
                    return Some(axis);
                }
                let axes = self.axis_ids();
                let hint = self.did_you_mean(id, &axes).or_else(|| {
                    (!axes.is_empty()).then(|| {
                        format!(
                            "the axes are {}",
                            enumerate(axes.iter().map(String::as_str), 12)
                        )
                    })
                });
                self.error(
                    RuleErrorKind::UnknownName,
                    &arg.span,
                    format!("unknown axis `{id}`"),
                    hint,
                );
                None
            }
            ExprKind::Name(parts) if parts.len() == 2 && parts[0].0 != "profile" => {
                let axis = &parts[0].0;
                let src = self.text(&arg.span).to_owned();
                self.error(
                    RuleErrorKind::Type,
                    &arg.span,
                    format!("`{name}(…)` takes an axis id, not a criterion"),
                    Some(format!(
                        "a criterion's level is written `{src}` on its own; its axis is `{name}({axis})`"
                    )),
                );
                None
            }
            _ => {
                self.error(
                    RuleErrorKind::Type,
                    &arg.span,
                    format!("`{name}(…)` takes an axis id"),
                    Some(format!("e.g. `{name}(solidarite)`")),
                );
                None
            }
        }
    }
}
