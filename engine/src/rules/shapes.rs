//! Closed forms of the conditions grids write most: comparisons of a fact
//! with a constant, `and`/`or`/`not` of such tests, `count(…)` of them,
//! profile fields compared with literals, `in` lists.
//!
//! The register program ([`Code`](super::compiled::Code)) pays a dispatch,
//! operand decoding and a register write per operation. A condition made
//! only of these shapes is compiled instead into a small tree of [`Test`]s
//! whose leaves already hold what they compare (a slot and its bounds, a
//! field and a literal): `collectif.accueil <= 1` is one slot read and two
//! comparisons with constants, inlined in the loop over the rules. Conditions with arithmetic, `min`/`max` or comparisons of
//! booleans keep their register program. Missing numbers are NaN, as there.

use super::ast::CmpOp;
use super::compiled::{leaf_number, Num, Slots};
use super::program::{Node, NodeId, Program, Slice};
use super::run::{compare, read_num};
use super::AnswerState;

/// A condition, or part of one, in closed form.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Test {
    /// `true`, `false`, or a value read with the wrong type (`false`).
    Const(bool),
    /// A number fact (a slot of [`Slots::numbers`]) within `lo..=hi`: how a
    /// comparison with a finite constant other than `!=` is written
    /// (`x < 2` is `x <= 1.9999…`), so that its test needs no operator.
    /// False when the fact is missing, as every such comparison.
    Within { slot: u32, lo: f64, hi: f64 },
    /// `not` of [`Test::Within`]: outside `lo..=hi`, or missing.
    Outside { slot: u32, lo: f64, hi: f64 },
    /// A profile field compared with a literal: whether their equality is
    /// `eq`; `missing` when the field was not given (`not` flips both).
    Profile {
        field: u32,
        literal: Box<str>,
        eq: bool,
        missing: bool,
    },
    /// A number fact compared with a constant.
    Cmp { slot: u32, op: CmpOp, k: f64 },
    /// Two numbers compared, each a fact or a constant.
    CmpNums { op: CmpOp, a: Num, b: Num },
    /// `answered(x)`, `na(x)`, `unknown(x)`: the criterion's state is one of
    /// `states` (bit `1 << state`).
    State { criterion: u32, states: u8 },
    /// `==` (`eq`) or `!=` between strings; false when either is missing.
    Text { eq: bool, a: Text, b: Text },
    /// `x in [numbers]`.
    InNum { x: Num, list: Box<[f64]> },
    /// `x in [strings]`.
    InText { x: Text, list: Box<[Box<str>]> },
    /// `not x`.
    Not(Box<Test>),
    /// `a and b and …`.
    All(Box<[Test]>),
    /// `a or b or …`.
    Any(Box<[Test]>),
    /// `count(…) op k`.
    Count { of: Box<[Test]>, op: CmpOp, k: f64 },
}

/// A string operand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Text {
    /// A literal.
    Str(Box<str>),
    /// A profile field.
    Profile(u32),
    /// A value read with the wrong type.
    Missing,
}

impl Test {
    /// The closed form of a checked program, if every node of it has one.
    pub(crate) fn of(program: &Program) -> Option<Test> {
        Shaper { program }.test(program.root)
    }

    /// Whether the test holds for these facts.
    ///
    /// Kept small so that it inlines: a lone comparison, and the comparisons
    /// of an `and`/`or`, are tested here without a call.
    /// Tests are told apart by plain branches, not a jump table: the loop
    /// over a grid's rules then predicts well.
    #[inline(always)]
    pub(crate) fn holds(&self, slots: &Slots) -> bool {
        if let Test::All(all) = self {
            all.iter().all(|t| t.leaf(slots))
        } else {
            self.leaf(slots)
        }
    }

    /// An operand of `and`/`or`.
    #[inline(always)]
    fn leaf(&self, slots: &Slots) -> bool {
        if let Test::Within { slot, lo, hi } = self {
            within(slots, *slot, *lo, *hi)
        } else {
            self.other(slots)
        }
    }

    /// The tests [`Test::holds`] leaves out.
    #[inline(never)]
    fn other(&self, slots: &Slots) -> bool {
        match self {
            Test::Within { slot, lo, hi } => within(slots, *slot, *lo, *hi),
            Test::Outside { slot, lo, hi } => !within(slots, *slot, *lo, *hi),
            Test::Profile {
                field,
                literal,
                eq,
                missing,
            } => match slots.profile.get(*field as usize) {
                Some(Some(value)) => (**value == **literal) == *eq,
                _ => *missing,
            },
            Test::All(all) => all.iter().all(|t| t.holds(slots)),
            Test::Any(any) => any.iter().any(|t| t.holds(slots)),
            Test::Cmp { slot, op, k } => {
                let x = slots.numbers.get(*slot as usize).copied();
                compare(*op, x.unwrap_or(f64::NAN), *k)
            }
            Test::Not(x) => !x.holds(slots),
            Test::Text { eq, a, b } => match (a.read(slots), b.read(slots)) {
                (Some(a), Some(b)) => (a == b) == *eq,
                _ => false,
            },
            Test::InNum { x, list } => list.contains(&read_num(*x, slots, &[])),
            Test::InText { x, list } => x
                .read(slots)
                .is_some_and(|x| list.iter().any(|l| &**l == x)),
            Test::State { criterion, states } => {
                (slots.states.get(*criterion as usize)).is_some_and(|&s| states & state_bit(s) != 0)
            }
            Test::Count { of, op, k } => {
                let n = of.iter().filter(|t| t.holds(slots)).count();
                compare(*op, n as f64, *k)
            }
            Test::CmpNums { op, a, b } => {
                compare(*op, read_num(*a, slots, &[]), read_num(*b, slots, &[]))
            }
            Test::Const(b) => *b,
        }
    }
}

/// Whether number fact `slot` is within `lo..=hi` (false when missing).
#[inline(always)]
fn within(slots: &Slots, slot: u32, lo: f64, hi: f64) -> bool {
    let x = slots
        .numbers
        .get(slot as usize)
        .copied()
        .unwrap_or(f64::NAN);
    lo <= x && x <= hi
}

/// The test of `fact op k`.
fn against_constant(slot: u32, op: CmpOp, k: f64) -> Test {
    if !k.is_finite() {
        return Test::Cmp { slot, op, k };
    }
    let (lo, hi) = match op {
        CmpOp::Ne => return Test::Cmp { slot, op, k },
        CmpOp::Eq => (k, k),
        CmpOp::Le => (f64::NEG_INFINITY, k),
        CmpOp::Lt => (f64::NEG_INFINITY, next_below(k)),
        CmpOp::Ge => (k, f64::INFINITY),
        CmpOp::Gt => (next_above(k), f64::INFINITY),
    };
    Test::Within { slot, lo, hi }
}

/// The largest number below a finite `k`: `x < k` is `x <= next_below(k)`.
fn next_below(k: f64) -> f64 {
    -next_above(-k)
}

/// The smallest number above a finite `k`.
fn next_above(k: f64) -> f64 {
    let bits = k.to_bits();
    f64::from_bits(if k == 0.0 {
        1
    } else if k > 0.0 {
        bits + 1
    } else {
        bits - 1
    })
}

impl Text {
    fn read<'a>(&'a self, slots: &Slots<'a>) -> Option<&'a str> {
        match self {
            Text::Str(s) => Some(s),
            Text::Profile(f) => slots.profile.get(*f as usize)?.as_deref(),
            Text::Missing => None,
        }
    }
}

/// The bit of a state in [`Test::State`].
fn state_bit(s: AnswerState) -> u8 {
    1 << s as u8
}

/// Builds the closed form of one program's nodes.
struct Shaper<'a> {
    program: &'a Program,
}

impl Shaper<'_> {
    fn node(&self, id: NodeId) -> Option<Node> {
        self.program.nodes.get(id as usize).copied()
    }

    fn tests(&self, s: Slice) -> Option<Box<[Test]>> {
        let ids = self.program.children.get(s.range())?;
        ids.iter().map(|&id| self.test(id)).collect()
    }

    /// The closed form of a boolean node.
    fn test(&self, id: NodeId) -> Option<Test> {
        let state = |criterion, states: &[AnswerState]| Test::State {
            criterion,
            states: states.iter().map(|&s| state_bit(s)).fold(0, |a, b| a | b),
        };
        Some(match self.node(id)? {
            Node::Bool(b) => Test::Const(b),
            Node::Answered(c) => state(c, &[AnswerState::Answered]),
            Node::Na(c) => state(c, &[AnswerState::NotApplicable, AnswerState::NotRelevant]),
            Node::Unknown(c) => state(c, &[AnswerState::Unknown]),
            Node::Not(x) => negated(self.test(x)?),
            Node::And(s) => Test::All(cheapest_first(self.tests(s)?)),
            Node::Or(s) => Test::Any(cheapest_first(self.tests(s)?)),
            Node::CmpNum(op, a, b) => self.comparison(op, a, b)?,
            Node::CmpText(eq, a, b) => match (self.text(a), self.text(b)) {
                (Text::Profile(field), Text::Str(literal))
                | (Text::Str(literal), Text::Profile(field)) => Test::Profile {
                    field,
                    literal,
                    eq,
                    missing: false,
                },
                (a, b) => Test::Text { eq, a, b },
            },
            Node::InNum(x, s) => match self.program.numbers.get(s.range()) {
                Some(list) => Test::InNum {
                    x: self.number(x)?,
                    list: list.into(),
                },
                None => Test::Const(false),
            },
            Node::InText(x, s) => match self.program.strings.get(s.range()) {
                Some(list) => Test::InText {
                    x: self.text(x),
                    list: list.into(),
                },
                None => Test::Const(false),
            },
            _ => return None,
        })
    }

    /// `a op b`: a fact against a constant (either side), `count(…)`
    /// against a constant, or two facts.
    fn comparison(&self, op: CmpOp, a: NodeId, b: NodeId) -> Option<Test> {
        if let Some(Node::Count(s)) = self.node(a) {
            let Num::Const(k) = self.number(b)? else {
                return None;
            };
            let of = self.tests(s)?;
            return Some(Test::Count { of, op, k });
        }
        if let Some(Node::Count(_)) = self.node(b) {
            return self.comparison(flipped(op), b, a);
        }
        Some(match (self.number(a)?, self.number(b)?) {
            (Num::Const(x), Num::Const(y)) => Test::Const(compare(op, x, y)),
            (Num::Fact(slot), Num::Const(k)) => against_constant(slot, op, k),
            (Num::Const(k), Num::Fact(slot)) => against_constant(slot, flipped(op), k),
            (a, b) => Test::CmpNums { op, a, b },
        })
    }

    /// A number leaf: a literal or a fact.
    fn number(&self, id: NodeId) -> Option<Num> {
        leaf_number(self.node(id)?)
    }

    /// A string leaf, as [`Code`](super::compiled::Code) reads it.
    fn text(&self, id: NodeId) -> Text {
        match self.node(id) {
            Some(Node::Str(i)) => match self.program.strings.get(i as usize) {
                Some(s) => Text::Str(s.clone()),
                None => Text::Missing,
            },
            Some(Node::Profile(f)) => Text::Profile(f),
            _ => Text::Missing,
        }
    }
}

/// The operands of an `and` or an `or` reordered so that the cheapest are
/// tested first: bounds tests, inlined in [`Test::holds`], before the tests
/// that need a call (profile fields, lists, nested forms). Operands have no
/// effects and every one is defined (a missing fact is false), so the order
/// changes what is read, never the result; the why of a finding comes from
/// the checked tree, in the order written.
fn cheapest_first(mut tests: Box<[Test]>) -> Box<[Test]> {
    tests.sort_by_key(|t| match t {
        Test::Within { .. } => 0,
        Test::Outside { .. } | Test::State { .. } | Test::Cmp { .. } | Test::Const(_) => 1,
        Test::Profile { .. } | Test::InNum { .. } | Test::CmpNums { .. } => 2,
        _ => 3,
    });
    tests
}

/// `not x`, folded into `x` where its form allows.
fn negated(x: Test) -> Test {
    match x {
        Test::Within { slot, lo, hi } => Test::Outside { slot, lo, hi },
        Test::Outside { slot, lo, hi } => Test::Within { slot, lo, hi },
        Test::Profile {
            field,
            literal,
            eq,
            missing,
        } => Test::Profile {
            field,
            literal,
            eq: !eq,
            missing: !missing,
        },
        Test::Not(x) => *x,
        x => Test::Not(Box::new(x)),
    }
}

/// The operator that compares the operands swapped: `k < x` is `x > k`.
fn flipped(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Eq | CmpOp::Ne => op,
        CmpOp::Lt => CmpOp::Gt,
        CmpOp::Le => CmpOp::Ge,
        CmpOp::Gt => CmpOp::Lt,
        CmpOp::Ge => CmpOp::Le,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bounds_of_strict_comparisons_are_the_next_numbers() {
        for k in [
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.1,
            1e300,
            -1e-300,
            f64::MAX,
            f64::MIN_POSITIVE,
        ] {
            let (below, above) = (next_below(k), next_above(k));
            assert!(below < k && k < above, "{k}");
            for x in [below, k, above] {
                assert_eq!(x < k, x <= below, "{x} < {k}");
                assert_eq!(x > k, x >= above, "{x} > {k}");
            }
        }
        assert_eq!(next_above(-0.0), f64::from_bits(1));
    }
}
