//! The form a condition is evaluated in: a flat register program.
//!
//! [`Program`] is the checked tree of a condition (children before parents);
//! walking it costs a recursive call, a match and a fact lookup through a trait
//! per node. [`Code::compile`] turns it once, at load, into a straight list of
//! operations whose operands are already what they read: a constant, a slot of
//! the assessment's facts laid out by position ([`Slots`]), or a register
//! written by an earlier operation. `and`/`or` become conditional jumps, so
//! short-circuits skip code instead of returning through calls. Leaves cost no
//! operation at all: `collectif.accueil <= 1` is one comparison of a slot with
//! a constant.
//!
//! A missing number is NaN in slots and registers: every ordered comparison
//! and `==` with NaN is already false, `!=` tests it, arithmetic carries it,
//! `min`/`max` skip it. Nothing a loaded grid gives is NaN (scores, weights and
//! literals are finite), so NaN means exactly "missing". The tree evaluator
//! ([`Program::boolean`]) stays the reference: differential tests compare the
//! two on random conditions and facts.

use super::ast::{ArithOp, CmpOp};
use super::program::{Node, NodeId, Program, Slice};
use super::shapes::Test;
use super::AnswerState;

/// Which fact of a position a number slot holds: slot `6 × i + table` holds
/// fact `table` of criterion `i` (level, target, spread) or of axis `i`
/// (score, coverage); slot 5 the overall score. Interleaving the tables keeps
/// every slot's index known at compile time without knowing the grid's size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Table {
    /// Criterion levels (the consolidated option's score).
    Level = 0,
    /// Criterion targets (the target option's score).
    Target = 1,
    /// Criterion rater spreads.
    Spread = 2,
    /// Axis scores.
    Score = 3,
    /// Axis coverages.
    Coverage = 4,
    /// The overall score (one slot).
    Overall = 5,
}

/// Tables interleaved in [`Slots::numbers`].
pub(crate) const TABLES: usize = 6;

impl Table {
    /// The slot of this fact for criterion or axis `i`.
    pub(crate) fn slot(self, i: usize) -> usize {
        TABLES * i + self as usize
    }
}

/// The facts of one assessment laid out by position, as compiled conditions
/// read them. Missing numbers are NaN.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Slots<'a> {
    /// The number facts, at [`Table::slot`].
    pub numbers: &'a [f64],
    /// The state of each criterion.
    pub states: &'a [AnswerState],
    /// The profile fields.
    pub profile: &'a [Option<String>],
}

/// A number operand.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Num {
    /// A literal (NaN: a value read with the wrong type, always missing).
    Const(f64),
    /// A slot of [`Slots::numbers`].
    Fact(u32),
    /// A number register.
    Reg(u16),
}

/// A boolean operand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Bit {
    /// `true`, `false`, or a value read with the wrong type (`false`).
    Const(bool),
    /// `answered(x)`.
    Answered(u32),
    /// `na(x)`: not applicable or not relevant.
    Na(u32),
    /// `unknown(x)`.
    Unknown(u32),
    /// A boolean register.
    Reg(u16),
}

/// A string operand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Text {
    /// A literal, in [`Code::strings`].
    Str(u32),
    /// A profile field.
    Profile(u32),
    /// A value read with the wrong type.
    Missing,
}

/// One operation; `dst` is the register it writes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Op {
    /// `-x`.
    Neg { dst: u16, x: Num },
    /// `first op x op y …`, the rest in [`Code::arith`].
    Arith { dst: u16, first: Num, rest: Slice },
    /// `count(…)`, the operands in [`Code::bits`].
    Count { dst: u16, of: Slice },
    /// `min(…)`, the operands in [`Code::nums`].
    Min { dst: u16, of: Slice },
    /// `max(…)`, the operands in [`Code::nums`].
    Max { dst: u16, of: Slice },
    /// A comparison of numbers.
    Cmp { dst: u16, op: CmpOp, a: Num, b: Num },
    /// `==` (true) or `!=` (false) between strings.
    CmpText {
        dst: u16,
        eq: bool,
        a: Text,
        b: Text,
    },
    /// `==` (true) or `!=` (false) between booleans.
    CmpBool { dst: u16, eq: bool, a: Bit, b: Bit },
    /// `x in [numbers]`, the list in [`Code::numbers`].
    InNum { dst: u16, x: Num, list: Slice },
    /// `x in [strings]`, the list in [`Code::strings`].
    InText { dst: u16, x: Text, list: Slice },
    /// `x in [booleans]`: the result when `x` is true, when it is false.
    InBool { dst: u16, x: Bit, t: bool, f: bool },
    /// `not x`.
    Not { dst: u16, x: Bit },
    /// Writes `x`; when it equals `stop`, jumps to operation `to` (the
    /// short-circuit of `and`, whose `stop` is false, and of `or`).
    Test {
        dst: u16,
        x: Bit,
        stop: bool,
        to: u32,
    },
    /// [`Op::Test`] of a comparison of numbers, fused (the most frequent
    /// operand of `and`/`or`).
    TestCmp {
        dst: u16,
        op: CmpOp,
        a: Num,
        b: Num,
        stop: bool,
        to: u32,
    },
}

/// A compiled condition: operations run in order, then [`Code::root`] read.
#[derive(Debug, Clone)]
pub(crate) struct Code {
    /// The operations.
    pub ops: Vec<Op>,
    /// Operands of `min`/`max`.
    pub nums: Vec<Num>,
    /// Operands of `count`.
    pub bits: Vec<Bit>,
    /// Operators and operands of arithmetic chains after the first.
    pub arith: Vec<(ArithOp, Num)>,
    /// Number lists of `in`.
    pub numbers: Vec<f64>,
    /// String literals and lists of `in`.
    pub strings: Vec<Box<str>>,
    /// Number registers used.
    pub num_regs: u16,
    /// Boolean registers used.
    pub bit_regs: u16,
    /// The condition's value once the operations ran.
    pub root: Bit,
    /// The condition in closed form, when it has one: what runs instead of
    /// the operations.
    pub shape: Option<Test>,
}

impl Code {
    /// Compiles a checked program. Anything the reference evaluator would read
    /// with the wrong type compiles to what it reads then: `false` or missing.
    pub(crate) fn compile(program: &Program) -> Code {
        let mut code = Code {
            ops: Vec::new(),
            nums: Vec::new(),
            bits: Vec::new(),
            arith: Vec::new(),
            numbers: Vec::new(),
            strings: program.strings.clone(),
            num_regs: 0,
            bit_regs: 0,
            root: Bit::Const(false),
            shape: Test::of(program),
        };
        code.root = Compiler {
            program,
            code: &mut code,
        }
        .bit(program.root);
        code
    }
}

/// Compiles the nodes of one program into a [`Code`].
struct Compiler<'a> {
    program: &'a Program,
    code: &'a mut Code,
}

impl Compiler<'_> {
    fn node(&self, id: NodeId) -> Option<Node> {
        self.program.nodes.get(id as usize).copied()
    }

    fn children(&self, s: Slice) -> Vec<NodeId> {
        self.program.children.get(s.range()).unwrap_or(&[]).to_vec()
    }

    fn num_reg(&mut self) -> u16 {
        self.code.num_regs += 1;
        self.code.num_regs - 1
    }

    fn bit_reg(&mut self) -> u16 {
        self.code.bit_regs += 1;
        self.code.bit_regs - 1
    }

    /// Emits a boolean operation into a new register.
    fn bit_op(&mut self, op: impl FnOnce(u16) -> Op) -> Bit {
        let dst = self.bit_reg();
        self.code.ops.push(op(dst));
        Bit::Reg(dst)
    }

    /// Emits a number operation into a new register.
    fn num_op(&mut self, op: impl FnOnce(u16) -> Op) -> Num {
        let dst = self.num_reg();
        self.code.ops.push(op(dst));
        Num::Reg(dst)
    }

    /// The operand of a boolean node, emitting what computes it.
    fn bit(&mut self, id: NodeId) -> Bit {
        let Some(node) = self.node(id) else {
            return Bit::Const(false);
        };
        match node {
            Node::Bool(b) => Bit::Const(b),
            Node::Answered(c) => Bit::Answered(c),
            Node::Na(c) => Bit::Na(c),
            Node::Unknown(c) => Bit::Unknown(c),
            Node::Not(x) => {
                let x = self.bit(x);
                self.bit_op(|dst| Op::Not { dst, x })
            }
            Node::And(s) => self.short_circuit(s, false),
            Node::Or(s) => self.short_circuit(s, true),
            Node::CmpNum(op, a, b) => {
                let (a, b) = (self.num(a), self.num(b));
                self.bit_op(|dst| Op::Cmp { dst, op, a, b })
            }
            Node::CmpText(eq, a, b) => {
                let (a, b) = (self.text(a), self.text(b));
                self.bit_op(|dst| Op::CmpText { dst, eq, a, b })
            }
            Node::CmpBool(eq, a, b) => {
                let (a, b) = (self.bit(a), self.bit(b));
                self.bit_op(|dst| Op::CmpBool { dst, eq, a, b })
            }
            Node::InNum(x, s) => self.in_numbers(x, s),
            Node::InText(x, s) => self.in_strings(x, s),
            Node::InBool(x, t, f) => {
                let x = self.bit(x);
                self.bit_op(|dst| Op::InBool { dst, x, t, f })
            }
            _ => Bit::Const(false),
        }
    }

    /// `and` (`stop` false) or `or` (`stop` true): each operand written into
    /// one register, jumping past the rest as soon as one equals `stop`.
    fn short_circuit(&mut self, s: Slice, stop: bool) -> Bit {
        let ids = self.children(s);
        if ids.is_empty() {
            return Bit::Const(!stop);
        }
        let dst = self.bit_reg();
        let mut jumps = Vec::with_capacity(ids.len());
        for id in ids {
            let test = match self.node(id) {
                Some(Node::CmpNum(op, a, b)) => {
                    let (a, b) = (self.num(a), self.num(b));
                    Op::TestCmp {
                        dst,
                        op,
                        a,
                        b,
                        stop,
                        to: 0,
                    }
                }
                _ => {
                    let x = self.bit(id);
                    Op::Test {
                        dst,
                        x,
                        stop,
                        to: 0,
                    }
                }
            };
            jumps.push(self.code.ops.len());
            self.code.ops.push(test);
        }
        let end = self.code.ops.len() as u32;
        for at in jumps {
            if let Some(Op::Test { to, .. } | Op::TestCmp { to, .. }) = self.code.ops.get_mut(at) {
                *to = end;
            }
        }
        Bit::Reg(dst)
    }

    fn in_numbers(&mut self, x: NodeId, s: Slice) -> Bit {
        let x = self.num(x);
        let Some(list) = self.program.numbers.get(s.range()) else {
            return Bit::Const(false);
        };
        let list = push_slice(&mut self.code.numbers, list);
        self.bit_op(|dst| Op::InNum { dst, x, list })
    }

    fn in_strings(&mut self, x: NodeId, s: Slice) -> Bit {
        let x = self.text(x);
        if self.program.strings.get(s.range()).is_none() {
            return Bit::Const(false);
        }
        self.bit_op(|dst| Op::InText { dst, x, list: s })
    }

    /// The operand of a number node, emitting what computes it.
    fn num(&mut self, id: NodeId) -> Num {
        let Some(node) = self.node(id) else {
            return Num::Const(f64::NAN);
        };
        if let Some(leaf) = leaf_number(node) {
            return leaf;
        }
        match node {
            Node::Neg(x) => {
                let x = self.num(x);
                self.num_op(|dst| Op::Neg { dst, x })
            }
            Node::Arith(first, s) => {
                let first = self.num(first);
                let ops = self.program.ops.get(s.range()).unwrap_or(&[]).to_vec();
                let rest: Vec<(ArithOp, Num)> =
                    ops.into_iter().map(|(op, x)| (op, self.num(x))).collect();
                let rest = push_slice(&mut self.code.arith, &rest);
                self.num_op(|dst| Op::Arith { dst, first, rest })
            }
            Node::Count(s) => {
                let of: Vec<Bit> = self.children(s).into_iter().map(|x| self.bit(x)).collect();
                let of = push_slice(&mut self.code.bits, &of);
                self.num_op(|dst| Op::Count { dst, of })
            }
            Node::Min(s) | Node::Max(s) => {
                let of: Vec<Num> = self.children(s).into_iter().map(|x| self.num(x)).collect();
                let of = push_slice(&mut self.code.nums, &of);
                if matches!(node, Node::Min(_)) {
                    self.num_op(|dst| Op::Min { dst, of })
                } else {
                    self.num_op(|dst| Op::Max { dst, of })
                }
            }
            _ => Num::Const(f64::NAN),
        }
    }

    /// The operand of a string node.
    fn text(&self, id: NodeId) -> Text {
        match self.node(id) {
            Some(Node::Str(i)) if (i as usize) < self.program.strings.len() => Text::Str(i),
            Some(Node::Profile(f)) => Text::Profile(f),
            _ => Text::Missing,
        }
    }
}

/// The operand of a number leaf: a literal or a fact.
pub(super) fn leaf_number(node: Node) -> Option<Num> {
    Some(match node {
        Node::Num(n) => Num::Const(n),
        Node::Level(c) => fact(Table::Level, c),
        Node::Target(c) => fact(Table::Target, c),
        Node::Spread(c) => fact(Table::Spread, c),
        Node::Score(a) => fact(Table::Score, a),
        Node::Coverage(a) => fact(Table::Coverage, a),
        Node::Overall => fact(Table::Overall, 0),
        _ => return None,
    })
}

/// The operand reading fact `table` of position `i`.
fn fact(table: Table, i: u32) -> Num {
    Num::Fact(table.slot(i as usize) as u32)
}

/// Appends `items` to a pool and returns where they sit.
fn push_slice<T: Copy>(pool: &mut Vec<T>, items: &[T]) -> Slice {
    let start = pool.len() as u32;
    pool.extend_from_slice(items);
    Slice {
        start,
        len: items.len() as u32,
    }
}
