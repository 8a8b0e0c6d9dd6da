//! `parse::history::extract_history` on fixtures cut from the real Lighthouse doc
//! (`spec/sources/lighthouse-api-doc.zh-CN.pdf.txt`; each fixture gives its first line).

use tcgen::blocks::{Block, BlockKind};
use tcgen::diagnostics::Diagnostic;
use tcgen::parse::history::extract_history;
use tcgen::spec::{MemberChange, Release};

const PATH: &str = "spec/sources/lighthouse-api-doc.zh-CN.pdf.txt";

/// One paragraph block per non-empty line of `text`, whose first line is source line `first`.
fn blocks(first: usize, text: &str) -> Vec<Block> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| Block {
            kind: BlockKind::Paragraph,
            text: l.to_string(),
            line: first + i,
        })
        .collect()
}

/// One paragraph block.
fn para(text: &str, line: usize) -> Block {
    Block {
        kind: BlockKind::Paragraph,
        text: text.to_string(),
        line,
    }
}

fn extract(first: usize, text: &str) -> (Vec<Release>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let releases = extract_history(&blocks(first, text), PATH, &mut diags);
    (releases, diags)
}

/// `(kind, target, line)` of every change of a release.
fn changes(release: &Release) -> Vec<(&str, &str, usize)> {
    release
        .changes
        .iter()
        .map(|c| (c.kind.as_str(), c.target.as_str(), c.line))
        .collect()
}

fn members(kind: &str, names: &[&str], line: usize) -> MemberChange {
    MemberChange {
        kind: kind.to_string(),
        names: names.iter().map(|n| n.to_string()).collect(),
        line,
    }
}

// Lines 180-205: the end of the table of contents, then the first two releases.
const FIRST_RELEASES: &str = "\
错误码
 第 69 次发布

发布时间：2025-06-20 01:44:24

本次发布包含了以下内容：

改善已有的文档。

新增接口：

SyncBlueprint

第 68 次发布

发布时间：2025-04-18 01:16:47

本次发布包含了以下内容：

改善已有的文档。

删除接口：

DescribeInstanceLoginKeyPairAttribute

ModifyInstancesLoginKeyPairAttribute
";

#[test]
fn releases_start_at_the_first_release_heading() {
    let (releases, diags) = extract(180, FIRST_RELEASES);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(releases.len(), 2);
    let first = &releases[0];
    assert_eq!(
        (first.number, first.date.as_str()),
        (69, "2025-06-20 01:44:24")
    );
    assert_eq!((first.source.path.as_str(), first.source.line), (PATH, 181));
    assert_eq!(first.notes, ["改善已有的文档。"]);
    assert_eq!(changes(first), [("action_added", "SyncBlueprint", 191)]);
    assert_eq!(
        changes(&releases[1]),
        [
            (
                "action_deleted",
                "DescribeInstanceLoginKeyPairAttribute",
                203
            ),
            (
                "action_deleted",
                "ModifyInstancesLoginKeyPairAttribute",
                205
            ),
        ]
    );
}

// Lines 207-231: a modified data structure with 修改成员 (space after the colon), then several
// structures each with 新增成员.
const MODIFIED_TYPES: &str = "\
第 67 次发布

发布时间：2025-02-18 01:47:04

本次发布包含了以下内容：

改善已有的文档。

修改数据结构：

TotalPrice

修改成员： OriginalPrice, DiscountPrice

第 66 次发布

发布时间：2025-02-10 01:42:35

本次发布包含了以下内容：

改善已有的文档。

新增数据结构：

SupportIpv6Detail
";

#[test]
fn member_lines_attach_to_the_structure_before_them() {
    let (releases, diags) = extract(207, MODIFIED_TYPES);
    assert!(diags.is_empty(), "{diags:?}");
    let change = &releases[0].changes[0];
    assert_eq!(
        (change.kind.as_str(), change.target.as_str()),
        ("type_modified", "TotalPrice")
    );
    assert_eq!(
        change.members,
        [members(
            "member_modified",
            &["OriginalPrice", "DiscountPrice"],
            219
        )]
    );
    assert_eq!(
        changes(&releases[1]),
        [("type_added", "SupportIpv6Detail", 231)]
    );
}

// Lines 247-270: release 65 is cut by a page break: the chapter titles pushed to the end of the
// page ("API 文档", "更新历史", "最近更新时间：..."), the page's URL list, and the next page's
// first line starting with a space.
const PAGE_BREAK: &str = "\
第 65 次发布

发布时间：2025-01-20 01:19:11

API 文档

更新历史
最近更新时间：2025-06-20 01:44:59

https://cloud.tencent.com/document/api/1207/119880
https://cloud.tencent.com/document/api/1207/47576#TotalPrice
https://cloud.tencent.com/document/api/1207/47576#SupportIpv6Detail
https://cloud.tencent.com/document/api/1207/47576#FirewallRule
https://cloud.tencent.com/document/api/1207/47576#FirewallRuleInfo
https://cloud.tencent.com/document/api/1207/47576#Instance
 本次发布包含了以下内容：

改善已有的文档。

修改接口：

CreateInstances

新增入参：DomainName, Subdomain
";

#[test]
fn page_furniture_inside_a_release_is_skipped() {
    let (releases, diags) = extract(247, PAGE_BREAK);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(releases.len(), 1);
    let release = &releases[0];
    assert_eq!(
        (release.number, release.date.as_str(), release.notes.len()),
        (65, "2025-01-20 01:19:11", 1)
    );
    assert_eq!(
        changes(release),
        [("action_modified", "CreateInstances", 268)]
    );
    assert_eq!(
        release.changes[0].members,
        [members("input_added", &["DomainName", "Subdomain"], 270)]
    );
}

#[test]
fn pushed_titles_as_headings_are_skipped_too() {
    // What the PDF front-end gives: the pushed titles as headings at the start of the page.
    let mut input = blocks(247, PAGE_BREAK);
    for block in &mut input {
        if block.text == "API 文档" || block.text == "更新历史" {
            block.kind = BlockKind::Heading { level: 1 };
        }
    }
    let mut diags = Vec::new();
    let releases = extract_history(&input, PATH, &mut diags);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(
        changes(&releases[0]),
        [("action_modified", "CreateInstances", 268)]
    );
}

// Lines 715-739: one 修改接口 section with two actions, each with its own 修改入参.
const TWO_TARGETS: &str = "\
第 44 次发布

发布时间：2023-02-27 01:32:02

https://cloud.tencent.com/document/api/1207/47576#LoginConfiguration
https://cloud.tencent.com/document/api/1207/90904
https://cloud.tencent.com/document/api/1207/90903
https://cloud.tencent.com/document/api/1207/90853
https://cloud.tencent.com/document/api/1207/47576#AutoMountConfiguration
https://cloud.tencent.com/document/api/1207/47576#PolicyDetail
https://cloud.tencent.com/document/api/1207/54385
https://cloud.tencent.com/document/api/1207/47576#Bundle
 本次发布包含了以下内容：

改善已有的文档。

修改接口：

InquirePriceCreateInstances

修改入参： InstanceChargePrepaid

InquirePriceRenewInstances

修改入参： InstanceChargePrepaid
";

#[test]
fn each_target_gets_its_own_members() {
    let (releases, diags) = extract(715, TWO_TARGETS);
    assert!(diags.is_empty(), "{diags:?}");
    let got: Vec<_> = releases[0]
        .changes
        .iter()
        .map(|c| (c.target.as_str(), c.members.clone()))
        .collect();
    assert_eq!(
        got,
        [
            (
                "InquirePriceCreateInstances",
                vec![members("input_modified", &["InstanceChargePrepaid"], 735)]
            ),
            (
                "InquirePriceRenewInstances",
                vec![members("input_modified", &["InstanceChargePrepaid"], 739)]
            ),
        ]
    );
}

// Lines 1061-1096: a release heading at the end of a page lost its number ("第 次发布"); the
// next page repeats it with the number after the URL list.
const UNNUMBERED_DUPLICATE: &str = "\
第 27 次发布

发布时间：2022-04-01 06:11:10

本次发布包含了以下内容：

改善已有的文档。

修改数据结构：

Instance

新增成员：InstanceRestrictState

第 次发布

https://cloud.tencent.com/document/api/1207/47576#DiskPrice
https://cloud.tencent.com/document/api/1207/57513
https://cloud.tencent.com/document/api/1207/73214
https://cloud.tencent.com/document/api/1207/73099
https://cloud.tencent.com/document/api/1207/47576#LoginConfiguration
https://cloud.tencent.com/document/api/1207/69573
https://cloud.tencent.com/document/api/1207/47576#Instance
 第 26 次发布

发布时间：2022-03-03 08:08:18

本次发布包含了以下内容：

改善已有的文档。

修改数据结构：

ModifyBundle

新增成员：NotSupportModifyMessage
";

#[test]
fn unnumbered_heading_repeated_on_the_next_page_is_skipped() {
    let (releases, diags) = extract(1061, UNNUMBERED_DUPLICATE);
    assert!(diags.is_empty(), "{diags:?}");
    let numbers: Vec<u32> = releases.iter().map(|r| r.number).collect();
    assert_eq!(numbers, [27, 26]);
    assert_eq!(releases[1].source.line, 1084);
    assert_eq!(
        releases[1].changes[0].members,
        [members("member_added", &["NotSupportModifyMessage"], 1096)]
    );
}

#[test]
fn unnumbered_heading_alone_is_numbered_from_the_previous_one_with_a_warning() {
    // Constructed from lines 1061-1075 with the repeated heading dropped.
    let text =
        "第 27 次发布\n发布时间：2022-04-01 06:11:10\n修改数据结构：\nInstance\n\n\n第 次发布\n发布时间：2022-03-03 08:08:18\n新增接口：\nResizeDisks\n";
    let (releases, diags) = extract(1061, text);
    let numbers: Vec<u32> = releases.iter().map(|r| r.number).collect();
    assert_eq!(numbers, [27, 26]);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].line, 1067);
    assert!(
        diags[0].message.contains("without a number; assumed 26"),
        "{}",
        diags[0].message
    );
}

// Lines 1225-1241: 删除数据结构 and 删除成员.
const DELETIONS: &str = "\
第 21 次发布

发布时间：2021-11-30 20:01:47

本次发布包含了以下内容：

改善已有的文档。

删除数据结构：

DataDiskPrice

修改数据结构：

Price

删除成员： DataDiskPrices
";

#[test]
fn deletions_are_kept() {
    let (releases, diags) = extract(1225, DELETIONS);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(
        changes(&releases[0]),
        [
            ("type_deleted", "DataDiskPrice", 1235),
            ("type_modified", "Price", 1239)
        ]
    );
    assert_eq!(
        releases[0].changes[1].members,
        [members("member_deleted", &["DataDiskPrices"], 1241)]
    );
}

// Lines 1764-1835: the oldest release, cut by a page break inside its action list, then the
// next chapter's prose, which ends the history (its title 简介 is pushed below it).
const CHAPTER_END: &str = "\
第 1 次发布

发布时间：2020-08-18 08:00:08

本次发布包含了以下内容：

改善已有的文档。

新增接口：

https://cloud.tencent.com/document/api/1207/48681
https://cloud.tencent.com/document/api/1207/47576#InstanceTrafficPackage
https://cloud.tencent.com/document/api/1207/47576#TrafficPackage
https://cloud.tencent.com/document/api/1207/47576#Blueprint
https://cloud.tencent.com/document/api/1207/48254
https://cloud.tencent.com/document/api/1207/48253
https://cloud.tencent.com/document/api/1207/48252
https://cloud.tencent.com/document/api/1207/47576#FirewallRule
https://cloud.tencent.com/document/api/1207/47576#FirewallRuleInfo
https://cloud.tencent.com/document/api/1207/47689
https://cloud.tencent.com/document/api/1207/47576#Blueprint
 DescribeBundles

DescribeInstances

RebootInstances

ResetInstance

StartInstances

StopInstances

新增数据结构：

Bundle

Filter

Instance

InstancePrice

InternetAccessible

LoginSettings

Price

SystemDisk

https://cloud.tencent.com/document/api/1207/47575
https://cloud.tencent.com/document/api/1207/47573
https://cloud.tencent.com/document/api/1207/47572
https://cloud.tencent.com/document/api/1207/47571
https://cloud.tencent.com/document/api/1207/47570
https://cloud.tencent.com/document/api/1207/47569
https://cloud.tencent.com/document/api/1207/47576#Bundle
https://cloud.tencent.com/document/api/1207/47576#Filter
https://cloud.tencent.com/document/api/1207/47576#Instance
https://cloud.tencent.com/document/api/1207/47576#InstancePrice
https://cloud.tencent.com/document/api/1207/47576#InternetAccessible
https://cloud.tencent.com/document/api/1207/47576#LoginSettings
https://cloud.tencent.com/document/api/1207/47576#Price
https://cloud.tencent.com/document/api/1207/47576#SystemDisk
 轻量应用服务器（Lighthouse）是一种易于使用和管理、适合承载轻量级业务负载的云服务器，能帮助中小企业及开发者在云端快速构建网站、博客、电商、论坛等各类应

用以及开发测试环境，并提供应用部署、配置和管理的全流程一站式服务，极大提升构建应用的体验，是您使用腾讯云的最佳入门途径。

输入参数与返回参数释义

Limit 和 Offset
";

#[test]
fn the_next_chapters_prose_ends_the_history() {
    let (releases, diags) = extract(1764, CHAPTER_END);
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(releases.len(), 1);
    let targets: Vec<&str> = releases[0]
        .changes
        .iter()
        .map(|c| c.target.as_str())
        .collect();
    assert_eq!(
        targets,
        [
            "DescribeBundles",
            "DescribeInstances",
            "RebootInstances",
            "ResetInstance",
            "StartInstances",
            "StopInstances",
            "Bundle",
            "Filter",
            "Instance",
            "InstancePrice",
            "InternetAccessible",
            "LoginSettings",
            "Price",
            "SystemDisk",
        ]
    );
}

#[test]
fn unknown_change_kinds_and_stray_lines_are_warnings() {
    // Constructed: a kind of change the doc never used, a member line with no target, and a
    // name outside any section.
    let text = "第 70 次发布\n新增错误码：\nFailedOperation.X\n新增成员：A, B\n第 71 次发布\nLoose\n新增成员：a-b\n";
    let (releases, diags) = extract(1, text);
    assert_eq!(releases.len(), 2);
    assert!(releases.iter().all(|r| r.changes.is_empty()));
    let lines: Vec<usize> = diags.iter().map(|d| d.line).collect();
    // The last two: neither release has a date.
    assert_eq!(lines, [2, 3, 4, 6, 7, 7, 1, 5], "{diags:#?}");
    assert!(diags[7].message.contains("release 71 has no 发布时间 date"));
    assert!(diags[0]
        .message
        .contains("unknown kind of change `新增错误码`"));
    assert!(diags.iter().all(|d| d.path == PATH));
}

/// Every fixture above, with the source line it starts on.
const FIXTURES: [(usize, &str); 7] = [
    (180, FIRST_RELEASES),
    (207, MODIFIED_TYPES),
    (247, PAGE_BREAK),
    (715, TWO_TARGETS),
    (1061, UNNUMBERED_DUPLICATE),
    (1225, DELETIONS),
    (1764, CHAPTER_END),
];

fn source_text() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../spec/sources/lighthouse-api-doc.zh-CN.pdf.txt"
    );
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn fixtures_are_exact_cuts_of_the_source() {
    let source = source_text();
    let lines: Vec<&str> = source.lines().collect();
    for (first, fixture) in FIXTURES {
        let cut: Vec<&str> = fixture.lines().collect();
        let real = lines.get(first - 1..first - 1 + cut.len());
        assert_eq!(real, Some(&cut[..]), "fixture at line {first}");
    }
}

#[test]
fn no_release_heading_means_no_history() {
    let (releases, diags) = extract(1, "简介\n轻量应用服务器\n新增接口：\nFoo\n");
    assert!(releases.is_empty() && diags.is_empty());
}

/// The whole doc, one paragraph per line.
fn whole_doc() -> (Vec<Release>, Vec<Diagnostic>) {
    extract(1, &source_text())
}

#[test]
fn the_whole_doc_has_69_releases_newest_first_without_warnings() {
    let (releases, diags) = whole_doc();
    assert!(diags.is_empty(), "{diags:#?}");
    let numbers: Vec<u32> = releases.iter().map(|r| r.number).collect();
    let expected: Vec<u32> = (1..=69).rev().collect();
    assert_eq!(numbers, expected);
    assert!(releases
        .iter()
        .all(|r| r.date.len() == "2025-06-20 01:44:24".len()));
    assert!(
        releases.iter().all(|r| r.notes == ["改善已有的文档。"]),
        "only the boilerplate note"
    );
    let last = releases.last().map(|r| r.changes.len());
    assert_eq!(last, Some(14), "release 1: 6 actions and 8 data structures");
}

#[test]
fn the_whole_doc_history_summary() {
    let (releases, _) = whole_doc();
    let summary: Vec<String> = releases
        .iter()
        .map(|r| {
            let parts: Vec<String> = r
                .changes
                .iter()
                .map(|c| {
                    let members: Vec<String> = c
                        .members
                        .iter()
                        .map(|m| format!("{} {}", m.kind, m.names.join(",")))
                        .collect();
                    format!("{} {} [{}]", c.kind, c.target, members.join("; "))
                })
                .collect();
            format!(
                "{} {} @{}: {}",
                r.number,
                r.date,
                r.source.line,
                parts.join(" | ")
            )
        })
        .collect();
    insta::assert_snapshot!(summary.join("\n"));
}

#[test]
fn a_release_heading_glued_to_the_line_before_is_split_off() {
    // Lines 409-415 as the PDF front-end gives them: the full-width member list of line 411
    // joined with the release heading of line 413.
    let input = vec![
        para("InstancePrice", 409),
        para(
            "修改成员： OriginalBundlePrice, OriginalPrice, Discount, DiscountPrice, Currency第 56 次发布",
            411,
        ),
        para("发布时间：2023-12-05 01:59:59", 415),
    ];
    let mut all = blocks(
        393,
        "第 57 次发布\n发布时间：2023-12-13 02:03:09\n修改数据结构：\n",
    );
    all.extend(input);
    let mut diags = Vec::new();
    let releases = extract_history(&all, PATH, &mut diags);
    assert!(diags.is_empty(), "{diags:?}");
    let numbers: Vec<u32> = releases.iter().map(|r| r.number).collect();
    assert_eq!(numbers, [57, 56]);
    let names = &releases[0].changes[0].members[0].names;
    assert_eq!(names.last().map(String::as_str), Some("Currency"));
    assert_eq!(releases[1].date, "2023-12-05 01:59:59");
}

#[test]
fn a_name_glued_to_a_member_list_is_split_off() {
    // Lines 842-850 as the PDF front-end gives them: the member list of line 846 joined with
    // the structure name of line 848.
    let mut all = blocks(838, "第 39 次发布\n\n修改数据结构：\n\nInstancePrice\n");
    all.push(para(
        "修改成员： OriginalBundlePrice, OriginalPrice, Discount, DiscountPrice InstancePriceDetail",
        846,
    ));
    all.push(para("新增成员：DiscountDetail", 850));
    let mut diags = Vec::new();
    let releases = extract_history(&all, PATH, &mut diags);
    let got: Vec<_> = releases[0]
        .changes
        .iter()
        .map(|c| {
            (
                c.target.as_str(),
                c.members.iter().map(|m| m.names.len()).collect::<Vec<_>>(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [("InstancePrice", vec![4]), ("InstancePriceDetail", vec![1])]
    );
    assert_eq!(diags.len(), 1, "only the missing date: {diags:?}");
}

#[test]
fn glued_name_with_trailing_spaces_is_split_the_same() {
    let mut all = blocks(
        838,
        "第 39 次发布\n发布时间：2022-12-14 01:33:53\n修改数据结构：\nInstancePrice\n",
    );
    all.push(para(
        "修改成员： Discount, DiscountPrice InstancePriceDetail   ",
        846,
    ));
    let mut diags = Vec::new();
    let releases = extract_history(&all, PATH, &mut diags);
    assert!(diags.is_empty(), "{diags:?}");
    let targets: Vec<&str> = releases[0]
        .changes
        .iter()
        .map(|c| c.target.as_str())
        .collect();
    assert_eq!(targets, ["InstancePrice", "InstancePriceDetail"]);
}
