//! Spec diffs: what changed between two versions of a spec and whether it breaks users.
//!
//! Actions, data structures, fields and error codes are matched by name. Every structural
//! difference is a [`Change`] classified [`Impact::Breaking`] or [`Impact::Compatible`] for
//! users of the generated Rust crate (rules in [`classify`]); changed titles and descriptions
//! are [`DescriptionChange`]s, always counted, listed only on request
//! ([`DiffOptions::descriptions`]).
//!
//! Entry points: [`diff_specs`] (two specs), [`diff_spec_sets`] (two sets keyed by
//! `<service>/<version>.json`), [`diff_paths`] (two files or two directories, what
//! `tcgen diff OLD NEW` calls); [`render`] writes Markdown or JSON; [`changelog_entry`] and
//! [`bump_version`] are what `cargo xtask regen` needs for the generated crates.
//!
//! # JSON shape (`--format json`)
//!
//! Stable: keys are only ever added. Lists are sorted (specs by path; changes by scope
//! `service` < `action` < `type`, then name, location, item, kind), so output is deterministic.
//!
//! ```jsonc
//! {
//!   "format": 1,                                   // DIFF_FORMAT_VERSION
//!   "summary": {"breaking": 1, "compatible": 3, "descriptions": 2},   // totals
//!   "specs": [{
//!     "path": "lighthouse/2020-03-24.json",
//!     "service": "lighthouse", "version": "2020-03-24",
//!     "status": "modified",                        // added | removed | modified | unchanged
//!     "summary": {"breaking": 1, "compatible": 3, "descriptions": 2},
//!     "changes": [{
//!       "impact": "compatible",                    // breaking | compatible
//!       "scope": "action",                         // service | action | type
//!       "name": "CreateInstances",                 // action/type name, service name for service scope
//!       "kind": "field_added",                     // see ChangeKind (snake_case)
//!       "location": "input",                       // input | output | member | null
//!       "item": "InitCommand",                     // field name or error code, or null
//!       "old": null, "new": "Command",             // old/new type, flag or host, or null
//!       "reason": "new optional input"
//!     }],
//!     "descriptions": [{                           // [] unless --descriptions
//!       "scope": "type", "name": "Instance", "location": "member", "item": "Zone",
//!       "part": "description",                     // title | description
//!       "languages": ["zh-CN"]
//!     }]
//!   }]
//! }
//! ```

mod changelog;
pub mod classify;
mod compare;
mod load;
mod model;
mod render;

pub use changelog::{
    bump_version, changelog_entry, prepend_entry, release_date, VersionError, CHANGELOG_TITLE,
};
pub use compare::{diff_one_sided, diff_specs, DiffOptions};
pub use load::{
    diff_paths, diff_spec_sets, is_spec_path, parse_spec, read_spec_dir, read_spec_file, DiffError,
};
pub use model::{
    Change, ChangeKind, DescriptionChange, DiffReport, FileStatus, Impact, Location, Scope,
    SpecDiff, Summary, TextPart, DIFF_FORMAT_VERSION,
};
pub use render::{change_line, render, render_json, render_markdown, render_sections, Format};
