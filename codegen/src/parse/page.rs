//! Front-end for a single page copied from the docs site as text (`*.page.txt`), English or
//! Chinese: an action page, a data-structure page, an overview.
//!
//! The content runs from the page's first `1. ...` heading (an action page), else from the
//! line after the site's "last updated" line, else (a page copied without the site around
//! it) from the first line, to the first line of the site's closing widgets (feedback, help,
//! contact). Before it: site navigation, the page title (the action name, kept as a level-2
//! heading), UI buttons in whatever language the site showed, and the "last updated" line
//! (kept as a paragraph). Inside it, the "Try it" widget goes. Every paragraph is one line,
//! so nothing is re-joined.
//!
//! Table cells are separated by runs of spaces (the seeds) or by TAB, as a browser puts a
//! table on the clipboard: there every TAB line is a row, the lines below it (a cell's `<br>`
//! and list items) are its last cell's text, and a line that starts with a TAB goes on with
//! the next cell (the cell before ended in a block). The table ends at a line that reads like
//! a heading (short, no closing punctuation) right below a complete row, unless a row of the
//! table follows it or the last cell ended in a colon: a browser puts the heading after a
//! table on the next line, a paragraph after a blank one. Headings need no numbers (a data
//! structure's name is a heading because a field table follows) and parts come in any order.

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
/// (`_path` and `_diags` keep the signature every text front-end has; a page has nothing
/// to warn about that the extractor would not say better.)
pub fn blocks(source: &str, _path: &str, _diags: &mut Vec<Diagnostic>) -> Vec<Block> {
    let raw: Vec<&str> = source.lines().collect();
    let start = content_start(&raw);
    let mut lines = preamble(&raw[..start]);
    for (i, line) in raw.iter().enumerate().skip(start) {
        let t = line.trim();
        if CLOSING.contains(&t) {
            break;
        }
        if t.is_empty() || WIDGETS.contains(&t) {
            continue;
        }
        lines.push(Line::text(i + 1, line));
    }
    text::assemble(&lines, false)
}

/// Where the content starts: at the first `1. ...` heading of an action page; on a page
/// without numbered parts (a data-structure page, an overview), after the site's "last
/// updated" line; on a page copied without the site around it, at its first line.
fn content_start(raw: &[&str]) -> usize {
    if let Some(first_part) = raw
        .iter()
        .position(|l| text::is_numbered_heading(l.trim()) && l.trim().starts_with("1. "))
    {
        return first_part;
    }
    raw.iter()
        .position(|l| is_date_line(l.trim()))
        .map_or(0, |date| date + 1)
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

    /// Blocks as `(kind, text)` pairs: `H3`, `H4`, `P`, `ROW`, `CODE`.
    fn shape(blocks: &[Block]) -> Vec<(String, String)> {
        blocks
            .iter()
            .map(|b| {
                let kind = match (&b.kind, b.heading_level()) {
                    (_, Some(l)) => format!("H{l}"),
                    (crate::blocks::BlockKind::TableRow { .. }, _) => "ROW".to_string(),
                    (crate::blocks::BlockKind::Code { .. }, _) => "CODE".to_string(),
                    _ => "P".to_string(),
                };
                (kind, b.text.clone())
            })
            .collect()
    }

    fn expect(src: &str, want: &[(&str, &str)]) {
        let mut d = Vec::new();
        let got = shape(&blocks(src, "x.page.txt", &mut d));
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(k, t)| (k.to_string(), t.to_string()))
            .collect();
        assert_eq!(got, want);
    }

    const DISKS: &str = "codegen/tests/fixtures/corpus-forms/api/API 3.0/计算/云硬盘/";

    // {DISKS}数据结构_intl.page.txt:1-20 and 112-120: a data-structure page copied from a
    // browser: no "1." heading and no date, cells separated by TAB, a cell's `<br>`/`<li>`
    // lines below its row, the next structure's name right after the last row.
    #[test]
    fn tab_separated_data_structure_page() {
        let _ = DISKS;
        let src = "Disk\n\nThe details of a cloud disk\n\nUsed by actions: DescribeDisks.\n\nName\tType\tDescription\nTags\tArray of Tag\tThe tag bound to the cloud disk.\nDiskUsage\tString\tCloud disk type. Value range:\n\nSYSTEM_DISK: System disk\n\nDATA_DISK: Data disk.\n\nAutoSnapshotPolicyIds\tArray of String\tID of the periodic snapshot.\nDiskChargePrepaid\n\nThe billing method of an instance\n\nUsed by actions: CreateDisks, RenewDisk.\n\nName\tType\tRequired\tDescription\nPeriod\tInteger\tYes\tThe purchased usage period.\n";
        expect(
            src,
            &[
                ("H4", "Disk"),
                ("P", "The details of a cloud disk"),
                ("P", "Used by actions: DescribeDisks."),
                ("ROW", "Name\tType\tDescription"),
                ("ROW", "Tags\tArray of Tag\tThe tag bound to the cloud disk."),
                (
                    "ROW",
                    "DiskUsage\tString\tCloud disk type. Value range:\nSYSTEM_DISK: System disk\nDATA_DISK: Data disk.",
                ),
                (
                    "ROW",
                    "AutoSnapshotPolicyIds\tArray of String\tID of the periodic snapshot.",
                ),
                ("H4", "DiskChargePrepaid"),
                ("P", "The billing method of an instance"),
                ("P", "Used by actions: CreateDisks, RenewDisk."),
                ("ROW", "Name\tType\tRequired\tDescription"),
                ("ROW", "Period\tInteger\tYes\tThe purchased usage period."),
            ],
        );
    }

    // {DISKS}API 概览_intl.page.txt:14-19: a heading between two tables of the same width
    // is the next table's caption, not text of the last row.
    #[test]
    fn caption_between_tab_tables_of_the_same_width() {
        let src = "RenewDisk\tRenews a cloud disk\nTerminateDisks\tReturns a cloud disk\nSnapshot-related APIs\nAPI Name\tFeature\nApplySnapshot\tRolls back a snapshot\n";
        let mut d = Vec::new();
        let got = shape(&blocks(
            &format!("CBS-related APIs\nAPI Name\tFeature\n{src}"),
            "x.page.txt",
            &mut d,
        ));
        let texts: Vec<&str> = got.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            texts,
            [
                "CBS-related APIs",
                "API Name\tFeature",
                "RenewDisk\tRenews a cloud disk",
                "TerminateDisks\tReturns a cloud disk",
                "Snapshot-related APIs",
                "API Name\tFeature",
                "ApplySnapshot\tRolls back a snapshot",
            ]
        );
        assert_eq!(got[4].0, "P");
    }

    // {DISKS}数据结构_intl.page.txt:102-112: a numbered line inside a cell ("2. Cloud disk
    // has expired", from `<li>2. ...`) is text of that cell, not a section heading.
    #[test]
    fn numbered_line_inside_a_tab_cell_stays_in_the_cell() {
        let src = "Name\tType\tDescription\nReturnFailCode\tInteger\tValue range:\n\n1: Cloud disk has been returned\n\n2. Cloud disk has expired\n\n3: Cloud disk cannot be returned\n\nAutoSnapshotPolicyIds\tArray of String\tID of the periodic snapshot.\n";
        expect(
            src,
            &[
                ("ROW", "Name\tType\tDescription"),
                (
                    "ROW",
                    "ReturnFailCode\tInteger\tValue range:\n1: Cloud disk has been returned\n2. Cloud disk has expired\n3: Cloud disk cannot be returned",
                ),
                (
                    "ROW",
                    "AutoSnapshotPolicyIds\tArray of String\tID of the periodic snapshot.",
                ),
            ],
        );
    }

    // {DISKS}快照相关接口/创建快照_intl.page.txt:1-56: error codes before the example, no
    // title or date, parts read in the order they come.
    #[test]
    fn error_codes_before_the_example() {
        let src = "1. API Description\n\nDomain name for API request: cbs.tencentcloudapi.com\n\n4. Error Codes\n\nError Code\tDescription\nMissingParameter\tParameter is missing.\n5. Example\nExample 1 Create a snapshot\nInput example\nhttps://cbs.tencentcloudapi.com/?Action=CreateSnapshot\n&DiskId=disk-lzrg2pwi\n&<Common request parameters>\n\nOutput example\n{\n  \"Response\": {\n    \"SnapshotId\": \"snap-gybrif0z\"\n  }\n}\n";
        expect(
            src,
            &[
                ("H3", "1. API Description"),
                ("P", "Domain name for API request: cbs.tencentcloudapi.com"),
                ("H3", "4. Error Codes"),
                ("ROW", "Error Code\tDescription"),
                ("ROW", "MissingParameter\tParameter is missing."),
                ("H3", "5. Example"),
                ("P", "Example 1 Create a snapshot"),
                ("P", "Input example"),
                (
                    "CODE",
                    "https://cbs.tencentcloudapi.com/?Action=CreateSnapshot\n&DiskId=disk-lzrg2pwi\n&<Common request parameters>",
                ),
                ("P", "Output example"),
                (
                    "CODE",
                    "{\n\"Response\": {\n\"SnapshotId\": \"snap-gybrif0z\"\n}\n}",
                ),
            ],
        );
    }

    // {DISKS}快照相关接口/修改快照信息_intl.page.txt:23-24 (the Markdown row starts `||`):
    // a TAB line after a full row is a row whose first cell is empty;
    // 云服务器/实例相关接口/修改实例续费标识_intl.page.txt:23-32 (a row with a `|` missing):
    // after a row short of a cell whose text ended in a list, the lone TAB opens that cell.
    #[test]
    fn tab_lines_that_start_with_a_tab() {
        let src = "2. Input Parameters\nParameter Name\tRequired\tType\tDescription\nSnapshotName\tNo\tString\tNew snapshot name.\n\tIsPermanent\tNo\tBoolean\nRenewFlag\tYes String\tAuto renewal flag. Value range:\n\nNOTIFY_AND_AUTO_RENEW: notify expiry\n\t\n3. Output Parameters\n";
        expect(
            src,
            &[
                ("H3", "2. Input Parameters"),
                ("ROW", "Parameter Name\tRequired\tType\tDescription"),
                ("ROW", "SnapshotName\tNo\tString\tNew snapshot name."),
                ("ROW", "\tIsPermanent\tNo\tBoolean"),
                (
                    "ROW",
                    "RenewFlag\tYes String\tAuto renewal flag. Value range:\nNOTIFY_AND_AUTO_RENEW: notify expiry\t",
                ),
                ("H3", "3. Output Parameters"),
            ],
        );
    }

    // {DISKS}云硬盘相关接口/退还云硬盘_intl.page.txt:41-45: a GET example whose query lines
    // lost their `&` is still one code block.
    #[test]
    fn query_lines_without_ampersand_stay_in_the_code() {
        let src = "Input example\nhttps://cbs.tencentcloudapi.com/?Action=TerminateDisks\nDiskIds.0=disk-lzrg2pwi\nDiskIds.1=disk-g27hqeo2\n&<Common request parameters>\n\nOutput example\n";
        expect(
            src,
            &[
                ("P", "Input example"),
                (
                    "CODE",
                    "https://cbs.tencentcloudapi.com/?Action=TerminateDisks\nDiskIds.0=disk-lzrg2pwi\nDiskIds.1=disk-g27hqeo2\n&<Common request parameters>",
                ),
                ("P", "Output example"),
            ],
        );
    }
}
