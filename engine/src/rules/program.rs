//! The compiled form of a condition: a flat arena of typed nodes with resolved indices.
//!
//! Every node knows statically whether it yields a number, a string or a boolean,
//! so evaluation reads facts by index, with no name lookup and no allocation.

use super::ast::{ArithOp, CmpOp};

/// Index of a node in [`Program::nodes`].
pub(crate) type NodeId = u32;

/// A slice of one of the program's pools.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Slice {
    /// First index in the pool.
    pub start: u32,
    /// Number of entries.
    pub len: u32,
}

impl Slice {
    /// The slice as a range of pool indices.
    pub(crate) fn range(self) -> std::ops::Range<usize> {
        self.start as usize..(self.start + self.len) as usize
    }
}

/// One compiled node.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Node {
    // ----- numbers -----
    /// A number literal.
    Num(f64),
    /// The consolidated level score of a criterion (missing unless answered).
    Level(u32),
    /// The target level score of a criterion (missing unless answered).
    Target(u32),
    /// The spread between raters of a criterion.
    Spread(u32),
    /// An axis score.
    Score(u32),
    /// An axis coverage.
    Coverage(u32),
    /// The overall score.
    Overall,
    /// `-x`.
    Neg(NodeId),
    /// `first op x op y …`, the operators and operands in [`Program::ops`].
    Arith(NodeId, Slice),
    /// `count(…)`, the operands in [`Program::children`].
    Count(Slice),
    /// `min(…)`, the operands in [`Program::children`].
    Min(Slice),
    /// `max(…)`, the operands in [`Program::children`].
    Max(Slice),
    // ----- strings -----
    /// A string literal, in [`Program::strings`].
    Str(u32),
    /// A profile field.
    Profile(u32),
    // ----- booleans -----
    /// `true` or `false`.
    Bool(bool),
    /// `answered(x)`.
    Answered(u32),
    /// `na(x)`.
    Na(u32),
    /// `unknown(x)`.
    Unknown(u32),
    /// `not x`.
    Not(NodeId),
    /// `a and b and …`, the operands in [`Program::children`].
    And(Slice),
    /// `a or b or …`, the operands in [`Program::children`].
    Or(Slice),
    /// A comparison of numbers.
    CmpNum(CmpOp, NodeId, NodeId),
    /// `==` (true) or `!=` (false) between strings.
    CmpText(bool, NodeId, NodeId),
    /// `==` (true) or `!=` (false) between booleans.
    CmpBool(bool, NodeId, NodeId),
    /// `x in [numbers]`, the list in [`Program::numbers`].
    InNum(NodeId, Slice),
    /// `x in [strings]`, the list in [`Program::strings`].
    InText(NodeId, Slice),
    /// `x in [booleans]`: whether the list holds `true`, whether it holds `false`.
    InBool(NodeId, bool, bool),
}

/// A compiled condition.
#[derive(Debug, Clone, Default)]
pub(crate) struct Program {
    /// All nodes; children come before their parents.
    pub nodes: Vec<Node>,
    /// Operand lists of n-ary nodes.
    pub children: Vec<NodeId>,
    /// Operators and operands of arithmetic chains.
    pub ops: Vec<(ArithOp, NodeId)>,
    /// Number lists of `in`.
    pub numbers: Vec<f64>,
    /// String literals and string lists of `in`.
    pub strings: Vec<Box<str>>,
    /// The leaves that read facts, in source order, one per distinct text.
    pub leaves: Vec<(String, NodeId)>,
    /// The node whose value is the condition's.
    pub root: NodeId,
}

impl Program {
    /// Adds a node and returns its id.
    pub(crate) fn push(&mut self, node: Node) -> NodeId {
        self.nodes.push(node);
        (self.nodes.len() - 1) as NodeId
    }

    /// Adds an operand list and returns its slice.
    pub(crate) fn push_children(&mut self, ids: &[NodeId]) -> Slice {
        let start = self.children.len() as u32;
        self.children.extend_from_slice(ids);
        Slice {
            start,
            len: ids.len() as u32,
        }
    }
}
