//! The result of comparing specs: one [`Change`] per structural difference, one
//! [`DescriptionChange`] per changed text, grouped per spec file in a [`DiffReport`].
//!
//! These structs serialize to the documented JSON shape of `tcgen diff --format json`
//! (see [`crate::diff`]); field order here is key order there.

use serde::Serialize;

/// The value of [`DiffReport::format`]: bumped whenever the JSON shape changes incompatibly.
pub const DIFF_FORMAT_VERSION: u32 = 1;

/// What a change means for code written against the generated Rust crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Impact {
    /// Code that compiled and worked against the old crate may fail to compile or to work.
    Breaking,
    /// Existing code keeps compiling and working.
    Compatible,
}

/// What kind of thing a change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// The service as a whole (endpoint, service-wide error codes).
    Service,
    /// One action.
    Action,
    /// One data structure.
    Type,
}

/// Where inside an action or type a field change is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Location {
    /// An input parameter of an action.
    Input,
    /// An output parameter of an action.
    Output,
    /// A member of a data structure.
    Member,
}

impl Location {
    /// The word used in messages (`input`, `output`, `member`).
    pub fn word(self) -> &'static str {
        match self {
            Location::Input => "input",
            Location::Output => "output",
            Location::Member => "member",
        }
    }
}

/// What changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// The service endpoint host changed (`old`/`new` hold the hosts).
    EndpointChanged,
    /// A new action.
    ActionAdded,
    /// An action is gone.
    ActionRemoved,
    /// A new data structure.
    TypeAdded,
    /// A data structure is gone.
    TypeRemoved,
    /// A new field (`new` holds its type).
    FieldAdded,
    /// A field is gone (`old` holds its type).
    FieldRemoved,
    /// A field's documented type changed (`old`/`new` hold the types).
    FieldTypeChanged,
    /// A field's required flag changed (`old`/`new` are `"required"`/`"optional"`).
    RequiredChanged,
    /// A field's nullable flag changed (`old`/`new` are `"nullable"`/`"not nullable"`).
    NullableChanged,
    /// How the Region common parameter is documented changed (`old`/`new`: `required`, ...).
    RegionChanged,
    /// A new error code (service-wide, or on one action's page).
    ErrorAdded,
    /// An error code is gone.
    ErrorRemoved,
}

/// One structural difference between two specs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Breaking or compatible for users of the generated crate.
    pub impact: Impact,
    /// What kind of thing the change is about.
    pub scope: Scope,
    /// The action or type name; the service name for [`Scope::Service`].
    pub name: String,
    /// What changed.
    pub kind: ChangeKind,
    /// For field changes: input, output or member.
    pub location: Option<Location>,
    /// The field name or error code the change is about, if any.
    pub item: Option<String>,
    /// The old value (type, flag, host), if the change has one.
    pub old: Option<String>,
    /// The new value, if the change has one.
    pub new: Option<String>,
    /// Why the change has its impact, in words.
    pub reason: String,
}

impl Change {
    /// The key changes are sorted by: scope, name, location, item, kind.
    pub(crate) fn sort_key(&self) -> impl Ord + '_ {
        (
            self.scope,
            self.name.as_str(),
            self.location,
            self.item.as_deref(),
            self.kind,
        )
    }
}

/// Which text of an item changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TextPart {
    /// A short title (actions).
    Title,
    /// A description.
    Description,
}

/// A changed title or description (always compatible).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DescriptionChange {
    /// What kind of thing the text belongs to.
    pub scope: Scope,
    /// The action or type name; the service name for service-wide error codes.
    pub name: String,
    /// For field descriptions: input, output or member.
    pub location: Option<Location>,
    /// The field name or error code, if the text belongs to one.
    pub item: Option<String>,
    /// Title or description.
    pub part: TextPart,
    /// The language tags whose text was added, removed or changed, sorted.
    pub languages: Vec<String>,
}

impl DescriptionChange {
    /// The key description changes are sorted by.
    pub(crate) fn sort_key(&self) -> impl Ord + '_ {
        (
            self.scope,
            self.name.as_str(),
            self.location,
            self.item.as_deref(),
            self.part,
        )
    }
}

/// Counts of a diff.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Number of breaking changes.
    pub breaking: usize,
    /// Number of compatible structural changes.
    pub compatible: usize,
    /// Number of changed titles and descriptions.
    pub descriptions: usize,
}

impl Summary {
    /// True when nothing at all changed.
    pub fn is_empty(&self) -> bool {
        self.breaking + self.compatible + self.descriptions == 0
    }

    /// Adds another summary's counts to this one.
    pub fn add(&mut self, other: Summary) {
        self.breaking += other.breaking;
        self.compatible += other.compatible;
        self.descriptions += other.descriptions;
    }

    /// `2 breaking, 3 compatible, 4 descriptions changed`.
    pub fn line(&self) -> String {
        format!(
            "{} breaking, {} compatible, {} changed",
            self.breaking,
            self.compatible,
            crate::summary::counted(self.descriptions, "description", "descriptions"),
        )
    }
}

/// Whether a spec file exists on both sides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileStatus {
    /// Only in the new set.
    Added,
    /// Only in the old set.
    Removed,
    /// In both sets, with changes.
    Modified,
    /// In both sets, identical as far as the diff looks.
    Unchanged,
}

/// The differences between two versions of one spec.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SpecDiff {
    /// The spec's path relative to the spec directory (`lighthouse/2020-03-24.json`), or the
    /// file name given on the command line.
    pub path: String,
    /// The service (of the new spec, or the old one if removed).
    pub service: String,
    /// The API version (of the new spec, or the old one if removed).
    pub version: String,
    /// Added, removed, modified or unchanged.
    pub status: FileStatus,
    /// Counts.
    pub summary: Summary,
    /// Structural changes, sorted by scope, name, location, item, kind.
    pub changes: Vec<Change>,
    /// Changed texts, sorted the same way. Always counted in the summary; the list is kept
    /// only when descriptions were asked for (see [`crate::diff::DiffOptions`]).
    pub descriptions: Vec<DescriptionChange>,
}

impl SpecDiff {
    /// True when something breaking changed.
    pub fn is_breaking(&self) -> bool {
        self.summary.breaking > 0
    }

    /// Changes of one impact, in order.
    pub fn changes_with(&self, impact: Impact) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(move |c| c.impact == impact)
    }
}

/// The differences between two sets of specs (two directories, two git revisions, two files).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffReport {
    /// Always [`DIFF_FORMAT_VERSION`].
    pub format: u32,
    /// Totals over all files.
    pub summary: Summary,
    /// One entry per spec path present on either side, sorted by path.
    pub specs: Vec<SpecDiff>,
}

impl DiffReport {
    /// Builds a report from per-file diffs (sorted here by path) and totals them.
    pub fn new(mut specs: Vec<SpecDiff>) -> Self {
        specs.sort_by(|a, b| a.path.cmp(&b.path));
        let mut summary = Summary::default();
        for spec in &specs {
            summary.add(spec.summary);
        }
        DiffReport {
            format: DIFF_FORMAT_VERSION,
            summary,
            specs,
        }
    }

    /// True when something breaking changed in any file.
    pub fn is_breaking(&self) -> bool {
        self.summary.breaking > 0
    }
}
