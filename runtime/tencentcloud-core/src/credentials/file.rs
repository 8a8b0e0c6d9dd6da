//! Reading credential files: a missing file is "not found", a UTF-8 BOM is skipped, INI and
//! JSON errors name `path:line`.

use std::path::Path;

use super::CredentialsError;

/// Reads `path` as UTF-8 without a leading byte order mark; a missing file is `Ok(None)`.
pub(crate) fn read_optional(path: &Path) -> Result<Option<String>, CredentialsError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(strip_bom(text))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(CredentialsError::Io {
            path: path.display().to_string(),
            message: e.to_string(),
        }),
    }
}

/// Reads `path`, which must exist.
pub(crate) fn read_required(path: &Path) -> Result<String, CredentialsError> {
    std::fs::read_to_string(path)
        .map(strip_bom)
        .map_err(|e| CredentialsError::Io {
            path: path.display().to_string(),
            message: e.to_string(),
        })
}

/// Editors on Windows save files with a UTF-8 BOM; it is not part of the content.
fn strip_bom(text: String) -> String {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    }
}

/// One `[section]` of an INI file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct IniSection {
    /// `key = value` pairs in order; keys lowercased, values trimmed and unquoted.
    pub(crate) pairs: Vec<(String, String)>,
}

impl IniSection {
    /// The non-empty value of `key`.
    pub(crate) fn get(&self, key: &str) -> Option<String> {
        self.pairs
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .filter(|v| !v.is_empty())
    }
}

/// `[section]` of an INI text (`None` when the file has no such section); a malformed line
/// is an error naming `path:line`. `#` and `;` start comment lines.
pub(crate) fn ini_section(
    text: &str,
    section: &str,
    path: &Path,
) -> Result<Option<IniSection>, CredentialsError> {
    let mut current: Option<String> = None;
    let mut found: Option<IniSection> = None;
    for (idx, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        let bad = |message: &str| CredentialsError::Invalid {
            source_name: format!("{}:{}", path.display(), idx + 1),
            message: message.to_owned(),
        };
        if let Some(rest) = line.strip_prefix('[') {
            let name = rest
                .strip_suffix(']')
                .ok_or_else(|| bad("section header without closing `]`"))?;
            let name = name.trim().to_owned();
            if name == section {
                found.get_or_insert_with(IniSection::default);
            }
            current = Some(name);
        } else if let Some((k, v)) = line.split_once('=').or_else(|| line.split_once(':')) {
            if current.as_deref() == Some(section) {
                let pairs = &mut found.get_or_insert_with(IniSection::default).pairs;
                pairs.push((k.trim().to_ascii_lowercase(), unquote(v.trim()).to_owned()));
            }
        } else {
            return Err(bad("expected `key = value` or `[section]`"));
        }
    }
    Ok(found)
}

fn unquote(v: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner;
        }
    }
    v
}

/// Parses JSON, naming `path:line` on error.
pub(crate) fn parse_json(text: &str, path: &Path) -> Result<serde_json::Value, CredentialsError> {
    serde_json::from_str(text).map_err(|e| CredentialsError::Invalid {
        source_name: format!("{}:{}", path.display(), e.line()),
        message: format!("not valid JSON: {e}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ini_reads_only_the_requested_section() {
        let text = "# c\n[other]\nsecret_id = X\n[default]\nsecret_id = A\n Secret_Key=\"B\" \n";
        let s = ini_section(text, "default", Path::new("f"))
            .unwrap()
            .unwrap();
        assert_eq!(s.get("secret_id").as_deref(), Some("A"));
        assert_eq!(s.get("secret_key").as_deref(), Some("B"));
        assert_eq!(ini_section(text, "prod", Path::new("f")).unwrap(), None);
    }

    #[test]
    fn ini_malformed_line_names_file_and_line() {
        let err = ini_section("[default]\nsecret_id\n", "default", Path::new("creds")).unwrap_err();
        assert!(err.to_string().contains("creds:2"), "{err}");
    }

    #[test]
    fn a_byte_order_mark_is_not_content() {
        assert_eq!(strip_bom("\u{feff}[default]".to_owned()), "[default]");
        assert_eq!(strip_bom("[default]".to_owned()), "[default]");
    }
}
