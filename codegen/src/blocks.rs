//! The common stream every front-end produces: headings, paragraphs, table rows and code, each
//! with the 1-based source line it starts on. Only the extractor knows what the docs' sections
//! mean; front-ends only know their file format and its page furniture.
//!
//! # Conventions (every front-end must follow them exactly)
//!
//! - **Furniture is gone.** Running headers/footers, page numbers, link lists, site navigation,
//!   feedback and contact widgets, "Try it" buttons never reach the stream.
//! - **Heading levels.**
//!   - `1`: a chapter or group the next section belongs to (`镜像相关接口`, `调用方式`).
//!   - `2`: a section (page) title: an action's short title (`创建镜像`), `数据结构`,
//!     `API 概览`, `错误码`. A site page's own title (the action name) is also level 2.
//!   - `3`: a numbered part of a section: `1. 接口描述`, `2. Input Parameters`. The text is
//!     the heading as written, number included.
//!   - `4`: the name of a definition that a table follows (a data structure: `Blueprint`).
//!
//!   Titles that the PDF export pushed to the end of a page come back at the start of their
//!   section: before the section's `1. ...` heading, or at the start of the page.
//! - **Dates.** A section's "last updated" line (`最近更新时间：2025-05-14 01:42:31`,
//!   `Last updated: 2023-12-04 16:31:59`, `最后更新时间: ...`) is its own paragraph, right after
//!   the section's title heading when there is one.
//! - **Paragraphs.** One block per paragraph; lines a wrap or page break cut are joined again
//!   (no separator between CJK text, one space between words).
//! - **Tables.** Every table starts with its header row, as written (`参数名称`, `必选`, `类型`,
//!   `描述`). A header repeated after a page break is dropped and rows continue. Each data row
//!   has exactly as many cells as the header; the cells are the columns in header order, with
//!   types re-joined (`Array of String`, `Timestamp ISO8601`) and the free-text column holding
//!   every continuation line of the row (paragraph breaks as `\n`). A row that lacks a column
//!   has an empty cell there. `text` is the cells joined by a tab.
//! - **Code.** One block per literal region (an HTTP request with its JSON body, a JSON
//!   document, a GET URL followed by its `&`-continued query); `text` is its lines joined by
//!   `\n` with page-break damage left as is (repair belongs to the examples module), and
//!   `lines` gives the source line of every line of `text`. A URL in running text is text,
//!   and a token the wrap cut (a long URL, base64) is joined back without a space.
//! - **Definitions.** A level-4 heading (a data structure's name) is followed by its
//!   description paragraph(s), then its field table.
//!
//! # Markup front-ends (Markdown, HTML)
//!
//! Agreed by the Markdown and HTML front-ends, so a page and the HTML rendered from it give the
//! same stream:
//!
//! - A Markdown `#`-heading of level n and an HTML `<hN>` both become a heading of level n+1
//!   (capped at 6). The extractor, not the front-end, decides what a heading means (a numbered
//!   part, a section title, a data structure's name followed by its Name/Type table, an
//!   example title or label); it takes a definition name at any level below the page title,
//!   by structure.
//! - A table's header row is marked as such ([`BlockKind::TableRow::header`]): the markup
//!   says which row is the header, so no column-name list is needed. Plain-text front-ends
//!   mark the rows whose cells are all known column names ([`Block::row`]).
//! - Table cells are text: `<br>` is `\n`, each `<li>` item starts a line, a link keeps its
//!   text, inline code and emphasis lose their markup, empty lines are dropped and every line
//!   is trimmed.
//! - Link targets are kept per cell ([`BlockKind::TableRow::links`], the `href`s as written,
//!   `#Filter`, `/document/api/213/15753#Filter`): a field whose type cell links a data
//!   structure takes that name as its type. Plain-text front-ends have none.
//! - Lists: each item is a paragraph of its own (a nested item too); block quotes are their
//!   paragraphs.

/// Cell and paragraph text as the markup front-ends give it: whitespace collapsed within
/// each line, blank lines dropped, lines joined with `\n`.
pub fn clean_lines(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for line in raw.split('\n') {
        let mut words = line.split_whitespace();
        let Some(first) = words.next() else {
            continue;
        };
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(first);
        for word in words {
            out.push(' ');
            out.push_str(word);
        }
    }
    out
}

/// What a block is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading; see the module doc for the levels.
    Heading {
        /// Nesting level, 1 outermost.
        level: u8,
    },
    /// Running text (lines a page break or wrap cut are joined again).
    Paragraph,
    /// One row of a table; `cells` holds the columns.
    TableRow {
        /// The row's cells, left to right.
        cells: Vec<String>,
        /// True for the table's header row (the column names).
        header: bool,
        /// Per cell, the link targets (`href`s) it holds, as written; empty when the
        /// front-end has no links (plain text) or the row has none.
        links: Vec<Vec<String>>,
    },
    /// Literal text: an HTTP request, JSON, a query string.
    Code {
        /// The source line of each line of the block's text.
        lines: Vec<usize>,
    },
}

/// One block of a source document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// The block's text (for table rows, the cells joined by a tab).
    pub text: String,
    /// 1-based line in the source file where the block starts.
    pub line: usize,
}

impl Block {
    /// A heading of `level` (see the module doc).
    pub fn heading(level: u8, text: impl Into<String>, line: usize) -> Block {
        Block {
            kind: BlockKind::Heading { level },
            text: text.into(),
            line,
        }
    }

    /// A paragraph.
    pub fn paragraph(text: impl Into<String>, line: usize) -> Block {
        Block {
            kind: BlockKind::Paragraph,
            text: text.into(),
            line,
        }
    }

    /// A table row from plain text: a header when every cell is a known column name
    /// ([`crate::parse::text::is_header_cells`]).
    pub fn row(cells: Vec<String>, line: usize) -> Block {
        let header = crate::parse::text::is_header_cells(&cells);
        Block::table_row(cells, header, Vec::new(), line)
    }

    /// A table row whose header flag and per-cell link targets the markup gives.
    pub fn table_row(
        cells: Vec<String>,
        header: bool,
        links: Vec<Vec<String>>,
        line: usize,
    ) -> Block {
        Block {
            text: cells.join("\t"),
            kind: BlockKind::TableRow {
                cells,
                header,
                links,
            },
            line,
        }
    }

    /// True for a table's header row.
    pub fn is_header_row(&self) -> bool {
        matches!(self.kind, BlockKind::TableRow { header: true, .. })
    }

    /// The link targets of cell `index` (empty when it has none).
    pub fn cell_links(&self, index: usize) -> &[String] {
        match &self.kind {
            BlockKind::TableRow { links, .. } => links.get(index).map_or(&[], Vec::as_slice),
            _ => &[],
        }
    }

    /// A code block from its `(source line, text)` lines.
    pub fn code(lines: &[(usize, String)]) -> Block {
        let text = lines
            .iter()
            .map(|(_, t)| t.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        Block {
            kind: BlockKind::Code {
                lines: lines.iter().map(|(n, _)| *n).collect(),
            },
            text,
            line: lines.first().map_or(0, |(n, _)| *n),
        }
    }

    /// The heading level, if this is a heading.
    pub fn heading_level(&self) -> Option<u8> {
        match self.kind {
            BlockKind::Heading { level } => Some(level),
            _ => None,
        }
    }

    /// The cells, if this is a table row.
    pub fn cells(&self) -> Option<&[String]> {
        match &self.kind {
            BlockKind::TableRow { cells, .. } => Some(cells),
            _ => None,
        }
    }

    /// The code lines with their source line numbers, if this is a code block (the lines
    /// borrowed from the block's text).
    pub fn code_lines(&self) -> Option<Vec<(usize, &str)>> {
        match &self.kind {
            BlockKind::Code { lines } => {
                Some(lines.iter().copied().zip(self.text.split('\n')).collect())
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::clean_lines;

    // spec/sources/qcloud-documents/api/API 3.0/计算/云硬盘/调用方式/接口鉴权_intl.md:27-28: a
    // quoted key pair with a doubled space, as a cell or paragraph buffer gives it (with the
    // blank and indented lines a renderer leaves around it).
    #[test]
    fn clean_lines_collapses_whitespace_and_drops_blank_lines() {
        let raw = "\n  SecretId: AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE\n \t\n  SecretKey:\u{3000}Gu5t9xGARNpq86cd98joQYCN3EXAMPLE  \n\n";
        assert_eq!(
            clean_lines(raw),
            "SecretId: AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE\nSecretKey: Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"
        );
        assert_eq!(clean_lines(" \n\t\n"), "");
        assert_eq!(clean_lines("参数  名称\r\n值"), "参数 名称\n值");
    }
}
