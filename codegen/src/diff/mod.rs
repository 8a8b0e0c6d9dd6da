//! Spec diffs: what changed between two versions of a spec and whether it breaks users.
