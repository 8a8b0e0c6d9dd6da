//! The fixtures under `tests/fixtures/html/` are hand-written HTML versions of the English
//! pages in `spec/sources/`, shaped like the docs site (header, sidebar navigation, toolbar,
//! breadcrumb, API Explorer widget, feedback and contact blocks, footer, scripts).

use serde_json::json;

use super::*;
use crate::parse::examples::parse_json_example;

const SYNC: &str = include_str!("../../../tests/fixtures/html/SyncBlueprint.en-US.html");
const SYNC_PATH: &str = "codegen/tests/fixtures/html/SyncBlueprint.en-US.html";

fn blocks(text: &str) -> Vec<Block> {
    match read_html(SYNC_PATH, text) {
        Ok(blocks) => blocks,
        Err(d) => panic!("{d}"),
    }
}

fn find<'a>(blocks: &'a [Block], text: &str) -> &'a Block {
    match blocks.iter().find(|b| b.text == text) {
        Some(b) => b,
        None => panic!("no block {text:?} in {blocks:#?}"),
    }
}

/// The 1-based line of the first occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    let offset = text.find(needle).unwrap_or(0);
    text[..offset].matches('\n').count() + 1
}

#[test]
fn title_date_and_numbered_parts_follow_the_block_conventions() {
    let blocks = blocks(SYNC);
    let first: Vec<(&BlockKind, &str)> = blocks
        .iter()
        .take(3)
        .map(|b| (&b.kind, b.text.as_str()))
        .collect();
    assert_eq!(
        first,
        vec![
            (&BlockKind::Heading { level: 2 }, "SyncBlueprint"),
            (&BlockKind::Paragraph, "最后更新时间: 2026-01-13 21:47:51"),
            (&BlockKind::Heading { level: 3 }, "1. API Description"),
        ]
    );
    let part = find(&blocks, "6. Error Code");
    assert_eq!(part.kind, BlockKind::Heading { level: 3 });
    assert_eq!(part.line, line_of(SYNC, "<h2 id=\"6.-error-code\">"));
    // Every `<hN>` is a heading of level N+1; the extractor decides what it means.
    assert_eq!(
        find(&blocks, "Input Example").kind,
        BlockKind::Heading { level: 5 }
    );
    assert_eq!(find(&blocks, "SDK").kind, BlockKind::Heading { level: 4 });
}

#[test]
fn furniture_never_reaches_the_stream() {
    let blocks = blocks(SYNC);
    let junk = [
        "tencent cloud",
        "Products",
        "History",
        "Download",
        "Try it",
        "We recommend you to use API Explorer",
        "Was this page helpful?",
        "Contact Us",
        "Documentation",
    ];
    for block in &blocks {
        for word in junk {
            assert!(!block.text.starts_with(word), "{word:?} leaked: {block:?}");
        }
        assert!(
            !block.text.contains("__DOC_STATE__"),
            "script leaked: {block:?}"
        );
        assert!(!block.text.contains("padding"), "style leaked: {block:?}");
    }
}

#[test]
fn tables_give_a_header_row_then_rows_with_their_lines() {
    let blocks = blocks(SYNC);
    let header = find(&blocks, "Parameter Name\tRequired\tType\tDescription");
    assert_eq!(header.line, line_of(SYNC, "<tr><th>Parameter Name"));
    let row = blocks
        .iter()
        .find(|b| b.text.starts_with("DestinationRegions.N\t"));
    let row = row.map(|b| (b.cells().map(<[String]>::to_vec), b.line));
    let expected_cells = vec![
        "DestinationRegions.N".to_string(),
        "Yes".to_string(),
        "Array of String".to_string(),
        "List of target regions for image synchronization.".to_string(),
    ];
    let expected_line = line_of(SYNC, "<td>DestinationRegions.N") - 1;
    assert_eq!(row, Some((Some(expected_cells), expected_line)));
    let errors = blocks
        .iter()
        .filter(|b| b.cells().is_some_and(|c| c.len() == 2))
        .count();
    assert_eq!(errors, 1 + 21, "error table: header + 21 codes");
}

#[test]
fn code_blocks_keep_each_line_number_and_parse_as_examples() {
    let blocks = blocks(SYNC);
    let code: Vec<&Block> = blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Code { .. }))
        .collect();
    assert_eq!(code.len(), 2);
    let input = code
        .first()
        .and_then(|b| b.code_lines())
        .unwrap_or_default();
    assert_eq!(
        input.first(),
        Some(&(line_of(SYNC, "POST / HTTP/1.1"), "POST / HTTP/1.1"))
    );
    assert!(input.contains(&(
        line_of(SYNC, "&lt;Common request parameters&gt;"),
        "<Common request parameters>"
    )));
    let mut diags = Vec::new();
    let value = parse_json_example(&input, SYNC_PATH, &mut diags);
    let expected = json!({"BlueprintId": "lhbp-ls883feh",
                          "DestinationRegions": ["ap-singapore", "ap-hongkong"]});
    assert_eq!(value, Some(expected));
    assert!(diags.is_empty(), "{diags:?}");
}

#[test]
fn lists_and_nested_lists_are_paragraphs_in_order() {
    let blocks = blocks(SYNC);
    let outer = find(
        &blocks,
        "Synchronization between Chinese mainland regions and regions outside the Chinese \
         mainland is not supported.",
    );
    let inner = find(
        &blocks,
        "You can use the DescribeBlueprints API to query the image status. When the status is \
         NORMAL, it indicates that the source region synchronization ends.",
    );
    assert_eq!(outer.kind, BlockKind::Paragraph);
    assert!(inner.line > outer.line);
    let link = find(
        &blocks,
        "The following request parameter list only provides API request parameters and some \
         common parameters. For the complete common parameter list, see Common Request \
         Parameters.",
    );
    assert_eq!(link.kind, BlockKind::Paragraph);
}

#[test]
fn cells_keep_line_breaks_and_short_rows_are_padded() {
    let page = "<!DOCTYPE html><html><body>\n<h3>Blueprint</h3>\n<table>\n\
                <tr><th>Name</th><th>Type</th><th>Description</th></tr>\n\
                <tr><td>A</td><td>String</td><td><p>one</p><p>two  words</p></td></tr>\n\
                <tr><td>B</td></tr>\n</table></body></html>";
    let blocks = blocks(page);
    let kinds: Vec<&BlockKind> = blocks.iter().map(|b| &b.kind).collect();
    assert_eq!(kinds.first(), Some(&&BlockKind::Heading { level: 4 }));
    let cells: Vec<Vec<String>> = blocks
        .iter()
        .filter_map(|b| b.cells().map(<[String]>::to_vec))
        .collect();
    assert_eq!(
        cells,
        vec![
            vec![
                "Name".to_string(),
                "Type".to_string(),
                "Description".to_string()
            ],
            vec![
                "A".to_string(),
                "String".to_string(),
                "one\ntwo words".to_string()
            ],
            vec!["B".to_string(), String::new(), String::new()],
        ]
    );
    let lines: Vec<usize> = blocks.iter().map(|b| b.line).collect();
    assert_eq!(lines, vec![2, 4, 5, 6]);
}

#[test]
fn pre_line_numbers_account_for_the_dropped_first_newline() {
    let page = "<html><body>\n<pre>\n{\n  \"a\": 1\n}</pre>\n<pre><code>x\ny</code></pre>\n";
    let blocks = blocks(page);
    let lines: Vec<Vec<(usize, &str)>> = blocks.iter().filter_map(Block::code_lines).collect();
    assert_eq!(
        lines,
        vec![
            vec![(3, "{"), (4, "  \"a\": 1"), (5, "}")],
            vec![(6, "x"), (7, "y")],
        ]
    );
}

#[test]
fn non_html_and_empty_pages_are_errors_naming_the_file() {
    for text in [
        "",
        "plain text, no markup",
        "<html><body><nav>only nav</nav></body></html>",
    ] {
        match read_html("x/page.html", text) {
            Ok(blocks) => panic!("{text:?} gave {blocks:?}"),
            Err(d) => {
                assert_eq!(d.path, "x/page.html");
                assert_eq!(d.severity, crate::diagnostics::Severity::Error);
            }
        }
    }
}

/// Parses one source through [`crate::parse::parse_files`]; source references are blanked
/// so specs from different files compare.
fn spec_of(relative: &str) -> (crate::spec::Spec, Vec<String>) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(std::path::Path::to_path_buf)
        .unwrap_or_default();
    let report = match crate::parse::parse_files(&[root.join(relative)], &root) {
        Ok(report) => report,
        Err(e) => panic!("{relative}: {e}"),
    };
    let warnings = report
        .diagnostics
        .iter()
        .map(|d| d.message.clone())
        .collect();
    let Some(mut spec) = report.specs.into_iter().next() else {
        panic!("{relative}: no spec");
    };
    spec.sources.clear();
    let blank = crate::spec::SourceRef {
        path: String::new(),
        line: 0,
    };
    for action in &mut spec.actions {
        action.source = blank.clone();
    }
    for ty in &mut spec.types {
        ty.source = blank.clone();
    }
    (spec, warnings)
}

/// Removes the `• ` a browser's copy writes before a list item (the site copy of
/// SyncBlueprint, `spec/sources/lighthouse-SyncBlueprint.en-US.page.txt:88-92`) from the
/// action descriptions: the HTML page gives an `<li>` as its text alone, like the Markdown.
fn without_list_markers(spec: &mut crate::spec::Spec) {
    for text in spec
        .actions
        .iter_mut()
        .flat_map(|a| a.description.values_mut())
    {
        *text = text
            .lines()
            .map(|line| line.strip_prefix("• ").unwrap_or(line))
            .collect::<Vec<_>>()
            .join("\n");
    }
}

#[test]
fn html_pages_give_the_same_spec_as_the_text_pages() {
    let pairs = [
        (
            "spec/sources/lighthouse-SyncBlueprint.en-US.page.txt",
            "codegen/tests/fixtures/html/SyncBlueprint.en-US.html",
        ),
        (
            "spec/sources/lighthouse-CreateBlueprint.en-US.page.txt",
            "codegen/tests/fixtures/html/CreateBlueprint.en-US.html",
        ),
        (
            "spec/sources/cbs-CopySnapshotCrossRegions.en-US.page.txt",
            "codegen/tests/fixtures/html/CopySnapshotCrossRegions.en-US.html",
        ),
    ];
    for (text_page, html_page) in pairs {
        let (mut from_text, text_warnings) = spec_of(text_page);
        let (mut from_html, html_warnings) = spec_of(html_page);
        assert_eq!(from_html.actions.len(), 1, "{html_page}");
        // The English pages give no short title (their `<h1>` is the action name). The text
        // front-end currently takes the CBS page's "Download" button as one, so titles are
        // checked on the HTML side only.
        for action in &mut from_html.actions {
            assert!(action.title.is_empty(), "{html_page}: {:?}", action.title);
        }
        for action in from_text.actions.iter_mut().chain(&mut from_html.actions) {
            action.title.clear();
        }
        without_list_markers(&mut from_text);
        assert_eq!(from_html, from_text, "{html_page} vs {text_page}");
        assert_eq!(html_warnings, text_warnings, "{html_page} vs {text_page}");
    }
}

/// A page nested 20,000 `<div>`s deep (the abort) reads without exhausting the stack,
/// and the content at the bottom is still there.
#[test]
fn deeply_nested_page_does_not_overflow_the_stack() {
    const DEPTH: usize = 20_000;
    let mut page = String::from("<!DOCTYPE html><html><body>\n");
    page.push_str(&"<div>".repeat(DEPTH));
    page.push_str("<h2>1. API Description</h2><p>Deep <b>text</b>.</p><table><tr><th>Error Code</th><th>Description</th></tr><tr><td>InternalError</td><td><span>Internal</span> error.</td></tr></table>");
    page.push_str(&"</div>".repeat(DEPTH));
    page.push_str("\n</body></html>\n");
    let blocks = blocks(&page);
    let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
    assert!(texts.contains(&"1. API Description"), "{texts:?}");
    assert!(texts.contains(&"Deep text."), "{texts:?}");
    assert!(
        texts.contains(&"InternalError\tInternal error."),
        "{texts:?}"
    );
}

/// A paragraph written over two source lines is one line of text (`<p>` of
/// `spec/sources/qcloud-documents/api/API 3.0/计算/云服务器/数据结构_intl.md:209-210` as
/// rendered); `<br>` still breaks it, and `<pre>` keeps its lines.
#[test]
fn source_line_breaks_flow_outside_pre() {
    let page = "<html><body>\n<p>The configuration information of an instance model family,\n\
                such as {'InstanceFamily': 'S1'}, etc.</p>\n<p>one<br>two</p>\n\
                <pre>Filters.0.Name=zone\nFilters.0.Values.0=ap-guangzhou-1</pre>\n</body></html>";
    let blocks = blocks(page);
    let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "The configuration information of an instance model family, such as \
             {'InstanceFamily': 'S1'}, etc.",
            "one\ntwo",
            "Filters.0.Name=zone\nFilters.0.Values.0=ap-guangzhou-1",
        ]
    );
}
