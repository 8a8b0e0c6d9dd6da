//! Front-end for a whole product's API doc exported from PDF to text (`*.pdf.txt`).
//!
//! Page furniture removed here: running header (the product name) and footer
//! (`版权所有：... 第N 共M页`), the link list at a page's end, the `推荐使用 API Explorer 点击调试`
//! button. A new page starts at a line with a single leading space (or after a footer).
//! The export pushes a section's title to the end of the page the section starts on:
//! `[parent]` / `title` / `最近更新时间：...`. Those lines are moved back to the start of the
//! section: before the page's last `1. ...` heading above them, or to the start of the page.

use std::collections::HashSet;

use crate::blocks::Block;
use crate::diagnostics::Diagnostic;
use crate::parse::text::{self, Line, LineKind};

/// The "last updated" prefix that ends a pushed-down section title.
const DATE_PREFIX: &str = "最近更新时间：";
/// Widget text to drop.
const WIDGETS: &[&str] = &["推荐使用 API Explorer 点击调试"];

/// What the first pass learned about a raw line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Keep,
    Drop,
}

/// Reads a PDF text export into blocks.
pub fn blocks(source: &str, path: &str, diags: &mut Vec<Diagnostic>) -> Vec<Block> {
    let (starts, raw) = scan_lines(source);
    let mut marks = vec![Mark::Keep; raw.len()];
    let page_starts = mark_furniture(&raw, &starts, &mut marks);
    let header: Vec<bool> = raw
        .iter()
        .map(|l| !l.is_empty() && text::is_header(l))
        .collect();
    let known = known_headings(&raw, &header);
    let mut lines = Vec::with_capacity(raw.len());
    if let Some(title) = raw.iter().position(|l| !l.is_empty()) {
        let text = raw.get(title).map_or("", |t| *t);
        lines.push(Line {
            no: title + 1,
            text,
            kind: LineKind::Heading(1),
            page_start: false,
        });
        if let Some(m) = marks.get_mut(title) {
            *m = Mark::Drop;
        }
    }
    let scan = Scan {
        raw: &raw,
        marks: &marks,
        header: &header,
    };
    for (start, end) in pages(&page_starts, raw.len()) {
        let page = Page { start, end };
        relocate_page(&scan, &starts, page, &known, path, diags, &mut lines);
    }
    let line_headers = lines
        .iter()
        .map(|l| is_header_of(&raw, &header, l))
        .collect();
    text::assemble_with_headers(&lines, true, line_headers)
}

/// The raw lines with what the front-end found out about each: its furniture mark and
/// whether it is a table header.
struct Scan<'r, 'a> {
    raw: &'r [&'a str],
    marks: &'r [Mark],
    header: &'r [bool],
}

/// Whether `line` is a table header: the flag found for its raw line when it is that line's
/// text unchanged, else asked again.
fn is_header_of(raw: &[&str], header: &[bool], line: &Line<'_>) -> bool {
    let i = line.no.wrapping_sub(1);
    let same = raw
        .get(i)
        .is_some_and(|r| r.as_ptr() == line.text.as_ptr() && r.len() == line.text.len());
    match header.get(i) {
        Some(&flag) if same => flag,
        _ => text::is_header(line.text),
    }
}

/// One pass over the lines: whether each starts a page, and its trimmed text. The vectors
/// are sized up front (a line count is cheap next to regrowing them line by line).
fn scan_lines(source: &str) -> (Vec<bool>, Vec<&str>) {
    let count = memchr::memchr_iter(b'\n', source.as_bytes()).count() + 1;
    let mut starts = Vec::with_capacity(count);
    let mut raw = Vec::with_capacity(count);
    for line in text::lines(source) {
        starts.push(is_page_start(line));
        raw.push(text::trim(line));
    }
    (starts, raw)
}

/// Marks footers, running headers, URL lists and widgets as dropped; returns page starts.
/// `raw` holds the trimmed lines, `starts` which of them began a page.
fn mark_furniture(raw: &[&str], starts: &[bool], marks: &mut [Mark]) -> Vec<usize> {
    let header = running_header(raw);
    let mut page_starts = vec![0];
    for (i, line) in raw.iter().enumerate() {
        if is_footer(line) {
            set(marks, i, Mark::Drop);
            page_starts.push(i + 1);
            if let Some(h) = prev_non_blank(raw, i) {
                if Some(raw.get(h).map_or("", |t| *t)) == header.as_deref() {
                    set(marks, h, Mark::Drop);
                }
            }
        } else if starts.get(i) == Some(&true) {
            page_starts.push(i);
        } else if WIDGETS.contains(line) {
            set(marks, i, Mark::Drop);
        }
    }
    mark_url_lists(raw, starts, marks);
    page_starts.sort_unstable();
    page_starts.dedup();
    page_starts
}

fn set(marks: &mut [Mark], i: usize, mark: Mark) {
    if let Some(m) = marks.get_mut(i) {
        *m = mark;
    }
}

/// The running header: the text just above the first footer.
fn running_header(raw: &[&str]) -> Option<String> {
    let footer = raw.iter().position(|l| is_footer(l))?;
    let h = prev_non_blank(raw, footer)?;
    raw.get(h).map(|t| (*t).to_string())
}

fn prev_non_blank(raw: &[&str], i: usize) -> Option<usize> {
    (0..i)
        .rev()
        .find(|&j| raw.get(j).is_some_and(|l| !l.is_empty()))
}

/// `版权所有：腾讯云计算（北京）有限责任公司 第12 共415页`.
pub fn is_footer(line: &str) -> bool {
    let t = line.trim_start();
    if !t.starts_with("版权所有") {
        return false;
    }
    let t = t.trim_end();
    t.ends_with('页') && t.contains('第') && t.contains('共')
}

/// A line starting with exactly one space: the first line of a new page.
fn is_page_start(line: &str) -> bool {
    line.starts_with(' ') && !line.starts_with("  ") && line.len() > 1
}

fn is_url(line: &str) -> bool {
    let t = match line.as_bytes().first() {
        Some(b'h') => line,
        _ if line.starts_with(char::is_whitespace) => line.trim(),
        _ => return false,
    };
    (t.starts_with("https://") || t.starts_with("http://")) && !text::has_whitespace(t)
}

/// Drops runs of URL lines that end a page (followed by a page start, a footer or the end).
fn mark_url_lists(raw: &[&str], starts: &[bool], marks: &mut [Mark]) {
    let link = |k: usize| raw.get(k).is_some_and(|l| is_url(l)) && starts.get(k) != Some(&true);
    let mut i = 0;
    while i < raw.len() {
        if !link(i) {
            i += 1;
            continue;
        }
        let mut j = i;
        while link(j) || raw.get(j).is_some_and(|l| l.is_empty()) {
            j += 1;
        }
        let ends_page = raw
            .get(j)
            .is_none_or(|l| starts.get(j) == Some(&true) || is_footer(l))
            || marks.get(j).is_some_and(|m| *m == Mark::Drop);
        if ends_page {
            for k in i..j {
                set(marks, k, Mark::Drop);
            }
        }
        i = j.max(i + 1);
    }
}

/// Lines known to be headings: the table of contents (`文档目录`) and table captions (a line
/// directly above a table header).
fn known_headings<'a>(raw: &[&'a str], header: &[bool]) -> HashSet<&'a str> {
    let mut set = HashSet::new();
    let toc = raw.iter().position(|l| *l == "文档目录");
    if let Some(toc) = toc {
        for line in raw.iter().skip(toc + 1) {
            let t = line.trim();
            if t.starts_with("第 ") || t.starts_with(DATE_PREFIX) {
                break;
            }
            if !t.is_empty() {
                set.insert(t);
            }
        }
    }
    let mut non_blank: Vec<(&str, bool)> = Vec::with_capacity(raw.len());
    non_blank.extend(
        raw.iter()
            .copied()
            .zip(header.iter().copied())
            .filter(|(l, _)| !l.is_empty()),
    );
    for pair in non_blank.windows(2) {
        if let [(caption, false), (_, true)] = pair {
            set.insert(*caption);
        }
    }
    set
}

/// A page: the index range `start..end` of its lines.
#[derive(Debug, Clone, Copy)]
struct Page {
    start: usize,
    end: usize,
}

/// `(start, end)` index ranges of pages.
fn pages(starts: &[usize], len: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(starts.len());
    for (k, &s) in starts.iter().enumerate() {
        let e = starts.get(k + 1).copied().unwrap_or(len);
        if s < e {
            out.push((s, e));
        }
    }
    out
}

/// The pushed-down title of a page: indices of its parent, title and date lines, and of a
/// ghost line above them.
#[derive(Debug, Default)]
struct Trailer {
    parent: Option<usize>,
    title: Option<usize>,
    date: usize,
    ghost: Option<usize>,
}

/// A damaged copy of the next page's first line left above the pushed-down title (`例` for
/// `4. 示例`, `接 描述` for `1. 接口描述`): short, CJK, its characters in order in that line.
fn is_ghost(candidate: &str, next_first: &str) -> bool {
    let c = candidate.trim();
    if c.is_empty() || c.chars().count() > 12 || !c.chars().any(text::is_wide) {
        return false;
    }
    let mut hay = next_first.chars();
    c.chars()
        .filter(|ch| !ch.is_whitespace())
        .all(|ch| hay.any(|h| h == ch))
}

/// Finds the page's `title` / `最近更新时间：` lines.
fn find_trailer(
    raw: &[&str],
    marks: &[Mark],
    start: usize,
    end: usize,
    known: &HashSet<&str>,
) -> Option<Trailer> {
    let date = (start..end).find(|&i| {
        raw.get(i).is_some_and(|l| l.starts_with(DATE_PREFIX)) && marks.get(i) == Some(&Mark::Keep)
    })?;
    let title = date
        .checked_sub(1)
        .filter(|&t| t >= start && raw.get(t).is_some_and(|l| !l.is_empty()));
    let above = title
        .and_then(|t| prev_non_blank(raw, t))
        .filter(|&p| p >= start && p + 1 < title.unwrap_or(0));
    let above_text = above.and_then(|p| raw.get(p)).map_or("", |l| *l);
    let parent =
        above.filter(|_| known.contains(above_text) && !text::is_numbered_heading(above_text));
    let next_first = raw.get(end).map_or("", |l| *l);
    let ghost = above.filter(|_| parent.is_none() && is_ghost(above_text, next_first));
    Some(Trailer {
        parent,
        title,
        date,
        ghost,
    })
}

/// Emits a page's lines with its pushed-down title moved back to the section start.
fn relocate_page<'a>(
    scan: &Scan<'_, 'a>,
    starts: &[bool],
    page: Page,
    known: &HashSet<&str>,
    path: &str,
    diags: &mut Vec<Diagnostic>,
    out: &mut Vec<Line<'a>>,
) {
    let Page { start, end } = page;
    let Scan { raw, marks, .. } = *scan;
    let trailer = find_trailer(raw, marks, start, end, known);
    let mut moved: Vec<usize> = trailer.as_ref().map_or_else(Vec::new, |t| {
        [t.parent, t.title, Some(t.date), t.ghost]
            .into_iter()
            .flatten()
            .collect()
    });
    moved.extend(page_end_ghost(raw, marks, start, end));
    let section_start = trailer.as_ref().and_then(|t| {
        (start..t.parent.or(t.title).unwrap_or(t.date))
            .rev()
            .find(|&i| raw.get(i).is_some_and(|l| l.starts_with("1. ")))
    });
    let next_is_section = raw.get(end).is_some_and(|l| l.starts_with("1. "));
    let in_place = trailer.as_ref().and_then(|t| {
        let first = t.parent.or(t.title).unwrap_or(t.date);
        let content_after = (t.date + 1..end).any(|i| {
            marks.get(i) == Some(&Mark::Keep) && raw.get(i).is_some_and(|l| !l.is_empty())
        });
        content_after.then_some(first)
    });
    let insert_at = match (&trailer, in_place, section_start) {
        (None, _, _) => usize::MAX,
        (_, Some(first), _) => first,
        (_, None, Some(s)) => s,
        (_, None, None) if next_is_section || page_continues(scan, start) => end,
        (_, None, None) => start,
    };
    let orphan_date = trailer
        .as_ref()
        .is_some_and(|t| t.title.is_none() && section_start.is_none() && in_place.is_none());
    for i in start..=end {
        if i == insert_at {
            if let Some(t) = &trailer {
                if orphan_date {
                    diags.push(Diagnostic::warning(
                        path,
                        t.date + 1,
                        "a \"最近更新时间\" line without its section title: date not attributed",
                    ));
                } else {
                    push_trailer(raw, t, out);
                }
            }
        }
        if i == end || moved.contains(&i) || marks.get(i) != Some(&Mark::Keep) {
            continue;
        }
        if let Some(line) = raw.get(i).filter(|l| !l.is_empty()) {
            out.push(Line {
                page_start: starts.get(i) == Some(&true),
                ..Line::text(i + 1, line)
            });
        }
    }
}

/// The page's last line when it is a damaged copy of the next page's first line with a gap
/// where characters were lost (`第 次发布` above ` 第 26 次发布`).
fn page_end_ghost(raw: &[&str], marks: &[Mark], start: usize, end: usize) -> Option<usize> {
    let last = (start..end).rev().find(|&i| {
        marks.get(i) == Some(&Mark::Keep) && raw.get(i).is_some_and(|l| !l.is_empty())
    })?;
    let text = raw.get(last).map_or("", |l| *l);
    let next = raw.get(end).map_or("", |l| *l);
    let shorter = text.chars().count() < next.chars().count();
    let gap = text.contains(' ');
    let same_start = text.chars().next() == next.chars().next();
    let lost_inside = !next.starts_with(text);
    (shorter && gap && same_start && lost_inside && is_ghost(text, next)).then_some(last)
}

/// The page's first line carries on the previous page: a table header repeated after the
/// break, or JSON. Then the page does not start a section.
fn page_continues(scan: &Scan<'_, '_>, start: usize) -> bool {
    let Scan { raw, marks, header } = *scan;
    let is_header = |i: usize| header.get(i) == Some(&true);
    let kept = |i: &usize| {
        marks.get(*i) == Some(&Mark::Keep) && raw.get(*i).is_some_and(|l| !l.is_empty())
    };
    let Some(first) = (start..raw.len()).find(kept) else {
        return false;
    };
    let text = raw.get(first).map_or("", |l| *l);
    if text.starts_with(['"', '}', ']']) {
        return true;
    }
    is_header(first)
        && (0..start)
            .rev()
            .filter(kept)
            .find(|&i| is_header(i))
            .is_some_and(|i| raw.get(i).copied() == Some(text))
}

fn push_trailer<'a>(raw: &[&'a str], t: &Trailer, out: &mut Vec<Line<'a>>) {
    let mut push = |i: usize, kind: LineKind| {
        if let Some(text) = raw.get(i) {
            out.push(Line {
                no: i + 1,
                text: text.trim(),
                kind,
                page_start: false,
            });
        }
    };
    if let Some(p) = t.parent {
        push(p, LineKind::Heading(1));
    }
    if let Some(ti) = t.title {
        push(ti, LineKind::Heading(2));
    }
    push(t.date, LineKind::Standalone);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(blocks: &[Block]) -> Vec<String> {
        blocks.iter().map(|b| b.text.clone()).collect()
    }

    // lighthouse-api-doc.zh-CN.pdf.txt:1-14: running header and footer are furniture.
    #[test]
    fn header_and_footer_removed() {
        let src = "轻量应用服务器\n\n版权所有：腾讯云计算（北京）有限责任公司 第1 共415页\n\n轻量应用服务器\n\nAPI 文档\n\n轻量应用服务器\n\n版权所有：腾讯云计算（北京）有限责任公司 第2 共415页\n\n正文。";
        let mut d = Vec::new();
        let t = texts(&blocks(src, "x", &mut d));
        assert_eq!(
            t,
            vec!["轻量应用服务器", "轻量应用服务器", "API 文档", "正文。"]
        );
    }

    // lighthouse-api-doc.zh-CN.pdf.txt:5962-5980: the category, the action title and its
    // date were pushed to the end of the page; they come back before "1. 接口描述", and the
    // URL list and the "API Explorer" button go.
    #[test]
    fn pushed_title_moved_to_section_start() {
        let src = "文档目录\n\n镜像相关接口\n\n第 69 次发布\n参数类型\n最近更新时间：2022-08-10 06:38:50\n\nhttps://std.samr.gov.cn/x\n 1. 接口描述\n\n接口请求域名： lighthouse.tencentcloudapi.com 。\n\n输入示例\n\n镜像相关接口\n\n创建镜像\n最近更新时间：2025-05-14 01:42:31\n\n推荐使用 API Explorer 点击调试\n\nhttps://cloud.tencent.com/document/api/1207/47564\n POST / HTTP/1.1\n";
        let mut d = Vec::new();
        let b = blocks(src, "x", &mut d);
        let t = texts(&b);
        let i = t.iter().position(|x| x == "1. 接口描述").unwrap_or(0);
        assert_eq!(
            t[i - 3..i],
            [
                "镜像相关接口",
                "创建镜像",
                "最近更新时间：2025-05-14 01:42:31"
            ]
        );
        assert_eq!(b[i - 3].heading_level(), Some(1));
        assert_eq!(b[i - 2].heading_level(), Some(2));
        assert!(!t
            .iter()
            .any(|x| x.contains("https://cloud") || x.contains("点击调试")));
        assert_eq!(t.last().map(String::as_str), Some("POST / HTTP/1.1"));
    }

    // lighthouse-api-doc.zh-CN.pdf.txt:6168-6190: a JSON example cut by a page break: the
    // pushed title inside it goes, the JSON stays one code block.
    #[test]
    fn json_across_page_break_stays_one_block() {
        let src = " 1. 接口描述\n\n输出示例\n\n{\n\n\"Response\": {\n\n\"Set\": [\n\n{\n\n查询镜像实例信息\n最近更新时间：2025-05-14 01:42:31\n\nhttps://cloud.tencent.com/document/api/1207/47564\n \"A\": 1\n\n}\n\n]\n\n}\n\n}\n\n5. 开发者资源";
        let mut d = Vec::new();
        let b = blocks(src, "x", &mut d);
        let code: Vec<&Block> = b.iter().filter(|x| x.code_lines().is_some()).collect();
        assert_eq!(code.len(), 1);
        assert!(!code[0].text.contains("查询镜像"));
        assert!(code[0].text.contains("\"A\": 1"));
    }

    // lighthouse-api-doc.zh-CN.pdf.txt:9797-9810: the title of the section that starts the
    // next page sits at the end of this one, above a damaged copy of the next page's first
    // line ("接 描述" for "1. 接口描述"): the ghost goes, the title stays with its section and
    // the error rows stay with the previous action.
    #[test]
    fn title_for_next_page_and_ghost_line() {
        let src = " 错误码 描述\n\nUnauthorizedOperation.NoPermission 无权限。\n\n接 描述\n\n查询防火墙规则模板\n最近更新时间：2025-05-14 01:42:28\n 1. 接口描述\n\n接口请求域名： lighthouse.tencentcloudapi.com 。";
        let mut d = Vec::new();
        let b = blocks(src, "x", &mut d);
        let t = texts(&b);
        assert!(!t.iter().any(|x| x.contains("接 描述")));
        let title = t
            .iter()
            .position(|x| x == "查询防火墙规则模板")
            .unwrap_or(0);
        assert_eq!(t.get(title + 2).map(String::as_str), Some("1. 接口描述"));
        assert!(t[..title]
            .iter()
            .any(|x| x.starts_with("UnauthorizedOperation")));
    }

    // lighthouse-api-doc.zh-CN.pdf.txt:2605-2613: a page that continues the previous page's
    // table does not start a section: the title at its end belongs to the next page.
    #[test]
    fn title_after_continued_table_goes_to_next_page() {
        let src = "轻量应用服务器\n\n地域 取值\n\n美国东部（弗吉尼亚） na-ashburn\n\n 地域 取值\n\n美国西部（硅谷） na-siliconvalley\n\n签名方法 v3\n最近更新时间：2024-12-25 01:44:43\n\n 以下文档说明了签名方法 v3 的签名过程。";
        let mut d = Vec::new();
        let b = blocks(src, "x", &mut d);
        let t = texts(&b);
        assert_eq!(t[1], "地域\t取值");
        assert_eq!(t[3], "美国西部（硅谷）\tna-siliconvalley");
        assert_eq!(t[4], "签名方法 v3");
        assert_eq!(b[4].heading_level(), Some(2));
    }

    // lighthouse-api-doc.zh-CN.pdf.txt:1073-1077: "第 次发布" ends a page whose next page
    // starts with "第 26 次发布": the damaged copy goes.
    #[test]
    fn page_end_ghost_removed() {
        let src = "轻量应用服务器\n\n新增成员：InstanceRestrictState\n\n第 次发布\n\nhttps://cloud.tencent.com/document/api/1207/47576#DiskPrice\n 第 26 次发布\n\n发布时间：2022-03-03 08:08:18";
        let mut d = Vec::new();
        let t = texts(&blocks(src, "x", &mut d));
        assert!(!t.iter().any(|x| x == "第 次发布"));
        assert!(t.iter().any(|x| x == "第 26 次发布"));
    }

    // lighthouse-api-doc.zh-CN.pdf.txt:19066: a GET example URL is not a page-end link list.
    #[test]
    fn query_url_is_not_link_list() {
        let src = "输入示例\n\nhttps://lighthouse.tencentcloudapi.com/?Action=X\n\n&A=1\n\n&<公共请求参数>\n\nhttps://cloud.tencent.com/a\n 输出示例";
        let mut d = Vec::new();
        let t = texts(&blocks(src, "x", &mut d));
        assert!(t.iter().any(|x| x.starts_with("https://lighthouse")));
        assert!(!t.iter().any(|x| x.contains("cloud.tencent.com/a")));
    }
}
