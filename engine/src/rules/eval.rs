//! Evaluation of a compiled [`Program`] against the facts of an assessment.
//!
//! Types were checked at compile time, so each node is read through the function
//! of its type (`boolean`, `number`, `text`). Should a node ever be read with the
//! wrong type, the result is `false` or missing — never a panic.

use super::ast::CmpOp;
use super::program::{Node, NodeId, Program};
use super::value::Value;
use super::{AnswerState, Facts};

impl Program {
    fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(id as usize)
    }

    fn child_ids(&self, slice: super::program::Slice) -> &[NodeId] {
        self.children.get(slice.range()).unwrap_or(&[])
    }

    /// The value of a boolean node.
    pub(crate) fn boolean<F: Facts + ?Sized>(&self, id: NodeId, facts: &F) -> bool {
        let Some(node) = self.node(id) else {
            return false;
        };
        match *node {
            Node::Bool(b) => b,
            Node::Answered(c) => facts.state(c as usize) == AnswerState::Answered,
            Node::Na(c) => matches!(
                facts.state(c as usize),
                AnswerState::NotApplicable | AnswerState::NotRelevant
            ),
            Node::Unknown(c) => facts.state(c as usize) == AnswerState::Unknown,
            Node::Not(x) => !self.boolean(x, facts),
            Node::And(s) => self.child_ids(s).iter().all(|&x| self.boolean(x, facts)),
            Node::Or(s) => self.child_ids(s).iter().any(|&x| self.boolean(x, facts)),
            Node::CmpNum(op, a, b) => match (self.number(a, facts), self.number(b, facts)) {
                (Some(a), Some(b)) => match op {
                    CmpOp::Eq => a == b,
                    CmpOp::Ne => a != b,
                    CmpOp::Lt => a < b,
                    CmpOp::Le => a <= b,
                    CmpOp::Gt => a > b,
                    CmpOp::Ge => a >= b,
                },
                _ => false,
            },
            Node::CmpText(eq, a, b) => match (self.text(a, facts), self.text(b, facts)) {
                (Some(a), Some(b)) => (a == b) == eq,
                _ => false,
            },
            Node::CmpBool(eq, a, b) => (self.boolean(a, facts) == self.boolean(b, facts)) == eq,
            Node::InNum(x, s) => match self.number(x, facts) {
                Some(x) => self.numbers.get(s.range()).is_some_and(|l| l.contains(&x)),
                None => false,
            },
            Node::InText(x, s) => match self.text(x, facts) {
                Some(x) => self
                    .strings
                    .get(s.range())
                    .is_some_and(|l| l.iter().any(|item| &**item == x)),
                None => false,
            },
            Node::InBool(x, has_true, has_false) => {
                if self.boolean(x, facts) {
                    has_true
                } else {
                    has_false
                }
            }
            _ => false,
        }
    }

    /// The value of a number node (`None` when missing).
    pub(crate) fn number<F: Facts + ?Sized>(&self, id: NodeId, facts: &F) -> Option<f64> {
        let node = self.node(id)?;
        match *node {
            Node::Num(n) => Some(n),
            Node::Level(c) => facts.level(c as usize),
            Node::Target(c) => facts.target(c as usize),
            Node::Spread(c) => facts.spread(c as usize),
            Node::Score(a) => facts.axis_score(a as usize),
            Node::Coverage(a) => facts.axis_coverage(a as usize),
            Node::Overall => facts.overall(),
            Node::Neg(x) => self.number(x, facts).map(|n| -n),
            Node::Arith(first, s) => {
                let mut acc = self.number(first, facts)?;
                for &(op, x) in self.ops.get(s.range()).unwrap_or(&[]) {
                    let x = self.number(x, facts)?;
                    acc = op.apply(acc, x);
                    if !acc.is_finite() {
                        return None;
                    }
                }
                Some(acc)
            }
            Node::Count(s) => {
                let ids = self.child_ids(s);
                Some(ids.iter().filter(|&&x| self.boolean(x, facts)).count() as f64)
            }
            Node::Min(s) => self.fold(s, facts, f64::min),
            Node::Max(s) => self.fold(s, facts, f64::max),
            _ => None,
        }
    }

    /// `min`/`max` over the present values of the operands.
    fn fold<F: Facts + ?Sized>(
        &self,
        s: super::program::Slice,
        facts: &F,
        f: fn(f64, f64) -> f64,
    ) -> Option<f64> {
        self.child_ids(s)
            .iter()
            .filter_map(|&x| self.number(x, facts))
            .reduce(f)
    }

    /// The value of a string node (`None` when missing).
    pub(crate) fn text<'a, F: Facts + ?Sized>(
        &'a self,
        id: NodeId,
        facts: &'a F,
    ) -> Option<&'a str> {
        match *self.node(id)? {
            Node::Str(i) => self.strings.get(i as usize).map(|s| &**s),
            Node::Profile(f) => facts.profile(f as usize),
            _ => None,
        }
    }

    /// The value of a leaf, whatever its type, for traces.
    pub(crate) fn value<F: Facts + ?Sized>(&self, id: NodeId, facts: &F) -> Value {
        match self.node(id) {
            Some(Node::Answered(_) | Node::Na(_) | Node::Unknown(_) | Node::Bool(_)) => {
                Value::Bool(self.boolean(id, facts))
            }
            Some(Node::Str(_) | Node::Profile(_)) => self.text(id, facts).into(),
            Some(_) => self.number(id, facts).into(),
            None => Value::Missing,
        }
    }
}
