//! Warnings and errors that name a file and a line.

use std::fmt;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The output is still usable; something was skipped, repaired or guessed.
    Warning,
    /// The input could not be used.
    Error,
}

/// A message about a place in a source file, printed as `path:line: message`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Path of the source file, relative to the repository root where possible.
    pub path: String,
    /// 1-based line number, 0 when the message is about the whole file.
    pub line: usize,
    /// How serious it is.
    pub severity: Severity,
    /// What happened, in words.
    pub message: String,
}

impl Diagnostic {
    /// A warning about `path:line`.
    pub fn warning(path: impl Into<String>, line: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            line,
            severity: Severity::Warning,
            message: message.into(),
        }
    }

    /// An error about `path:line`.
    pub fn error(path: impl Into<String>, line: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            line,
            severity: Severity::Error,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(
            f,
            "{}:{}: {}: {}",
            self.path, self.line, label, self.message
        )
    }
}
