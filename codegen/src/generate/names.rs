//! Rust names for spec names, resolved once: case conversion, keywords, leading digits and
//! collisions.
//!
//! Rules (documented in the generated crates too):
//! - Types, variants: `UpperCamelCase` (heck), so `VPCInfo` becomes `VpcInfo`; fields, methods,
//!   modules: `snake_case` (`VPCId` becomes `vpc_id`). The wire name is never rebuilt from these:
//!   every field keeps its documented name in `#[serde(rename)]`.
//! - A name that would start with a digit gets a prefix (`_` for snake case, `N` for camel case).
//! - A keyword becomes a raw identifier (`type` -> `r#type`); the few keywords that cannot be raw
//!   (`self`, `Self`, `super`, `crate`, `_`) get a trailing `_`.
//! - Names reserved in a scope (prelude types in `types.rs`, builder methods, ...) get a suffix.
//! - Two names that fold to the same identifier: the first (in the spec's sorted order) keeps
//!   it, later ones get `2`, `3`, ... appended (`_2` in snake case).

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Keywords of Rust 2021 (strict and reserved), usable as raw identifiers.
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers.
const NON_RAW_KEYWORDS: &[&str] = &["self", "Self", "super", "crate", "_"];

/// A resolved Rust identifier: what to write in code (`r#type`) and its bare form (`type`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct RustName {
    /// The identifier without a raw prefix (used for file names and derived names).
    pub bare: String,
    /// Whether it must be written as a raw identifier (`r#type`).
    pub raw: bool,
}

impl RustName {
    /// The identifier as written in code.
    pub fn code(&self) -> String {
        if self.raw {
            format!("r#{}", self.bare)
        } else {
            self.bare.clone()
        }
    }

    /// The name as a rustdoc link writes it (`[`Self::type`]`): rustdoc does not read the
    /// `r#` of a raw identifier in a link.
    pub fn link(&self) -> &str {
        &self.bare
    }

    /// The identifier as a token.
    pub fn ident(&self) -> proc_macro2::Ident {
        if self.raw {
            proc_macro2::Ident::new_raw(&self.bare, proc_macro2::Span::call_site())
        } else {
            proc_macro2::Ident::new(&self.bare, proc_macro2::Span::call_site())
        }
    }
}

/// Which case a scope uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// `snake_case`: fields, methods, modules.
    Snake,
    /// `UpperCamelCase`: types, variants.
    Camel,
}

/// Hands out unique identifiers within one scope (a struct's fields, a crate's types, ...).
#[derive(Debug, Clone)]
pub struct Scope {
    case: Case,
    taken: BTreeSet<String>,
}

impl Scope {
    /// A scope where `reserved` names are already taken.
    pub fn new(case: Case, reserved: &[&str]) -> Scope {
        Scope {
            case,
            taken: reserved.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    /// The identifier for `name` in this scope, unique among those handed out so far.
    pub fn claim(&mut self, name: &str) -> RustName {
        let base = match self.case {
            Case::Snake => snake_base(name),
            Case::Camel => camel_base(name),
        };
        let mut candidate = base.clone();
        let mut n = 2;
        while self.taken.contains(&candidate) {
            candidate = match self.case {
                Case::Snake => format!("{base}_{n}"),
                Case::Camel => format!("{base}{n}"),
            };
            n += 1;
        }
        self.taken.insert(candidate.clone());
        keyword_safe(candidate)
    }
}

/// `snake_case` of `name`, never empty, never starting with a digit.
pub fn snake_base(name: &str) -> String {
    let snake = name.to_snake_case();
    match snake.chars().next() {
        None => "field".to_owned(),
        Some(c) if c.is_ascii_digit() => format!("_{snake}"),
        Some(_) => snake,
    }
}

/// `UpperCamelCase` of `name` (dots and other separators folded), never empty, never starting
/// with a digit.
pub fn camel_base(name: &str) -> String {
    let camel = name.to_upper_camel_case();
    match camel.chars().next() {
        None => "Unnamed".to_owned(),
        Some(c) if c.is_ascii_digit() => format!("N{camel}"),
        Some(_) => camel,
    }
}

/// Makes a keyword usable: raw identifier where possible, else a trailing `_`.
fn keyword_safe(name: String) -> RustName {
    if NON_RAW_KEYWORDS.contains(&name.as_str()) {
        RustName {
            bare: format!("{name}_"),
            raw: false,
        }
    } else {
        let raw = RAW_KEYWORDS.contains(&name.as_str());
        RustName { bare: name, raw }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_keeps_acronyms_readable() {
        let mut scope = Scope::new(Case::Snake, &[]);
        assert_eq!(scope.claim("VPCId").code(), "vpc_id");
        assert_eq!(
            scope.claim("InstanceChargePrepaid").code(),
            "instance_charge_prepaid"
        );
    }

    #[test]
    fn keywords_become_raw_or_suffixed() {
        let mut scope = Scope::new(Case::Snake, &[]);
        assert_eq!(scope.claim("Type").code(), "r#type");
        assert_eq!(scope.claim("Type").bare, "type_2");
        assert_eq!(scope.claim("Self").code(), "self_");
        let mut camel = Scope::new(Case::Camel, &[]);
        assert_eq!(camel.claim("self").code(), "Self_");
    }

    // spec/cvm/2017-03-12.json: CreateDisasterRecoverGroup.Type and StorageBlock.Type; a
    // rustdoc link `[`Self::r#type`]` does not resolve, `[`Self::type`]` does.
    #[test]
    fn doc_links_name_raw_identifiers_without_their_prefix() {
        let mut scope = Scope::new(Case::Snake, &[]);
        let name = scope.claim("Type");
        assert_eq!(name.code(), "r#type");
        assert_eq!(name.link(), "type");
        assert_eq!(scope.claim("DiskType").link(), "disk_type");
    }

    #[test]
    fn leading_digits_get_a_prefix() {
        assert_eq!(
            Scope::new(Case::Snake, &[]).claim("3DModel").code(),
            "_3d_model"
        );
        assert_eq!(Scope::new(Case::Camel, &[]).claim("5xx").code(), "N5xx");
    }

    #[test]
    fn collisions_get_numbered_in_claim_order() {
        let mut scope = Scope::new(Case::Camel, &[]);
        let first = scope.claim("ResourceNotFound.InstanceIdNotFound");
        let second = scope.claim("ResourceNotFound.InstanceIDNotFound");
        assert_eq!(first.code(), "ResourceNotFoundInstanceIdNotFound");
        assert_eq!(second.code(), "ResourceNotFoundInstanceIdNotFound2");
        let mut fields = Scope::new(Case::Snake, &[]);
        assert_eq!(fields.claim("VpcId").code(), "vpc_id");
        assert_eq!(fields.claim("VPCId").code(), "vpc_id_2");
    }

    #[test]
    fn reserved_names_are_avoided() {
        let mut scope = Scope::new(Case::Camel, &["String", "Vec"]);
        assert_eq!(scope.claim("String").code(), "String2");
        assert_eq!(scope.claim("vec").code(), "Vec2");
    }

    #[test]
    fn empty_names_get_a_placeholder() {
        assert_eq!(Scope::new(Case::Snake, &[]).claim("").code(), "field");
        assert_eq!(Scope::new(Case::Camel, &[]).claim(".").code(), "Unnamed");
    }
}
