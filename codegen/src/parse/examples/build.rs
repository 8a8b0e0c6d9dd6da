//! Builds a JSON value from example tokens, repairing only what has one reading:
//! - the root object's `{` line lost (the first line is a member): the root is an object;
//! - a comma lost at a line break between two members or elements;
//! - a trailing comma before a closing brace;
//! - text after the complete example (ignored, with a note);
//! - the root brace lost and the example ending with containers open: the example lost its
//!   brace-only lines, and at the end nothing but closing lines can follow, so they close;
//! - with [`Layout::Indented`], closing-brace lines lost: a line indented less than the members
//!   of the open container closes it (the brace-only lines of an indented page went missing).
//!
//! Everything else fails with the line and the reason, and so does a container whose closing
//! line was lost while none of its content survived: an empty `[` ... (lost) `]` would pretend
//! to know that the docs showed no elements.

use serde_json::map::Entry;
use serde_json::{Map, Value};

use super::lex::{Tok, TokKind};

/// How far containers may nest before the example is refused (keeps recursion bounded).
pub(super) const MAX_DEPTH: usize = 64;

/// Whether indentation may stand in for lost closing-brace lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Layout {
    /// Only the tokens count.
    Tokens,
    /// Indentation is structural: a less-indented line closes the containers it leaves.
    Indented,
}

/// A repair that was made, for a warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Note {
    /// The line it concerns.
    pub line: usize,
    /// What was done.
    pub message: String,
}

/// Why no value could be built.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Failure {
    /// The line the problem is on.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Builds the example's value from `toks`, with the repairs listed in `notes`.
pub(super) fn build(toks: &[Tok], layout: Layout) -> Result<(Value, Vec<Note>), Failure> {
    let mut builder = Builder {
        toks,
        pos: 0,
        layout,
        notes: Vec::new(),
        depth: 0,
        brace_lines_lost: false,
    };
    let value = builder.root()?;
    Ok((value, builder.notes))
}

/// An open container: where it was opened and how its members are indented.
#[derive(Debug, Clone, Copy)]
struct Frame {
    /// Line of the opening brace (or of the first member when the brace was lost).
    line: usize,
    /// Indentation of the opening line; `None` when the opening brace itself was lost.
    opener_indent: Option<usize>,
    /// Indentation of the first member or element that starts a line.
    child_indent: Option<usize>,
    /// `"object"` or `"array"`, for messages.
    what: &'static str,
}

/// How a container ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Closed {
    /// By its own closing token.
    Explicitly,
    /// By indentation or the end of the example: its closing line (and comma) was lost.
    Implicitly,
}

struct Builder<'a> {
    toks: &'a [Tok],
    pos: usize,
    layout: Layout,
    notes: Vec<Note>,
    depth: usize,
    /// The root's opening brace line was lost, so brace-only lines are known to be missing.
    brace_lines_lost: bool,
}

impl<'a> Builder<'a> {
    // Tokens are borrowed from the slice, not from the builder, so the builder stays free to
    // move on while one is looked at.
    fn peek(&self) -> Option<&'a Tok> {
        self.toks.get(self.pos)
    }

    fn peek_kind_at(&self, offset: usize) -> Option<&'a TokKind> {
        self.toks.get(self.pos + offset).map(|t| &t.kind)
    }

    fn next(&mut self) -> Option<&'a Tok> {
        let tok = self.toks.get(self.pos);
        self.pos += 1;
        tok
    }

    fn note(&mut self, line: usize, message: impl Into<String>) {
        self.notes.push(Note {
            line,
            message: message.into(),
        });
    }

    fn root(&mut self) -> Result<Value, Failure> {
        let Some(first) = self.peek() else {
            return Err(fail(0, "the example holds no JSON"));
        };
        let value = if matches!(first.kind, TokKind::Str(_))
            && self.peek_kind_at(1) == Some(&TokKind::Colon)
        {
            self.note(
                first.line,
                "the opening `{` line of the example is missing; restored",
            );
            self.brace_lines_lost = true;
            let frame = Frame {
                line: first.line,
                opener_indent: None,
                child_indent: None,
                what: "object",
            };
            self.object(frame)?.0
        } else {
            self.value()?
        };
        if let Some(rest) = self.peek() {
            let line = rest.line;
            self.note(line, "ignored text after the end of the example");
            self.pos = self.toks.len();
        }
        Ok(value)
    }

    fn value(&mut self) -> Result<Value, Failure> {
        Ok(self.value_closed()?.0)
    }

    /// A value, and how it was closed if it is a container.
    fn value_closed(&mut self) -> Result<(Value, Closed), Failure> {
        let Some(tok) = self.next() else {
            let line = self.toks.last().map_or(0, |t| t.line);
            return Err(fail(line, "the example ends where a value is expected"));
        };
        let frame = |what| Frame {
            line: tok.line,
            opener_indent: Some(tok.indent),
            child_indent: None,
            what,
        };
        match &tok.kind {
            TokKind::OpenObject => self.nested(|b| b.object(frame("object"))),
            TokKind::OpenArray => self.nested(|b| b.array(frame("array"))),
            TokKind::Str(text) => Ok((Value::String(text.clone()), Closed::Explicitly)),
            TokKind::Num(raw) => serde_json::from_str::<Value>(raw)
                .map(|v| (v, Closed::Explicitly))
                .map_err(|e| fail(tok.line, format!("bad number `{raw}`: {e}"))),
            TokKind::Literal(v) => Ok((v.clone(), Closed::Explicitly)),
            other => Err(fail(
                tok.line,
                format!("expected a value, found {}", describe(other)),
            )),
        }
    }

    fn nested(
        &mut self,
        inner: impl FnOnce(&mut Self) -> Result<(Value, Closed), Failure>,
    ) -> Result<(Value, Closed), Failure> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let line = self.peek().map_or(0, |t| t.line);
            return Err(fail(line, format!("nested deeper than {MAX_DEPTH} levels")));
        }
        let result = inner(self);
        self.depth -= 1;
        result
    }

    fn object(&mut self, mut frame: Frame) -> Result<(Value, Closed), Failure> {
        let mut map = Map::new();
        let mut state = Sep::Start;
        loop {
            let Some(tok) = self.peek() else {
                return self
                    .end_at_eof(frame, map.is_empty())
                    .map(|c| (Value::Object(map), c));
            };
            if self.leaves(&frame, tok) {
                return self
                    .lost_close(frame, map.is_empty())
                    .map(|c| (Value::Object(map), c));
            }
            match &tok.kind {
                TokKind::CloseObject => {
                    self.pos += 1;
                    self.trailing_comma(state, tok.line);
                    return Ok((Value::Object(map), Closed::Explicitly));
                }
                TokKind::Comma => state = self.comma(state, tok)?,
                TokKind::Str(key) if self.peek_kind_at(1) == Some(&TokKind::Colon) => {
                    self.separator(state, tok, frame.what)?;
                    if tok.first_on_line {
                        frame.child_indent.get_or_insert(tok.indent);
                    }
                    // One lookup: the vacant slot the value goes into, or the key's first use.
                    let Entry::Vacant(slot) = map.entry(key.as_str()) else {
                        return Err(fail(tok.line, format!("key \"{key}\" appears twice")));
                    };
                    self.pos += 2;
                    let (value, closed) = self.value_closed()?;
                    slot.insert(value);
                    state = Sep::after(closed);
                }
                other => {
                    let msg = format!("expected a member or `}}`, found {}", describe(other));
                    return Err(fail(tok.line, msg));
                }
            }
        }
    }

    fn array(&mut self, mut frame: Frame) -> Result<(Value, Closed), Failure> {
        let mut items = Vec::new();
        let mut state = Sep::Start;
        loop {
            let Some(tok) = self.peek() else {
                return self
                    .end_at_eof(frame, items.is_empty())
                    .map(|c| (Value::Array(items), c));
            };
            if self.leaves(&frame, tok) {
                return self
                    .lost_close(frame, items.is_empty())
                    .map(|c| (Value::Array(items), c));
            }
            match &tok.kind {
                TokKind::CloseArray => {
                    self.pos += 1;
                    self.trailing_comma(state, tok.line);
                    return Ok((Value::Array(items), Closed::Explicitly));
                }
                TokKind::Comma => state = self.comma(state, tok)?,
                TokKind::Str(_) if self.peek_kind_at(1) == Some(&TokKind::Colon) => {
                    let msg = "an object member stands directly in an array (the element's \
                               braces were lost; where elements start cannot be told)";
                    return Err(fail(tok.line, msg));
                }
                _ => {
                    self.separator(state, tok, frame.what)?;
                    if tok.first_on_line {
                        frame.child_indent.get_or_insert(tok.indent);
                    }
                    let (value, closed) = self.value_closed()?;
                    items.push(value);
                    state = Sep::after(closed);
                }
            }
        }
    }

    /// With an indented layout, true when `tok` starts a line that lies outside `frame`.
    fn leaves(&self, frame: &Frame, tok: &Tok) -> bool {
        if self.layout != Layout::Indented || !tok.first_on_line {
            return false;
        }
        let closes = matches!(tok.kind, TokKind::CloseObject | TokKind::CloseArray);
        match (closes, frame.opener_indent, frame.child_indent) {
            (true, Some(opener), _) => tok.indent < opener,
            (true, None, _) => false,
            (false, _, Some(child)) => tok.indent < child,
            (false, Some(opener), None) => tok.indent <= opener,
            (false, None, None) => false,
        }
    }

    /// The container's closing line was lost: accept that only if some content survived.
    fn lost_close(&mut self, frame: Frame, empty: bool) -> Result<Closed, Failure> {
        if empty {
            let msg = format!(
                "the {} opened at line {} has lost its closing line and none of its content \
                 survived; its content cannot be recovered",
                frame.what, frame.line
            );
            return Err(fail(frame.line, msg));
        }
        let msg = format!(
            "rebuilt the missing closing line of the {} opened at line {} from indentation",
            frame.what, frame.line
        );
        self.note(frame.line, msg);
        Ok(Closed::Implicitly)
    }

    /// The tokens ended with `frame` still open.
    fn end_at_eof(&mut self, frame: Frame, empty: bool) -> Result<Closed, Failure> {
        if self.layout == Layout::Indented || self.brace_lines_lost {
            return self.lost_close(frame, empty);
        }
        let msg = format!(
            "the example ends before the {} opened at line {} is closed",
            frame.what, frame.line
        );
        Err(fail(frame.line, msg))
    }

    fn comma(&mut self, state: Sep, tok: &Tok) -> Result<Sep, Failure> {
        match state {
            Sep::NeedComma | Sep::CommaImplied => {
                self.pos += 1;
                Ok(Sep::AfterComma)
            }
            Sep::Start | Sep::AfterComma => Err(fail(tok.line, "unexpected `,`")),
        }
    }

    /// Checks the separator before a member or element that starts at `tok`.
    fn separator(&mut self, state: Sep, tok: &Tok, what: &str) -> Result<(), Failure> {
        match state {
            Sep::Start | Sep::AfterComma | Sep::CommaImplied => Ok(()),
            Sep::NeedComma if tok.first_on_line => {
                self.note(
                    tok.line,
                    format!("restored the missing `,` before this {what} entry"),
                );
                Ok(())
            }
            Sep::NeedComma => Err(fail(tok.line, "missing `,` between two values on one line")),
        }
    }

    fn trailing_comma(&mut self, state: Sep, line: usize) {
        if state == Sep::AfterComma {
            self.note(line, "dropped a trailing `,` before the closing bracket");
        }
    }
}

/// Where a container's content stands relative to its separators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sep {
    /// Nothing read yet.
    Start,
    /// A value was read; a `,` or the close comes next.
    NeedComma,
    /// A container closed implicitly: its lost line carried the comma.
    CommaImplied,
    /// A `,` was read.
    AfterComma,
}

impl Sep {
    fn after(closed: Closed) -> Sep {
        match closed {
            Closed::Explicitly => Sep::NeedComma,
            Closed::Implicitly => Sep::CommaImplied,
        }
    }
}

fn fail(line: usize, message: impl Into<String>) -> Failure {
    Failure {
        line,
        message: message.into(),
    }
}

/// A token in words, for messages.
fn describe(kind: &TokKind) -> String {
    match kind {
        TokKind::OpenObject => "`{`".to_string(),
        TokKind::OpenArray => "`[`".to_string(),
        TokKind::CloseObject => "`}`".to_string(),
        TokKind::CloseArray => "`]`".to_string(),
        TokKind::Colon => "`:`".to_string(),
        TokKind::Comma => "`,`".to_string(),
        TokKind::Str(s) => format!("the string \"{}\"", shorten(s)),
        TokKind::Num(n) => format!("the number {n}"),
        TokKind::Literal(v) => format!("`{v}`"),
        TokKind::Junk(text) => format!("text that is no JSON: `{}`", shorten(text)),
    }
}

/// At most 40 characters of `text`.
fn shorten(text: &str) -> String {
    let mut out: String = text.chars().take(40).collect();
    if text.chars().count() > 40 {
        out.push('…');
    }
    out
}
