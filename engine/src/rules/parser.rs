//! Builds the syntax tree from tokens, by recursive descent with a bounded depth.
//!
//! Precedence, from loosest to tightest: `or` < `and` < `not` < comparisons and `in`
//! < `+ -` < `* /` < unary `-` < calls and atoms. Comparisons do not chain.
//! Every construct that nests (parentheses, unary operators, calls, lists) counts
//! towards [`MAX_DEPTH`]; the parser stops at the first syntax error.

use super::ast::{ArithOp, CmpOp, Expr, ExprKind, Literal, Span};
use super::error::{RuleError, RuleErrorKind};
use super::keywords::is_miscased_keyword;
use super::lexer::{Tok, Token};
use super::{MAX_DEPTH, MAX_LIST_ITEMS};

/// Parses the tokens of `source` into one expression.
pub(crate) fn parse(source: &str, tokens: &[Token]) -> Result<Expr, RuleError> {
    let mut parser = Parser {
        source,
        tokens,
        pos: 0,
        depth: 0,
    };
    if tokens.is_empty() {
        return Err(
            RuleError::new(RuleErrorKind::Syntax, 0..source.len(), "empty condition")
                .hint("write a condition, e.g. `collectif.accueil >= 3`"),
        );
    }
    let expr = parser.or()?;
    if let Some(token) = parser.peek() {
        return Err(parser.trailing(token));
    }
    Ok(expr)
}

struct Parser<'a> {
    source: &'a str,
    tokens: &'a [Token],
    pos: usize,
    depth: usize,
}

type Parsed = Result<Expr, RuleError>;

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<&'a Token> {
        self.tokens.get(self.pos)
    }

    fn peek_tok(&self) -> Option<&'a Tok> {
        self.peek().map(|t| &t.tok)
    }

    fn bump(&mut self) -> Option<&'a Token> {
        let token = self.tokens.get(self.pos);
        if token.is_some() {
            self.pos += 1;
        }
        token
    }

    fn eat(&mut self, tok: &Tok) -> Option<&'a Token> {
        if self.peek_tok() == Some(tok) {
            self.bump()
        } else {
            None
        }
    }

    fn text(&self, span: &Span) -> &'a str {
        self.source.get(span.clone()).unwrap_or("")
    }

    /// A token as written, for messages: `` `text` `` (shortened when long).
    fn quote(&self, token: &Token) -> String {
        let text = self.text(&token.span);
        match text.char_indices().nth(24) {
            Some((cut, _)) => format!("`{}…`", &text[..cut]),
            None => format!("`{text}`"),
        }
    }

    /// Enters one nesting level opened by the token at `span`.
    fn enter(&mut self, span: &Span) -> Result<(), RuleError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(RuleError::new(
                RuleErrorKind::TooDeep,
                span.clone(),
                format!("the condition nests more than {MAX_DEPTH} levels deep"),
            )
            .hint("simplify it: remove redundant parentheses, or split it into several rules"));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    /// The end of the source, for errors about something missing.
    fn end(&self) -> Span {
        self.source.len()..self.source.len()
    }

    /// An error for a value expected at the current position.
    fn expected_value(&self) -> RuleError {
        match self.peek() {
            None => {
                let after = self.pos.checked_sub(1).and_then(|p| self.tokens.get(p));
                let message = match after {
                    Some(t) => format!(
                        "the condition ends too early: expected a value after `{}`",
                        self.text(&t.span)
                    ),
                    None => "the condition ends too early: expected a value".to_owned(),
                };
                RuleError::new(RuleErrorKind::Syntax, self.end(), message)
            }
            Some(token) => {
                let error = RuleError::new(
                    RuleErrorKind::Syntax,
                    token.span.clone(),
                    format!("expected a value, found {}", self.quote(token)),
                );
                match token.tok {
                    Tok::Not => {
                        error.hint("`not` applies to a whole condition: write `(not …)` here")
                    }
                    Tok::RParen => error.hint("something is missing before this `)`"),
                    Tok::Dot => error.hint("write numbers with a leading digit: `0.5`, not `.5`"),
                    _ => error,
                }
            }
        }
    }

    /// An error for a token left after a complete condition.
    fn trailing(&self, token: &Token) -> RuleError {
        let text = self.text(&token.span);
        let error = RuleError::new(
            RuleErrorKind::Syntax,
            token.span.clone(),
            format!(
                "unexpected {} after a complete expression",
                self.quote(token)
            ),
        );
        match &token.tok {
            Tok::RParen => error.hint("this `)` has no matching `(`"),
            Tok::Ident if is_miscased_keyword(text) => error.hint(format!(
                "keywords are lowercase: write `{}`",
                text.to_ascii_lowercase()
            )),
            Tok::Ident | Tok::Number(_) | Tok::Str(_) | Tok::Bool(_) | Tok::Not => {
                error.hint("join two conditions with `and` or `or`")
            }
            Tok::LParen => error.hint("only function names can be followed by `(`"),
            Tok::LBracket => error.hint("a list only comes after `in`: `x in [1, 2]`"),
            _ => error,
        }
    }

    fn or(&mut self) -> Parsed {
        let first = self.and()?;
        if self.peek_tok() != Some(&Tok::Or) {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat(&Tok::Or).is_some() {
            items.push(self.and()?);
        }
        Ok(flat(items, ExprKind::Or))
    }

    fn and(&mut self) -> Parsed {
        let first = self.not()?;
        if self.peek_tok() != Some(&Tok::And) {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat(&Tok::And).is_some() {
            items.push(self.not()?);
        }
        Ok(flat(items, ExprKind::And))
    }

    fn not(&mut self) -> Parsed {
        let Some(token) = self.eat(&Tok::Not) else {
            return self.comparison();
        };
        self.enter(&token.span)?;
        let operand = self.not()?;
        self.leave();
        Ok(Expr {
            span: token.span.start..operand.span.end,
            kind: ExprKind::Not(Box::new(operand)),
        })
    }

    fn comparison(&mut self) -> Parsed {
        let lhs = self.additive()?;
        let expr = if let Some(op) = self.peek_tok().and_then(cmp_op) {
            let op_span = self.bump().map(|t| t.span.clone()).unwrap_or_default();
            let rhs = self.additive()?;
            Expr {
                span: lhs.span.start..rhs.span.end,
                kind: ExprKind::Compare {
                    op,
                    op_span,
                    lhs: Box::new(lhs),
                    rhs: Box::new(rhs),
                },
            }
        } else if self.eat(&Tok::In).is_some() {
            self.membership(lhs)?
        } else {
            return Ok(lhs);
        };
        if let Some(next) = self.peek() {
            if cmp_op(&next.tok).is_some() || next.tok == Tok::In {
                return Err(self.chained(&expr, next));
            }
        }
        Ok(expr)
    }

    /// The error for `a < b < c`.
    fn chained(&mut self, first: &Expr, op: &Token) -> RuleError {
        let error = RuleError::new(
            RuleErrorKind::Syntax,
            op.span.clone(),
            "comparisons cannot be chained",
        );
        let ExprKind::Compare { rhs, .. } = &first.kind else {
            return error.hint("compare once, and join comparisons with `and`");
        };
        self.pos += 1;
        let third = self.additive().ok().map(|e| self.text(&e.span).to_owned());
        let third = third.unwrap_or_else(|| "…".to_owned());
        error.hint(format!(
            "write `{} and {} {} {}`",
            self.text(&first.span),
            self.text(&rhs.span),
            self.text(&op.span),
            third
        ))
    }

    /// `lhs in [ … ]`, after `in`.
    fn membership(&mut self, lhs: Expr) -> Parsed {
        let Some(open) = self.eat(&Tok::LBracket) else {
            let span = self.peek().map_or(self.end(), |t| t.span.clone());
            return Err(RuleError::new(
                RuleErrorKind::Syntax,
                span,
                "expected a list `[ … ]` after `in`",
            )
            .hint("write the values between brackets, e.g. `profile.territory in ['rural', 'urbain']`"));
        };
        self.enter(&open.span)?;
        let mut items = Vec::new();
        let close = loop {
            if items.is_empty() {
                if let Some(close) = self.eat(&Tok::RBracket) {
                    return Err(RuleError::new(
                        RuleErrorKind::Syntax,
                        open.span.start..close.span.end,
                        "an empty list: nothing is ever in it",
                    )
                    .hint("write at least one value between the brackets"));
                }
            }
            items.push(self.literal()?);
            if items.len() > MAX_LIST_ITEMS {
                let span = items.last().map(|(_, s)| s.clone()).unwrap_or_default();
                return Err(RuleError::new(
                    RuleErrorKind::TooLong,
                    span,
                    format!("a list holds at most {MAX_LIST_ITEMS} values"),
                ));
            }
            match self.bump() {
                Some(Token {
                    tok: Tok::Comma, ..
                }) => {}
                Some(
                    t @ Token {
                        tok: Tok::RBracket, ..
                    },
                ) => break t,
                Some(t) => {
                    return Err(RuleError::new(
                        RuleErrorKind::Syntax,
                        t.span.clone(),
                        format!("expected `,` or `]` in the list, found {}", self.quote(t)),
                    ))
                }
                None => {
                    return Err(RuleError::new(
                        RuleErrorKind::Syntax,
                        open.span.clone(),
                        "this `[` is never closed",
                    )
                    .hint("end the list with `]`"))
                }
            }
        };
        self.leave();
        Ok(Expr {
            span: lhs.span.start..close.span.end,
            kind: ExprKind::In {
                lhs: Box::new(lhs),
                items,
                list_span: open.span.start..close.span.end,
            },
        })
    }

    /// One literal of a list.
    fn literal(&mut self) -> Result<(Literal, Span), RuleError> {
        let minus = self.eat(&Tok::Minus);
        let Some(token) = self.peek() else {
            return Err(self.expected_value());
        };
        let literal = match (&token.tok, minus) {
            (Tok::Number(n), Some(_)) => Literal::Number(-n),
            (Tok::Number(n), None) => Literal::Number(*n),
            (Tok::Str(s), None) => Literal::Str(s.clone()),
            (Tok::Bool(b), None) => Literal::Bool(*b),
            _ => {
                return Err(RuleError::new(
                    RuleErrorKind::Syntax,
                    token.span.clone(),
                    format!("expected a literal value in the list, found {}", self.quote(token)),
                )
                .hint("a list holds numbers, strings or true/false written out, e.g. `[1, 2]` or `['rural', 'urbain']`"))
            }
        };
        self.pos += 1;
        let start = minus.map_or(token.span.start, |m| m.span.start);
        Ok((literal, start..token.span.end))
    }

    fn additive(&mut self) -> Parsed {
        self.arith(Self::multiplicative, |t| match t {
            Tok::Plus => Some(ArithOp::Add),
            Tok::Minus => Some(ArithOp::Sub),
            _ => None,
        })
    }

    fn multiplicative(&mut self) -> Parsed {
        self.arith(Self::unary, |t| match t {
            Tok::Star => Some(ArithOp::Mul),
            Tok::Slash => Some(ArithOp::Div),
            _ => None,
        })
    }

    /// A left-associative chain of operands joined by operators that `op` recognizes.
    fn arith(
        &mut self,
        operand: fn(&mut Self) -> Parsed,
        op: fn(&Tok) -> Option<ArithOp>,
    ) -> Parsed {
        let first = operand(self)?;
        let mut rest = Vec::new();
        while let Some(o) = self.peek_tok().and_then(op) {
            let span = self.bump().map(|t| t.span.clone()).unwrap_or_default();
            rest.push((o, span, operand(self)?));
        }
        match rest.last() {
            None => Ok(first),
            Some((_, _, last)) => Ok(Expr {
                span: first.span.start..last.span.end,
                kind: ExprKind::Arith {
                    first: Box::new(first),
                    rest,
                },
            }),
        }
    }

    fn unary(&mut self) -> Parsed {
        let Some(token) = self.eat(&Tok::Minus) else {
            return self.primary();
        };
        self.enter(&token.span)?;
        let operand = self.unary()?;
        self.leave();
        Ok(Expr {
            span: token.span.start..operand.span.end,
            kind: ExprKind::Neg(Box::new(operand)),
        })
    }

    fn primary(&mut self) -> Parsed {
        let Some(token) = self.peek() else {
            return Err(self.expected_value());
        };
        let span = token.span.clone();
        let kind = match &token.tok {
            Tok::Number(n) => ExprKind::Number(*n),
            Tok::Str(s) => ExprKind::Str(s.clone()),
            Tok::Bool(b) => ExprKind::Bool(*b),
            Tok::LParen => {
                self.pos += 1;
                self.enter(&span)?;
                let inner = self.or()?;
                self.leave();
                let Some(close) = self.eat(&Tok::RParen) else {
                    return Err(self.unclosed(&span, "(", ")"));
                };
                return Ok(Expr {
                    span: span.start..close.span.end,
                    kind: ExprKind::Paren(Box::new(inner)),
                });
            }
            Tok::Ident => return self.name(),
            _ => return Err(self.expected_value()),
        };
        self.pos += 1;
        Ok(Expr { kind, span })
    }

    /// The error for an opening token without its closing one.
    fn unclosed(&self, open: &Span, o: &str, c: &str) -> RuleError {
        match self.peek() {
            None => RuleError::new(
                RuleErrorKind::Syntax,
                open.clone(),
                format!("this `{o}` is never closed"),
            )
            .hint(format!("add `{c}`")),
            Some(t) => RuleError::new(
                RuleErrorKind::Syntax,
                t.span.clone(),
                format!("expected `{c}`, found {}", self.quote(t)),
            )
            .hint(format!(
                "close the `{o}` opened at byte {} before going on",
                open.start
            )),
        }
    }

    /// A dotted name, or a function call.
    fn name(&mut self) -> Parsed {
        let mut parts: Vec<(String, Span)> = Vec::new();
        while let Some(token) = self.bump() {
            parts.push((self.text(&token.span).to_owned(), token.span.clone()));
            if self.eat(&Tok::Dot).is_none() {
                break;
            }
            match self.peek() {
                Some(Token {
                    tok: Tok::Ident, ..
                }) => {}
                Some(t)
                    if matches!(
                        t.tok,
                        Tok::And | Tok::Or | Tok::Not | Tok::In | Tok::Bool(_)
                    ) => {}
                other => {
                    let span = other.map_or(self.end(), |t| t.span.clone());
                    return Err(RuleError::new(
                        RuleErrorKind::Syntax,
                        span,
                        "expected a name after `.`",
                    )
                    .hint(
                        "a criterion is written `axis.criterion`, a profile field `profile.field`",
                    ));
                }
            }
        }
        let start = parts.first().map_or(0, |p| p.1.start);
        let end = parts.last().map_or(0, |p| p.1.end);
        let Some(open) = self.eat(&Tok::LParen) else {
            return Ok(Expr {
                kind: ExprKind::Name(parts),
                span: start..end,
            });
        };
        if parts.len() > 1 {
            return Err(RuleError::new(
                RuleErrorKind::Syntax,
                start..open.span.end,
                format!("`{}` is not a function", self.text(&(start..end))),
            )
            .hint("only functions such as `target(…)` or `score(…)` can be called"));
        }
        self.enter(&open.span)?;
        let mut args = Vec::new();
        let close = if let Some(close) = self.eat(&Tok::RParen) {
            close
        } else {
            loop {
                args.push(self.or()?);
                match self.peek_tok() {
                    Some(Tok::Comma) => self.pos += 1,
                    Some(Tok::RParen) => break self.bump().unwrap_or(open),
                    _ => return Err(self.unclosed(&open.span, "(", ")")),
                }
            }
        };
        self.leave();
        let (name, name_span) = parts.pop().unwrap_or_default();
        Ok(Expr {
            span: start..close.span.end,
            kind: ExprKind::Call {
                name,
                name_span,
                args,
            },
        })
    }
}

/// Wraps two or more operands into an `and`/`or` node.
fn flat(items: Vec<Expr>, make: fn(Vec<Expr>) -> ExprKind) -> Expr {
    let start = items.first().map_or(0, |e| e.span.start);
    let end = items.last().map_or(0, |e| e.span.end);
    Expr {
        kind: make(items),
        span: start..end,
    }
}

fn cmp_op(tok: &Tok) -> Option<CmpOp> {
    Some(match tok {
        Tok::Eq => CmpOp::Eq,
        Tok::Ne => CmpOp::Ne,
        Tok::Lt => CmpOp::Lt,
        Tok::Le => CmpOp::Le,
        Tok::Gt => CmpOp::Gt,
        Tok::Ge => CmpOp::Ge,
        _ => return None,
    })
}
