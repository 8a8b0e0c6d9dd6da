//! Documented request/response examples into JSON.
//!
//! [`parse_json_example`] reads a JSON example as the docs broke it (one JSON line per line,
//! blank lines between them in the PDF export, strings cut by line breaks, brace-only lines
//! lost on one page) and repairs it only where the repair has one reading.
//! [`query_to_json`] turns a GET query-string example into the equivalent JSON body.

mod build;
mod lex;
mod query;
mod strict;

use serde_json::Value;

use crate::diagnostics::Diagnostic;

use build::{build, Layout};
pub use query::{documented_case, query_to_json};

/// Reads the lines of one documented JSON example (`(line number, text)` in source order).
///
/// A leading HTTP request preamble (`POST / HTTP/1.1`, headers, `<公共请求参数>`) and blank
/// lines are skipped. The text is read strictly first (duplicate keys are refused, not
/// merged); if that fails it is repaired where
/// the repair is unambiguous (a string or number cut by a line break, a lost comma or root
/// brace, a trailing comma, and on indented pages closing-brace lines rebuilt from
/// indentation), each repair reported as a warning. Otherwise the result is `None` and a
/// warning names `path:line` and the reason. Key order is kept.
pub fn parse_json_example<S: AsRef<str>>(
    lines: &[(usize, S)],
    path: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Value> {
    let body = json_lines(lines);
    let Some(&(first_line, _)) = body.first() else {
        let line = lines.first().map_or(0, |l| l.0);
        diags.push(Diagnostic::warning(
            path,
            line,
            "JSON example cannot be recovered (left null): it holds no JSON",
        ));
        return None;
    };
    match read(&body) {
        Ok((value, notes)) => {
            diags.extend(notes.into_iter().map(|n| {
                Diagnostic::warning(
                    path,
                    n.line,
                    format!("repaired JSON example: {}", n.message),
                )
            }));
            Some(value)
        }
        Err((line, why)) => {
            let line = if line == 0 { first_line } else { line };
            diags.push(Diagnostic::warning(
                path,
                line,
                format!("JSON example cannot be recovered (left null): {why}"),
            ));
            None
        }
    }
}

/// Reads the example: valid JSON (no repair needed) by serde_json in one pass, else by its
/// tokens; where repairs are needed and indentation carries structure, the indentation decides
/// (a lost closing line would otherwise be mistaken for a lost comma).
fn read(body: &[(usize, &str)]) -> Result<(Value, Vec<build::Note>), (usize, String)> {
    if let Some(value) = strict::read_strict(body) {
        return Ok((value, Vec::new()));
    }
    read_tokens(body)
}

/// [`read`] by the tokens and the builder, which repair what has one reading.
fn read_tokens(body: &[(usize, &str)]) -> Result<(Value, Vec<build::Note>), (usize, String)> {
    let toks = lex::tokenize(body).map_err(|e| (e.line, e.message))?;
    let by_tokens = build(&toks, Layout::Tokens);
    let strict = matches!(&by_tokens, Ok((_, notes)) if notes.is_empty());
    let result = if !strict && indentation_is_structural(body) {
        build(&toks, Layout::Indented)
    } else {
        by_tokens
    };
    result.map_err(|f| (f.line, f.message))
}

/// Indentation carries structure when lines are indented to at least two different depths
/// (two or more columns apart): a PDF export is flat, and a page start there adds one stray
/// space, which must not be read as nesting.
fn indentation_is_structural(body: &[(usize, &str)]) -> bool {
    let indents = body
        .iter()
        .map(|&(_, l)| l.chars().take_while(|c| c.is_whitespace()).count());
    let (min, max) = indents.fold((usize::MAX, 0), |(lo, hi), d| (lo.min(d), hi.max(d)));
    max >= min.saturating_add(2)
}

/// The example's JSON lines: blank lines and a leading HTTP request preamble dropped.
fn json_lines<S: AsRef<str>>(lines: &[(usize, S)]) -> Vec<(usize, &str)> {
    let mut body: Vec<(usize, &str)> = lines
        .iter()
        .map(|(n, l)| (*n, l.as_ref()))
        .filter(|(_, l)| !l.trim().is_empty())
        .collect();
    let preamble = body
        .iter()
        .take_while(|&&(_, l)| is_preamble_line(l.trim()))
        .count();
    body.drain(..preamble);
    body
}

/// `POST / HTTP/1.1`, `Host: ...`, `X-TC-Action: ...`, `<公共请求参数>`.
fn is_preamble_line(line: &str) -> bool {
    let request_line = line.contains(" HTTP/")
        && line
            .split(' ')
            .next()
            .is_some_and(|m| !m.is_empty() && m.chars().all(|c| c.is_ascii_uppercase()));
    let header = line.split_once(':').is_some_and(|(name, _)| {
        !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    });
    let placeholder = line.starts_with('<') && line.ends_with('>');
    request_line || header || placeholder
}

#[cfg(test)]
mod tests;
