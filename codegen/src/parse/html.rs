//! Front-end for a docs-site page saved as HTML, read with `scraper`.
//!
//! It produces the block conventions of [`crate::blocks`] from the page's markup, the same
//! stream the Markdown front-end gives for the page the HTML was rendered from:
//! - `<hN>` is a heading of level N+1 (capped at 6); the extractor decides what it means.
//! - `<p>`, `<li>`, and any other element with text of its own (the "last updated" line sits
//!   in a `<div>`/`<span>`) is a paragraph of its inline content. A list item is its text
//!   without a marker, as the Markdown front-end gives a `- item` and a browser's `innerText`
//!   an `<li>`, so the three forms of a page read alike (the release history's lines too).
//! - `<table>`: the first row is the header (marked as such, `<th>` cells or not), then one
//!   row per `<tr>`, cells padded to the header's width; a cell's `<br>` and block children
//!   (`<li>`, `<p>`) become `\n`, and its `<a href>` targets are kept per cell.
//! - `<pre>` is a code block with the source line of each of its lines.
//!
//! The walk and the text collection keep their own stacks (no recursion), so a page nested
//! 20,000 `<div>`s deep reads like a flat one.
//!
//! Page furniture is left out by element (`nav`, `header`, `footer`, `aside`, `script`,
//! `style`, `button`, `form`, ...) and by class or id words (`feedback`, `toolbar`,
//! `breadcrumb`, `explorer`, `contact`, ...). Line numbers are those of each element's start
//! tag (see `positions`).

mod positions;

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node};

use crate::blocks::{Block, BlockKind};
use crate::diagnostics::Diagnostic;

use positions::Positions;

/// Elements that are never content.
const IGNORED_ELEMENTS: [&str; 15] = [
    "head", "nav", "header", "footer", "aside", "script", "style", "noscript", "template",
    "button", "form", "input", "select", "svg", "iframe",
];

/// Words of a class or id that mark a site widget rather than content.
const WIDGET_WORDS: [&str; 15] = [
    "nav",
    "navbar",
    "menu",
    "sidebar",
    "breadcrumb",
    "feedback",
    "footer",
    "toolbar",
    "explorer",
    "contact",
    "share",
    "rating",
    "cookie",
    "banner",
    "toc",
];

/// Elements whose content flows inline inside a paragraph.
const INLINE: [&str; 18] = [
    "a", "abbr", "b", "bdi", "cite", "code", "em", "font", "i", "kbd", "mark", "q", "s", "small",
    "span", "strong", "sub", "sup",
];

/// Reads an HTML page into blocks. Fails (naming `path`) when the text is not HTML or holds
/// no content at all.
pub fn read_html(path: &str, text: &str) -> Result<Vec<Block>, Diagnostic> {
    if !looks_like_html(text) {
        return Err(Diagnostic::error(
            path,
            1,
            "not an HTML document (no markup found)",
        ));
    }
    let html = Html::parse_document(text);
    let reader = Reader {
        positions: Positions::new(text, &html),
        source: text,
    };
    let mut blocks = Vec::new();
    reader.walk(html.root_element(), &mut blocks);
    if blocks.is_empty() {
        return Err(Diagnostic::error(path, 1, "the HTML page holds no content"));
    }
    Ok(blocks)
}

/// True when the text has an HTML tag near its start.
fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .chars()
        .take(4096)
        .collect::<String>()
        .to_ascii_lowercase();
    [
        "<!doctype html",
        "<html",
        "<body",
        "<h1",
        "<p>",
        "<table",
        "<div",
    ]
    .iter()
    .any(|tag| head.contains(tag))
}

struct Reader<'a> {
    positions: Positions,
    source: &'a str,
}

impl Reader<'_> {
    /// Emits the blocks of `root` and its content, in document order. The walk keeps its own
    /// stack, so a page nested arbitrarily deep cannot exhaust the thread's.
    fn walk(&self, root: ElementRef, out: &mut Vec<Block>) {
        let mut stack = vec![root];
        while let Some(element) = stack.pop() {
            let Some(inline_parent) = self.visit(element, out) else {
                continue;
            };
            let first = stack.len();
            stack.extend(
                element
                    .child_elements()
                    .filter(|child| !(inline_parent && is_inline(*child))),
            );
            stack[first..].reverse();
        }
    }

    /// Emits what `element` itself says; returns `None` when its content is done (furniture,
    /// headings, tables, code), else whether its inline children were part of its text (so
    /// only its other children remain to be walked).
    fn visit(&self, element: ElementRef, out: &mut Vec<Block>) -> Option<bool> {
        if is_furniture(element) {
            return None;
        }
        let line = self.positions.line(element);
        match element.value().name() {
            name @ ("h1" | "h2" | "h3" | "h4" | "h5" | "h6") => {
                let level = name[1..].parse::<u8>().unwrap_or(6);
                let text = inline_text(element);
                push_text(
                    out,
                    BlockKind::Heading {
                        level: (level + 1).min(6),
                    },
                    text,
                    line,
                );
                None
            }
            "table" => {
                self.table(element, out);
                None
            }
            "pre" => {
                self.code(element, out);
                None
            }
            "p" | "li" | "dt" | "dd" | "blockquote" | "caption" | "figcaption" => {
                push_text(out, BlockKind::Paragraph, inline_text(element), line);
                Some(has_own_text(element))
            }
            _ => {
                let own = has_own_text(element);
                if own {
                    push_text(out, BlockKind::Paragraph, inline_text(element), line);
                }
                Some(own)
            }
        }
    }

    fn table(&self, table: ElementRef, out: &mut Vec<Block>) {
        let rows: Vec<ElementRef> = table
            .descendent_elements()
            .filter(|e| e.value().name() == "tr" && nearest_table(*e) == Some(table.id()))
            .collect();
        let mut width = 0;
        for row in rows {
            let cell_elements: Vec<ElementRef> = row
                .child_elements()
                .filter(|c| matches!(c.value().name(), "td" | "th"))
                .collect();
            let mut cells: Vec<String> = cell_elements.iter().map(|c| cell_text(*c)).collect();
            let mut links: Vec<Vec<String>> =
                cell_elements.iter().map(|c| cell_links(*c)).collect();
            // The header is the first row (all `<th>` or not: a page may use `<td>`).
            let header = width == 0;
            if header {
                width = cells.len();
            } else {
                fit_cells(&mut cells, width);
                links.truncate(width);
                links.resize(width, Vec::new());
            }
            if links.iter().all(Vec::is_empty) {
                links.clear();
            }
            if cells.iter().any(|c| !c.is_empty()) {
                out.push(Block::table_row(
                    cells,
                    header,
                    links,
                    self.positions.line(row),
                ));
            }
        }
    }

    fn code(&self, pre: ElementRef, out: &mut Vec<Block>) {
        let text: String = pre.text().collect();
        let first_line = self.content_line(pre);
        let lines: Vec<(usize, String)> = text
            .split('\n')
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, l)| (first_line + i, l.trim_end().to_string()))
            .collect();
        if !lines.is_empty() {
            out.push(Block::code(&lines));
        }
    }

    /// The source line of the first character of a `<pre>`'s text: after its start tag and
    /// any start tags right behind it (`<code>`), and after the line break the HTML parser
    /// drops when it directly follows `<pre>`.
    fn content_line(&self, pre: ElementRef) -> usize {
        let Some(tag) = self.positions.tag(pre) else {
            return self.positions.line(pre);
        };
        let mut offset = tag.end;
        if self
            .source
            .get(offset..)
            .is_some_and(|s| s.starts_with('\n'))
        {
            offset += 1;
        } else {
            while let Some(rest) = self.source.get(offset..) {
                let is_tag = rest.starts_with('<') && !rest.starts_with("</");
                match rest.find('>').filter(|_| is_tag) {
                    Some(end) => offset += end + 1,
                    None => break,
                }
            }
        }
        self.positions.line_of(offset)
    }
}

/// True for navigation, widgets and other page furniture.
fn is_furniture(element: ElementRef) -> bool {
    let value = element.value();
    if IGNORED_ELEMENTS.contains(&value.name()) {
        return true;
    }
    let marks = value.attr("class").into_iter().chain(value.attr("id"));
    marks
        .flat_map(|m| m.split(|c: char| c.is_whitespace() || c == '-' || c == '_'))
        .any(|word| WIDGET_WORDS.contains(&word.to_ascii_lowercase().as_str()))
}

fn is_inline(element: ElementRef) -> bool {
    matches!(element.value().name(), "br" | "img" | "wbr")
        || INLINE.contains(&element.value().name())
}

/// True when `element` has non-blank text directly or in inline children.
fn has_own_text(element: ElementRef) -> bool {
    element.children().any(|child| match child.value() {
        Node::Text(t) => !t.trim().is_empty(),
        Node::Element(_) => ElementRef::wrap(child).is_some_and(|e| {
            is_inline(e) && !is_furniture(e) && e.text().any(|t| !t.trim().is_empty())
        }),
        _ => false,
    })
}

/// The inline text of `element` (block children left out), whitespace collapsed; `<br>` is a
/// line break.
fn inline_text(element: ElementRef) -> String {
    let mut raw = String::new();
    collect_inline(element, &mut raw);
    crate::blocks::clean_lines(&raw)
}

fn collect_inline(element: ElementRef, out: &mut String) {
    collect_text(element, out, |inner| {
        (is_inline(inner) && !is_furniture(inner)).then_some(false)
    });
}

/// Appends a text node as a browser lays it out: outside `<pre>` a line break in the source is
/// white space like any other (the `<p>` of a Markdown paragraph written over two lines, the
/// CVM data-structure page's InstanceFamilyConfig), so it does not break the line.
fn push_flowed(out: &mut String, text: &str, node: ego_tree::NodeRef<'_, Node>) {
    let in_pre = || {
        node.ancestors()
            .any(|a| a.value().as_element().is_some_and(|e| e.name() == "pre"))
    };
    if text.contains(['\n', '\r']) && !in_pre() {
        out.extend(
            text.chars()
                .map(|c| if c == '\n' || c == '\r' { ' ' } else { c }),
        );
    } else {
        out.push_str(text);
    }
}

/// Appends the text under `element` in document order, `<br>` as `\n`. `descend` decides for
/// each element below: `None` leaves it out, `Some(block)` reads it, between line breaks when
/// `block`. Iterative, like [`Reader::walk`].
fn collect_text(
    element: ElementRef,
    out: &mut String,
    descend: impl Fn(ElementRef) -> Option<bool>,
) {
    let mut skip: Option<ego_tree::NodeId> = None;
    let mut blocks: Vec<ego_tree::NodeId> = Vec::new();
    for edge in element.traverse().skip(1) {
        match edge {
            Edge::Open(node) => {
                if skip.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => push_flowed(out, t, node),
                    Node::Element(e) if e.name() == "br" => out.push('\n'),
                    Node::Element(_) => match ElementRef::wrap(node).and_then(&descend) {
                        None => skip = Some(node.id()),
                        Some(true) => {
                            out.push('\n');
                            blocks.push(node.id());
                        }
                        Some(false) => {}
                    },
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skip == Some(node.id()) {
                    skip = None;
                } else if skip.is_none() && blocks.last() == Some(&node.id()) {
                    blocks.pop();
                    out.push('\n');
                }
            }
        }
    }
}

/// A table cell's text: inline text, with `<br>` and each block child on its own line.
fn cell_text(cell: ElementRef) -> String {
    let mut raw = String::new();
    collect_cell(cell, &mut raw);
    crate::blocks::clean_lines(&raw)
}

fn collect_cell(element: ElementRef, out: &mut String) {
    collect_text(element, out, |inner| {
        (!is_furniture(inner)).then(|| !is_inline(inner))
    });
}

/// The link targets (`href`s, as written) inside a table cell, in document order.
fn cell_links(cell: ElementRef) -> Vec<String> {
    cell.descendent_elements()
        .filter(|e| e.value().name() == "a" && !is_furniture(*e))
        .filter_map(|e| e.value().attr("href").map(str::to_string))
        .collect()
}

/// Pads `cells` to `width` with empty cells; extra cells are joined onto the last one.
fn fit_cells(cells: &mut Vec<String>, width: usize) {
    if cells.len() > width && width > 0 {
        let extra: Vec<String> = cells.split_off(width);
        if let Some(last) = cells.last_mut() {
            for cell in extra.into_iter().filter(|c| !c.is_empty()) {
                last.push('\n');
                last.push_str(&cell);
            }
        }
    }
    cells.resize(width.max(cells.len()), String::new());
}

/// The id of the nearest `<table>` around `element`.
fn nearest_table(element: ElementRef) -> Option<ego_tree::NodeId> {
    element
        .ancestors()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == "table"))
        .map(|n| n.id())
}

fn push_text(out: &mut Vec<Block>, kind: BlockKind, text: String, line: usize) {
    if text.is_empty() {
        return;
    }
    out.push(Block { kind, text, line });
}

#[cfg(test)]
mod tests;
