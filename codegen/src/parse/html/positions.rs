//! Source positions for parsed HTML elements.
//!
//! `scraper` keeps no positions, so the source is scanned for start tags separately (comments,
//! `<!...>` declarations, end tags and the raw text of `script`/`style`/`textarea`/`title`
//! skipped, quoted attribute values honoured). The parser creates one element per start tag,
//! in source order, so the k-th element named `x` in document order is the k-th `<x` start tag.
//! Matching per name confines the damage of elements the parser invents (`tbody`, `html`):
//! such an element, or any past the last start tag of its name, gets its parent's line.

use std::collections::HashMap;

use ego_tree::NodeId;
use scraper::{ElementRef, Html};

/// A start tag in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct StartTag {
    /// Byte offset of the `<`.
    pub start: usize,
    /// Byte offset just after the closing `>`.
    pub end: usize,
}

/// Where every element of a document starts.
pub(super) struct Positions {
    tags: HashMap<NodeId, StartTag>,
    line_starts: Vec<usize>,
}

impl Positions {
    /// Maps every element of `html` (parsed from `source`) to its start tag.
    pub fn new(source: &str, html: &Html) -> Positions {
        let by_name = scan_start_tags(source);
        let mut next: HashMap<String, usize> = HashMap::new();
        let mut tags = HashMap::new();
        for element in html.root_element().descendent_elements() {
            let name = element.value().name();
            let index = next.entry(name.to_string()).or_insert(0);
            if let Some(tag) = by_name.get(name).and_then(|list| list.get(*index)) {
                tags.insert(element.id(), *tag);
                *index += 1;
            }
        }
        let line_starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Positions { tags, line_starts }
    }

    /// The start tag of `element` or of its nearest ancestor that has one.
    pub fn tag(&self, element: ElementRef) -> Option<StartTag> {
        std::iter::once(*element)
            .chain(element.ancestors())
            .find_map(|node| self.tags.get(&node.id()).copied())
    }

    /// The 1-based line of `element`'s start tag.
    pub fn line(&self, element: ElementRef) -> usize {
        self.tag(element).map_or(1, |t| self.line_of(t.start))
    }

    /// The 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset)
    }
}

/// Elements whose content is raw text, not markup.
const RAW_TEXT: [&str; 4] = ["script", "style", "textarea", "title"];

/// Start tags by lower-cased name, in source order.
fn scan_start_tags(source: &str) -> HashMap<String, Vec<StartTag>> {
    let bytes = source.as_bytes();
    let mut out: HashMap<String, Vec<StartTag>> = HashMap::new();
    let mut i = 0;
    while let Some(rel) = source.get(i..).and_then(|s| s.find('<')) {
        let start = i + rel;
        let rest = source.get(start..).unwrap_or("");
        if rest.starts_with("<!--") {
            i = find_from(source, start + 4, "-->").map_or(source.len(), |e| e + 3);
            continue;
        }
        let name_len = rest
            .get(1..)
            .unwrap_or("")
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len().saturating_sub(1));
        let starts_with_letter = bytes.get(start + 1).is_some_and(u8::is_ascii_alphabetic);
        if !starts_with_letter {
            // `</x>`, `<!DOCTYPE>`, `<?x?>` or a stray `<`.
            i = if matches!(bytes.get(start + 1), Some(b'/' | b'!' | b'?')) {
                tag_end(source, start + 1)
            } else {
                start + 1
            };
            continue;
        }
        let name = rest.get(1..1 + name_len).unwrap_or("").to_ascii_lowercase();
        let end = tag_end(source, start + 1 + name_len);
        if RAW_TEXT.contains(&name.as_str()) {
            i = raw_text_end(source, end, &name);
        } else {
            i = end;
        }
        out.entry(name).or_default().push(StartTag { start, end });
    }
    out
}

/// Offset just after the `>` that ends a tag whose attributes start at `from`.
fn tag_end(source: &str, from: usize) -> usize {
    let mut quote: Option<char> = None;
    for (i, c) in source.get(from..).unwrap_or("").char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return from + i + 1,
            _ => {}
        }
    }
    source.len()
}

/// Offset after the end tag that closes raw-text element `name` whose content starts at `from`.
fn raw_text_end(source: &str, from: usize, name: &str) -> usize {
    let lower = source.get(from..).unwrap_or("").to_ascii_lowercase();
    let close = format!("</{name}");
    lower.find(&close).map_or(source.len(), |i| from + i)
}

fn find_from(source: &str, from: usize, needle: &str) -> Option<usize> {
    source.get(from..)?.find(needle).map(|i| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_tags_skip_comments_scripts_and_quoted_gt() {
        let source = "<!DOCTYPE html>\n<!-- <p> -->\n<script>if (a<p) {}</script>\n\
                      <p title=\"a>b\">x</p>\n</P><P>y";
        let tags = scan_start_tags(source);
        let p: Vec<usize> = tags["p"].iter().map(|t| t.start).collect();
        assert_eq!(p.len(), 2);
        assert_eq!(source.get(p[0]..p[0] + 2), Some("<p"));
        assert_eq!(source.get(p[1]..p[1] + 2), Some("<P"));
        assert_eq!(tags["script"].len(), 1);
    }

    #[test]
    fn elements_map_to_their_lines_and_invented_ones_to_the_parent() {
        let source = "<html>\n<body>\n<table>\n<tr><td>a</td></tr>\n</table>\n<p>b</p>\n";
        let html = Html::parse_document(source);
        let positions = Positions::new(source, &html);
        let line = |sel: &str| {
            let selector = scraper::Selector::parse(sel).ok();
            let element = selector.and_then(|s| html.select(&s).next());
            element.map(|e| positions.line(e))
        };
        assert_eq!(line("tr"), Some(4));
        assert_eq!(
            line("tbody"),
            Some(3),
            "tbody is invented: its table's line"
        );
        assert_eq!(line("p"), Some(6));
    }
}
