//! Conditions of the rule language told in plain words, for people who do not read code:
//! `solidarite.acces <= 1 and not answered(x)` → `« Accès équitable » ≤ 1 et « X » n'est pas
//! renseigné`.
//!
//! This is a reading aid over the condition's source; the engine has already checked it.

use crate::i18n::{Lang, Pick};

/// What a condition's names mean in a grid.
pub trait Names {
    /// Title of a criterion by full id.
    fn criterion(&self, full_id: &str) -> Option<String>;
    /// Title of an axis by id.
    fn axis(&self, id: &str) -> Option<String>;
    /// Label of a profile field.
    fn profile(&self, id: &str) -> Option<String>;
    /// Label of a level or a profile choice written as a literal.
    fn choice(&self, code: &str) -> Option<String>;
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Name(String),
    Num(String),
    Str(String),
    Op(&'static str),
    Open,
    Close,
    OpenList,
    CloseList,
    Comma,
    Other(char),
}

fn lex(src: &str) -> Vec<Tok> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_alphanumeric() || matches!(chars[i], '_' | '-' | '.'))
            {
                i += 1;
            }
            out.push(Tok::Name(chars[start..i].iter().collect()));
        } else if c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            out.push(Tok::Num(chars[start..i].iter().collect()));
        } else if c == '\'' || c == '"' {
            let start = i + 1;
            i += 1;
            while i < chars.len() && chars[i] != c {
                i += 1;
            }
            out.push(Tok::Str(chars[start..i.min(chars.len())].iter().collect()));
            i += 1;
        } else {
            let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
            let op = match two.as_str() {
                "<=" => Some("≤"),
                ">=" => Some("≥"),
                "==" => Some("="),
                "!=" => Some("≠"),
                _ => None,
            };
            if let Some(op) = op {
                out.push(Tok::Op(op));
                i += 2;
                continue;
            }
            out.push(match c {
                '<' => Tok::Op("<"),
                '>' => Tok::Op(">"),
                '+' => Tok::Op("+"),
                '-' => Tok::Op("−"),
                '*' => Tok::Op("×"),
                '/' => Tok::Op("÷"),
                '(' => Tok::Open,
                ')' => Tok::Close,
                '[' => Tok::OpenList,
                ']' => Tok::CloseList,
                ',' => Tok::Comma,
                other => Tok::Other(other),
            });
            i += 1;
        }
    }
    out
}

struct Reader<'a> {
    toks: Vec<Tok>,
    pos: usize,
    lang: Lang,
    names: &'a dyn Names,
}

impl Reader<'_> {
    /// Reads until a closing token at depth 0 (not consumed) or the end.
    fn seq(&mut self) -> String {
        let mut words: Vec<String> = Vec::new();
        while let Some(tok) = self.toks.get(self.pos).cloned() {
            match tok {
                Tok::Close | Tok::CloseList | Tok::Comma => break,
                _ => {}
            }
            self.pos += 1;
            let word = match tok {
                Tok::Name(name) if self.toks.get(self.pos) == Some(&Tok::Open) => {
                    self.pos += 1;
                    let args = self.args(Tok::Close);
                    self.call(&name, &args)
                }
                Tok::Name(name) => self.name(&name),
                Tok::Num(n) => n,
                Tok::Str(s) => match self.names.choice(&s) {
                    Some(label) => format!("« {label} »"),
                    None => format!("« {s} »"),
                },
                Tok::Op(op) => op.to_string(),
                Tok::Open => {
                    let inner = self.seq();
                    self.eat(&Tok::Close);
                    format!("({inner})")
                }
                Tok::OpenList => {
                    let items = self.args(Tok::CloseList);
                    let or = self.lang.pick(" ou ", " or ");
                    items.join(or)
                }
                Tok::Other(c) => c.to_string(),
                Tok::Close | Tok::CloseList | Tok::Comma => unreachable!(),
            };
            words.push(word);
        }
        words.join(" ")
    }

    fn eat(&mut self, tok: &Tok) {
        if self.toks.get(self.pos) == Some(tok) {
            self.pos += 1;
        }
    }

    fn args(&mut self, close: Tok) -> Vec<String> {
        let mut args = Vec::new();
        loop {
            if self.toks.get(self.pos) == Some(&close) {
                self.pos += 1;
                break;
            }
            if self.pos >= self.toks.len() {
                break;
            }
            let arg = self.seq();
            args.push(arg);
            match self.toks.get(self.pos) {
                Some(Tok::Comma) => self.pos += 1,
                Some(t) if *t == close => {
                    self.pos += 1;
                    break;
                }
                // A stray closing token of the other kind: skip it.
                Some(_) => self.pos += 1,
                None => break,
            }
        }
        args
    }

    fn name(&self, name: &str) -> String {
        let l = self.lang;
        match name {
            "and" => l.pick("et", "and").into(),
            "or" => l.pick("ou", "or").into(),
            "not" => l.pick("non", "not").into(),
            "in" => l.pick("est l'un de :", "is one of:").into(),
            "true" => l.pick("vrai", "true").into(),
            "false" => l.pick("faux", "false").into(),
            _ => {
                if let Some(field) = name.strip_prefix("profile.") {
                    let label = self.names.profile(field).unwrap_or_else(|| field.into());
                    return format!("{} « {label} »", l.pick("le profil", "the profile"));
                }
                if let Some(title) = self.names.criterion(name) {
                    return format!("« {title} »");
                }
                if let Some(title) = self.names.axis(name) {
                    return format!("« {title} »");
                }
                name.to_string()
            }
        }
    }

    fn call(&self, function: &str, args: &[String]) -> String {
        let l = self.lang;
        let all = args.join(", ");
        // Function arguments that are bare axis ids were rendered as names already.
        match function {
            "answered" => format!("{all} {}", l.pick("est renseigné", "is answered")),
            "na" => format!("{all} {}", l.pick("est sans objet", "is not applicable")),
            "unknown" => format!("{all} {}", l.pick("est inconnu", "is unknown")),
            "target" => format!("{} {all}", l.pick("la cible de", "the target of")),
            "spread" => format!(
                "{} {all}",
                l.pick("l'écart entre évaluateurs sur", "the gap between raters on")
            ),
            "score" if args.is_empty() => l.pick("le score global", "the overall score").into(),
            "score" => format!("{} {all}", l.pick("le score de l'axe", "the score of axis")),
            "coverage" => format!(
                "{} {all}",
                l.pick("la couverture de l'axe", "the coverage of axis")
            ),
            "count" => format!(
                "{} ({})",
                l.pick(
                    "le nombre de conditions vraies parmi",
                    "the number of true conditions among"
                ),
                args.join(" ; ")
            ),
            "min" => format!("{} ({all})", l.pick("le minimum de", "the smallest of")),
            "max" => format!("{} ({all})", l.pick("le maximum de", "the largest of")),
            other => format!("{other}({all})"),
        }
    }
}

/// The condition `source` in plain words.
pub fn describe(source: &str, lang: Lang, names: &dyn Names) -> String {
    let mut reader = Reader {
        toks: lex(source),
        pos: 0,
        lang,
        names,
    };
    let mut out = reader.seq();
    // Unbalanced input: keep reading past stray closers so nothing is lost.
    while reader.pos < reader.toks.len() {
        reader.pos += 1;
        let rest = reader.seq();
        if !rest.is_empty() {
            out.push(' ');
            out.push_str(&rest);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Grid;
    impl Names for Grid {
        fn criterion(&self, id: &str) -> Option<String> {
            (id == "solidarite.acces").then(|| "Accès équitable".into())
        }
        fn axis(&self, id: &str) -> Option<String> {
            (id == "ressources").then(|| "Ressources".into())
        }
        fn profile(&self, id: &str) -> Option<String> {
            (id == "territory").then(|| "Territoire".into())
        }
        fn choice(&self, code: &str) -> Option<String> {
            (code == "rural").then(|| "Rural".into())
        }
    }

    #[test]
    fn tells_conditions_in_words() {
        assert_eq!(
            describe(
                "solidarite.acces <= 1 and not answered(solidarite.acces)",
                Lang::Fr,
                &Grid
            ),
            "« Accès équitable » ≤ 1 et non « Accès équitable » est renseigné"
        );
        assert_eq!(
            describe("profile.territory in ['rural', 'x'] or score(ressources) < 40", Lang::En, &Grid),
            "the profile « Territoire » is one of: « Rural » or « x » or the score of axis « Ressources » < 40"
        );
        assert_eq!(
            describe("count(solidarite.acces >= 3, score() > 2) == 2", Lang::En, &Grid),
            "the number of true conditions among (« Accès équitable » ≥ 3 ; the overall score > 2) = 2"
        );
    }

    #[test]
    fn survives_broken_input() {
        for src in ["((", "))", "a(b, [c", "'unterminated", "]]x", ""] {
            let _ = describe(src, Lang::Fr, &Grid);
        }
    }
}
