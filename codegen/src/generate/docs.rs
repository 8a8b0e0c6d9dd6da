//! Doc comments from spec text: escaped so rustdoc renders the docs' words as written (no
//! accidental links, HTML, lists, headings or doctests), with URLs as links.

use proc_macro2::TokenStream;
use quote::quote;

use crate::spec::Localized;

/// Language tags in the order they are shown.
const LANGUAGES: &[&str] = &["en-US", "zh-CN"];

/// A doc comment being assembled, one paragraph at a time.
#[derive(Debug, Default, Clone)]
pub struct Doc {
    paragraphs: Vec<String>,
}

impl Doc {
    /// An empty doc.
    pub fn new() -> Doc {
        Doc::default()
    }

    /// Adds a paragraph of markdown written by the generator (not escaped).
    pub fn line(mut self, markdown: impl Into<String>) -> Doc {
        let text = markdown.into();
        if !text.trim().is_empty() {
            self.paragraphs.push(text);
        }
        self
    }

    /// Adds spec text (escaped), every language present, one paragraph per line.
    pub fn text(mut self, text: &Localized) -> Doc {
        for lang in ordered_languages(text) {
            if let Some(t) = text.get(lang) {
                self.paragraphs.extend(
                    t.lines()
                        .map(str::trim)
                        .filter(|l| !l.is_empty())
                        .map(escape),
                );
            }
        }
        self
    }

    /// Adds spec text flattened into one escaped line (for list items), first language with
    /// a non-blank text only (an empty English text never hides a Chinese one).
    pub fn first_line_of(text: &Localized) -> String {
        let joined = ordered_languages(text)
            .into_iter()
            .filter_map(|lang| text.get(lang))
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .find(|t| !t.is_empty())
            .unwrap_or_default();
        escape(&joined)
    }

    /// Appends the paragraphs of `other`.
    pub fn extend(mut self, other: Doc) -> Doc {
        self.paragraphs.extend(other.paragraphs);
        self
    }

    /// Whether nothing was added.
    pub fn is_empty(&self) -> bool {
        self.paragraphs.is_empty()
    }

    /// `#[doc = ...]` attributes (outer).
    pub fn tokens(&self) -> TokenStream {
        let lines = self.doc_lines();
        quote! { #(#[doc = #lines])* }
    }

    /// `#![doc = ...]` attributes (inner, for a module).
    pub fn inner_tokens(&self) -> TokenStream {
        let lines = self.doc_lines();
        quote! { #(#![doc = #lines])* }
    }

    /// One string per `///` line, with a leading space and blank lines between paragraphs.
    fn doc_lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        for (i, p) in self.paragraphs.iter().enumerate() {
            if i > 0 {
                lines.push(String::new());
            }
            lines.extend(p.lines().map(|l| {
                if l.is_empty() {
                    String::new()
                } else {
                    format!(" {l}")
                }
            }));
        }
        lines
    }
}

/// The languages of `text`: known ones in display order, then any others sorted.
fn ordered_languages(text: &Localized) -> Vec<&str> {
    let mut langs: Vec<&str> = LANGUAGES
        .iter()
        .copied()
        .filter(|l| text.contains_key(*l))
        .collect();
    langs.extend(
        text.keys()
            .map(String::as_str)
            .filter(|k| !LANGUAGES.contains(k)),
    );
    langs
}

/// `value` as an inline code span (backticks in it handled).
pub fn code(value: &str) -> String {
    let flat = value.split_whitespace().collect::<Vec<_>>().join(" ");
    let longest_run = flat.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest_run + 1);
    if flat.is_empty() {
        return "`\"\"`".to_owned();
    }
    let pad = if flat.starts_with('`') || flat.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{flat}{pad}{fence}")
}

/// Escapes one line of spec text for markdown; URLs become autolinks.
pub fn escape(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line;
    while let Some(start) = find_url(rest) {
        let (before, from_url) = rest.split_at(start);
        escape_plain(before, &mut out);
        let end = from_url
            .find(|c: char| c.is_whitespace() || "<>\"'`，。；）()[]{}|\\^".contains(c))
            .unwrap_or(from_url.len());
        let (url, after) = from_url.split_at(end);
        out.push('<');
        out.push_str(url);
        out.push('>');
        rest = after;
    }
    escape_plain(rest, &mut out);
    escape_line_start(out)
}

/// Byte offset of the next `http://` or `https://`.
fn find_url(text: &str) -> Option<usize> {
    match (text.find("http://"), text.find("https://")) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Backslash-escapes markdown punctuation that could change the rendering.
fn escape_plain(text: &str, out: &mut String) {
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
}

/// Escapes what markdown reads specially at the start of a line (headings, lists, quotes).
fn escape_line_start(line: String) -> String {
    let trimmed = line.trim_start();
    let first = trimmed.chars().next();
    let ordered = trimmed
        .char_indices()
        .find(|(_, c)| !c.is_ascii_digit())
        .filter(|&(i, c)| i > 0 && (c == '.' || c == ')'));
    if let Some((i, _)) = ordered {
        let (digits, rest) = trimmed.split_at(i);
        return format!("{digits}\\{rest}");
    }
    match first {
        Some('#' | '-' | '+' | '=' | '>') => format!("\\{trimmed}"),
        _ => trimmed.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `FailedOperation.InsufficientBalance` as the spec holds it: the English pages list the
    /// code without a text (spec/sources/lighthouse-CreateBlueprint.en-US.page.txt:89), the
    /// Chinese doc gives one (spec/sources/lighthouse-api-doc.zh-CN.pdf.txt:6055).
    fn insufficient_balance() -> Localized {
        [
            ("en-US".to_owned(), String::new()),
            ("zh-CN".to_owned(), "账户余额不足, 请及时充值。".to_owned()),
        ]
        .into()
    }

    #[test]
    fn an_empty_english_text_does_not_hide_the_chinese_one() {
        assert_eq!(
            Doc::first_line_of(&insufficient_balance()),
            "账户余额不足, 请及时充值。"
        );
        let english: Localized = [
            ("en-US".to_owned(), "Insufficient balance.".to_owned()),
            ("zh-CN".to_owned(), "账户余额不足".to_owned()),
        ]
        .into();
        assert_eq!(Doc::first_line_of(&english), "Insufficient balance.");
    }

    #[test]
    fn brackets_and_tags_are_escaped() {
        assert_eq!(escape("示例值：['a_b']"), "示例值：\\['a\\_b'\\]");
        assert_eq!(escape("<公共请求参数>"), "\\<公共请求参数\\>");
    }

    #[test]
    fn urls_become_autolinks() {
        assert_eq!(
            escape("see https://cloud.tencent.com/document/api/1207/47564 now"),
            "see <https://cloud.tencent.com/document/api/1207/47564> now"
        );
        assert_eq!(escape("链接：https://a.b/c。"), "链接：<https://a.b/c>。");
    }

    #[test]
    fn line_starts_that_markdown_reads_are_escaped() {
        assert_eq!(escape("- 创建实例时"), "\\- 创建实例时");
        assert_eq!(escape("1. 接口描述"), "1\\. 接口描述");
        assert_eq!(escape("# x"), "\\# x");
        assert_eq!(escape("    indented"), "indented");
    }

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(code("lhins-1"), "`lhins-1`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
    }

    #[test]
    fn paragraphs_are_separated_by_blank_lines() {
        let mut text = Localized::new();
        text.insert("zh-CN".to_owned(), "第一行\n\n第二行".to_owned());
        text.insert("en-US".to_owned(), "First".to_owned());
        let doc = Doc::new().text(&text);
        assert_eq!(doc.doc_lines(), [" First", "", " 第一行", "", " 第二行"]);
    }
}
