//! [`Condition`]: a compiled condition, and what it refers to.

use super::check::check;
use super::compiled::{Code, Slots};
use super::describe::{self, Names};
use super::error::{RuleError, RuleErrorKind};
use super::program::Program;
use super::value::TraceStep;
use super::{lexer, parser, Context, Facts, Scope, MAX_LENGTH};

/// Everything a condition reads: sorted, deduplicated indices.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct References {
    /// Every criterion named anywhere (level, `target`, `answered`, `spread`, …).
    pub criteria: Vec<usize>,
    /// Criteria whose target is read (`target(x)`).
    pub targets: Vec<usize>,
    /// Criteria whose rater spread is read (`spread(x)`).
    pub spreads: Vec<usize>,
    /// Axes whose score or coverage is read (`score(a)`, `coverage(a)`).
    pub axes: Vec<usize>,
    /// Profile fields read (`profile.x`).
    pub profile_fields: Vec<usize>,
    /// Whether the overall score is read (`score()`).
    pub overall: bool,
}

/// A condition compiled against a grid, ready to be evaluated many times.
#[derive(Debug, Clone)]
pub struct Condition {
    source: String,
    program: Program,
    /// The program compiled for the scorer ([`Condition::holds`]).
    code: Code,
    references: References,
    literals: Vec<f64>,
}

impl Condition {
    /// Parses `source`, resolves its names in `scope` and checks its types.
    ///
    /// On failure, returns every error found, ordered by position: all lexical
    /// mistakes, the first syntax error, and every unknown name and type error
    /// when the text parses.
    pub fn compile(
        source: &str,
        scope: &dyn Scope,
        context: Context,
    ) -> Result<Condition, Vec<RuleError>> {
        if source.len() > MAX_LENGTH {
            return Err(vec![RuleError::new(
                RuleErrorKind::TooLong,
                0..source.len(),
                format!(
                    "this condition is {} bytes long, the limit is {MAX_LENGTH}",
                    source.len()
                ),
            )
            .hint("split it into several rules")]);
        }
        let lexed = lexer::lex(source);
        let mut errors = lexed.errors;
        if lexed.lossy {
            return Err(errors);
        }
        let expr = match parser::parse(source, &lexed.tokens) {
            Ok(expr) => expr,
            Err(error) => {
                errors.push(error);
                return Err(sorted(errors));
            }
        };
        let checked = check(source, &expr, scope, context);
        errors.extend(checked.errors);
        if !errors.is_empty() {
            return Err(sorted(errors));
        }
        Ok(Condition {
            source: source.to_owned(),
            code: Code::compile(&checked.program),
            program: checked.program,
            references: checked.references,
            literals: checked.literals,
        })
    }

    /// The condition as written.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Whether the condition holds for facts laid out by position: what
    /// [`Condition::evaluate`] says, computed by the compiled program.
    #[inline(always)]
    pub(crate) fn holds(&self, slots: &Slots) -> bool {
        self.code.run(slots)
    }

    /// [`Condition::holds`] by the register program even when the condition
    /// has a closed form, for tests comparing the two.
    #[cfg(test)]
    pub(crate) fn holds_by_program(&self, slots: &Slots) -> bool {
        self.code.run_program(slots)
    }

    /// Whether the condition has a closed form (for tests of their reach).
    #[cfg(test)]
    pub(crate) fn has_closed_form(&self) -> bool {
        self.code.shape.is_some()
    }

    /// Whether the condition holds for these facts. Allocation-free. This is
    /// the reference evaluator (a walk of the checked tree); the scorer runs
    /// the same condition compiled into a register program.
    pub fn evaluate(&self, facts: &dyn Facts) -> bool {
        self.program.boolean(self.program.root, facts)
    }

    /// [`Condition::evaluate`] for a known `Facts` type: the same result, with
    /// fact reads inlined (what the scorer uses on its hot path).
    pub fn evaluate_with<F: Facts>(&self, facts: &F) -> bool {
        self.program.boolean(self.program.root, facts)
    }

    /// The value of every leaf that reads a fact (criterion level, `target(…)`,
    /// `answered(…)`/`na(…)`/`unknown(…)`, `spread(…)`, `score(…)`, `coverage(…)`,
    /// `profile.x`), in source order, once per distinct text. Every leaf is listed,
    /// including those that evaluation would skip by short-circuit.
    pub fn explain(&self, facts: &dyn Facts) -> Vec<TraceStep> {
        self.program
            .leaves
            .iter()
            .map(|(text, id)| TraceStep {
                text: text.clone(),
                value: self.program.value(*id, facts),
            })
            .collect()
    }

    /// Everything the condition reads.
    pub fn references(&self) -> &References {
        &self.references
    }

    /// The condition in plain words in `lang` (French for `fr` and `fr-…`, English
    /// otherwise), naming what it reads by the titles `names` gives: exactly the
    /// criteria, axes and profile fields of [`Condition::references`].
    pub fn describe(&self, lang: &str, names: &dyn Names) -> String {
        describe::describe(&self.program, lang, names)
    }

    /// Every number literal written in the condition, in source order (a number
    /// written with a leading `-` is given negated), for lints that enumerate
    /// sample values.
    pub fn numeric_literals(&self) -> Vec<f64> {
        self.literals.clone()
    }
}

fn sorted(mut errors: Vec<RuleError>) -> Vec<RuleError> {
    crate::sort::sort_by_key(&mut errors, |e| e.span.start);
    errors
}
