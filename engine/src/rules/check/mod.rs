//! Resolves names, checks types and builds the compiled [`Program`].
//!
//! The checker goes on after an error, so one compilation reports every unknown
//! name and type mismatch. An expression whose type cannot be known (an unknown
//! name) is marked as such and never causes a second, derived error.

use super::ast::{ArithOp, CmpOp, Expr, ExprKind, Literal, Span};
use super::error::{RuleError, RuleErrorKind};
use super::keywords::{function, function_names, is_miscased_keyword, Function, FUNCTIONS};
use super::program::{Node, NodeId, Program, Slice};
use super::suggest::{closest, did_you_mean, enumerate};
use super::{Context, References, Scope};
use std::rc::Rc;

mod compare;
mod names;

use compare::{arith_needs, unparen};

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
        criterion_ids: None,
        axis_ids: None,
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
    /// The scope's criterion ids, fetched once per condition (for hints).
    criterion_ids: Option<Rc<[String]>>,
    /// The scope's axis ids, fetched once per condition (for hints).
    axis_ids: Option<Rc<[String]>>,
}

impl Checker<'_> {
    /// Every criterion id of the scope (fetched on the first hint that needs them).
    fn criterion_ids(&mut self) -> Rc<[String]> {
        let scope = self.scope;
        self.criterion_ids
            .get_or_insert_with(|| scope.criterion_ids().into())
            .clone()
    }

    /// Every axis id of the scope (fetched on the first hint that needs them).
    fn axis_ids(&mut self) -> Rc<[String]> {
        let scope = self.scope;
        self.axis_ids
            .get_or_insert_with(|| scope.axis_ids().into())
            .clone()
    }

    /// Whether a hint may compare one name with `candidates` names (see [`Scope::may_suggest`]).
    fn may_suggest(&self, candidates: usize) -> bool {
        self.scope.may_suggest(candidates)
    }

    /// The name of `names` closest to `word` ([`closest`]), if the scope
    /// still allows comparing with them all.
    fn closest_of<'n>(&self, word: &str, names: &'n [String]) -> Option<&'n str> {
        if self.may_suggest(names.len()) {
            closest(word, names.iter().map(String::as_str))
        } else {
            None
        }
    }

    /// `did you mean `x`?` for the name of `names` closest to `word`, within
    /// the scope's budget (see [`Checker::closest_of`]).
    fn did_you_mean(&self, word: &str, names: &[String]) -> Option<String> {
        self.closest_of(word, names)
            .map(|c| format!("did you mean `{c}`?"))
    }

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
}
