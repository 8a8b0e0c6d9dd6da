//! The common stream every front-end produces: headings, paragraphs, table rows and code, each
//! with the 1-based source line it starts on. Only the extractor knows what the docs' sections
//! mean; front-ends only know their file format and its page furniture.

/// What a block is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading; `level` 1 is a page/section title, 2 a numbered part ("2. 输入参数").
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
    },
    /// Literal text: an HTTP request, JSON, a query string.
    Code,
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
