//! The syntax tree produced by the parser, before names are resolved.
//!
//! Chains of the same operator (`a and b and c`, `a + b - c`) are kept flat, so the
//! depth of the tree is bounded by the nesting limit even for long conditions.

use std::ops::Range;

/// Byte range in the condition source.
pub(crate) type Span = Range<usize>;

/// An expression and where it is written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Its bytes in the source.
    pub span: Span,
}

/// Comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CmpOp {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl CmpOp {
    /// The operator as written.
    pub(crate) fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }

    /// Whether the operator only tests (in)equality.
    pub(crate) fn is_equality(self) -> bool {
        matches!(self, CmpOp::Eq | CmpOp::Ne)
    }
}

/// Arithmetic operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ArithOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
}

impl ArithOp {
    /// `a op b` (both evaluators share it, so they round alike).
    pub(crate) fn apply(self, a: f64, b: f64) -> f64 {
        match self {
            ArithOp::Add => a + b,
            ArithOp::Sub => a - b,
            ArithOp::Mul => a * b,
            ArithOp::Div => a / b,
        }
    }

    /// The operator as written.
    pub(crate) fn symbol(self) -> &'static str {
        match self {
            ArithOp::Add => "+",
            ArithOp::Sub => "-",
            ArithOp::Mul => "*",
            ArithOp::Div => "/",
        }
    }
}

/// A literal inside `[ … ]`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Literal {
    /// A number (possibly written with a leading `-`).
    Number(f64),
    /// A string.
    Str(String),
    /// `true` or `false`.
    Bool(bool),
}

/// The kinds of expressions.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ExprKind {
    /// A number literal.
    Number(f64),
    /// A string literal.
    Str(String),
    /// `true` or `false`.
    Bool(bool),
    /// A dotted name: `axis.criterion`, `profile.field`, or a bare `name`.
    Name(Vec<(String, Span)>),
    /// `name(args…)`.
    Call {
        /// The function name.
        name: String,
        /// Where the name is written.
        name_span: Span,
        /// The arguments.
        args: Vec<Expr>,
    },
    /// `not x`.
    Not(Box<Expr>),
    /// `-x`.
    Neg(Box<Expr>),
    /// `a and b and …` (at least two operands).
    And(Vec<Expr>),
    /// `a or b or …` (at least two operands).
    Or(Vec<Expr>),
    /// `a op b op c …` for `+ -` or `* /`, left-associative.
    Arith {
        /// The first operand.
        first: Box<Expr>,
        /// The following operators (with their spans) and operands.
        rest: Vec<(ArithOp, Span, Expr)>,
    },
    /// `a op b`.
    Compare {
        /// The operator.
        op: CmpOp,
        /// Where the operator is written.
        op_span: Span,
        /// Left operand.
        lhs: Box<Expr>,
        /// Right operand.
        rhs: Box<Expr>,
    },
    /// `a in [ … ]`.
    In {
        /// The tested value.
        lhs: Box<Expr>,
        /// The literals with their spans.
        items: Vec<(Literal, Span)>,
        /// Where the list (brackets included) is written.
        list_span: Span,
    },
    /// `( x )`: kept so that messages can show what was written.
    Paren(Box<Expr>),
}
