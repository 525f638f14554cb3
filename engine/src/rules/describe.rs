//! Conditions told in plain words, for people who do not read code:
//! `solidarite.acces <= 1 and not answered(collectif.accueil)` becomes
//! « Accès équitable » ≤ 1 et « Accueil et ouverture » n’est pas renseigné.
//!
//! The words are built from the checked program, not from the source text: every
//! name is already resolved to an index, so a criterion, an axis or a profile field
//! is named by its title in the grid, and what is named is exactly what the
//! condition reads ([`References`](super::References)).

use super::ast::{ArithOp, CmpOp};
use super::program::{Node, NodeId, Program, Slice};

/// What the indices of a compiled condition are called in a grid, in one language.
pub trait Names {
    /// Title of the criterion with this global index.
    fn criterion(&self, index: usize) -> &str;
    /// Title of the axis with this index.
    fn axis(&self, index: usize) -> &str;
    /// Label of the profile field with this index.
    fn profile_field(&self, index: usize) -> &str;
    /// Label of the choice `code` of a profile field, if the field lists it.
    fn choice(&self, field: usize, code: &str) -> Option<&str>;
}

/// The fixed words of a description, in one language.
struct Words {
    open: &'static str,
    close: &'static str,
    decimal: char,
    and: &'static str,
    or: &'static str,
    not: &'static str,
    bools: [&'static str; 2],
    target: &'static str,
    spread: &'static str,
    score: &'static str,
    coverage: &'static str,
    overall: &'static str,
    count: &'static str,
    list_sep: &'static str,
    min: &'static str,
    max: &'static str,
    answered: [&'static str; 2],
    na: [&'static str; 2],
    unknown: [&'static str; 2],
    is_one_of: &'static str,
}

/// Non-breaking spaces inside the guillemets, as French typography asks.
const FR: Words = Words {
    open: "«\u{a0}",
    close: "\u{a0}»",
    decimal: ',',
    and: "et",
    or: "ou",
    not: "non",
    bools: ["faux", "vrai"],
    target: "la cible de",
    spread: "l’écart entre évaluateurs sur",
    score: "le score de l’axe",
    coverage: "la couverture de l’axe",
    overall: "le score global",
    count: "le nombre de conditions vraies parmi",
    list_sep: "\u{a0}; ",
    min: "le plus petit de",
    max: "le plus grand de",
    answered: ["n’est pas renseigné", "est renseigné"],
    na: ["n’est pas sans objet", "est sans objet"],
    unknown: ["n’est pas déclaré inconnu", "est déclaré inconnu"],
    is_one_of: "vaut",
};

const EN: Words = Words {
    open: "“",
    close: "”",
    decimal: '.',
    and: "and",
    or: "or",
    not: "not",
    bools: ["false", "true"],
    target: "the target of",
    spread: "the gap between raters on",
    score: "the score of axis",
    coverage: "the coverage of axis",
    overall: "the overall score",
    count: "the number of true conditions among",
    list_sep: "; ",
    min: "the smallest of",
    max: "the largest of",
    answered: ["is not answered", "is answered"],
    na: ["is applicable", "is not applicable"],
    unknown: ["is not declared unknown", "is declared unknown"],
    is_one_of: "is",
};

/// The words for a language tag, by the vocabulary's one language-tag rule
/// (a language the tools do not speak reads in English).
fn words(lang: &str) -> &'static Words {
    match crate::vocabulary::Language::of_text(lang) {
        crate::vocabulary::Language::Fr => &FR,
        crate::vocabulary::Language::En => &EN,
    }
}

/// The program's root in plain words.
pub(super) fn describe(program: &Program, lang: &str, names: &dyn Names) -> String {
    let teller = Teller {
        program,
        words: words(lang),
        names,
    };
    teller.node(program.root)
}

struct Teller<'a> {
    program: &'a Program,
    words: &'static Words,
    names: &'a dyn Names,
}

impl Teller<'_> {
    fn at(&self, id: NodeId) -> Node {
        self.program.nodes[id as usize]
    }

    fn children(&self, slice: Slice) -> &[NodeId] {
        &self.program.children[slice.range()]
    }

    fn quoted(&self, text: &str) -> String {
        format!("{}{text}{}", self.words.open, self.words.close)
    }

    fn number(&self, n: f64) -> String {
        let text = n.to_string().replace('-', "−");
        match self.words.decimal {
            '.' => text,
            comma => text.replace('.', &comma.to_string()),
        }
    }

    fn node(&self, id: NodeId) -> String {
        let w = self.words;
        let names = self.names;
        match self.at(id) {
            Node::Num(n) => self.number(n),
            Node::Level(c) => self.quoted(names.criterion(c as usize)),
            Node::Target(c) => format!("{} {}", w.target, self.node_criterion(c)),
            Node::Spread(c) => format!("{} {}", w.spread, self.node_criterion(c)),
            Node::Score(a) => format!("{} {}", w.score, self.quoted(names.axis(a as usize))),
            Node::Coverage(a) => {
                format!("{} {}", w.coverage, self.quoted(names.axis(a as usize)))
            }
            Node::Overall => w.overall.to_owned(),
            Node::Neg(x) => format!("−{}", self.grouped(x)),
            Node::Arith(first, ops) => self.arith(first, ops),
            Node::Count(items) => format!("{} ({})", w.count, self.list(items, w.list_sep)),
            Node::Min(items) => format!("{} ({})", w.min, self.list(items, ", ")),
            Node::Max(items) => format!("{} ({})", w.max, self.list(items, ", ")),
            Node::Str(s) => self.quoted(&self.program.strings[s as usize]),
            Node::Profile(f) => self.quoted(names.profile_field(f as usize)),
            Node::Bool(b) => w.bools[usize::from(b)].to_owned(),
            Node::Answered(c) => self.state(c, w.answered, true),
            Node::Na(c) => self.state(c, w.na, true),
            Node::Unknown(c) => self.state(c, w.unknown, true),
            Node::Not(x) => self.not(x),
            Node::And(items) => self.chain(items, w.and),
            Node::Or(items) => self.chain(items, w.or),
            Node::CmpNum(op, a, b) => self.compare(cmp_symbol(op), a, b),
            Node::CmpText(eq, a, b) | Node::CmpBool(eq, a, b) => {
                self.compare(if eq { "=" } else { "≠" }, a, b)
            }
            Node::InNum(x, list) => {
                let items: Vec<String> = self.program.numbers[list.range()]
                    .iter()
                    .map(|n| self.number(*n))
                    .collect();
                self.one_of(x, items)
            }
            Node::InText(x, list) => {
                let items: Vec<String> = self.program.strings[list.range()]
                    .iter()
                    .map(|s| self.literal(x, s))
                    .collect();
                self.one_of(x, items)
            }
            Node::InBool(x, has_true, has_false) => {
                let items = [(has_true, w.bools[1]), (has_false, w.bools[0])]
                    .into_iter()
                    .filter(|(has, _)| *has)
                    .map(|(_, word)| word.to_owned())
                    .collect();
                self.one_of(x, items)
            }
        }
    }

    fn node_criterion(&self, c: u32) -> String {
        self.quoted(self.names.criterion(c as usize))
    }

    /// `answered(x)`, `na(x)`, `unknown(x)` and their negations: `[negated, plain]`.
    fn state(&self, c: u32, phrases: [&str; 2], holds: bool) -> String {
        format!("{} {}", self.node_criterion(c), phrases[usize::from(holds)])
    }

    fn not(&self, x: NodeId) -> String {
        match self.at(x) {
            Node::Answered(c) => self.state(c, self.words.answered, false),
            Node::Na(c) => self.state(c, self.words.na, false),
            Node::Unknown(c) => self.state(c, self.words.unknown, false),
            Node::Bool(_) => format!("{} {}", self.words.not, self.node(x)),
            _ => format!("{} ({})", self.words.not, self.node(x)),
        }
    }

    /// The operands of `and`/`or`: another chain, and a list that says « ou »,
    /// are bracketed, so that `a and (b or c)` keeps its meaning in words.
    fn chain(&self, items: Slice, joiner: &str) -> String {
        let parts: Vec<String> = self
            .children(items)
            .iter()
            .map(|&id| match self.at(id) {
                Node::And(_) | Node::Or(_) => format!("({})", self.node(id)),
                Node::InNum(_, list) | Node::InText(_, list) if list.len > 1 => {
                    format!("({})", self.node(id))
                }
                Node::InBool(_, true, true) => format!("({})", self.node(id)),
                _ => self.node(id),
            })
            .collect();
        parts.join(&format!(" {joiner} "))
    }

    fn list(&self, items: Slice, separator: &str) -> String {
        let parts: Vec<String> = self
            .children(items)
            .iter()
            .map(|&id| self.node(id))
            .collect();
        parts.join(separator)
    }

    /// An operand of an arithmetic operator: another computation is bracketed.
    fn grouped(&self, id: NodeId) -> String {
        match self.at(id) {
            Node::Arith(..) | Node::Neg(_) => format!("({})", self.node(id)),
            _ => self.node(id),
        }
    }

    fn arith(&self, first: NodeId, ops: Slice) -> String {
        let mut out = self.grouped(first);
        for &(op, operand) in &self.program.ops[ops.range()] {
            let symbol = match op {
                ArithOp::Add => "+",
                ArithOp::Sub => "−",
                ArithOp::Mul => "×",
                ArithOp::Div => "÷",
            };
            out.push_str(&format!(" {symbol} {}", self.grouped(operand)));
        }
        out
    }

    fn compare(&self, symbol: &str, a: NodeId, b: NodeId) -> String {
        format!("{} {symbol} {}", self.operand(a, b), self.operand(b, a))
    }

    /// One side of a comparison: a string literal facing a profile field is
    /// named by the field's label for that choice.
    fn operand(&self, side: NodeId, other: NodeId) -> String {
        match self.at(side) {
            Node::Str(s) => self.literal(other, &self.program.strings[s as usize]),
            _ => self.node(side),
        }
    }

    /// A string literal compared with `subject`.
    fn literal(&self, subject: NodeId, code: &str) -> String {
        let label = match self.at(subject) {
            Node::Profile(f) => self.names.choice(f as usize, code),
            _ => None,
        };
        self.quoted(label.unwrap_or(code))
    }

    /// `x in [a, b, c]` as « x vaut a, b ou c ».
    fn one_of(&self, x: NodeId, items: Vec<String>) -> String {
        let list = match items.split_last() {
            Some((last, rest)) if !rest.is_empty() => {
                format!("{} {} {last}", rest.join(", "), self.words.or)
            }
            _ => items.concat(),
        };
        format!("{} {} {list}", self.node(x), self.words.is_one_of)
    }
}

fn cmp_symbol(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "=",
        CmpOp::Ne => "≠",
        CmpOp::Lt => "<",
        CmpOp::Le => "≤",
        CmpOp::Gt => ">",
        CmpOp::Ge => "≥",
    }
}
