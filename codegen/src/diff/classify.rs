//! The rules that say whether a change breaks users of the generated Rust crate.
//!
//! A field's impact depends on the direction data flows through it: callers build inputs and
//! read outputs. Action inputs flow in, action outputs flow out; a data structure's members flow
//! in whichever directions the structure is reachable from (see [`type_directions`]). A member
//! of a structure reachable from neither is treated as flowing both ways, the safe choice.
//!
//! | change                              | flows in   | flows out  |
//! |-------------------------------------|------------|------------|
//! | field added, required               | breaking   | compatible |
//! | field added, optional               | compatible | compatible |
//! | field removed                       | breaking   | breaking   |
//! | type changed                        | breaking   | breaking   |
//! | optional -> required                | breaking   | compatible |
//! | required -> optional                | compatible | breaking   |
//! | not nullable -> nullable            | compatible | breaking   |
//! | nullable -> not nullable            | compatible | compatible |
//!
//! A field flowing both ways takes the worse of the two columns.

use std::collections::BTreeMap;

use super::model::Impact;
use crate::spec::{Field, Spec};

/// The directions data flows through a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Direction {
    /// Callers send it (action input, or a structure reachable from one).
    pub input: bool,
    /// Callers receive it (action output, or a structure reachable from one).
    pub output: bool,
}

impl Direction {
    /// An action input.
    pub const INPUT: Direction = Direction {
        input: true,
        output: false,
    };
    /// An action output.
    pub const OUTPUT: Direction = Direction {
        input: false,
        output: true,
    };
    /// Unknown direction: assume both.
    pub const BOTH: Direction = Direction {
        input: true,
        output: true,
    };

    /// Both directions of `self` and `other`.
    pub fn union(self, other: Direction) -> Direction {
        Direction {
            input: self.input || other.input,
            output: self.output || other.output,
        }
    }

    /// `self`, or [`Direction::BOTH`] when no direction is known.
    pub fn or_both(self) -> Direction {
        if self.input || self.output {
            self
        } else {
            Direction::BOTH
        }
    }
}

/// An impact with the words that explain it.
pub type Verdict = (Impact, &'static str);

/// Picks the input-side verdict if data flows in and it breaks, else the output side's.
fn worst(dir: Direction, on_input: Verdict, on_output: Verdict) -> Verdict {
    let candidates = [(dir.input, on_input), (dir.output, on_output)];
    candidates
        .iter()
        .filter(|(applies, _)| *applies)
        .map(|(_, verdict)| *verdict)
        .min_by_key(|(impact, _)| *impact)
        .unwrap_or(on_output)
}

/// A field that did not exist before.
pub fn field_added(dir: Direction, field: &Field) -> Verdict {
    if field.required {
        worst(
            dir,
            (Impact::Breaking, "callers must set the new required input"),
            (Impact::Compatible, "new output field"),
        )
    } else if dir == Direction::BOTH {
        (Impact::Compatible, "new optional field")
    } else {
        worst(
            dir,
            (Impact::Compatible, "new optional input"),
            (Impact::Compatible, "new output field"),
        )
    }
}

/// A field that no longer exists.
pub fn field_removed() -> Verdict {
    (
        Impact::Breaking,
        "code that sets or reads it no longer compiles",
    )
}

/// A field whose type changed.
pub fn type_changed() -> Verdict {
    (Impact::Breaking, "the generated Rust type changes")
}

/// A field whose required flag changed to `now_required`.
pub fn required_changed(dir: Direction, now_required: bool) -> Verdict {
    if now_required {
        worst(
            dir,
            (Impact::Breaking, "callers must now set it"),
            (Impact::Compatible, "output is now always present"),
        )
    } else {
        worst(
            dir,
            (Impact::Compatible, "input becomes optional"),
            (Impact::Breaking, "it may now be absent"),
        )
    }
}

/// A field whose nullable flag changed to `now_nullable`.
pub fn nullable_changed(dir: Direction, now_nullable: bool) -> Verdict {
    if now_nullable {
        worst(
            dir,
            (Impact::Compatible, "input may now be null"),
            (Impact::Breaking, "it may now be null"),
        )
    } else {
        (
            Impact::Compatible,
            "value is no longer documented as nullable",
        )
    }
}

/// The data structure a field's type names, if it names one of `spec`'s types.
fn referenced_type<'a>(spec: &'a Spec, ty: &str) -> Option<&'a str> {
    let name = ty.strip_prefix("Array of ").unwrap_or(ty).trim();
    spec.type_def(name).map(|t| t.name.as_str())
}

/// For every data structure of `spec`, the directions it is reachable from actions' inputs and
/// outputs (following members transitively). Structures reachable from nothing are absent.
pub fn type_directions(spec: &Spec) -> BTreeMap<&str, Direction> {
    let mut dirs: BTreeMap<&str, Direction> = BTreeMap::new();
    let mut work: Vec<(&str, Direction)> = Vec::new();
    for action in &spec.actions {
        let roots = action
            .input
            .iter()
            .map(|f| (f, Direction::INPUT))
            .chain(action.output.iter().map(|f| (f, Direction::OUTPUT)));
        for (field, dir) in roots {
            if let Some(name) = referenced_type(spec, &field.ty) {
                work.push((name, dir));
            }
        }
    }
    while let Some((name, dir)) = work.pop() {
        let known = dirs.get(name).copied().unwrap_or_default();
        let merged = known.union(dir);
        if merged == known && dirs.contains_key(name) {
            continue;
        }
        dirs.insert(name, merged);
        if let Some(def) = spec.type_def(name) {
            for field in &def.fields {
                if let Some(inner) = referenced_type(spec, &field.ty) {
                    work.push((inner, merged));
                }
            }
        }
    }
    dirs
}
