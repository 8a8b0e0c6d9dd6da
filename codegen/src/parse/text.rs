//! The core shared by the two plain-text front-ends (PDF export, site page): turns cleaned lines
//! (furniture already removed) into [`Block`]s: headings, paragraphs, table rows, code.
//!
//! It knows the shapes text takes in the docs (a table header is a line of column names, a row
//! starts with a name followed by the structured columns, code starts with `{`, an HTTP request
//! line or a URL with a query), not what the sections mean.

use crate::blocks::{Block, BlockKind};
use crate::spec::{is_type_name, PRIMITIVE_TYPES};

/// A cleaned source line handed to [`assemble`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line<'s> {
    /// 1-based source line number.
    pub no: usize,
    /// The text, trimmed (borrowed from the source).
    pub text: &'s str,
    /// How the front-end already classified the line.
    pub kind: LineKind,
    /// The line is the first of a new page (a header here repeats the open table's).
    pub page_start: bool,
}

/// What a front-end already knows about a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Ordinary text: the assembler decides.
    Text,
    /// A heading of this level (a relocated section title).
    Heading(u8),
    /// A paragraph of its own that never joins its neighbours (a "last updated" line).
    Standalone,
}

impl<'s> Line<'s> {
    /// An ordinary text line, trimmed of whitespace other than TAB (a TAB at either end
    /// separates an empty table cell).
    pub fn text(no: usize, text: &'s str) -> Line<'s> {
        let text = if has_solid_ends(text) {
            text
        } else {
            text.trim_matches(|c: char| c.is_whitespace() && c != '\t')
        };
        Line {
            no,
            text,
            kind: LineKind::Text,
            page_start: false,
        }
    }
}

/// The lines of `text` exactly as [`str::lines`] splits them (at `\n`, dropping a `\r`
/// before it), found by one SIMD newline scan over the whole text rather than a search call
/// per line (lines in the docs are short).
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut ends = memchr::memchr_iter(b'\n', text.as_bytes());
    let mut start = 0;
    std::iter::from_fn(move || {
        // `\n` is ASCII, so both ends of a line are character boundaries.
        let Some(end) = ends.next() else {
            let last = text.get(start..).filter(|rest| !rest.is_empty());
            start = text.len();
            return last;
        };
        let line = text.get(start..end).unwrap_or("");
        start = end + 1;
        Some(line.strip_suffix('\r').unwrap_or(line))
    })
}

/// True when `text` starts and ends with a character no trim removes, told from the bytes
/// alone: printable ASCII, or a character from U+4000 up (CJK included), a range without
/// whitespace, whose UTF-8 lead byte is 0xE4 or more. This spares most lines a trim's
/// character decoding.
fn has_solid_ends(text: &str) -> bool {
    solid_start(text) && solid_end(text.as_bytes())
}

/// The first character is printable ASCII or at least U+4000 (see [`has_solid_ends`]).
fn solid_start(text: &str) -> bool {
    text.as_bytes()
        .first()
        .is_some_and(|b| b.is_ascii_graphic() || *b >= 0xE4)
}

/// The last character is printable ASCII or at least U+4000: in UTF-8 a byte of 0xE4 or
/// more three bytes from the end can only start a three-byte last character.
fn solid_end(bytes: &[u8]) -> bool {
    match bytes {
        [.., last] if last.is_ascii_graphic() => true,
        [.., lead, _, _] => *lead >= 0xE4,
        _ => false,
    }
}

/// [`str::trim`], returning at once a line with printable ASCII at both ends.
pub fn trim(text: &str) -> &str {
    if has_solid_ends(text) {
        text
    } else {
        text.trim()
    }
}

/// What a table column holds, from its header name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    /// An identifier: field name, error code, action name.
    Key,
    /// One free token (a region name, a region id).
    Word,
    /// 是 / 否 / Yes / No.
    Required,
    /// A type, possibly several tokens (`Array of String`).
    Type,
    /// Free text; the last text column takes continuation lines.
    Text,
    /// A number.
    Number,
    /// A host name.
    Host,
}

/// Known column names, longest first where one is a prefix of another.
const COLUMNS: &[(&str, Col)] = &[
    ("Parameter Name", Col::Key),
    ("Error Code", Col::Key),
    ("金融区接入地域", Col::Word),
    ("金融区域名", Col::Host),
    ("频率限制（次/秒）", Col::Number),
    ("参数名称", Col::Key),
    ("接口名称", Col::Key),
    ("字段名称", Col::Key),
    ("接口功能", Col::Text),
    ("接入地域", Col::Word),
    ("错误描述", Col::Text),
    ("Description", Col::Text),
    ("Required", Col::Required),
    ("错误码", Col::Key),
    ("名称", Col::Key),
    ("Name", Col::Key),
    ("Type", Col::Type),
    ("必选", Col::Required),
    ("类型", Col::Type),
    ("描述", Col::Text),
    ("说明", Col::Text),
    ("解释", Col::Text),
    ("域名", Col::Host),
    ("地域", Col::Word),
    ("取值", Col::Word),
];

/// Longer tokens are data (base64 in an example value), not type or field names.
const MAX_NAME_LEN: usize = 64;
/// Error codes run longer than field names
/// (`InvalidParameterValue.DiskBackupQuotaLessThenCurrentDiskBackupNum`).
const MAX_KEY_LEN: usize = 100;

/// The first characters of the key and word column names in [`COLUMNS`] (a header's first
/// column is one of them), for a quick reject; a unit test checks the two agree.
const HEADER_FIRST_CHARS: &[char] = &[
    'P', 'E', 'N', '金', '参', '接', '字', '错', '名', '地', '取',
];

/// Recognises a table header line; returns its columns.
fn header_columns(text: &str) -> Option<Vec<Col>> {
    let mut cols = Vec::new();
    scan_header(text, |col| cols.push(col)).then_some(cols)
}

/// Reads `text` as a table header, handing each column to `each` left to right; true when
/// it is one (two or more column names, the first a key or word column). Allocates nothing,
/// so [`is_header`] can ask it of every line.
fn scan_header(text: &str, mut each: impl FnMut(Col)) -> bool {
    let mut rest = if solid_start(text) {
        text
    } else {
        text.trim_start()
    };
    // Quick reject: a header starts with a first-column name.
    if !rest.starts_with(HEADER_FIRST_CHARS) {
        return false;
    }
    let Some((name_len, first)) = column_at(rest) else {
        return false;
    };
    if !matches!(first, Col::Key | Col::Word) {
        return false;
    }
    each(first);
    let mut count = 1;
    rest = rest.get(name_len..).unwrap_or("").trim_start();
    while !rest.is_empty() {
        let Some((name_len, col)) = column_at(rest) else {
            return false;
        };
        each(col);
        count += 1;
        rest = rest.get(name_len..).unwrap_or("").trim_start();
    }
    count >= 2
}

/// The column name `rest` starts with (followed by a space, a TAB or the end): its length in
/// bytes and what the column holds.
fn column_at(rest: &str) -> Option<(usize, Col)> {
    let lead = rest.as_bytes().first()?;
    COLUMNS.iter().find_map(|(name, col)| {
        if name.as_bytes().first() != Some(lead) {
            return None;
        }
        let tail = rest.strip_prefix(name)?;
        (tail.is_empty() || tail.starts_with([' ', '\t'])).then_some((name.len(), *col))
    })
}

/// True for a table row whose cells are all column names (a header row).
pub fn is_header_cells<S: AsRef<str>>(cells: &[S]) -> bool {
    let col = |c: &S| {
        COLUMNS
            .iter()
            .find(|(n, _)| *n == c.as_ref())
            .map(|(_, k)| *k)
    };
    cells.len() >= 2
        && matches!(cells.first().and_then(col), Some(Col::Key | Col::Word))
        && cells.iter().all(|c| col(c).is_some())
}

/// True for a line that is a table header.
pub fn is_header(text: &str) -> bool {
    scan_header(text, |_| {})
}

/// A field name, error code or action name: `Filters.N`, `AuthFailure.SignatureFailure`.
pub fn is_key(token: &str) -> bool {
    if token.len() > MAX_KEY_LEN {
        return false;
    }
    // `Name` or dotted `Name.Part.N`: ASCII letters, digits and `_` in non-empty parts, the
    // first starting with a letter. One pass over the bytes (any non-ASCII byte fails).
    let bytes = token.as_bytes();
    bytes.first().is_some_and(u8::is_ascii_alphabetic)
        && bytes.last() != Some(&b'.')
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.'))
        && !bytes.windows(2).any(|w| w == b"..")
}

/// Display width: CJK and full-width characters count two columns.
pub fn width(text: &str) -> usize {
    text.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

/// `width(text) >= min`, stopping as soon as it is known.
fn width_at_least(text: &str, min: usize) -> bool {
    if text.len() < min / 2 {
        return false;
    }
    let mut w = 0;
    for c in text.chars() {
        w += if is_wide(c) { 2 } else { 1 };
        if w >= min {
            return true;
        }
    }
    false
}

/// True when `text` holds a whitespace character (`char::is_whitespace`). ASCII text (URLs,
/// identifiers, base64) is scanned 16 bytes at a time for any byte that could be whitespace
/// (a control byte, a space, a non-ASCII byte); only from the first such chunk on are the
/// characters decoded.
pub fn has_whitespace(text: &str) -> bool {
    const CHUNK: usize = 16;
    let suspect = |chunk: &[u8]| {
        chunk
            .iter()
            .fold(false, |acc, &b| acc | (b <= b' ') | (b >= 0x80))
    };
    let first = text.as_bytes().chunks(CHUNK).position(suspect);
    // Every byte before the suspect chunk is ASCII, so the chunk starts a character.
    first.is_some_and(|k| {
        text.get(k * CHUNK..)
            .is_some_and(|rest| rest.contains(char::is_whitespace))
    })
}

/// True for CJK / full-width characters.
pub fn is_wide(c: char) -> bool {
    (c as u32) >= 0x2E80
}

/// Joins `next` onto `acc` as a wrapped continuation of the source line `prev`: no
/// separator between CJK text, after a hyphen or slash, or when `prev` is one token that
/// filled the whole line (a URL or base64 the wrap cut); one space between words.
pub fn join_wrapped(acc: &mut String, prev: &str, next: &str) {
    let last = acc.chars().last();
    let first = next.chars().next();
    let cut_token = !has_whitespace(prev);
    let glue = match (last, first) {
        (Some(a), Some(b)) => {
            !(is_wide(a) || is_wide(b) || a == '-' || a == '/' || b == ')' || cut_token)
        }
        _ => false,
    };
    if glue {
        acc.push(' ');
    }
    acc.push_str(next);
}

/// True when the last line of `cell` ends inside a bracketed value (`示例值：[{"Port":`): a
/// value that starts with `[` or `{` at the line's start or right after a `：`/`: ` label and
/// whose brackets are not closed yet. The line after it goes on with the value.
fn open_value(cell: &str) -> bool {
    let line = cell.rsplit('\n').next().unwrap_or("");
    let Some(start) = line.find(['[', '{']) else {
        return false;
    };
    let before = line[..start].trim_end();
    if !(before.is_empty() || before.ends_with(['：', ':'])) {
        return false;
    }
    let mut scan = JsonScan::default();
    scan.feed(&line[start..]);
    scan.depth > 0 || scan.in_str
}

/// Whether a line that follows `prev` in running text continues it (the export wrapped it)
/// rather than starting a new paragraph: `prev` is long and does not end a sentence.
pub fn continues(prev: &str, wrap: bool) -> bool {
    const ENDS: &[char] = &['。', '！', '？', '：', '；', '.', '!', '?', ':', ';'];
    wrap && !prev.ends_with(ENDS) && width_at_least(prev, 60)
}

/// The number of a numbered part heading (`3. Output Parameters` -> 3).
fn part_number(text: &str) -> Option<u32> {
    let (num, _) = numbered_heading_parts(text)?;
    num.parse().ok()
}

/// A numbered part heading: `2. 输入参数`, `4. Example` (short, no sentence punctuation).
pub fn is_numbered_heading(text: &str) -> bool {
    numbered_heading_parts(text).is_some()
}

/// The number and the title of a numbered part heading: one or two ASCII digits, `. `, then
/// a short title without sentence punctuation.
fn numbered_heading_parts(text: &str) -> Option<(&str, &str)> {
    let digits = text.bytes().take(3).take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let (num, rest) = text.split_at_checked(digits)?;
    let rest = rest.strip_prefix(". ")?;
    let title = !rest.trim().is_empty()
        && width(rest) <= 30
        && !rest.contains(['，', '。', '；', ',', '(', '（']);
    title.then_some((num, rest))
}

/// The byte span of the first whitespace-separated token of `text` at or after byte `from`.
fn token_at(text: &str, from: usize) -> Option<(usize, usize)> {
    let rest = text.get(from..)?;
    let start = from + rest.find(|c: char| !c.is_whitespace())?;
    let tail = text.get(start..)?;
    Some((
        start,
        start + tail.find(char::is_whitespace).unwrap_or(tail.len()),
    ))
}

/// Reads tokens of a row, moving on to the following lines when a line runs out (a PDF row's
/// type often sits on the lines after its name). Tokens are found as they are read: most
/// rows tried are given up after a token or two.
struct Cursor<'a> {
    scan: &'a Scanned<'a>,
    line: usize,
    /// Byte offset in the current line after the tokens read so far.
    pos: usize,
    first: usize,
}

/// How many lines a row's structured columns may spread over.
const MAX_ROW_LINES: usize = 4;

impl<'a> Cursor<'a> {
    fn new(scan: &'a Scanned<'a>, line: usize) -> Self {
        Cursor {
            scan,
            line,
            pos: 0,
            first: line,
        }
    }

    fn text(&self) -> &'a str {
        self.scan.text(self.line)
    }

    /// The next token on the current line only.
    fn next_on_line(&mut self) -> Option<&'a str> {
        let text = self.text();
        let (s, e) = token_at(text, self.pos)?;
        self.pos = e;
        text.get(s..e)
    }

    fn peek(&mut self) -> Option<&'a str> {
        // On the current line the next token is at hand; only crossing lines moves the cursor.
        let text = self.text();
        if let Some((s, e)) = token_at(text, self.pos) {
            return text.get(s..e);
        }
        let save = (self.line, self.pos);
        let tok = self.next();
        (self.line, self.pos) = save;
        tok
    }

    /// The next token, crossing into following text lines when this one is exhausted.
    fn next(&mut self) -> Option<&'a str> {
        while token_at(self.text(), self.pos).is_none() {
            let next = self.line + 1;
            let line = self.scan.lines.get(next)?;
            if line.kind != LineKind::Text || next - self.first >= MAX_ROW_LINES {
                return None;
            }
            if self.scan.is_header(next) {
                return None;
            }
            self.line = next;
            self.pos = 0;
        }
        self.next_on_line()
    }

    /// Whatever is left of the current line.
    fn rest_of_line(&self) -> &'a str {
        self.text().get(self.pos..).unwrap_or("").trim()
    }

    fn remaining_on_line(&self) -> usize {
        self.text()
            .get(self.pos..)
            .map_or(0, |rest| rest.split_whitespace().count())
    }
}

/// Parses a type (`Array of Filter`, `Timestamp ISO8601`) from the cursor.
fn parse_type(cur: &mut Cursor) -> Option<String> {
    let first = cur.next()?;
    if first == "Array" {
        if cur.next()? != "of" {
            return None;
        }
        let inner = parse_base_type(cur)?;
        return Some(format!("Array of {inner}"));
    }
    if first == "Array of" {
        return None;
    }
    base_type_from(cur, first)
}

fn parse_base_type(cur: &mut Cursor) -> Option<String> {
    let tok = cur.next()?;
    base_type_from(cur, tok)
}

fn base_type_from(cur: &mut Cursor, tok: &str) -> Option<String> {
    if !is_type_name(tok) {
        return None;
    }
    if tok == "Timestamp" && cur.peek() == Some("ISO8601") {
        cur.next();
        return Some("Timestamp ISO8601".to_string());
    }
    Some(tok.to_string())
}

fn is_required_flag(tok: &str) -> bool {
    matches!(tok, "是" | "否" | "Yes" | "No")
}

/// A parsed row: its cells and the index of the line it ended on.
struct Row {
    cells: Vec<String>,
    last_line: usize,
}

/// Tries to read a row of a table with `cols` starting at `lines[at]`.
fn parse_row(scan: &Scanned<'_>, at: usize, cols: &[Col]) -> Option<Row> {
    let text = scan.text(at);
    let first_char_ok = text.starts_with(|c: char| c.is_ascii_alphabetic());
    if cols.first() == Some(&Col::Key) && !first_char_ok {
        return None;
    }
    let first_token = text.split(char::is_whitespace).next().unwrap_or("");
    if cols.first() == Some(&Col::Key) && !is_key(first_token) {
        return None;
    }
    let mut cur = Cursor::new(scan, at);
    let mut cells = Vec::with_capacity(cols.len());
    for (idx, col) in cols.iter().enumerate() {
        let later = cols.len() - idx - 1;
        let cell = match col {
            Col::Key => cur.next_on_line().filter(|t| is_key(t))?.to_string(),
            Col::Word => cur.next_on_line()?.to_string(),
            Col::Required => cur.next().filter(|t| is_required_flag(t))?.to_string(),
            Col::Type => parse_type(&mut cur)?,
            Col::Number => cur
                .next_on_line()
                .filter(|t| t.chars().all(|c| c.is_ascii_digit()))?
                .to_string(),
            Col::Host => cur
                .next_on_line()
                .filter(|t| t.contains('.') && t.is_ascii())?
                .to_string(),
            Col::Text if later == 0 => cur.rest_of_line().to_string(),
            Col::Text => {
                let take = cur.remaining_on_line().checked_sub(later)?;
                let words: Vec<&str> = (0..take).filter_map(|_| cur.next_on_line()).collect();
                if words.is_empty() {
                    return None;
                }
                words.join(" ")
            }
        };
        cells.push(cell);
    }
    let key_alone = cur.line > at;
    if key_alone && cells.first().is_some_and(|k| k.len() > MAX_NAME_LEN) {
        return None;
    }
    let last_is_text = cols.last() == Some(&Col::Text);
    if !last_is_text && cur.remaining_on_line() > 0 {
        return None;
    }
    Some(Row {
        cells,
        last_line: cur.line,
    })
}

/// An open table: its columns and the row being read (start line, cells, last source line).
struct Table<'a> {
    cols: Vec<Col>,
    header: &'a str,
    row: Option<(usize, Vec<String>, &'a str)>,
    /// Set for a table whose cells are separated by TAB (a browser's copy of a page).
    tab: Option<TabShape>,
}

/// The shape of a TAB-separated table: rows are its TAB lines, never guessed from words.
#[derive(Debug, Clone, Copy)]
struct TabShape {
    /// The header's number of cells.
    width: usize,
    /// Whether the first column holds keys (field names, error codes, actions), known from
    /// the first row: then a TAB line whose first cell is no key starts another table.
    keys: Option<bool>,
}

/// The kind of literal region being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CodeMode {
    /// An HTTP request: request line, headers, then maybe a body.
    Http,
    /// A URL with a query, continued by `&...` lines.
    Query,
    /// JSON with balanced braces.
    Json,
    /// JSON whose opening brace was lost: continues while lines look like JSON.
    Loose,
}

/// Tracks JSON nesting across lines.
#[derive(Debug, Default)]
struct JsonScan {
    depth: i32,
    opened: bool,
    in_str: bool,
}

impl JsonScan {
    /// Reads the bytes of `line`: every byte JSON structure uses is ASCII, and no byte of a
    /// multi-byte character is (one skipped after a `\` leaves the rest of it inert).
    fn feed(&mut self, line: &str) {
        let mut escaped = false;
        for b in line.bytes() {
            if self.in_str {
                match (escaped, b) {
                    (true, _) => escaped = false,
                    (false, b'\\') => escaped = true,
                    (false, b'"') => self.in_str = false,
                    _ => {}
                }
                continue;
            }
            match b {
                b'"' => self.in_str = true,
                b'{' | b'[' => {
                    self.depth += 1;
                    self.opened = true;
                }
                b'}' | b']' => self.depth -= 1,
                _ => {}
            }
        }
    }

    fn closed(&self) -> bool {
        self.opened && self.depth <= 0 && !self.in_str
    }
}

/// A line that starts JSON text (or a JSON member whose brace was lost).
fn looks_like_json(text: &str) -> bool {
    text.starts_with(['{', '}', '[', ']', '"'])
        || text.starts_with(|c: char| c.is_ascii_digit() || c == '-')
        || ["true", "false", "null"]
            .iter()
            .any(|w| text.starts_with(w) && !text[w.len()..].starts_with(char::is_alphanumeric))
}

fn is_http_request_line(text: &str) -> bool {
    if !text.starts_with(['G', 'P', 'D', 'H']) {
        return false;
    }
    let mut parts = text.split(' ');
    let method = parts.next().unwrap_or("");
    matches!(method, "GET" | "POST" | "PUT" | "DELETE" | "HEAD")
        && parts.next().is_some_and(|p| p.starts_with('/'))
        && parts.next().is_some_and(|p| p.starts_with("HTTP/"))
}

fn is_query_url(text: &str) -> bool {
    (text.starts_with("https://") || text.starts_with("http://"))
        && text.contains('?')
        && !has_whitespace(text)
}

/// A line that continues a GET URL's query: `&Name=value`, `&<Common request parameters>`, or
/// `Name.0=value` whose `&` the doc left out.
fn is_query_continuation(text: &str) -> bool {
    text.starts_with('&')
        || text
            .split_once('=')
            .is_some_and(|(name, _)| is_key(name) && !name.is_empty())
}

fn is_http_header(text: &str) -> bool {
    let Some((name, _)) = text.split_once(": ") else {
        return text.starts_with('<') && text.ends_with('>');
    };
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

/// Which code region a line starts, if any.
fn code_start(text: &str) -> Option<CodeMode> {
    if text.starts_with(['{', '[']) {
        Some(CodeMode::Json)
    } else if is_http_request_line(text) {
        Some(CodeMode::Http)
    } else if is_query_url(text) {
        Some(CodeMode::Query)
    } else if text.starts_with('"') && text.contains("\":") {
        Some(CodeMode::Loose)
    } else {
        None
    }
}

/// Reads a code region starting at `lines[at]`; returns the block and the next line index.
fn read_code(lines: &[Line<'_>], at: usize, mode: CodeMode) -> (Block, usize) {
    let mut mode = mode;
    let mut scan = JsonScan::default();
    let mut text_out = String::new();
    let mut nos: Vec<usize> = Vec::new();
    let mut i = at;
    while let Some(line) = lines.get(i) {
        if line.kind != LineKind::Text {
            break;
        }
        let text = line.text;
        if i > at {
            let keep = match mode {
                CodeMode::Json => !scan.closed() && (scan.in_str || looks_like_json(text)),
                CodeMode::Loose => scan.in_str || looks_like_json(text),
                CodeMode::Query => is_query_continuation(text),
                CodeMode::Http => {
                    if text.starts_with(['{', '[']) {
                        mode = CodeMode::Json;
                        true
                    } else if text.starts_with('"') && text.contains("\":") {
                        mode = CodeMode::Loose;
                        true
                    } else {
                        is_http_header(text) || text.starts_with('&')
                    }
                }
            };
            if !keep || (!scan.in_str && is_numbered_heading(text)) {
                break;
            }
        }
        if matches!(mode, CodeMode::Json | CodeMode::Loose) {
            scan.feed(text);
        }
        if !nos.is_empty() {
            text_out.push('\n');
        }
        text_out.push_str(text);
        nos.push(line.no);
        i += 1;
    }
    let block = Block {
        line: nos.first().copied().unwrap_or(0),
        kind: BlockKind::Code { lines: nos },
        text: text_out,
    };
    (block, i.max(at + 1))
}

/// How far below a definition name its table header may be.
const DEFINITION_LOOKAHEAD: usize = 16;

/// A bare type name on its own line followed, after its description, by a table header: the
/// name of a definition (a data structure). The next line must not carry a type (then the
/// line is a field row whose type wrapped), unless it repeats the name: a page break can
/// print the name twice (`BlueprintPrice` / ` BlueprintPrice 自定义镜像的价格参数。`).
/// In a TAB-separated table (`in_tab_table`, or when the header below is a TAB line) a field
/// row never spreads over lines, so that check does not apply.
fn is_definition_name(scan: &Scanned<'_>, at: usize, in_tab_table: bool) -> bool {
    let Some(line) = scan.lines.get(at) else {
        return false;
    };
    let name = line.text;
    if !is_type_name(name) || PRIMITIVE_TYPES.contains(&name) {
        return false;
    }
    let below = scan.lines.iter().enumerate().skip(at + 1);
    let Some((header, _)) = below
        .take(DEFINITION_LOOKAHEAD)
        .take_while(|(_, l)| l.kind == LineKind::Text && !is_numbered_heading(l.text))
        .find(|(j, _)| scan.is_header(*j))
    else {
        return false;
    };
    if in_tab_table || scan.has_tab(header) {
        return true;
    }
    let next = scan.text(at + 1);
    let first = next.split_whitespace().next().unwrap_or("");
    first == name || !(is_type_name(first) || first == "Array")
}

/// The rest of a line that repeats a definition name (`BlueprintPrice 自定义...`), in a paged
/// export only: on a site page a description may start with the name (`Tag key-value pair`).
fn repeated_name_rest<'a>(line: Option<&Line<'a>>, name: &str) -> Option<&'a str> {
    let rest = line?.text.strip_prefix(name)?;
    rest.starts_with(' ').then(|| rest.trim())
}

/// A line directly above a new table's header (not a header repeated after a page break):
/// the table's caption, never part of the table before.
fn is_caption(scan: &Scanned<'_>, at: usize) -> bool {
    scan.lines
        .get(at + 1)
        .is_some_and(|l| l.kind == LineKind::Text && !l.page_start && scan.is_header(at + 1))
}

/// The lines handed to [`assemble`] with what several steps ask of each line, found once per
/// line: whether it holds a TAB and whether it is a table header.
struct Scanned<'a> {
    lines: &'a [Line<'a>],
    tab: Vec<bool>,
    header: Vec<bool>,
}

impl<'a> Scanned<'a> {
    /// `header` holds [`is_header`] of each line.
    fn new(lines: &'a [Line<'a>], header: Vec<bool>) -> Self {
        let tab: Vec<bool> = lines
            .iter()
            .map(|l| memchr::memchr(b'\t', l.text.as_bytes()).is_some())
            .collect();
        Scanned { lines, tab, header }
    }

    /// The text of line `i` (empty past the end).
    fn text(&self, i: usize) -> &'a str {
        self.lines.get(i).map_or("", |l| l.text)
    }

    fn has_tab(&self, i: usize) -> bool {
        self.tab.get(i).copied().unwrap_or(false)
    }

    fn is_header(&self, i: usize) -> bool {
        self.header.get(i).copied().unwrap_or(false)
    }
}

/// The assembler's state: blocks so far, the open paragraph (start line, text, last source
/// line) and table.
struct Assembler<'a> {
    wrap: bool,
    out: Vec<Block>,
    para: Option<(usize, String, &'a str)>,
    table: Option<Table<'a>>,
    /// The number of the last numbered part heading of the section (0: none yet).
    last_part: u32,
}

impl<'a> Assembler<'a> {
    fn flush_para(&mut self) {
        if let Some((line, text, _)) = self.para.take() {
            self.out.push(Block::paragraph(text, line));
        }
    }

    fn flush_row(&mut self) {
        if let Some(table) = &mut self.table {
            if let Some((line, mut cells, _)) = table.row.take() {
                if let Some(shape) = table.tab {
                    fit_cells(&mut cells, shape.width);
                }
                self.out.push(Block::row(cells, line));
            }
        }
    }

    /// True when a numbered line starts a part: always outside a table row; inside one only
    /// when it continues the section's numbering (the next part, or the one after a part
    /// the page leaves out) and does not continue a numbered list of the cell. So `2. Cloud
    /// disk has expired` in a cell of a page with no numbered parts stays in the cell.
    fn starts_part(&self, number: u32) -> bool {
        let Some((_, _, last)) = self.table.as_ref().and_then(|t| t.row.as_ref()) else {
            return true;
        };
        let list_goes_on = part_number(last).is_some_and(|n| n + 1 == number);
        let next = if self.last_part == 0 {
            number == 1
        } else {
            number > self.last_part && number <= self.last_part + 2
        };
        next && !list_goes_on
    }

    /// True when a TAB-separated line is a row of the open table: as wide as its header or
    /// lacking only the last cell (a doc's missing `|`; the cell may follow on a line of
    /// its own), not a header itself, and holding a key in the first cell when the first
    /// row did.
    fn is_tab_row(&self, cells: &[&str]) -> bool {
        let Some(shape) = self.table.as_ref().and_then(|t| t.tab) else {
            return false;
        };
        cells.len() <= shape.width
            && cells.len() + 1 >= shape.width
            && !is_header_cells(cells)
            && (shape.keys != Some(true) || cells.first().is_some_and(|c| is_key(c)))
    }

    /// Handles a line with TABs: the next cells of the open row (a line that starts with a
    /// TAB: the cell before ended in a block), a row of the open table, or a new header.
    fn tab_line(&mut self, line: &Line<'a>) {
        let cells: Vec<&str> = line.text.split('\t').map(str::trim).collect();
        let width = self
            .table
            .as_ref()
            .and_then(|t| t.tab)
            .map_or(0, |t| t.width);
        let open_cells = self
            .table
            .as_ref()
            .and_then(|t| t.row.as_ref())
            .map(|r| r.1.len());
        // A row still short of cells whose last cell ended in a block: the TAB that follows
        // lands at the start of a line. A full row: the line is a row whose first cell is
        // empty.
        if cells.first() == Some(&"") && open_cells.is_some_and(|n| n < width) {
            if let Some((_, row, last)) = self.table.as_mut().and_then(|t| t.row.as_mut()) {
                row.extend(cells.iter().skip(1).map(|c| (*c).to_string()));
                *last = line.text;
            }
            return;
        }
        self.flush_para();
        let empty_first = cells.first() == Some(&"") && open_cells.is_some();
        if empty_first || self.is_tab_row(&cells) {
            self.flush_row();
            if let Some(table) = &mut self.table {
                if let Some(shape) = &mut table.tab {
                    shape
                        .keys
                        .get_or_insert(cells.first().is_some_and(|c| is_key(c)));
                }
                let owned = cells.iter().map(|c| (*c).to_string()).collect();
                table.row = Some((line.no, owned, line.text));
            }
            return;
        }
        self.end_table();
        let owned: Vec<String> = cells.iter().map(|c| (*c).to_string()).collect();
        // A TAB table's first line is its header whatever its column names.
        self.out
            .push(Block::table_row(owned, true, Vec::new(), line.no));
        self.table = Some(Table {
            cols: vec![Col::Text; cells.len()],
            header: line.text,
            row: None,
            tab: Some(TabShape {
                width: cells.len(),
                keys: None,
            }),
        });
    }

    fn end_table(&mut self) {
        self.flush_row();
        self.table = None;
    }

    fn flush_all(&mut self) {
        self.flush_para();
        self.end_table();
    }

    fn paragraph_line(&mut self, line: &Line<'a>) {
        self.end_table();
        match &mut self.para {
            Some((_, text, last)) if continues(last, self.wrap) => {
                join_wrapped(text, last, line.text);
                *last = line.text;
            }
            _ => {
                self.flush_para();
                self.para = Some((line.no, line.text.to_string(), line.text));
            }
        }
    }

    /// Appends a continuation line to the open row's text cell; false if there is none.
    /// Whether `text`, a line without TAB right below a TAB row (no blank line or cell text
    /// between them), ends the table rather than continuing the row's last cell: a browser's
    /// copy puts a heading right below a table (a paragraph gets a blank line first), so a
    /// line that reads like a heading ends it, once the row has all its cells and its last
    /// cell does not end in a colon (an open list: `Value range:` / `PREPAID: Prepaid`). A
    /// cell's own next line is a sentence (`For more information, please see ...`).
    fn complete_tab_row_ends_with(&self, text: &str) -> bool {
        let Some(table) = &self.table else {
            return false;
        };
        let (Some(shape), Some((_, cells, _))) = (table.tab, &table.row) else {
            return false;
        };
        let open_list = cells
            .last()
            .is_some_and(|c| c.trim_end().ends_with([':', '：']));
        cells.len() >= shape.width && !open_list && is_heading_like(text)
    }

    fn continue_row(&mut self, text: &'a str) -> bool {
        let wrap = self.wrap;
        let Some(table) = &mut self.table else {
            return false;
        };
        if table.tab.is_none() && table.cols.last() != Some(&Col::Text) {
            return false;
        }
        let Some((_, cells, last)) = &mut table.row else {
            return false;
        };
        let Some(cell) = cells.last_mut() else {
            return false;
        };
        if cell.is_empty() {
            cell.push_str(text);
        } else if continues(last, wrap) || open_value(cell) {
            join_wrapped(cell, last, text);
        } else {
            cell.push('\n');
            cell.push_str(text);
        }
        *last = text;
        true
    }

    /// Handles a header line: a repeat of the open table's header at a page start is
    /// dropped.
    fn header_line(&mut self, line: &Line<'a>, cols: Vec<Col>) {
        self.flush_para();
        if line.page_start && self.table.as_ref().is_some_and(|t| t.header == line.text) {
            return;
        }
        self.end_table();
        let cells = line.text.split(' ').map(str::to_string).collect();
        self.out
            .push(Block::row(merge_header_cells(cells, cols.len()), line.no));
        self.table = Some(Table {
            cols,
            header: line.text,
            row: None,
            tab: None,
        });
    }

    /// Tries `lines[i]` as a row of the open table; returns the next index on success.
    /// In a TAB-separated table only TAB lines are rows.
    fn try_row(&mut self, scan: &'a Scanned<'a>, i: usize) -> Option<usize> {
        let table = self.table.as_ref().filter(|t| t.tab.is_none())?;
        let row = parse_row(scan, i, &table.cols)?;
        self.flush_row();
        let no = scan.lines.get(i).map_or(0, |l| l.no);
        let last = scan.text(row.last_line);
        if let Some(table) = &mut self.table {
            table.row = Some((no, row.cells, last));
        }
        Some(row.last_line + 1)
    }
}

/// Pads a TAB row to its header's width; cells beyond it join the last one, a line each.
fn fit_cells(cells: &mut Vec<String>, width: usize) {
    if width > 0 && cells.len() > width {
        let extra = cells.split_off(width);
        if let Some(last) = cells.last_mut() {
            for cell in extra.into_iter().filter(|c| !c.is_empty()) {
                if !last.is_empty() {
                    last.push('\n');
                }
                last.push_str(&cell);
            }
        }
    }
    cells.resize(width.max(cells.len()), String::new());
}

/// Header cells split on spaces, with multi-word column names ("Parameter Name") re-joined.
fn merge_header_cells(words: Vec<String>, n: usize) -> Vec<String> {
    if words.len() == n {
        return words;
    }
    let mut rest = words.join(" ");
    let mut cells = Vec::with_capacity(n);
    while !rest.is_empty() {
        let name = COLUMNS
            .iter()
            .map(|(name, _)| *name)
            .find(|name| {
                rest.strip_prefix(name)
                    .is_some_and(|t| t.is_empty() || t.starts_with(' '))
            })
            .unwrap_or("");
        if name.is_empty() {
            cells.push(rest.clone());
            break;
        }
        cells.push(name.to_string());
        rest = rest[name.len()..].trim_start().to_string();
    }
    cells
}

/// Turns cleaned lines into blocks. `wrap` says whether the source wraps running text over
/// several lines (PDF export) or gives every paragraph its own line (site page).
pub fn assemble(lines: &[Line<'_>], wrap: bool) -> Vec<Block> {
    let header = lines.iter().map(|l| is_header(l.text)).collect();
    assemble_with_headers(lines, wrap, header)
}

/// [`assemble`] for a front-end that has already asked [`is_header`] of every line:
/// `header[i]` is `is_header(lines[i].text)`. Flags of another length are asked again.
pub fn assemble_with_headers(lines: &[Line<'_>], wrap: bool, header: Vec<bool>) -> Vec<Block> {
    if header.len() != lines.len() {
        return assemble(lines, wrap);
    }
    let mut asm = Assembler {
        wrap,
        out: Vec::with_capacity(lines.len() / 2),
        para: None,
        table: None,
        last_part: 0,
    };
    let scan = Scanned::new(lines, header);
    let mut i = 0;
    while let Some(line) = lines.get(i) {
        i = step(&mut asm, &scan, i, line);
    }
    asm.flush_all();
    asm.out
}

/// Handles `lines[i]`; returns the index of the next line to handle.
fn step<'a>(asm: &mut Assembler<'a>, scan: &'a Scanned<'a>, i: usize, line: &'a Line) -> usize {
    let lines = scan.lines;
    if line.text.is_empty() {
        return i + 1;
    }
    match line.kind {
        LineKind::Heading(level) => {
            asm.flush_all();
            asm.last_part = 0;
            asm.out.push(Block::heading(level, line.text, line.no));
            return i + 1;
        }
        LineKind::Standalone => {
            asm.flush_para();
            asm.flush_row();
            asm.out.push(Block::paragraph(line.text, line.no));
            return i + 1;
        }
        LineKind::Text => {}
    }
    let text = line.text;
    if scan.has_tab(i) {
        asm.tab_line(line);
        return i + 1;
    }
    if let Some(cols) = scan.is_header(i).then(|| header_columns(text)).flatten() {
        asm.header_line(line, cols);
        return i + 1;
    }
    if let Some(number) = part_number(text).filter(|n| asm.starts_part(*n)) {
        asm.flush_all();
        asm.last_part = number;
        asm.out.push(Block::heading(3, text, line.no));
        return i + 1;
    }
    let in_tab_table = asm.table.as_ref().is_some_and(|t| t.tab.is_some());
    if is_definition_name(scan, i, in_tab_table) {
        asm.flush_all();
        asm.out.push(Block::heading(4, text, line.no));
        return match lines.get(i + 1) {
            Some(next) if asm.wrap => match repeated_name_rest(Some(next), text) {
                Some(rest) => {
                    asm.out.push(Block::paragraph(rest, next.no));
                    i + 2
                }
                None => i + 1,
            },
            // A page has no page breaks: a next line that is the name again is the
            // structure's description (the CVM data-structure page's `Price` / `Price`),
            // not a second definition.
            Some(next) if next.text == text => {
                asm.out.push(Block::paragraph(text, next.no));
                i + 2
            }
            _ => i + 1,
        };
    }
    if asm.table.is_some() {
        if let Some(next) = asm.try_row(scan, i) {
            return next;
        }
    }
    let row_open = asm.table.as_ref().is_some_and(|t| t.row.is_some());
    // A URL with a query is a GET example only when `&` lines continue it; otherwise it is
    // running text.
    let next_is_param = || {
        lines
            .get(i + 1)
            .is_some_and(|l| is_query_continuation(l.text))
    };
    let code = code_start(text).filter(|m| *m != CodeMode::Query || next_is_param());
    // Code inside a row's text is an example value, except in a TAB table, whose cells
    // hold no code blocks: there an HTTP request, a GET URL with its `&` lines or a JSON
    // document of several lines ends the table.
    let ends_tab_table = in_tab_table && code.is_some_and(|m| m != CodeMode::Loose);
    if let Some(mode) = code.filter(|_| !row_open || ends_tab_table) {
        asm.flush_all();
        let (block, next) = read_code(lines, i, mode);
        asm.out.push(block);
        return next;
    }
    let next_cells = lines
        .get(i + 1)
        .filter(|_| scan.has_tab(i + 1))
        .map(|next| next.text.split('\t').map(str::trim).collect::<Vec<&str>>());
    let tab_header_next = next_cells
        .as_ref()
        .is_some_and(|cells| cells.first() != Some(&"") && !asm.is_tab_row(cells));
    let right_below_row =
        i > 0 && scan.has_tab(i - 1) && lines.get(i - 1).is_some_and(|l| l.no + 1 == line.no);
    // A line between two rows of one table is a line of a cell, whatever it reads like.
    let row_next = next_cells
        .as_ref()
        .is_some_and(|cells| asm.is_tab_row(cells));
    if right_below_row && !row_next && asm.complete_tab_row_ends_with(text) {
        asm.flush_all();
    }
    if !is_caption(scan, i) && !tab_header_next && asm.continue_row(text) {
        return i + 1;
    }
    asm.paragraph_line(line);
    i + 1
}

/// Sentence punctuation a line of running text ends with (a heading has none).
const SENTENCE_ENDS: [char; 12] = [
    '.', '。', ':', '：', ';', '；', ',', '，', '!', '！', '?', '？',
];

/// A line that reads like a heading: short, and not ending like a sentence.
fn is_heading_like(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty() && !width_at_least(text, HEADING_MAX_WIDTH) && !text.ends_with(SENTENCE_ENDS)
}

/// Widest line [`is_heading_like`] takes for a heading.
const HEADING_MAX_WIDTH: usize = 100;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_first_chars_are_those_of_the_first_columns() {
        let mut derived: Vec<char> = COLUMNS
            .iter()
            .filter(|(_, col)| matches!(col, Col::Key | Col::Word))
            .filter_map(|(name, _)| name.chars().next())
            .collect();
        derived.sort_unstable();
        derived.dedup();
        let mut listed = HEADER_FIRST_CHARS.to_vec();
        listed.sort_unstable();
        assert_eq!(listed, derived);
        // `取值` was missing from the list, so a value table's header went unrecognised.
        assert!(is_header("取值 描述"));
    }

    // Keys of the Lighthouse doc (lighthouse-api-doc.zh-CN.pdf.txt: `Filters.N`,
    // `InvalidParameterValue.DiskBackupQuotaLessThenCurrentDiskBackupNum`, `Offset`) and the
    // tokens around them that are not keys.
    #[test]
    fn keys_are_dotted_ascii_names() {
        for key in [
            "Filters.N",
            "InvalidParameterValue.DiskBackupQuotaLessThenCurrentDiskBackupNum",
            "Offset",
            "a_b.C_1.2",
            "X",
        ] {
            assert!(is_key(key), "{key}");
        }
        for not_key in [
            "", ".", "A.", ".A", "A..B", "1A", "_A", "参数", "A.参数", "Array of", "A-B", "A.B.",
        ] {
            assert!(!is_key(not_key), "{not_key}");
        }
        assert!(!is_key(&"A".repeat(MAX_KEY_LEN + 1)));
        assert!(is_key(&"A".repeat(MAX_KEY_LEN)));
    }

    // The ASCII fast path agrees with `char::is_whitespace` for every character of the
    // Basic Multilingual Plane, alone and inside ASCII and CJK text, within the first
    // 16-byte chunk and after it.
    #[test]
    fn has_whitespace_agrees_with_char_is_whitespace() {
        for c in (0..=0xFFFF_u32).filter_map(char::from_u32) {
            for text in [
                format!("{c}"),
                format!("https://a{c}b"),
                format!("参数{c}x"),
                format!("https://cloud.tencent.com/{c}"),
            ] {
                assert_eq!(
                    has_whitespace(&text),
                    c.is_whitespace(),
                    "{c:?} in {text:?}"
                );
            }
        }
        assert!(!has_whitespace(
            "https://cloud.tencent.com/document/api/1207/47564"
        ));
    }

    // The byte test for ends that no trim changes agrees with `trim` for every character of
    // the Basic Multilingual Plane at either end, beside ASCII and CJK text.
    #[test]
    fn solid_ends_agree_with_trim() {
        for c in (0..=0xFFFF_u32).filter_map(char::from_u32) {
            for text in [
                format!("{c}"),
                format!("{c}参数"),
                format!("a{c}"),
                format!("参{c}"),
            ] {
                if has_solid_ends(&text) {
                    assert_eq!(text.trim(), text, "{c:?} in {text:?}");
                }
            }
            let cjk = c as u32 >= 0x4000;
            assert_eq!(
                has_solid_ends(&format!("{c}")),
                cjk || c.is_ascii_graphic(),
                "{c:?}"
            );
        }
        assert!(!has_solid_ends(""));
    }

    // The byte-scan line splitter and trim agree with the standard ones on the shapes the
    // exports have (CRLF, a bare CR, blank lines, no final newline, an ideographic space).
    #[test]
    fn lines_and_trim_agree_with_std() {
        for text in [
            "",
            "\n",
            "a",
            "a\n",
            "a\n\n",
            "a\r\nb\r\n",
            "a\rb\r",
            "\r\n\r\n x \n",
            " 1. 接口描述\n\n\u{3000}参数\u{3000}\t\n\tA\t\n",
        ] {
            let ours: Vec<&str> = super::lines(text).collect();
            let std: Vec<&str> = text.lines().collect();
            assert_eq!(ours, std, "{text:?}");
            for line in std {
                assert_eq!(trim(line), line.trim(), "{line:?}");
                assert_eq!(
                    Line::text(1, line).text,
                    line.trim_matches(|c: char| c.is_whitespace() && c != '\t'),
                    "{line:?}"
                );
            }
        }
    }

    /// Lines of `text`; a line written with one leading space starts a page.
    fn lines(text: &str) -> Vec<Line<'_>> {
        text.lines()
            .enumerate()
            .map(|(i, t)| Line {
                page_start: t.starts_with(' '),
                ..Line::text(i + 1, t)
            })
            .collect()
    }

    fn rows(blocks: &[Block]) -> Vec<Vec<String>> {
        blocks
            .iter()
            .filter_map(|b| b.cells().map(<[String]>::to_vec))
            .collect()
    }

    #[test]
    fn header_cells_recognised() {
        let cells = |v: &[&str]| v.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        assert!(is_header_cells(&cells(&[
            "Parameter Name",
            "Required",
            "Type",
            "Description"
        ])));
        assert!(is_header_cells(&cells(&["错误码", "描述"])));
        assert!(!is_header_cells(&cells(&[
            "Action",
            "是",
            "String",
            "公共参数"
        ])));
        assert!(!is_header_cells(&cells(&["描述", "名称"])));
    }

    #[test]
    fn header_recognised_with_multiword_columns() {
        assert!(is_header("参数名称 必选 类型 描述"));
        assert!(is_header("Parameter Name Required Type Description"));
        assert!(is_header("接口名称 接口功能 频率限制（次/秒）"));
        assert!(!is_header("Name String"));
        assert!(!is_header("名称"));
    }

    // lighthouse-api-doc.zh-CN.pdf.txt:6795: the type of a row on the two lines after its name.
    #[test]
    fn row_type_broken_across_lines() {
        let src = "参数名称 必选 类型 描述\nBlueprintIds.N 否\nArray of\nString\n镜像 ID 列表。\n示例值：[\"lhbp-aaaabbbb\"]\nOffset 否 Integer\n偏移量。";
        let blocks = assemble(&lines(src), true);
        let r = rows(&blocks);
        assert_eq!(r.len(), 3);
        assert_eq!(
            r[1],
            vec![
                "BlueprintIds.N",
                "否",
                "Array of String",
                "镜像 ID 列表。\n示例值：[\"lhbp-aaaabbbb\"]"
            ]
        );
        assert_eq!(r[2][2], "Integer");
    }

    // lighthouse-api-doc.zh-CN.pdf.txt:30645: "Timestamp" / "ISO8601" on separate lines.
    #[test]
    fn timestamp_iso8601_rejoined() {
        let src = "名称 类型 描述\nCreatedTime\nTimestamp\nISO8601\n创建时间。\nBlueprintName String\n镜像名称。";
        let r = rows(&assemble(&lines(src), true));
        assert_eq!(r[1], vec!["CreatedTime", "Timestamp ISO8601", "创建时间。"]);
        assert_eq!(r[2][0], "BlueprintName");
    }

    // lighthouse-api-doc.zh-CN.pdf.txt:30434: struct table with the 必选 column after 类型.
    #[test]
    fn struct_table_required_after_type() {
        let src = "名称 类型 必选 描述\nInstanceId String 是\n待挂载的实例ID。";
        let r = rows(&assemble(&lines(src), true));
        assert_eq!(r[1], vec!["InstanceId", "String", "是", "待挂载的实例ID。"]);
    }

    // lighthouse-api-doc.zh-CN.pdf.txt:30424: a data structure name ends the previous table.
    #[test]
    fn definition_name_ends_table() {
        let src = "名称 类型 描述\nMaxAttachCount Integer\n可挂载弹性云盘数量\nAutoMountConfiguration\n自动挂载并初始化该数据盘。\n被如下接口引用：CreateDisks。\n名称 类型 必选 描述\nInstanceId String 是\n待挂载。";
        let blocks = assemble(&lines(src), true);
        let heading = blocks.iter().find(|b| b.heading_level() == Some(4));
        assert_eq!(
            heading.map(|b| b.text.as_str()),
            Some("AutoMountConfiguration")
        );
        let r = rows(&blocks);
        assert_eq!(r[1][2], "可挂载弹性云盘数量");
    }

    // lighthouse-api-doc.zh-CN.pdf.txt:6863: a repeated header after a page break is dropped
    // and the row's description continues.
    #[test]
    fn repeated_header_continues_row() {
        let src = "参数名称 必选 类型 描述\nFilters.N 否 Array of\nFilter\n过滤器列表。\n 参数名称 必选 类型 描述\n场景Id，可通过查看使用场景列表接口获取。";
        let r = rows(&assemble(&lines(src), true));
        assert_eq!(r.len(), 2);
        assert_eq!(r[1][2], "Array of Filter");
        assert_eq!(
            r[1][3],
            "过滤器列表。\n场景Id，可通过查看使用场景列表接口获取。"
        );
    }

    // lighthouse-api-doc.zh-CN.pdf.txt:5936: an HTTP request with its JSON body is one block.
    #[test]
    fn http_request_with_body_is_one_code_block() {
        let src = "输入示例\nPOST / HTTP/1.1\nHost: lighthouse.tencentcloudapi.com\nX-TC-Action: CreateBlueprint\n<公共请求参数>\n{\n\"BlueprintName\": \"test\"\n}\n输出示例\n{\n\"Response\": {}\n}";
        let blocks = assemble(&lines(src), true);
        let codes: Vec<&Block> = blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Code { .. }))
            .collect();
        assert_eq!(codes.len(), 2);
        assert!(codes[0].text.starts_with("POST"));
        assert!(codes[0].text.ends_with('}'));
        assert_eq!(codes[1].text, "{\n\"Response\": {}\n}");
    }

    // lighthouse-api-doc.zh-CN.pdf.txt:19066: a GET example, URL continued by `&` lines.
    #[test]
    fn query_example_is_code() {
        let src = "输入示例\nhttps://lighthouse.tencentcloudapi.com/?Action=ModifyInstancesRenewFlag\n&InstanceIds.0=lhins-ruy9d2tw\n&<公共请求参数>\n输出示例";
        let blocks = assemble(&lines(src), true);
        assert_eq!(blocks[1].code_lines().map(|l| l.len()), Some(3));
    }

    // lighthouse-api-doc.zh-CN.pdf.txt:1841: a paragraph wrapped over two lines is joined.
    #[test]
    fn wrapped_paragraph_joined() {
        let src = "举例来说，参数 Offset=0&Limit=20 返回第 0 到 19 项，Offset=20&Limit=20 返回第 20 到 39 项，Offset=40&Limit=20 返回第 40 到 59 项；以此类\n推。\n新段落。";
        let blocks = assemble(&lines(src), true);
        assert_eq!(blocks.len(), 2);
        assert!(blocks[0].text.ends_with("以此类推。"));
    }

    // lighthouse-api-doc.zh-CN.pdf.txt:30711-30715: a page break printed the definition name
    // twice, the second time with its description.
    #[test]
    fn definition_name_repeated_after_page_break() {
        let src = "名称 类型 描述\nInstanceId String\n实例 ID。\nBlueprintPrice\nBlueprintPrice 自定义镜像的价格参数。\n被如下接口引用：InquirePriceCreateBlueprint。\n名称 类型 描述\nOriginalBlueprintPrice Float\n镜像单价。";
        let blocks = assemble(&lines(src), true);
        let t: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(t[2], "BlueprintPrice");
        assert_eq!(blocks[2].heading_level(), Some(4));
        assert_eq!(t[3], "自定义镜像的价格参数。");
    }

    // A browser's copy puts a heading right below a table and a paragraph after a blank line:
    // codegen/tests/fixtures/corpus-forms/api/API 3.0/计算/云硬盘/简介_intl.page.txt:13-20 and
    // .../调用方式/接口鉴权_intl.page.txt:40-44 end their tables there. A sentence right below
    // a row (创建实例_intl.page.txt:70-71) and the items of a cell ending in a colon
    // (云服务器/数据结构_intl.page.txt:321-323) stay in the row's last cell.
    #[test]
    fn tab_table_ends_at_a_heading_right_below_a_complete_row() {
        let src = "Term\tFull Name\tDescription\nSnapshot\tCloud Disk Snapshot\tUsed to save a copy of a cloud disk.\nDefinitions of input and response parameters\nLimit and Offset\n\nThese parameters are used to control paging.\n\nParameter Name\tDescription\tParameter Value\nVersion\tAPI version\t2017-03-12\n2.1 Sort parameters\n\nFirst, sort all the request parameters.";
        let blocks = assemble(&lines(src), false);
        let paragraphs: Vec<&str> = blocks
            .iter()
            .filter(|b| b.cells().is_none())
            .map(|b| b.text.as_str())
            .collect();
        assert_eq!(
            paragraphs,
            [
                "Definitions of input and response parameters",
                "Limit and Offset",
                "These parameters are used to control paging.",
                "2.1 Sort parameters",
                "First, sort all the request parameters.",
            ]
        );
        let r = rows(&blocks);
        assert_eq!(r[1][2], "Used to save a copy of a cloud disk.");
        assert_eq!(r[3][2], "2017-03-12");

        let src = "Parameter Name\tRequired\tType\tDescription\nClientToken\tNo\tString\tA string to ensure idempotency.\nFor more information, please see How to Ensure Idempotency.\nHostName\tNo\tString\tServer name of CVM.\nName\tType\tDescription\nInstanceChargeType\tString\tBilling method of an instance. Value range:\nPREPAID: Prepaid (by year/month)\nPOSTPAID_BY_HOUR: Postpaid (by traffic)\nNetworkCard\tInteger\tENI type.";
        let r = rows(&assemble(&lines(src), false));
        assert_eq!(
            r[1][3],
            "A string to ensure idempotency.\nFor more information, please see How to Ensure Idempotency."
        );
        assert_eq!(
            r[4][2],
            "Billing method of an instance. Value range:\nPREPAID: Prepaid (by year/month)\nPOSTPAID_BY_HOUR: Postpaid (by traffic)"
        );
        assert_eq!(r.len(), 6);

        // Between two rows of one table, a short line is a line of the cell above.
        let src = "Name\tType\tDescription\nDiskType\tString\tDisk type.\nCLOUD_SSD\nDiskSize\tInteger\tSize.";
        let r = rows(&assemble(&lines(src), false));
        assert_eq!(r.len(), 3);
        assert_eq!(r[1][2], "Disk type.\nCLOUD_SSD");
    }

    // Issue 7: on docs-site pages an all-capitals type name (`Array of CCN`) was not taken for
    // a type, so its row was glued onto the previous field's description. The rows below are
    // written as the site's text copy (spaces between cells, the description on the next line).
    #[test]
    fn all_capitals_and_digit_type_names_start_rows() {
        let src = "参数名称 类型 描述\nVpcId String\n私有网络 ID。\nCcnSet Array of CCN\n云联网列表。\nAddress IPv6Address\nIPv6 地址。\nConfig Ipv6_Config\n配置。";
        let r = rows(&assemble(&lines(src), false));
        let names_and_types: Vec<(&str, &str)> = r
            .iter()
            .skip(1)
            .map(|row| (row[0].as_str(), row[1].as_str()))
            .collect();
        assert_eq!(
            names_and_types,
            [
                ("VpcId", "String"),
                ("CcnSet", "Array of CCN"),
                ("Address", "IPv6Address"),
                ("Config", "Ipv6_Config"),
            ]
        );
        assert_eq!(r[1][2], "私有网络 ID。");
    }

    // codegen/tests/fixtures/corpus-forms/api/API 3.0/计算/云服务器/数据结构_intl.page.txt:461-467
    // and 559-565: on a site page the line under a structure's name is its description, even
    // when it is the name again or starts with it.
    #[test]
    fn page_description_repeating_the_name_is_kept() {
        let src = "Price\nPrice\nUsed by actions: InquiryPriceRunInstances.\nName\tType\tDescription\nInstancePrice\tItemPrice\tInstance price\nTag\nTag key-value pair\nUsed by actions: RunInstances.\nName\tType\tRequired\tDescription\nKey\tString\tYes\tTag key";
        let blocks = assemble(&lines(src), false);
        let t: Vec<(Option<u8>, &str)> = blocks
            .iter()
            .filter(|b| b.cells().is_none())
            .map(|b| (b.heading_level(), b.text.as_str()))
            .collect();
        assert_eq!(
            t,
            [
                (Some(4), "Price"),
                (None, "Price"),
                (None, "Used by actions: InquiryPriceRunInstances."),
                (Some(4), "Tag"),
                (None, "Tag key-value pair"),
                (None, "Used by actions: RunInstances."),
            ]
        );
    }

    // lighthouse-api-doc.zh-CN.pdf.txt:12068-12072: an example value in a description whose
    // wrapped line starts like JSON stays in the description.
    #[test]
    fn json_like_line_in_description_is_not_code() {
        let src = "参数名称 类型 描述\nTemplateRuleSet\nArray of\nFirewallTemplateRuleInfo\n防火墙模板规则信息列表。\n示例值：[{\"Port\":\n\"81\",\"Protocol\": \"TCP\"}]\nRequestId String\n唯一请求 ID。";
        let r = rows(&assemble(&lines(src), true));
        assert_eq!(r.len(), 3);
        assert!(r[1][2].ends_with("\"TCP\"}]"));
    }

    // lighthouse-api-doc.zh-CN.pdf.txt:12062-12072: an example value whose brackets are still
    // open at the end of a line goes on over the next lines, even past a line ending in `:`;
    // it is joined whole, so the description keeps none of it.
    #[test]
    fn wrapped_example_value_is_joined_whole() {
        let src = "参数名称 类型 描述\nTemplateRuleSet\nArray of\nFirewallTemplateRuleInfo\n防火墙模板规则信息列表。\n示例值：[{\"FirewallRuleInfo\": {\"Action\": \"ACCEPT\",\"AppType\": \"user-\ndefined\",\"CidrBlock\": \"0.0.0.0/0\",\"FirewallRuleDescription\": \"tcp 80\",\"Port\":\n\"81\",\"Protocol\": \"TCP\"},\"TemplateRuleId\": \"lhftr-gexf7cmvpq\"}]\nRequestId String\n唯一请求 ID。";
        let r = rows(&assemble(&lines(src), true));
        assert_eq!(r.len(), 3);
        assert_eq!(
            r[1][2],
            "防火墙模板规则信息列表。\n示例值：[{\"FirewallRuleInfo\": {\"Action\": \"ACCEPT\",\"AppType\": \"user-defined\",\"CidrBlock\": \"0.0.0.0/0\",\"FirewallRuleDescription\": \"tcp 80\",\"Port\": \"81\",\"Protocol\": \"TCP\"},\"TemplateRuleId\": \"lhftr-gexf7cmvpq\"}]"
        );
    }

    // lighthouse-api-doc.zh-CN.pdf.txt:26627: base64 lines of an example value are not rows.
    #[test]
    fn base64_lines_are_not_rows() {
        let b64 =
            "WwogICAgewogICAgICAgICJJZCI6ICI4MDllOWQ0MDE0ZjA4ODExNzc5YzA3NjM5ZWMxM2E1M2VlNzBiYTE2N";
        let src = format!("参数名称 类型 描述\nContainerDetail String\n详情。\n示例值：\n{b64}\nRequestId String\n唯一请求 ID。");
        let r = rows(&assemble(&lines(&src), true));
        assert_eq!(r.len(), 3);
        assert_eq!(r[2][0], "RequestId");
    }

    // lighthouse-api-doc.zh-CN.pdf.txt:33410-33415: the caption of the next table ends the
    // previous one even when both tables have the same header.
    #[test]
    fn caption_ends_previous_table() {
        let src = "错误码 说明\nUnsupportedRegion 接口不支持所传地域。\n业务错误码\n错误码 说明\nAuthFailure CAM签名/鉴权错误。";
        let blocks = assemble(&lines(src), true);
        let t: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(t[1], "UnsupportedRegion\t接口不支持所传地域。");
        assert_eq!(t[2], "业务错误码");
        assert_eq!(t[3], "错误码\t说明");
    }

    // lighthouse-api-doc.zh-CN.pdf.txt:15349-15353: a URL in running text that the export
    // wrapped inside the token is text, joined back without spaces.
    #[test]
    fn wrapped_url_in_text_rejoined() {
        let src = "最后组成的 URL 格式如下：\nhttps://img.qcloud.com/qcloud/app/active_vnc/index.html?InstanceVncUrl=wss%3A%2F%2Fbjvnc.qcloud.com%3A26789%2Fvnc%3Fs%3DaH\npjWnRVMFNhYmxKdDM5MjRHNlVTSVQwajNUSW0wb2tBbmFtREFCTmFrcy8vUUNPMG0wSHZNOUUxRm5PMmUzWmFDcWlOdDJIbUJxSTZDL0RXcHZxYnZZMmRkWWZW\ncEZia2lyb09XMzdKNmM9\n默认接口请求频率限制：10次/秒。";
        let blocks = assemble(&lines(src), true);
        assert!(blocks.iter().all(|b| b.code_lines().is_none()));
        assert_eq!(blocks.len(), 3);
        assert!(blocks[1].text.ends_with("%3DaHpjWnRVMFNhYmxKdDM5MjRHNlVTSVQwajNUSW0wb2tBbmFtREFCTmFrcy8vUUNPMG0wSHZNOUUxRm5PMmUzWmFDcWlOdDJIbUJxSTZDL0RXcHZxYnZZMmRkWWZWcEZia2lyb09XMzdKNmM9"));
    }

    #[test]
    fn overview_row_has_three_cells() {
        let src =
            "接口名称 接口功能 频率限制（次/秒）\nCreateBlueprint 创建镜像 20\n备份点相关接口";
        let blocks = assemble(&lines(src), true);
        assert_eq!(rows(&blocks)[1], vec!["CreateBlueprint", "创建镜像", "20"]);
        assert_eq!(
            blocks.last().map(|b| b.text.as_str()),
            Some("备份点相关接口")
        );
    }
}
