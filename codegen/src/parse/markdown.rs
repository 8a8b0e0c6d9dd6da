//! The Markdown front-end: Tencent's own doc sources (`tencentyun/qcloud-documents`), read with
//! pulldown-cmark (tables extension on) into the block stream.
//!
//! What the pages use: `##` headings, pipe tables with `\|`, `<br>`, `<li>`, links and inline
//! HTML in cells, fenced code, `<pre>` blocks, lists and block quotes. The conventions it
//! follows are the markup ones of [`crate::blocks`]: heading level n+1, header rows marked,
//! per-cell link targets, `<br>` as `\n`, list items as paragraphs.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use crate::blocks::{clean_lines, Block, BlockKind};
use crate::diagnostics::Diagnostic;
use crate::parse::text;

/// True when `text` looks like a Markdown doc page: a `#` heading line followed somewhere by
/// a pipe-table delimiter row (`|---|---|`). Used to sniff sources whose name says nothing.
pub fn looks_like_markdown(text: &str) -> bool {
    let mut heading = false;
    for line in text.lines().take(4000) {
        let t = line.trim();
        if t.starts_with("## ") || t.starts_with("# ") {
            heading = true;
        } else if heading && is_delimiter_row(t) {
            return true;
        }
    }
    false
}

/// `|---|:---|` (a pipe table's delimiter row).
fn is_delimiter_row(line: &str) -> bool {
    line.starts_with('|')
        && line.contains('-')
        && line
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// Reads a Markdown source into blocks; repairs of the source's table typos are warnings.
pub fn blocks(source: &str, path: &str, diags: &mut Vec<Diagnostic>) -> Vec<Block> {
    let mut reader = Reader::new(source);
    let parser = Parser::new_ext(source, Options::ENABLE_TABLES).into_offset_iter();
    for (event, range) in parser {
        reader.event(event, range.start);
    }
    reader.flush_paragraph();
    let mut out = reader.out;
    repair_doubled_pipes(&mut out, source, path, diags);
    out
}

/// A row written `|| Name | No | Type | Text |` has an empty first cell and, past the header's
/// width, a cell the table drops. Read without the extra `|` (by the same parser), it is the
/// row the author meant.
fn repair_doubled_pipes(
    blocks: &mut [Block],
    source: &str,
    path: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let lines: Vec<&str> = source.lines().collect();
    let mut header: Option<(usize, usize)> = None;
    for block in blocks.iter_mut() {
        let Some(cells) = block.cells() else {
            header = None;
            continue;
        };
        if block.is_header_row() {
            header = Some((block.line, cells.len()));
            continue;
        }
        let Some((header_line, width)) = header else {
            continue;
        };
        let Some(text) = lines.get(block.line.wrapping_sub(1)) else {
            continue;
        };
        let Some(fixed_line) = text.trim_start().strip_prefix("||") else {
            continue;
        };
        let (Some(head), Some(delimiter)) = (
            lines.get(header_line.wrapping_sub(1)),
            lines.get(header_line),
        ) else {
            continue;
        };
        let mini = format!("{head}\n{delimiter}\n|{fixed_line}\n");
        let mut scratch = Reader::new(&mini);
        for (event, range) in Parser::new_ext(&mini, Options::ENABLE_TABLES).into_offset_iter() {
            scratch.event(event, range.start);
        }
        if let Some(row) = scratch.out.into_iter().nth(1).filter(|r| {
            r.cells()
                .is_some_and(|c| c.len() == width && !c[0].is_empty())
        }) {
            diags.push(Diagnostic::warning(
                path,
                block.line,
                "table row starts with `||`: read without the extra `|`",
            ));
            let (cells, links) = match row.kind {
                BlockKind::TableRow { cells, links, .. } => (cells, links),
                _ => continue,
            };
            *block = Block::table_row(cells, false, links, block.line);
        }
    }
}

/// A table row being read.
#[derive(Default)]
struct RowBuf {
    cells: Vec<String>,
    links: Vec<Vec<String>>,
    line: usize,
    header: bool,
}

/// The walk over pulldown-cmark's events.
struct Reader {
    /// Byte offset of the start of every line.
    line_starts: Vec<usize>,
    out: Vec<Block>,
    /// Inline text of the paragraph, heading, list item or cell being read.
    buf: String,
    buf_line: usize,
    heading: Option<u8>,
    row: Option<RowBuf>,
    cell_links: Vec<String>,
    code: Option<(usize, String)>,
    html: Option<(usize, String)>,
}

impl Reader {
    fn new(source: &str) -> Reader {
        let mut line_starts = vec![0];
        line_starts.extend(
            source
                .bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i + 1),
        );
        Reader {
            line_starts,
            out: Vec::new(),
            buf: String::new(),
            buf_line: 0,
            heading: None,
            row: None,
            cell_links: Vec::new(),
            code: None,
            html: None,
        }
    }

    /// The 1-based line of byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset)
    }

    fn event(&mut self, event: Event<'_>, offset: usize) {
        match event {
            Event::Start(tag) => self.start(tag, offset),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.text(&t, offset),
            Event::Code(t) => self.inline(&t, offset),
            Event::Html(h) => self.html_text(&h, offset),
            Event::InlineHtml(h) => self.inline_html(&h, offset),
            Event::SoftBreak => self.inline(" ", offset),
            Event::HardBreak => self.buf.push('\n'),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, offset: usize) {
        match tag {
            Tag::Heading { level, .. } => {
                self.flush_paragraph();
                self.heading = Some((level as u8).saturating_add(1).min(6));
                self.buf_line = self.line_of(offset);
            }
            Tag::Paragraph | Tag::Item => {
                self.flush_paragraph();
                self.buf_line = self.line_of(offset);
            }
            Tag::TableHead | Tag::TableRow => {
                self.row = Some(RowBuf {
                    line: self.line_of(offset),
                    header: matches!(tag, Tag::TableHead),
                    ..RowBuf::default()
                });
            }
            Tag::TableCell => {
                self.buf.clear();
                self.cell_links.clear();
            }
            Tag::Table(_) | Tag::BlockQuote(_) | Tag::List(_) => self.flush_paragraph(),
            Tag::CodeBlock(kind) => {
                self.flush_paragraph();
                let first = match kind {
                    // The code starts on the line below the opening fence.
                    CodeBlockKind::Fenced(_) => self.line_of(offset) + 1,
                    CodeBlockKind::Indented => self.line_of(offset),
                };
                self.code = Some((first, String::new()));
            }
            Tag::HtmlBlock => {
                self.flush_paragraph();
                self.html = Some((self.line_of(offset), String::new()));
            }
            Tag::Link { dest_url, .. } => self.cell_links.push(dest_url.to_string()),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) => {
                let level = self.heading.take().unwrap_or(2);
                let text = clean_lines(&self.buf).replace('\n', " ");
                if !text.is_empty() {
                    self.out.push(Block::heading(level, text, self.buf_line));
                }
                self.buf.clear();
            }
            TagEnd::Paragraph | TagEnd::Item => self.flush_paragraph(),
            TagEnd::TableCell => {
                let cell = clean_lines(&self.buf);
                self.buf.clear();
                if let Some(row) = self.row.as_mut() {
                    row.cells.push(cell);
                    row.links.push(std::mem::take(&mut self.cell_links));
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some(row) = self.row.take() {
                    let links = if row.links.iter().all(Vec::is_empty) {
                        Vec::new()
                    } else {
                        row.links
                    };
                    self.out
                        .push(Block::table_row(row.cells, row.header, links, row.line));
                }
            }
            TagEnd::CodeBlock => {
                if let Some((first, code)) = self.code.take() {
                    self.push_code(first, &code);
                }
            }
            TagEnd::HtmlBlock => {
                if let Some((line, html)) = self.html.take() {
                    self.html_block(line, &html);
                }
            }
            // Links outside tables are text only.
            TagEnd::Link if self.row.is_none() => self.cell_links.clear(),
            _ => {}
        }
    }

    fn text(&mut self, t: &str, offset: usize) {
        if let Some((_, code)) = self.code.as_mut() {
            code.push_str(t);
            return;
        }
        self.inline(t, offset);
    }

    fn inline(&mut self, t: &str, offset: usize) {
        if self.buf.is_empty() && self.row.is_none() && self.heading.is_none() {
            self.buf_line = self.line_of(offset);
        }
        if t == " " {
            // A soft break: no separator between CJK text, one space between words.
            if self.buf.ends_with(text::is_wide) || self.buf.ends_with([' ', '\n']) {
                return;
            }
        }
        self.buf.push_str(t);
    }

    fn html_text(&mut self, h: &str, offset: usize) {
        if let Some((_, html)) = self.html.as_mut() {
            html.push_str(h);
        } else {
            self.inline_html(h, offset);
        }
    }

    /// `<br>` is a line break, `<li>` starts a line, an `<a href>` keeps its target; other
    /// tags leave no text.
    fn inline_html(&mut self, h: &str, offset: usize) {
        let tag = h.trim().to_ascii_lowercase();
        if tag.starts_with("<br") || tag.starts_with("<li") || tag.starts_with("</li") {
            self.buf.push('\n');
        } else if tag.starts_with("<a ") {
            if let Some(href) = attribute(h, "href") {
                self.cell_links.push(href);
            }
        } else if !tag.starts_with('<') {
            self.inline(h, offset);
        }
    }

    /// An HTML block: `<pre>` is code, anything else its text as a paragraph.
    fn html_block(&mut self, line: usize, html: &str) {
        let lower = html.to_ascii_lowercase();
        if lower.trim_start().starts_with("<pre") {
            let mut lines: Vec<(usize, String)> = Vec::new();
            for (i, l) in html.lines().enumerate() {
                let t = strip_tags(l);
                if !t.trim().is_empty() {
                    lines.push((line + i, decode_entities(t.trim_end())));
                }
            }
            if !lines.is_empty() {
                self.out.push(Block::code(&lines));
            }
            return;
        }
        let text = clean_lines(&decode_entities(&strip_tags(
            &html.replace("<br>", "\n").replace("<br/>", "\n"),
        )));
        if !text.is_empty() {
            self.out.push(Block::paragraph(text, line));
        }
    }

    fn push_code(&mut self, first: usize, code: &str) {
        let lines: Vec<(usize, String)> = code
            .trim_end_matches('\n')
            .split('\n')
            .enumerate()
            .map(|(i, l)| (first + i, l.trim_end().to_string()))
            .collect();
        if lines.iter().any(|(_, l)| !l.trim().is_empty()) {
            self.out.push(Block::code(&lines));
        }
    }

    fn flush_paragraph(&mut self) {
        if self.heading.is_some() || self.row.is_some() {
            return;
        }
        let text = clean_lines(&self.buf);
        self.buf.clear();
        if !text.is_empty() {
            self.out.push(Block::paragraph(text, self.buf_line));
        }
    }
}

/// The value of attribute `name` in one HTML tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let at = lower.find(&format!("{name}="))? + name.len() + 1;
    let rest = tag.get(at..)?;
    let quote = rest.chars().next()?;
    if quote == '"' || quote == '\'' {
        let inner = &rest[1..];
        inner.find(quote).map(|end| inner[..end].to_string())
    } else {
        Some(
            rest.chars()
                .take_while(|c| !c.is_whitespace() && *c != '>')
                .collect(),
        )
    }
}

/// Text with every `<...>` tag removed.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The few entities raw HTML in the docs uses.
fn decode_entities(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(src: &str) -> Vec<Block> {
        let mut diags = Vec::new();
        super::blocks(src, "t.md", &mut diags)
    }

    // spec/sources/qcloud-documents/api/API 3.0/计算/云服务器/密钥相关接口/创建密钥对_intl.md:1-37
    const KEY_PAIR: &str = "## 1. API Description\n\nDomain name for API request: cvm.tencentcloudapi.com\n\nThis API (CreateKeyPair) is used to create an `OpenSSH RSA` key pair.\n\n* Developers only need to specify the key name.\n* The name of key pair must be unique.\n\n## 2. Input Parameters\n\n| Parameter Name | Required | Type | Description |\n|---------|---------|---------|---------|\n| Action | Yes | String | Common parameter. The value used for this API: CreateKeyPair |\n| ProjectId | Yes | Integer | The ID of the project.<br/> You can obtain it: <br/><li>Query the project ID via the project list.<br/><li> Obtain the project ID from the `projectId ` field. |\n\n## 3. Output Parameters\n\n| Parameter Name | Type | Description |\n|---------|---------|---------|\n| KeyPair | [KeyPair](/document/api/213/##KeyPair) | The information of key pair. |\n\n## 5. Example\n\n### Example 1 Create a key pair\n\n#### Input example\n\n```\nhttps://cvm.tencentcloudapi.com/?Action=CreateKeyPair\n&KeyName=Tencent\n```\n";

    #[test]
    fn headings_one_level_down_tables_with_header_and_links() {
        let blocks = blocks(KEY_PAIR);
        let first = &blocks[0];
        assert_eq!(first.heading_level(), Some(3));
        assert_eq!(first.text, "1. API Description");
        assert_eq!(first.line, 1);
        let p = blocks
            .iter()
            .find(|b| b.text.starts_with("This API"))
            .unwrap();
        assert_eq!(
            p.text,
            "This API (CreateKeyPair) is used to create an OpenSSH RSA key pair."
        );
        assert!(blocks
            .iter()
            .any(|b| b.text == "The name of key pair must be unique."
                && b.kind == BlockKind::Paragraph));
        let header = blocks.iter().find(|b| b.is_header_row()).unwrap();
        assert_eq!(
            header.cells().unwrap(),
            ["Parameter Name", "Required", "Type", "Description"]
        );
        assert_eq!(header.line, 12);
        let project = blocks
            .iter()
            .find(|b| b.text.starts_with("ProjectId"))
            .unwrap();
        assert!(!project.is_header_row());
        assert_eq!(project.line, 15);
        assert_eq!(
            project.cells().unwrap()[3],
            "The ID of the project.\nYou can obtain it:\nQuery the project ID via the project list.\nObtain the project ID from the projectId field."
        );
        let key = blocks
            .iter()
            .find(|b| b.text.starts_with("KeyPair\t"))
            .unwrap();
        assert_eq!(key.cells().unwrap()[1], "KeyPair");
        assert_eq!(key.cell_links(1), ["/document/api/213/##KeyPair"]);
        assert!(key.cell_links(0).is_empty());
        let example = blocks
            .iter()
            .find(|b| b.text.starts_with("Example 1"))
            .unwrap();
        assert_eq!(example.heading_level(), Some(4));
        let label = blocks.iter().find(|b| b.text == "Input example").unwrap();
        assert_eq!(label.heading_level(), Some(5));
        let code = blocks.last().unwrap();
        assert_eq!(
            code.code_lines().unwrap(),
            [
                (30, "https://cvm.tencentcloudapi.com/?Action=CreateKeyPair"),
                (31, "&KeyName=Tencent")
            ]
        );
    }

    // 云服务器/调用方式/公共参数_intl.md:18-26: a `<pre>` block holding a GET request.
    #[test]
    fn pre_block_is_code() {
        let src = "Example:\n\n<pre>\nhttps://cvm.tencentcloudapi.com/?Action=DescribeInstances\n&SecretId=xxxxxxx\n</pre>\n\n## Region List\n";
        let blocks = blocks(src);
        let code = blocks.iter().find(|b| b.code_lines().is_some()).unwrap();
        assert_eq!(
            code.code_lines().unwrap(),
            [
                (
                    4,
                    "https://cvm.tencentcloudapi.com/?Action=DescribeInstances"
                ),
                (5, "&SecretId=xxxxxxx")
            ]
        );
    }

    // 云硬盘/调用方式/请求结构_intl.md:11: an escaped `*` and a cell without spaces.
    #[test]
    fn escapes_and_tight_cells() {
        let src = "## 1. Service Address\n\n| Region | Domain Name |\n|----------|------|\n| South China (Guangzhou) |\\*.ap-guangzhou.tencentcloudapi.com|\n| A \\| B | x |\n";
        let blocks = blocks(src);
        assert_eq!(
            blocks[2].cells().unwrap(),
            [
                "South China (Guangzhou)",
                "*.ap-guangzhou.tencentcloudapi.com"
            ]
        );
        assert_eq!(blocks[3].cells().unwrap(), ["A | B", "x"]);
    }

    #[test]
    fn sniffing() {
        use crate::parse::{source_kind, SourceKind};
        assert_eq!(source_kind("page", KEY_PAIR), Some(SourceKind::Markdown));
        assert_eq!(
            source_kind("a/b.md", "anything"),
            Some(SourceKind::Markdown)
        );
        assert!(looks_like_markdown(KEY_PAIR));
        assert!(!looks_like_markdown(
            "1. API Description\n\nParameter Name Type\n"
        ));
    }
}
