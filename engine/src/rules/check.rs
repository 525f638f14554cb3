//! Resolves names, checks types and builds the compiled [`Program`].
//!
//! The checker goes on after an error, so one compilation reports every unknown
//! name and type mismatch. An expression whose type cannot be known (an unknown
//! name) is marked as such and never causes a second, derived error.

use super::ast::{ArithOp, CmpOp, Expr, ExprKind, Literal, Span};
use super::error::{RuleError, RuleErrorKind};
use super::program::{Node, NodeId, Program, Slice};
use super::suggest::{closest, did_you_mean, enumerate};
use super::{Context, References, Scope};
use std::rc::Rc;

/// The functions of the language.
pub(crate) const FUNCTIONS: &[&str] = &[
    "target", "answered", "na", "unknown", "spread", "score", "coverage", "count", "min", "max",
];

const KEYWORDS: &[&str] = &["and", "or", "not", "in", "true", "false"];

/// What the checker produced.
pub(crate) struct Checked {
    /// The program (meaningful only without errors).
    pub program: Program,
    /// Everything the condition reads.
    pub references: References,
    /// Every number literal.
    pub literals: Vec<f64>,
    /// Every error found.
    pub errors: Vec<RuleError>,
}

/// Checks `expr` (parsed from `source`) against `scope`.
pub(crate) fn check(source: &str, expr: &Expr, scope: &dyn Scope, context: Context) -> Checked {
    let mut checker = Checker {
        source,
        scope,
        context,
        program: Program::default(),
        references: References::default(),
        literals: Vec::new(),
        errors: Vec::new(),
        leaves: Vec::new(),
    };
    let root = checker.expr(expr);
    match root.what.ty() {
        Ty::Bool | Ty::Unknown => {}
        ty => {
            let src = checker.text(&expr.span);
            let example = match ty {
                Ty::Text => format!("`{src} == '…'`"),
                _ => format!("`{src} >= 3`"),
            };
            checker.errors.push(
                RuleError::new(
                    RuleErrorKind::Type,
                    expr.span.clone(),
                    format!("a condition must be true or false, this is {}", ty.name()),
                )
                .hint(format!("compare it, e.g. {example}")),
            );
        }
    }
    let Checker {
        mut program,
        mut references,
        literals,
        errors,
        mut leaves,
        ..
    } = checker;
    program.root = root.id;
    crate::sort::sort_by_key(&mut leaves, |(start, _, _)| *start);
    for (_, text, id) in leaves {
        if !program.leaves.iter().any(|(t, _)| *t == text) {
            program.leaves.push((text, id));
        }
    }
    for list in [
        &mut references.criteria,
        &mut references.targets,
        &mut references.spreads,
        &mut references.axes,
        &mut references.profile_fields,
    ] {
        crate::sort::sort(list);
        list.dedup();
    }
    Checked {
        program,
        references,
        literals,
        errors,
    }
}

/// The static type of an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ty {
    Number,
    Text,
    Bool,
    /// Not known because of an earlier error: accepted everywhere, silently.
    Unknown,
}

impl Ty {
    fn name(self) -> &'static str {
        match self {
            Ty::Number => "a number",
            Ty::Text => "a string",
            Ty::Bool => "true or false",
            Ty::Unknown => "unknown",
        }
    }

    fn plural(self) -> &'static str {
        match self {
            Ty::Number => "numbers",
            Ty::Text => "strings",
            _ => "true/false values",
        }
    }
}

/// What an expression is, precisely enough for helpful messages.
#[derive(Debug, Clone)]
enum What {
    Level,
    Target,
    Spread,
    Score,
    Coverage,
    NumLit,
    Number,
    Profile(Option<Rc<[String]>>),
    StrLit(String),
    Bool,
    Unknown,
}

impl What {
    fn ty(&self) -> Ty {
        match self {
            What::Level
            | What::Target
            | What::Spread
            | What::Score
            | What::Coverage
            | What::NumLit
            | What::Number => Ty::Number,
            What::Profile(_) | What::StrLit(_) => Ty::Text,
            What::Bool => Ty::Bool,
            What::Unknown => Ty::Unknown,
        }
    }

    fn describe(&self) -> &'static str {
        match self {
            What::Level => "a level (number)",
            What::Target => "a target level (number)",
            What::Spread => "a spread (number)",
            What::Score => "a score (number)",
            What::Coverage => "a coverage (number)",
            What::NumLit | What::Number => "a number",
            What::Profile(_) => "a profile field (string)",
            What::StrLit(_) => "a string",
            What::Bool => "a condition (true or false)",
            What::Unknown => "unknown",
        }
    }

    /// How hints name values of this kind, when more precise than "numbers".
    fn noun(&self) -> Option<&'static str> {
        match self {
            What::Level => Some("levels"),
            What::Target => Some("target levels"),
            What::Spread => Some("spreads"),
            What::Score => Some("scores"),
            What::Coverage => Some("coverages"),
            What::Profile(_) => Some("profile fields"),
            _ => None,
        }
    }
}

/// A checked expression.
struct Typed {
    what: What,
    id: NodeId,
}

struct Checker<'s> {
    source: &'s str,
    scope: &'s dyn Scope,
    context: Context,
    program: Program,
    references: References,
    literals: Vec<f64>,
    errors: Vec<RuleError>,
    /// Leaves that read facts: start offset, text, node.
    leaves: Vec<(usize, String, NodeId)>,
}

impl Checker<'_> {
    fn text(&self, span: &Span) -> &str {
        self.source.get(span.clone()).unwrap_or("")
    }

    fn error(&mut self, kind: RuleErrorKind, span: &Span, message: String, hint: Option<String>) {
        self.errors
            .push(RuleError::new(kind, span.clone(), message).maybe_hint(hint));
    }

    fn typed(&mut self, what: What, node: Node) -> Typed {
        Typed {
            what,
            id: self.program.push(node),
        }
    }

    fn unknown(&mut self) -> Typed {
        self.typed(What::Unknown, Node::Bool(false))
    }

    /// A node that reads a fact, recorded for traces.
    fn leaf(&mut self, what: What, node: Node, span: &Span) -> Typed {
        let typed = self.typed(what, node);
        let text = self.text(span).to_owned();
        self.leaves.push((span.start, text, typed.id));
        typed
    }

    fn expr(&mut self, expr: &Expr) -> Typed {
        let span = &expr.span;
        match &expr.kind {
            ExprKind::Number(n) => {
                self.literals.push(*n);
                self.typed(What::NumLit, Node::Num(*n))
            }
            ExprKind::Str(s) => {
                let index = self.program.strings.len() as u32;
                self.program.strings.push(s.as_str().into());
                self.typed(What::StrLit(s.clone()), Node::Str(index))
            }
            ExprKind::Bool(b) => self.typed(What::Bool, Node::Bool(*b)),
            ExprKind::Paren(inner) => self.expr(inner),
            ExprKind::Name(parts) => self.name(parts, span),
            ExprKind::Call {
                name,
                name_span,
                args,
            } => self.call(name, name_span, args, span),
            ExprKind::Not(operand) => {
                let operand = self.boolean(operand, "`not` needs a condition (true or false)");
                self.typed(What::Bool, Node::Not(operand))
            }
            ExprKind::Neg(operand) => {
                if let ExprKind::Number(n) = operand.kind {
                    self.literals.push(-n);
                    return self.typed(What::NumLit, Node::Num(-n));
                }
                let operand = self.number(operand, "`-` needs a number");
                self.typed(What::Number, Node::Neg(operand))
            }
            ExprKind::And(items) | ExprKind::Or(items) => {
                let is_and = matches!(expr.kind, ExprKind::And(_));
                let needs = if is_and {
                    "`and` needs conditions (true or false) on both sides"
                } else {
                    "`or` needs conditions (true or false) on both sides"
                };
                let ids: Vec<NodeId> = items.iter().map(|e| self.boolean(e, needs)).collect();
                let slice = self.program.push_children(&ids);
                let node = if is_and {
                    Node::And(slice)
                } else {
                    Node::Or(slice)
                };
                self.typed(What::Bool, node)
            }
            ExprKind::Arith { first, rest } => {
                let first_op = rest.first().map_or(ArithOp::Add, |r| r.0);
                let first = self.number(first, &arith_needs(first_op));
                let mut ops = Vec::with_capacity(rest.len());
                for (op, _, operand) in rest {
                    ops.push((*op, self.number(operand, &arith_needs(*op))));
                }
                let start = self.program.ops.len() as u32;
                self.program.ops.extend(ops);
                let slice = Slice {
                    start,
                    len: rest.len() as u32,
                };
                self.typed(What::Number, Node::Arith(first, slice))
            }
            ExprKind::Compare {
                op,
                op_span,
                lhs,
                rhs,
            } => self.compare(*op, op_span, lhs, rhs, span),
            ExprKind::In {
                lhs,
                items,
                list_span,
            } => self.membership(lhs, items, list_span, span),
        }
    }

    /// Checks an operand that must be a boolean; `needs` starts the error message.
    fn boolean(&mut self, expr: &Expr, needs: &str) -> NodeId {
        let typed = self.expr(expr);
        match typed.what.ty() {
            Ty::Bool | Ty::Unknown => {}
            ty => {
                let src = self.text(&expr.span).to_owned();
                let hint = match (ty, &typed.what) {
                    (_, What::NumLit | What::StrLit(_)) => None,
                    (Ty::Number, _) => Some(format!("compare it, e.g. `{src} >= 3`")),
                    _ => Some(format!("compare it, e.g. `{src} == '…'`")),
                };
                self.error(
                    RuleErrorKind::Type,
                    &expr.span,
                    format!("{needs}, this is {}", typed.what.describe()),
                    hint,
                );
            }
        }
        typed.id
    }

    /// Checks an operand that must be a number; `needs` starts the error message.
    fn number(&mut self, expr: &Expr, needs: &str) -> NodeId {
        let typed = self.expr(expr);
        match typed.what.ty() {
            Ty::Number | Ty::Unknown => {}
            Ty::Text => {
                let hint = match &typed.what {
                    What::StrLit(s) if s.trim().parse::<f64>().is_ok() => {
                        Some(format!("write the number without quotes: `{}`", s.trim()))
                    }
                    _ => None,
                };
                self.error(
                    RuleErrorKind::Type,
                    &expr.span,
                    format!("{needs}, this is {}", typed.what.describe()),
                    hint,
                );
            }
            Ty::Bool => {
                let hint = Some("to count true conditions, write `count(condition, …)`".to_owned());
                self.error(
                    RuleErrorKind::Type,
                    &expr.span,
                    format!("{needs}, this is {}", typed.what.describe()),
                    hint,
                );
            }
        }
        typed.id
    }

    // ----- names -----

    fn name(&mut self, parts: &[(String, Span)], span: &Span) -> Typed {
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
                    let names = ids.iter().map(String::as_str);
                    let hint = match closest(field, names.clone()) {
                        Some(c) => Some(format!("did you mean `profile.{c}`?")),
                        None if ids.is_empty() => None,
                        None => Some(format!("the profile fields are {}", enumerate(names, 12))),
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
                    if FUNCTIONS.contains(&rest.as_str()) {
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
    fn bare_name(&mut self, name: &str, span: &Span) {
        let (message, hint) = if self.scope.axis(name).is_some() {
            (
                format!("`{name}` is an axis, not a value"),
                Some(format!(
                    "write `score({name})` for its score, or `{name}.<criterion>` for a criterion's level"
                )),
            )
        } else if FUNCTIONS.contains(&name) {
            (
                format!("`{name}` is a function"),
                Some(format!("call it: `{name}(…)`")),
            )
        } else if name == "profile" {
            (
                "`profile` alone is not a value".to_owned(),
                Some("name one of its fields: `profile.<field>`".to_owned()),
            )
        } else if KEYWORDS.contains(&name.to_ascii_lowercase().as_str()) {
            (
                format!("unknown name `{name}`"),
                Some(format!(
                    "keywords are lowercase: write `{}`",
                    name.to_ascii_lowercase()
                )),
            )
        } else {
            let ids = self.scope.criterion_ids();
            let full: Vec<&str> = ids
                .iter()
                .map(String::as_str)
                .filter(|id| id.split_once('.').is_some_and(|(_, c)| c == name))
                .collect();
            let hint = if !full.is_empty() {
                Some(format!(
                    "criteria are written with their axis: {}",
                    enumerate(full, 5)
                ))
            } else {
                let axes = self.scope.axis_ids();
                did_you_mean(
                    name,
                    axes.iter()
                        .map(String::as_str)
                        .chain(FUNCTIONS.iter().copied()),
                )
                .or_else(|| {
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
    fn criterion(&mut self, span: &Span) -> Option<usize> {
        let full = self.text(span).to_owned();
        if let Some(index) = self.scope.criterion(&full) {
            self.references.criteria.push(index);
            return Some(index);
        }
        let ids = self.scope.criterion_ids();
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
            hint = did_you_mean(&full, ids.iter().map(String::as_str));
        }
        if hint.is_none() {
            if self.scope.axis(axis).is_some() {
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
            } else {
                let axes = self.scope.axis_ids();
                hint = did_you_mean(axis, axes.iter().map(String::as_str))
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

    fn call(&mut self, name: &str, name_span: &Span, args: &[Expr], span: &Span) -> Typed {
        match name {
            "target" | "answered" | "na" | "unknown" | "spread" => {
                if name == "spread" {
                    self.not_in_relevance(name, span);
                }
                let (what, make): (What, fn(u32) -> Node) = match name {
                    "target" => (What::Target, Node::Target),
                    "answered" => (What::Bool, Node::Answered),
                    "na" => (What::Bool, Node::Na),
                    "unknown" => (What::Bool, Node::Unknown),
                    _ => (What::Spread, Node::Spread),
                };
                let Some(index) = self.criterion_arg(name, args, span) else {
                    return self.unknown();
                };
                match name {
                    "target" => self.references.targets.push(index),
                    "spread" => self.references.spreads.push(index),
                    _ => {}
                }
                self.leaf(what, make(index as u32), span)
            }
            "score" => {
                self.not_in_relevance(name, span);
                if args.is_empty() {
                    self.references.overall = true;
                    return self.leaf(What::Score, Node::Overall, span);
                }
                match self.axis_arg(name, args, span) {
                    Some(axis) => self.leaf(What::Score, Node::Score(axis as u32), span),
                    None => self.unknown(),
                }
            }
            "coverage" => {
                self.not_in_relevance(name, span);
                if args.is_empty() {
                    self.error(
                        RuleErrorKind::Type,
                        span,
                        "`coverage(…)` needs an axis id".to_owned(),
                        Some("e.g. `coverage(solidarite) >= 50`".to_owned()),
                    );
                    return self.unknown();
                }
                match self.axis_arg(name, args, span) {
                    Some(axis) => self.leaf(What::Coverage, Node::Coverage(axis as u32), span),
                    None => self.unknown(),
                }
            }
            "count" => {
                if args.is_empty() {
                    self.error(
                        RuleErrorKind::Type,
                        span,
                        "`count()` needs at least one condition".to_owned(),
                        Some(
                            "e.g. `count(collectif.accueil >= 3, collectif.diversite >= 3) >= 1`"
                                .to_owned(),
                        ),
                    );
                }
                let ids: Vec<NodeId> = args
                    .iter()
                    .map(|a| self.boolean(a, "`count(…)` counts conditions (true or false)"))
                    .collect();
                let slice = self.program.push_children(&ids);
                self.typed(What::Number, Node::Count(slice))
            }
            "min" | "max" => {
                if args.is_empty() {
                    self.error(
                        RuleErrorKind::Type,
                        span,
                        format!("`{name}()` needs at least one number"),
                        Some(format!(
                            "e.g. `{name}(collectif.accueil, collectif.diversite) >= 2`"
                        )),
                    );
                }
                let needs = format!("`{name}(…)` takes numbers");
                let ids: Vec<NodeId> = args.iter().map(|a| self.number(a, &needs)).collect();
                let slice = self.program.push_children(&ids);
                let node = if name == "min" {
                    Node::Min(slice)
                } else {
                    Node::Max(slice)
                };
                self.typed(What::Number, node)
            }
            _ => {
                let hint = did_you_mean(name, FUNCTIONS.iter().copied()).unwrap_or_else(|| {
                    format!(
                        "the functions are {}",
                        enumerate(FUNCTIONS.iter().copied(), 20)
                    )
                });
                self.error(
                    RuleErrorKind::UnknownName,
                    name_span,
                    format!("unknown function `{name}`"),
                    Some(hint),
                );
                // What the arguments should be is unknown: they are not checked.
                let _ = args;
                self.unknown()
            }
        }
    }

    /// Refuses `name(…)` in relevance conditions.
    fn not_in_relevance(&mut self, name: &str, span: &Span) {
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
    fn criterion_arg(&mut self, name: &str, args: &[Expr], span: &Span) -> Option<usize> {
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
    fn axis_arg(&mut self, name: &str, args: &[Expr], span: &Span) -> Option<usize> {
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
                let axes = self.scope.axis_ids();
                let hint = did_you_mean(id, axes.iter().map(String::as_str)).or_else(|| {
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

    // ----- comparisons -----

    fn compare(&mut self, op: CmpOp, op_span: &Span, lhs: &Expr, rhs: &Expr, span: &Span) -> Typed {
        let l = self.expr(lhs);
        let r = self.expr(rhs);
        let (lt, rt) = (l.what.ty(), r.what.ty());
        if lt == Ty::Unknown || rt == Ty::Unknown {
            return self.unknown_bool();
        }
        if lt != rt {
            let hint = self.mismatch_hint(op, (&l.what, lhs), (&r.what, rhs));
            self.error(
                RuleErrorKind::Type,
                span,
                format!(
                    "cannot compare {} with {}",
                    l.what.describe(),
                    r.what.describe()
                ),
                hint,
            );
            return self.unknown_bool();
        }
        let node = match lt {
            Ty::Number => Node::CmpNum(op, l.id, r.id),
            _ if !op.is_equality() => {
                let (message, hint) = if lt == Ty::Text {
                    (
                        format!("cannot order strings with `{}`", op.symbol()),
                        "strings can only be tested with `==`, `!=` or `in`",
                    )
                } else {
                    (
                        format!("cannot order true/false values with `{}`", op.symbol()),
                        "combine conditions with `and`, `or` and `not`",
                    )
                };
                self.error(RuleErrorKind::Type, op_span, message, Some(hint.to_owned()));
                return self.unknown_bool();
            }
            Ty::Text => {
                self.check_choice_pair(&l.what, lhs, &r.what, rhs);
                Node::CmpText(op == CmpOp::Eq, l.id, r.id)
            }
            _ => Node::CmpBool(op == CmpOp::Eq, l.id, r.id),
        };
        self.typed(What::Bool, node)
    }

    fn unknown_bool(&mut self) -> Typed {
        // The comparison is a condition even when its operands are wrong.
        self.typed(What::Bool, Node::Bool(false))
    }

    /// A hint for comparing values of different types.
    fn mismatch_hint(
        &self,
        op: CmpOp,
        (lw, le): (&What, &Expr),
        (rw, re): (&What, &Expr),
    ) -> Option<String> {
        let op = op.symbol();
        let (ls, rs) = (self.text(&le.span), self.text(&re.span));
        match (lw, rw) {
            (w, What::StrLit(s)) if w.ty() == Ty::Number => {
                Some(number_vs_string(w, ls, op, s, rs, false))
            }
            (What::StrLit(s), w) if w.ty() == Ty::Number => {
                Some(number_vs_string(w, rs, op, s, ls, true))
            }
            (What::Profile(_), What::NumLit) => Some(format!(
                "profile fields are strings: write `{ls} {op} '{rs}'`"
            )),
            (What::NumLit, What::Profile(_)) => Some(format!(
                "profile fields are strings: write `'{ls}' {op} {rs}`"
            )),
            (What::Bool, w) | (w, What::Bool) if w.ty() == Ty::Number => {
                let b = if matches!(lw, What::Bool) { ls } else { rs };
                Some(format!(
                    "a condition is already true or false: write `{b}` or `not ({b})`"
                ))
            }
            _ => None,
        }
    }

    /// Checks string literals compared with a profile field that has choices.
    fn check_choice_pair(&mut self, lw: &What, le: &Expr, rw: &What, re: &Expr) {
        match (lw, rw) {
            (What::Profile(Some(choices)), What::StrLit(s)) => {
                let field = self.text(&le.span).to_owned();
                self.check_choice(&field, choices, s, &re.span);
            }
            (What::StrLit(s), What::Profile(Some(choices))) => {
                let field = self.text(&re.span).to_owned();
                self.check_choice(&field, choices, s, &le.span);
            }
            _ => {}
        }
    }

    fn check_choice(&mut self, field: &str, choices: &[String], value: &str, span: &Span) {
        if choices.iter().any(|c| c == value) {
            return;
        }
        let names = choices.iter().map(String::as_str);
        let hint = did_you_mean(value, names.clone())
            .unwrap_or_else(|| format!("the choices are {}", enumerate(names, 12)));
        self.error(
            RuleErrorKind::UnknownName,
            span,
            format!("`{value}` is not a choice of `{field}`"),
            Some(hint),
        );
    }

    fn membership(
        &mut self,
        lhs: &Expr,
        items: &[(Literal, Span)],
        list_span: &Span,
        span: &Span,
    ) -> Typed {
        let l = self.expr(lhs);
        let list_ty = match items.first() {
            Some((Literal::Number(_), _)) => Ty::Number,
            Some((Literal::Str(_), _)) => Ty::Text,
            _ => Ty::Bool,
        };
        let mut homogeneous = true;
        for (item, item_span) in items {
            let ty = literal_ty(item);
            if let Literal::Number(n) = item {
                self.literals.push(*n);
            }
            if ty != list_ty {
                homogeneous = false;
                self.error(
                    RuleErrorKind::Type,
                    item_span,
                    format!(
                        "a list holds values of one type: this is {}, the first value is {}",
                        ty.name(),
                        list_ty.name()
                    ),
                    None,
                );
            }
        }
        let lt = l.what.ty();
        if lt == Ty::Unknown || !homogeneous {
            return self.unknown_bool();
        }
        if lt != list_ty {
            let src = self.text(&lhs.span).to_owned();
            let hint = match (&l.what, list_ty) {
                (w, Ty::Text) if lt == Ty::Number => {
                    let numbers: Option<Vec<String>> = items
                        .iter()
                        .map(|(item, _)| match item {
                            Literal::Str(s) => {
                                s.trim().parse::<f64>().ok().map(|_| s.trim().to_owned())
                            }
                            _ => None,
                        })
                        .collect();
                    let noun = w.noun().unwrap_or("numbers");
                    Some(match numbers {
                        Some(n) => {
                            format!("{noun} are numbers: write `{src} in [{}]`", n.join(", "))
                        }
                        None => format!(
                            "{noun} are numbers: compare with numbers, e.g. `{src} in [3, 4]`"
                        ),
                    })
                }
                (What::Profile(_), Ty::Number) => {
                    let quoted: Vec<String> = items
                        .iter()
                        .map(|(_, s)| format!("'{}'", self.text(s)))
                        .collect();
                    Some(format!(
                        "profile fields are strings: write `{src} in [{}]`",
                        quoted.join(", ")
                    ))
                }
                _ => None,
            };
            self.error(
                RuleErrorKind::Type,
                span,
                format!(
                    "cannot compare {} with a list of {}",
                    l.what.describe(),
                    list_ty.plural()
                ),
                hint,
            );
            return self.unknown_bool();
        }
        let _ = list_span;
        let node = match list_ty {
            Ty::Number => {
                let start = self.program.numbers.len() as u32;
                for (item, _) in items {
                    if let Literal::Number(n) = item {
                        self.program.numbers.push(*n);
                    }
                }
                Node::InNum(
                    l.id,
                    Slice {
                        start,
                        len: items.len() as u32,
                    },
                )
            }
            Ty::Text => {
                if let What::Profile(Some(choices)) = &l.what {
                    let field = self.text(&lhs.span).to_owned();
                    for (item, item_span) in items {
                        if let Literal::Str(s) = item {
                            self.check_choice(&field, choices, s, item_span);
                        }
                    }
                }
                let start = self.program.strings.len() as u32;
                for (item, _) in items {
                    if let Literal::Str(s) = item {
                        self.program.strings.push(s.as_str().into());
                    }
                }
                Node::InText(
                    l.id,
                    Slice {
                        start,
                        len: items.len() as u32,
                    },
                )
            }
            _ => {
                let has = |b: bool| items.iter().any(|(item, _)| *item == Literal::Bool(b));
                Node::InBool(l.id, has(true), has(false))
            }
        };
        self.typed(What::Bool, node)
    }
}

/// The hint for a number-like value compared with a string literal.
fn number_vs_string(
    w: &What,
    num_src: &str,
    op: &str,
    s: &str,
    str_src: &str,
    string_first: bool,
) -> String {
    let noun = w.noun().unwrap_or("numbers");
    match s.trim().parse::<f64>() {
        Ok(_) if string_first => format!(
            "{noun} are numbers: write `{} {op} {num_src}`, not `{str_src} {op}`",
            s.trim()
        ),
        Ok(_) => format!(
            "{noun} are numbers: write `{num_src} {op} {}`, not `{op} {str_src}`",
            s.trim()
        ),
        Err(_) => format!("{noun} are numbers: compare with a number, e.g. `{num_src} >= 3`"),
    }
}

fn literal_ty(literal: &Literal) -> Ty {
    match literal {
        Literal::Number(_) => Ty::Number,
        Literal::Str(_) => Ty::Text,
        Literal::Bool(_) => Ty::Bool,
    }
}

fn arith_needs(op: ArithOp) -> String {
    format!("`{}` needs numbers on both sides", op.symbol())
}

/// The expression inside any parentheses.
fn unparen(mut expr: &Expr) -> &Expr {
    while let ExprKind::Paren(inner) = &expr.kind {
        expr = inner;
    }
    expr
}
