//! How a command fails: the exit codes and the last message.

/// Invalid input or usage.
pub const EXIT_INVALID: u8 = 1;
/// Some batch rows failed.
pub const EXIT_ROWS: u8 = 2;
/// A file could not be read or written.
pub const EXIT_IO: u8 = 3;

/// A command failed: the exit code and a last message (diagnostics are printed before).
#[derive(Debug)]
pub struct Fail {
    /// Process exit code.
    pub code: u8,
    /// Message printed as `error: …`, when not already said.
    pub message: Option<String>,
    /// Rendered diagnostics printed before the message (empty when none).
    pub details: String,
}

impl Fail {
    /// Invalid input, with a message.
    pub fn invalid(message: impl Into<String>) -> Self {
        Fail {
            code: EXIT_INVALID,
            message: Some(message.into()),
            details: String::new(),
        }
    }

    /// Invalid input, already reported.
    pub fn reported() -> Self {
        Fail {
            code: EXIT_INVALID,
            message: None,
            details: String::new(),
        }
    }

    /// The same failure, with rendered diagnostics to print before its message.
    pub fn with_details(mut self, details: String) -> Self {
        self.details = details;
        self
    }

    /// An I/O failure.
    pub fn io(message: impl Into<String>) -> Self {
        Fail {
            code: EXIT_IO,
            message: Some(message.into()),
            details: String::new(),
        }
    }
}
