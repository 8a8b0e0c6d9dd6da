//! Front-end for a single action's page copied from the docs site as text (`*.page.txt`),
//! English or Chinese.
//!
//! The page's content runs from its first `1. ...` heading to the first line of the site's
//! closing widgets (feedback, help, contact). Before it: site navigation, the page title (the
//! action name, kept as a level-2 heading), UI buttons in whatever language the site showed,
//! and the "last updated" line (kept as a paragraph). Inside it, the "Try it" widget goes.
//! Every paragraph is one line, so nothing is re-joined.

use crate::blocks::Block;
use crate::diagnostics::Diagnostic;
use crate::parse::text::{self, Line, LineKind};

/// Page-header buttons, in the languages the site shows.
const BUTTONS: &[&str] = &[
    "Download",
    "PDF",
    "Focus Mode",
    "Font Size",
    "聚焦模式",
    "字号",
    "フォーカスモード",
    "フォントサイズ",
];

/// Prefixes of the "last updated" line, in the languages the site shows.
pub const DATE_PREFIXES: &[&str] = &[
    "Last updated",
    "最后更新时间",
    "最近更新时间",
    "最終更新日",
    "최종 업데이트",
];

/// First lines of the widgets that follow the content.
const CLOSING: &[&str] = &[
    "Was this page helpful?",
    "Contact Us",
    "Feedback",
    "帮助和支持",
    "本页内容是否解决了您的问题?",
    "ヘルプとサポート",
    "この記事はお役に立ちましたか?",
    "フィードバック",
];

/// Widget lines inside the content.
const WIDGETS: &[&str] = &[
    "We recommend you to use API Explorer",
    "Try it",
    "推荐使用 API Explorer",
    "点击调试",
];

/// True for a page's "last updated" line.
pub fn is_date_line(text: &str) -> bool {
    DATE_PREFIXES.iter().any(|p| text.starts_with(p))
}

/// Reads a site page's text into blocks.
pub fn blocks(source: &str, path: &str, diags: &mut Vec<Diagnostic>) -> Vec<Block> {
    let raw: Vec<&str> = source.lines().collect();
    let Some(start) = raw
        .iter()
        .position(|l| text::is_numbered_heading(l.trim()) && l.trim().starts_with("1. "))
    else {
        diags.push(Diagnostic::warning(
            path,
            0,
            "no \"1. ...\" heading: the page has no recognisable content",
        ));
        return Vec::new();
    };
    let mut lines = preamble(&raw[..start]);
    for (i, line) in raw.iter().enumerate().skip(start) {
        let t = line.trim();
        if CLOSING.contains(&t) {
            break;
        }
        if t.is_empty() || WIDGETS.contains(&t) {
            continue;
        }
        lines.push(Line::text(i + 1, t));
    }
    text::assemble(&lines, false)
}

/// The page title (the last identifier line before the date) and the date line.
fn preamble<'a>(raw: &[&'a str]) -> Vec<Line<'a>> {
    let mut out = Vec::new();
    let Some(date) = raw.iter().rposition(|l| is_date_line(l.trim())) else {
        return out;
    };
    let title = raw[..date]
        .iter()
        .rposition(|l| text::is_key(l.trim()) && !BUTTONS.contains(&l.trim()));
    if let Some(t) = title {
        out.push(Line {
            no: t + 1,
            text: raw.get(t).map_or("", |l| l.trim()),
            kind: LineKind::Heading(2),
            page_start: false,
        });
    }
    out.push(Line {
        no: date + 1,
        text: raw.get(date).map_or("", |l| l.trim()),
        kind: LineKind::Standalone,
        page_start: false,
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // cbs-CopySnapshotCrossRegions.en-US.page.txt:1-14: navigation and Japanese UI strings go,
    // the title and date stay.
    #[test]
    fn navigation_and_ui_strings_removed() {
        let src = "tencent cloud\n\nAPIs\n\nCopySnapshotCrossRegions\n\nDownload\nフォーカスモード\nフォントサイズ\n最終更新日: 2026-05-15 18:15:57\n\n1. API Description\n\nThis API is used to replicate snapshots.\n\nヘルプとサポート\n\nこの記事はお役に立ちましたか?";
        let mut d = Vec::new();
        let b = blocks(src, "x", &mut d);
        let t: Vec<&str> = b.iter().map(|x| x.text.as_str()).collect();
        assert_eq!(
            t,
            vec![
                "CopySnapshotCrossRegions",
                "最終更新日: 2026-05-15 18:15:57",
                "1. API Description",
                "This API is used to replicate snapshots."
            ]
        );
    }

    // lighthouse-CreateBlueprint.en-US.page.txt:98-101: the feedback widget after the error
    // table is not an error code.
    #[test]
    fn feedback_widget_not_a_row() {
        let src = "1. API Description\n\nError Code Description\nFailedOperation Operation failed.\nWas this page helpful?\nYes\nNo";
        let mut d = Vec::new();
        let b = blocks(src, "x", &mut d);
        let rows = b.iter().filter(|x| x.cells().is_some()).count();
        assert_eq!(rows, 2);
        assert_eq!(b.len(), 3);
    }

    // lighthouse-CreateInstances.en-US.page.txt:43-47: indented page, row descriptions
    // continue on the following lines.
    #[test]
    fn indented_rows_with_continuations() {
        let src = "    1. API Description\n    Parameter Name Required Type Description\n    DryRun No Boolean Whether the request is a dry run only.\n    true: dry run only.\n    ClientToken No String A unique string.";
        let mut d = Vec::new();
        let b = blocks(src, "x", &mut d);
        let rows: Vec<&[String]> = b.iter().filter_map(|x| x.cells()).collect();
        assert_eq!(rows.len(), 3);
        assert_eq!(
            rows[1].last().map(String::as_str),
            Some("Whether the request is a dry run only.\ntrue: dry run only.")
        );
    }

    // A Chinese site page: same shape, Chinese labels, "最后更新时间".
    #[test]
    fn chinese_page() {
        let src = "腾讯云\n\nSyncBlueprint\n\n聚焦模式\n字号\n最后更新时间: 2025-07-01 01:29:20\n\n1. 接口描述\n\n接口请求域名： lighthouse.tencentcloudapi.com。\n\n2. 输入参数\n\n参数名称 必选 类型 描述\nAction 是 String 公共参数，本接口取值：SyncBlueprint。\nBlueprintId 是 String 镜像ID。\n示例值：lhbp-1\n\n6. 错误码\n\n错误码 描述\nInternalError 内部错误。\n\n帮助和支持";
        let mut d = Vec::new();
        let b = blocks(src, "x", &mut d);
        let t: Vec<&str> = b.iter().map(|x| x.text.as_str()).collect();
        assert_eq!(t[0], "SyncBlueprint");
        assert_eq!(t[1], "最后更新时间: 2025-07-01 01:29:20");
        assert!(t.contains(&"BlueprintId\t是\tString\t镜像ID。\n示例值：lhbp-1"));
        assert_eq!(t.last(), Some(&"InternalError\t内部错误。"));
    }

    // lighthouse-CreateInstances.en-US.page.txt:58-70: an example whose braces were lost is
    // still one code block after its HTTP preamble, and the output one too.
    #[test]
    fn example_without_braces_is_code() {
        let src = "    1. API Description\n    Input Example\n\n    POST / HTTP/1.1\n    Host: lighthouse.tencentcloudapi.com\n    <Common request parameters>\n        \"BundleId\": \"bundle_gen_03\",\n        \"InstanceChargePrepaid\": {\n            \"Period\": \"1\"\n\n    Output Example\n\n        \"Response\": {\n            \"RequestId\": \"232b\"\n\n    5. Developer Resources";
        let mut d = Vec::new();
        let b = blocks(src, "x", &mut d);
        let code: Vec<usize> = b
            .iter()
            .filter_map(|x| x.code_lines().map(|l| l.len()))
            .collect();
        assert_eq!(code, vec![6, 2]);
    }
}
