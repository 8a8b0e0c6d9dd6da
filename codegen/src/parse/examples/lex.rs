//! Tokens of a documented JSON example, read line by line so every token knows its source line
//! and the indentation of that line (the only structure left where the docs lost brace lines).
//!
//! Two layout breaks are undone here because they are unambiguous at the token level: a string
//! cut by a line break (JSON strings cannot hold a raw line break, so the next line continues
//! it) and a number cut by a line break right after its key (two numbers in a row are no JSON).

use serde_json::Value;

/// What a token is.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum TokKind {
    /// `{`
    OpenObject,
    /// `[`
    OpenArray,
    /// `}`
    CloseObject,
    /// `]`
    CloseArray,
    /// `:`
    Colon,
    /// `,`
    Comma,
    /// A string, escapes decoded.
    Str(String),
    /// A number, as written.
    Num(String),
    /// `true`, `false` or `null`.
    Literal(Value),
    /// Text that is no JSON at all (the rest of the line).
    Junk(String),
}

/// A token and where it stands.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Tok {
    /// What it is.
    pub kind: TokKind,
    /// 1-based source line of its first character.
    pub line: usize,
    /// Leading whitespace (in characters) of that line.
    pub indent: usize,
    /// True when it is the first token of its line.
    pub first_on_line: bool,
}

/// Why the lines could not even be tokenized.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct LexError {
    /// The line the problem is on.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// A string whose line ended before its closing quote.
struct OpenString {
    raw: String,
    line: usize,
    indent: usize,
    first_on_line: bool,
}

/// Splits `lines` into tokens.
pub(super) fn tokenize(lines: &[(usize, &str)]) -> Result<Vec<Tok>, LexError> {
    let mut toks = Vec::new();
    let mut open: Option<OpenString> = None;
    for &(line, text) in lines {
        let indent = text.chars().take_while(|c| c.is_whitespace()).count();
        let mut rest = text;
        if let Some(mut pending) = open.take() {
            // The break cut the string: its text goes on at the start of this line. Leading
            // whitespace there is layout (a PDF page start adds a space), not string content.
            rest = rest.trim_start();
            match string_end(rest) {
                Some(end) => {
                    pending.raw.push_str(&rest[..end]);
                    toks.push(finish_string(pending)?);
                    rest = &rest[end + 1..];
                }
                None => {
                    pending.raw.push_str(rest);
                    open = Some(pending);
                    continue;
                }
            }
        }
        let at_line_start = rest.len() == text.len();
        open = lex_line(rest, (line, indent), at_line_start, &mut toks)?;
    }
    if let Some(pending) = open {
        return Err(LexError {
            line: pending.line,
            message: "the example ends inside a string".to_string(),
        });
    }
    Ok(join_cut_numbers(toks))
}

/// Tokens of one line (or of its part after a continued string, `at_line_start` false).
/// `place` is the line number and its indentation. Returns a string left open at the line end.
fn lex_line(
    text: &str,
    place: (usize, usize),
    at_line_start: bool,
    toks: &mut Vec<Tok>,
) -> Result<Option<OpenString>, LexError> {
    let (line, indent) = place;
    let mut rest = text.trim_start();
    let mut first_on_line = at_line_start;
    while let Some(c) = rest.chars().next() {
        let push = |kind, toks: &mut Vec<Tok>, first: &mut bool| {
            toks.push(Tok {
                kind,
                line,
                indent,
                first_on_line: *first,
            });
            *first = false;
        };
        let consumed = match c {
            '{' => Some(TokKind::OpenObject),
            '[' => Some(TokKind::OpenArray),
            '}' => Some(TokKind::CloseObject),
            ']' => Some(TokKind::CloseArray),
            ':' => Some(TokKind::Colon),
            ',' => Some(TokKind::Comma),
            _ => None,
        };
        if let Some(kind) = consumed {
            push(kind, toks, &mut first_on_line);
            rest = rest[1..].trim_start();
            continue;
        }
        if c == '"' {
            let body = &rest[1..];
            match string_end(body) {
                Some(end) => {
                    let tok = finish_string(OpenString {
                        raw: body[..end].to_string(),
                        line,
                        indent,
                        first_on_line,
                    })?;
                    toks.push(tok);
                    first_on_line = false;
                    rest = body[end + 1..].trim_start();
                }
                None => {
                    return Ok(Some(OpenString {
                        raw: body.to_string(),
                        line,
                        indent,
                        first_on_line,
                    }))
                }
            }
            continue;
        }
        let word_len = rest
            .find(|ch: char| !(ch.is_ascii_alphanumeric() || matches!(ch, '.' | '+' | '-')))
            .unwrap_or(rest.len());
        let word = &rest[..word_len];
        let kind = match word {
            "true" => TokKind::Literal(Value::Bool(true)),
            "false" => TokKind::Literal(Value::Bool(false)),
            "null" => TokKind::Literal(Value::Null),
            _ if is_number(word) => TokKind::Num(word.to_string()),
            _ => {
                push(
                    TokKind::Junk(rest.trim_end().to_string()),
                    toks,
                    &mut first_on_line,
                );
                return Ok(None);
            }
        };
        push(kind, toks, &mut first_on_line);
        rest = rest[word_len..].trim_start();
    }
    Ok(None)
}

/// Byte offset of the closing quote of a string whose body starts `text`, if on this line.
/// Jumps between the ASCII bytes `"` and `\` (never part of a multi-byte character); a
/// backslash skips the byte after it.
fn string_end(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    loop {
        let i = from + memchr::memchr2(b'"', b'\\', bytes.get(from..)?)?;
        if bytes.get(i) == Some(&b'"') {
            return Some(i);
        }
        from = i + 2;
    }
}

/// Decodes the escapes of a complete string.
fn finish_string(open: OpenString) -> Result<Tok, LexError> {
    // Without a backslash or a control character there is nothing to decode or refuse: the
    // string is its raw text (most example strings).
    if !open.raw.bytes().any(|b| b == b'\\' || b < 0x20) {
        return Ok(Tok {
            kind: TokKind::Str(open.raw),
            line: open.line,
            indent: open.indent,
            first_on_line: open.first_on_line,
        });
    }
    let quoted = format!("\"{}\"", open.raw);
    match serde_json::from_str::<String>(&quoted) {
        Ok(text) => Ok(Tok {
            kind: TokKind::Str(text),
            line: open.line,
            indent: open.indent,
            first_on_line: open.first_on_line,
        }),
        Err(err) => Err(LexError {
            line: open.line,
            message: format!("invalid string {quoted}: {err}"),
        }),
    }
}

/// A JSON number (as serde_json reads one).
fn is_number(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit() || c == '-')
        && serde_json::from_str::<serde_json::Number>(word).is_ok()
}

/// `"Size": 12` + line break + `34,`: a number after a key, cut by a line break, is joined
/// again when the next line starts with more digits (two numbers in a row are never JSON; in
/// an array a lost comma would read the same, so only a member's value is joined).
fn join_cut_numbers(toks: Vec<Tok>) -> Vec<Tok> {
    let mut out: Vec<Tok> = Vec::with_capacity(toks.len());
    for tok in toks {
        if let Some(joined) = cut_number_tail(&out, &tok) {
            if let Some(prev) = out.last_mut() {
                prev.kind = TokKind::Num(joined);
                continue;
            }
        }
        out.push(tok);
    }
    out
}

/// The joined number when `tok` continues the member value that ends `before`.
fn cut_number_tail(before: &[Tok], tok: &Tok) -> Option<String> {
    let TokKind::Num(more) = &tok.kind else {
        return None;
    };
    let [.., key_colon, prev] = before else {
        return None;
    };
    let TokKind::Num(head) = &prev.kind else {
        return None;
    };
    let joined = format!("{head}{more}");
    let after_key = key_colon.kind == TokKind::Colon;
    (after_key && tok.first_on_line && prev.line != tok.line && is_number(&joined))
        .then_some(joined)
}

#[cfg(test)]
mod tests {
    use super::string_end;

    // String bodies as example lines hold them: escaped quotes and backslashes, CJK text,
    // an escape before a multi-byte character, and a line that ends inside the string.
    #[test]
    fn string_end_skips_escapes() {
        assert_eq!(string_end(r#"abc", "x""#), Some(3));
        assert_eq!(string_end(r#"a\"b" :"#), Some(4));
        assert_eq!(string_end(r#"a\\" :"#), Some(3));
        assert_eq!(string_end("参数\\名\"x"), Some(10));
        assert_eq!(string_end(r#"\""#), None);
        assert_eq!(string_end("open to the line end"), None);
        assert_eq!(string_end("ends in a backslash \\"), None);
        assert_eq!(string_end(""), None);
    }
}
