//! Running a compiled [`Code`] over [`Slots`]: the scorer's hot path.
//!
//! Registers live on the stack for conditions of up to [`INLINE`] registers of
//! each kind (every rule of the DOMINO grid), so an evaluation allocates
//! nothing; longer conditions get their registers from the heap.

use super::ast::CmpOp;
use super::compiled::{Bit, Code, Num, Op, Slots, Text};
use super::program::Slice;
use super::AnswerState;

/// Registers of each kind kept on the stack.
const INLINE: usize = 16;

/// The registers of one run.
struct Regs<'r> {
    num: &'r mut [f64],
    bit: &'r mut [bool],
}

impl Code {
    /// Whether the condition holds for these facts: by its closed form if
    /// it has one, else by its operations.
    #[inline(always)]
    pub(crate) fn run(&self, slots: &Slots) -> bool {
        match &self.shape {
            Some(test) => test.holds(slots),
            None => self.run_program(slots),
        }
    }

    /// Whether the condition holds, by its operations.
    pub(crate) fn run_program(&self, slots: &Slots) -> bool {
        match self.ops[..] {
            [] => return self.read_bit(self.root, slots, &[]),
            // Most rules: one comparison, no register needed.
            [Op::Cmp { op, a, b, .. }] => {
                return compare(op, read_num(a, slots, &[]), read_num(b, slots, &[]))
            }
            _ => {}
        }
        let (n, b) = (usize::from(self.num_regs), usize::from(self.bit_regs));
        if n == 0 && b <= INLINE {
            let mut bit = [false; INLINE];
            self.exec(slots, &mut [], &mut bit)
        } else if n <= INLINE && b <= INLINE {
            let mut num = [0.0; INLINE];
            let mut bit = [false; INLINE];
            self.exec(slots, &mut num, &mut bit)
        } else {
            let mut num = vec![0.0; n];
            let mut bit = vec![false; b];
            self.exec(slots, &mut num, &mut bit)
        }
    }

    fn exec(&self, slots: &Slots, num: &mut [f64], bit: &mut [bool]) -> bool {
        let mut regs = Regs { num, bit };
        let mut pc = 0;
        while let Some(op) = self.ops.get(pc) {
            pc += 1;
            match *op {
                Op::Test { dst, x, stop, to } => {
                    let v = self.read_bit(x, slots, regs.bit);
                    regs.bit[usize::from(dst)] = v;
                    if v == stop {
                        pc = to as usize;
                    }
                }
                Op::TestCmp {
                    dst,
                    op,
                    a,
                    b,
                    stop,
                    to,
                } => {
                    let (a, b) = (read_num(a, slots, regs.num), read_num(b, slots, regs.num));
                    let v = compare(op, a, b);
                    regs.bit[usize::from(dst)] = v;
                    if v == stop {
                        pc = to as usize;
                    }
                }
                Op::Cmp { dst, op, a, b } => {
                    let (a, b) = (read_num(a, slots, regs.num), read_num(b, slots, regs.num));
                    regs.bit[usize::from(dst)] = compare(op, a, b);
                }
                op => self.exec_other(op, slots, &mut regs),
            }
        }
        self.read_bit(self.root, slots, regs.bit)
    }

    /// The operations other than the two most frequent ones.
    #[inline(never)]
    fn exec_other(&self, op: Op, slots: &Slots, regs: &mut Regs) {
        let (num, bit) = (&*regs.num, &*regs.bit);
        let (dst, value) = match op {
            Op::Neg { dst, x } => return regs.num[usize::from(dst)] = -read_num(x, slots, num),
            Op::Arith { dst, first, rest } => {
                return regs.num[usize::from(dst)] = self.arith(first, rest, slots, num)
            }
            Op::Count { dst, of } => {
                let n = (self.bits.get(of.range()).unwrap_or(&[]).iter())
                    .filter(|&&x| self.read_bit(x, slots, bit))
                    .count();
                return regs.num[usize::from(dst)] = n as f64;
            }
            Op::Min { dst, of } => {
                return regs.num[usize::from(dst)] = self.fold(of, slots, num, f64::min)
            }
            Op::Max { dst, of } => {
                return regs.num[usize::from(dst)] = self.fold(of, slots, num, f64::max)
            }
            Op::Cmp { dst, op, a, b } => (
                dst,
                compare(op, read_num(a, slots, num), read_num(b, slots, num)),
            ),
            Op::CmpText { dst, eq, a, b } => {
                match (self.read_text(a, slots), self.read_text(b, slots)) {
                    (Some(a), Some(b)) => (dst, (a == b) == eq),
                    _ => (dst, false),
                }
            }
            Op::CmpBool { dst, eq, a, b } => (
                dst,
                (self.read_bit(a, slots, bit) == self.read_bit(b, slots, bit)) == eq,
            ),
            Op::InNum { dst, x, list } => {
                let x = read_num(x, slots, num);
                (
                    dst,
                    self.numbers
                        .get(list.range())
                        .is_some_and(|l| l.contains(&x)),
                )
            }
            Op::InText { dst, x, list } => (
                dst,
                match self.read_text(x, slots) {
                    Some(x) => self
                        .strings
                        .get(list.range())
                        .is_some_and(|l| l.iter().any(|i| &**i == x)),
                    None => false,
                },
            ),
            Op::InBool { dst, x, t, f } => (dst, if self.read_bit(x, slots, bit) { t } else { f }),
            Op::Not { dst, x } => (dst, !self.read_bit(x, slots, bit)),
            Op::Test { dst, x, .. } => (dst, self.read_bit(x, slots, bit)),
            Op::TestCmp { dst, op, a, b, .. } => (
                dst,
                compare(op, read_num(a, slots, num), read_num(b, slots, num)),
            ),
        };
        regs.bit[usize::from(dst)] = value;
    }

    /// An arithmetic chain; missing as soon as an operand is missing or a
    /// partial result is not finite.
    fn arith(&self, first: Num, rest: Slice, slots: &Slots, num: &[f64]) -> f64 {
        let mut acc = read_num(first, slots, num);
        if acc.is_nan() {
            return acc;
        }
        for &(op, x) in self.arith.get(rest.range()).unwrap_or(&[]) {
            let x = read_num(x, slots, num);
            if x.is_nan() {
                return f64::NAN;
            }
            acc = op.apply(acc, x);
            if !acc.is_finite() {
                return f64::NAN;
            }
        }
        acc
    }

    /// `min`/`max` over the present operands, in order; missing when none is.
    fn fold(&self, of: Slice, slots: &Slots, num: &[f64], f: fn(f64, f64) -> f64) -> f64 {
        let mut acc = f64::NAN;
        for &x in self.nums.get(of.range()).unwrap_or(&[]) {
            let x = read_num(x, slots, num);
            if !x.is_nan() {
                acc = if acc.is_nan() { x } else { f(acc, x) };
            }
        }
        acc
    }

    fn read_bit(&self, x: Bit, slots: &Slots, bit: &[bool]) -> bool {
        let state = |c: u32| slots.states.get(c as usize).copied();
        match x {
            Bit::Const(b) => b,
            Bit::Reg(r) => bit.get(usize::from(r)).copied().unwrap_or(false),
            Bit::Answered(c) => state(c) == Some(AnswerState::Answered),
            Bit::Na(c) => matches!(
                state(c),
                Some(AnswerState::NotApplicable | AnswerState::NotRelevant)
            ),
            Bit::Unknown(c) => state(c) == Some(AnswerState::Unknown),
        }
    }

    fn read_text<'a>(&'a self, x: Text, slots: &Slots<'a>) -> Option<&'a str> {
        match x {
            Text::Str(i) => self.strings.get(i as usize).map(|s| &**s),
            Text::Profile(f) => slots.profile.get(f as usize)?.as_deref(),
            Text::Missing => None,
        }
    }
}

/// A number operand's value (NaN when missing).
#[inline]
pub(super) fn read_num(x: Num, slots: &Slots, num: &[f64]) -> f64 {
    match x {
        Num::Const(n) => n,
        Num::Fact(i) => slots.numbers.get(i as usize).copied().unwrap_or(f64::NAN),
        Num::Reg(r) => num.get(usize::from(r)).copied().unwrap_or(f64::NAN),
    }
}

/// A comparison of two numbers, false when either is missing.
#[inline]
pub(super) fn compare(op: CmpOp, a: f64, b: f64) -> bool {
    match op {
        CmpOp::Eq => a == b,
        CmpOp::Ne => a != b && !a.is_nan() && !b.is_nan(),
        CmpOp::Lt => a < b,
        CmpOp::Le => a <= b,
        CmpOp::Gt => a > b,
        CmpOp::Ge => a >= b,
    }
}
