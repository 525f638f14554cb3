//! Comparisons and membership: operand types, profile choices, helpful mismatches.

use super::*;

impl Checker<'_> {
    // ----- comparisons -----

    pub(super) fn compare(
        &mut self,
        op: CmpOp,
        op_span: &Span,
        lhs: &Expr,
        rhs: &Expr,
        span: &Span,
    ) -> Typed {
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

    pub(super) fn unknown_bool(&mut self) -> Typed {
        // The comparison is a condition even when its operands are wrong.
        self.typed(What::Bool, Node::Bool(false))
    }

    /// A hint for comparing values of different types.
    pub(super) fn mismatch_hint(
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
    pub(super) fn check_choice_pair(&mut self, lw: &What, le: &Expr, rw: &What, re: &Expr) {
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

    pub(super) fn check_choice(
        &mut self,
        field: &str,
        choices: &[String],
        value: &str,
        span: &Span,
    ) {
        if choices.iter().any(|c| c == value) {
            return;
        }
        let hint = self.did_you_mean(value, choices).unwrap_or_else(|| {
            format!(
                "the choices are {}",
                enumerate(choices.iter().map(String::as_str), 12)
            )
        });
        self.error(
            RuleErrorKind::UnknownName,
            span,
            format!("`{value}` is not a choice of `{field}`"),
            Some(hint),
        );
    }

    pub(super) fn membership(
        &mut self,
        lhs: &Expr,
        items: &[(Literal, Span)],
        list_span: &Span,
        span: &Span,
    ) -> Typed {
        let l = self.expr(lhs);
        let Some(list_ty) = self.list_type(items) else {
            return self.unknown_bool();
        };
        let lt = l.what.ty();
        if lt == Ty::Unknown {
            return self.unknown_bool();
        }
        if lt != list_ty {
            let hint = self.membership_hint(&l.what, lhs, list_ty, items);
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
        let node = self.membership_node(&l, lhs, list_ty, items);
        self.typed(What::Bool, node)
    }

    /// The type of a list's values (that of its first), after reporting every
    /// value of another type; `None` when the list mixes types. Its numbers
    /// are kept as literals of the condition.
    fn list_type(&mut self, items: &[(Literal, Span)]) -> Option<Ty> {
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
        homogeneous.then_some(list_ty)
    }

    /// What to write instead when `lhs` is compared with a list of another
    /// type: the numbers unquoted, or the profile choices quoted.
    fn membership_hint(
        &self,
        what: &What,
        lhs: &Expr,
        list_ty: Ty,
        items: &[(Literal, Span)],
    ) -> Option<String> {
        let src = self.text(&lhs.span);
        match (what, list_ty) {
            (w, Ty::Text) if w.ty() == Ty::Number => {
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
                    Some(n) => format!("{noun} are numbers: write `{src} in [{}]`", n.join(", ")),
                    None => {
                        format!("{noun} are numbers: compare with numbers, e.g. `{src} in [3, 4]`")
                    }
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
        }
    }

    /// The compiled membership test, its values stored in the program; a
    /// profile field's text values are checked against its choices first.
    fn membership_node(
        &mut self,
        l: &Typed,
        lhs: &Expr,
        list_ty: Ty,
        items: &[(Literal, Span)],
    ) -> Node {
        match list_ty {
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
        }
    }
}

/// The hint for a number-like value compared with a string literal.
pub(super) fn number_vs_string(
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

pub(super) fn literal_ty(literal: &Literal) -> Ty {
    match literal {
        Literal::Number(_) => Ty::Number,
        Literal::Str(_) => Ty::Text,
        Literal::Bool(_) => Ty::Bool,
    }
}

pub(super) fn arith_needs(op: ArithOp) -> String {
    format!("`{}` needs numbers on both sides", op.symbol())
}

/// The expression inside any parentheses.
pub(super) fn unparen(mut expr: &Expr) -> &Expr {
    while let ExprKind::Paren(inner) = &expr.kind {
        expr = inner;
    }
    expr
}
