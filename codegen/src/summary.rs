//! What a spec holds, counted the same way by `tcgen parse` and `cargo xtask regen`.

use std::fmt;

use crate::parse::extract::{Doc, RowUse};
use crate::spec::Spec;

/// The counts of one spec, printed as its summary line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SpecCounts {
    /// Actions.
    pub actions: usize,
    /// Input and output fields of the actions plus the fields of the data structures.
    pub fields: usize,
    /// Data structures.
    pub types: usize,
    /// Error codes of the service.
    pub errors: usize,
    /// Examples whose input or output was recovered as JSON.
    pub examples: usize,
    /// Example entries with neither input nor output (titles without usable code).
    pub empty_examples: usize,
}

impl SpecCounts {
    /// Counts what `spec` holds.
    pub fn of(spec: &Spec) -> SpecCounts {
        let examples = spec.actions.iter().flat_map(|a| &a.examples);
        let (recovered, empty) = examples.fold((0, 0), |(r, e), ex| {
            if ex.input.is_some() || ex.output.is_some() {
                (r + 1, e)
            } else {
                (r, e + 1)
            }
        });
        SpecCounts {
            actions: spec.actions.len(),
            fields: spec
                .actions
                .iter()
                .map(|a| a.input.len() + a.output.len())
                .sum::<usize>()
                + spec.types.iter().map(|t| t.fields.len()).sum::<usize>(),
            types: spec.types.len(),
            errors: spec.errors.len(),
            examples: recovered,
            empty_examples: empty,
        }
    }
}

impl fmt::Display for SpecCounts {
    /// `108 actions, 1306 fields, 67 types, 300 error codes, 120 examples` (plus
    /// `, 2 examples without input or output` when there are such).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}, {}, {}, {}, {}",
            counted(self.actions, "action", "actions"),
            counted(self.fields, "field", "fields"),
            counted(self.types, "type", "types"),
            counted(self.errors, "error code", "error codes"),
            counted(self.examples, "example", "examples"),
        )?;
        if self.empty_examples > 0 {
            let empty = counted(self.empty_examples, "example", "examples");
            write!(f, ", {empty} without input or output")?;
        }
        Ok(())
    }
}

/// `n` with the noun in the number it takes: `1 action`, `0 actions`, `2 actions`.
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::Example;

    fn spec_with_examples(examples: Vec<Example>) -> Spec {
        let json = r#"{"format":1,"service":"x","version":"2020-01-01","title":{},"endpoint":"x.tencentcloudapi.com",
            "actions":[{"name":"A","rate_limit_per_second":null,"region":"required","input":[],"output":[],
            "errors":[],"examples":[],"source":{"path":"s","line":1}}],"types":[],"errors":[],"sources":[]}"#;
        let mut spec: Spec = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}"));
        spec.actions[0].examples = examples;
        spec
    }

    // The issue's complaint: pages whose examples were all lost still read "32 examples".
    #[test]
    fn examples_count_only_what_was_recovered() {
        let example =
            |input: Option<serde_json::Value>, output: Option<serde_json::Value>| Example {
                title: Default::default(),
                input,
                output,
            };
        let spec = spec_with_examples(vec![
            example(None, None),
            example(Some(serde_json::json!({})), None),
            example(None, Some(serde_json::json!({"RequestId": "r"}))),
            example(None, None),
        ]);
        let counts = SpecCounts::of(&spec);
        assert_eq!(counts.examples, 2);
        assert_eq!(counts.empty_examples, 2);
        assert_eq!(
            counts.to_string(),
            "1 action, 0 fields, 0 types, 0 error codes, 2 examples, 2 examples without input or output"
        );
        let none = spec_with_examples(vec![example(None, None)]);
        assert_eq!(SpecCounts::of(&none).examples, 0);
    }
}

/// What the sources of one kind gave, before merging.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KindCounts {
    /// Files read.
    pub files: usize,
    /// Action sections.
    pub actions: usize,
    /// Data structures with fields.
    pub types: usize,
    /// Table rows that became fields (of actions and data structures).
    pub fields: usize,
    /// Error codes of error-code chapters and action pages.
    pub error_codes: usize,
    /// Examples whose input or output was recovered.
    pub examples: usize,
    /// API overview entries.
    pub overview: usize,
    /// Release history entries.
    pub releases: usize,
}

impl KindCounts {
    /// Adds what one source gave.
    pub fn add(&mut self, doc: &Doc) {
        self.files += 1;
        self.actions += doc.actions.len();
        self.types += doc.types.len();
        self.fields += doc
            .rows
            .iter()
            .filter(|r| matches!(r.used, RowUse::Field | RowUse::TypeField))
            .count();
        self.error_codes += doc
            .rows
            .iter()
            .filter(|r| r.used == RowUse::ErrorCode)
            .count();
        self.examples += doc
            .actions
            .iter()
            .flat_map(|a| &a.action.examples)
            .filter(|e| e.input.is_some() || e.output.is_some())
            .count();
        self.overview += doc.overview.len();
        self.releases += doc.history.len();
    }

    /// The summary line's text for sources of `kind` (`91 Markdown files, 77 actions, ...`).
    pub fn describe(&self, kind: &str) -> String {
        if kind == "metadata" {
            return format!("{} metadata files (not pages)", self.files);
        }
        let files = counted(
            self.files,
            &format!("{kind} file"),
            &format!("{kind} files"),
        );
        let mut parts = vec![files];
        for (n, one, many) in [
            (self.actions, "action", "actions"),
            (self.types, "data structure", "data structures"),
            (self.fields, "field", "fields"),
            (self.error_codes, "error code", "error codes"),
            (self.examples, "example", "examples"),
            (self.overview, "overview entry", "overview entries"),
            (self.releases, "release", "releases"),
        ] {
            if n > 0 {
                parts.push(counted(n, one, many));
            }
        }
        parts.join(", ")
    }
}
