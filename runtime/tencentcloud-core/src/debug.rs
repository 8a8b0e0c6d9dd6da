//! The `Debug` of every generated struct, written once: [`debug_struct`].

use std::fmt;

/// Writes `name { field: value, .. }` with `f.debug_struct`, as `#[derive(Debug)]` does: what a
/// generated struct's `Debug` calls with its fields, so that each struct compiles one slice of
/// `&dyn Debug` rather than a chain of calls.
pub fn debug_struct(
    f: &mut fmt::Formatter<'_>,
    name: &str,
    fields: &[(&str, &dyn fmt::Debug)],
) -> fmt::Result {
    let mut out = f.debug_struct(name);
    for (field, value) in fields {
        out.field(field, value);
    }
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::debug_struct;
    use std::fmt;

    struct Disk {
        id: String,
        size: Option<u64>,
    }

    impl fmt::Debug for Disk {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            debug_struct(f, "Disk", &[("id", &self.id), ("size", &self.size)])
        }
    }

    #[derive(Debug)]
    #[allow(dead_code)]
    struct Derived {
        id: String,
        size: Option<u64>,
    }

    #[test]
    fn prints_what_the_derive_prints_plain_and_pretty() {
        let ours = Disk {
            id: "d-1".into(),
            size: Some(5),
        };
        let derived = Derived {
            id: "d-1".into(),
            size: Some(5),
        };
        assert_eq!(
            format!("{ours:?}"),
            format!("{derived:?}").replace("Derived", "Disk")
        );
        assert_eq!(
            format!("{ours:#?}"),
            format!("{derived:#?}").replace("Derived", "Disk")
        );
    }
}
