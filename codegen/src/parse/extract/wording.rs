//! The docs' wording, rule by rule: part headings, example titles and labels, "used by"
//! lines, the Action row's value, rate limits, dates, Region requirements, example values.
//! Pure functions of one text; both languages and every wording the docs use are here.

use crate::parse::text;
use crate::spec::RegionRequirement;

/// Which part of an action section we are in (the numbered headings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Part {
    Description,
    Input,
    Output,
    Examples,
    Resources,
    Errors,
    Unknown,
}

/// The `YYYY-MM-DD HH:MM:SS` of a "last updated" line.
pub fn date_of(text: &str) -> Option<String> {
    const PREFIXES: &[&str] = &["最近更新时间", "最后更新时间", "Last updated", "最終更新日"];
    if !PREFIXES.iter().any(|p| text.starts_with(p)) {
        return None;
    }
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let date: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '-' | ':' | ' '))
        .collect();
    Some(date.trim().to_string())
}

/// The label of a part heading with its number taken off (`2. Input Parameters` ->
/// `Input Parameters`, `4 Example` -> `Example`), or the text when it has none.
pub(super) fn part_label(text: &str) -> &str {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return text.trim();
    }
    text[digits..].trim_start_matches(['.', '、', ' ']).trim()
}

/// True when a heading starts an action section (`1. 接口描述`, `1. API Description`, or the
/// same without its number).
pub(super) fn is_action_start(text: &str) -> bool {
    part_of(text) == Part::Description
}

/// The part a heading names, by its label (number optional, any case).
pub(super) fn part_of(text: &str) -> Part {
    let label = part_label(text).trim_end_matches([':', '：']);
    const PARTS: &[(&[&str], Part)] = &[
        (&["接口描述", "api description"], Part::Description),
        (
            &["输入参数", "input parameters", "request parameters"],
            Part::Input,
        ),
        (
            &["输出参数", "output parameters", "response parameters"],
            Part::Output,
        ),
        (&["示例", "example", "examples"], Part::Examples),
        (
            &["开发者资源", "developer resources", "other resources"],
            Part::Resources,
        ),
        (&["错误码", "error codes", "error code"], Part::Errors),
    ];
    PARTS
        .iter()
        .find(|(labels, _)| labels.iter().any(|l| l.eq_ignore_ascii_case(label)))
        .map_or(Part::Unknown, |(_, part)| *part)
}

/// A numbered heading (`5. Example`, `3 Output`): always a part of the open section.
pub(super) fn is_numbered(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_digit()) && part_label(text) != text.trim()
}

/// A heading that may name a definition: one identifier (`Filter`, `CCN`, `IPv6Address`).
pub(super) fn is_definition_name(text: &str) -> bool {
    crate::spec::is_type_name(text) && !crate::spec::PRIMITIVE_TYPES.contains(&text)
}

/// `Input example` / `Output Example` / `输入示例` (any case, colon optional): `Some(true)` for
/// input, `Some(false)` for output.
pub(super) fn example_label(text: &str) -> Option<bool> {
    const INPUT: &[&str] = &["输入示例", "input example", "request example", "请求示例"];
    const OUTPUT: &[&str] = &["输出示例", "output example", "response example", "响应示例"];
    let label = text.trim().trim_end_matches([':', '：']);
    let is = |labels: &[&str]| labels.iter().any(|l| l.eq_ignore_ascii_case(label));
    if is(INPUT) {
        Some(true)
    } else if is(OUTPUT) {
        Some(false)
    } else {
        None
    }
}

/// `text` starts with `prefix`, ASCII case ignored. For the ASCII and caseless CJK labels
/// matched this way, Unicode lower-casing would find nothing more.
fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
}

/// `默认接口请求频率限制：20次/秒。` / `A maximum of 20 requests can be initiated per second`.
pub(super) fn rate_limit(text: &str) -> Option<u32> {
    let digits = |s: &str| -> Option<u32> {
        let n: String = s
            .trim_start()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        n.parse().ok()
    };
    if let Some(rest) = text.strip_prefix("默认接口请求频率限制：") {
        return digits(rest);
    }
    let rest = text.strip_prefix("A maximum of ")?;
    text.contains("per second").then(|| digits(rest))?
}

/// The name in `本接口（CreateBlueprint）用于...` / `本接口 (X) 用于`.
pub(super) fn prose_name(text: &str) -> Option<String> {
    let rest = text.strip_prefix("本接口")?.trim_start();
    let rest = rest.strip_prefix(['（', '('])?;
    let end = rest.find(['）', ')'])?;
    let name = rest[..end].trim();
    text::is_key(name).then(|| name.to_string())
}

/// `示例1 使用实例创建镜像` / `Example1 Creating ...` / `Example 1: Query ...` -> the title.
pub(super) fn example_title(text: &str) -> Option<String> {
    let rest = text
        .strip_prefix("示例")
        .or_else(|| text.strip_prefix("Example"))
        .or_else(|| text.strip_prefix("example"))?;
    let rest = rest.trim_start();
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    let title = rest[digits..]
        .trim_start_matches([':', '：', '.', ' '])
        .trim();
    Some(title.to_string())
}

/// The action names of a definition's "used by" line (`Used by actions: A, B.`,
/// `Referenced by the following APIs: A, B`, `被如下接口引用：A, B。`), or `None` when the
/// paragraph is not one.
pub(super) fn used_by_line(text: &str) -> Option<Vec<String>> {
    let is_used_by = starts_with_ignore_case(text, "used by")
        || starts_with_ignore_case(text, "referenced by")
        || text.starts_with("被如下接口引用")
        || text.starts_with("被如下接口使用");
    if !is_used_by {
        return None;
    }
    let (_, names) = text.split_once([':', '：']).unwrap_or(("", ""));
    Some(
        names
            .split([',', '，', '、', ' '])
            .map(|n| n.trim().trim_end_matches(['.', '。']))
            .filter(|n| text::is_key(n))
            .map(str::to_string)
            .collect(),
    )
}

/// The value in `公共参数，本接口取值：CreateBlueprint。` / `The value used for this API: X.`
pub(super) fn common_value(desc: &str) -> Option<String> {
    const LABELS: &[&str] = &[
        "本接口取值：",
        "本接口取值:",
        "the value used for this api:",
        "value used in this api:",
        "value used for this api:",
        "the value for this api:",
    ];
    // ASCII lower-casing keeps byte offsets, so the match indexes `desc` itself.
    let lower = desc.to_ascii_lowercase();
    let rest = LABELS
        .iter()
        .find_map(|p| lower.find(p).map(|at| &desc[at + p.len()..]))?;
    let value: String = rest
        .trim()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    (!value.is_empty()).then_some(value)
}

/// How the Region row documents the parameter.
pub(super) fn region_requirement(required: bool, desc: &str) -> RegionRequirement {
    const NONE: &[&str] = &[
        "not required for this API",
        "此参数不需要传递",
        "本接口不需要传递此参数",
        "不需要传递此参数",
    ];
    if NONE.iter().any(|p| desc.contains(p)) {
        RegionRequirement::None
    } else if required {
        RegionRequirement::Required
    } else {
        RegionRequirement::Optional
    }
}

/// The wire name: `InstanceIds.N` -> `InstanceIds`.
pub fn wire_name(name: &str) -> String {
    name.split('.')
        .filter(|p| *p != "N")
        .collect::<Vec<_>>()
        .join(".")
}

/// Splits the example value (`示例值：...`, `Example value: ...`) off a description. The
/// label may follow text a wrap joined it to; the value runs to the end of its line.
pub(super) fn split_example(desc: &str) -> (String, Option<String>) {
    let Some((at, len)) = last_example_label(desc) else {
        return (desc.trim().to_string(), None);
    };
    let after = &desc[at + len..];
    let (mut value, mut rest) = after.split_once('\n').unwrap_or((after, ""));
    if value.trim().is_empty() {
        // The value sits on the line below its label.
        (value, rest) = rest.split_once('\n').unwrap_or((rest, ""));
    }
    let mut kept = desc[..at].trim_end().to_string();
    if !rest.trim().is_empty() {
        push_text(&mut kept, rest.trim());
    }
    (kept.trim().to_string(), Some(value.trim().to_string()))
}

/// Where the last example-value label of `desc` starts, and its length.
fn last_example_label(desc: &str) -> Option<(usize, usize)> {
    const LABELS: &[&str] = &["示例值：", "示例值:", "Example value:"];
    // Every label starts with `示` (lead byte 0xE7) or `E`; both only ever start a character.
    memchr::memrchr2_iter(0xE7, b'E', desc.as_bytes()).find_map(|at| {
        let rest = desc.get(at..)?;
        let label = LABELS.iter().find(|l| rest.starts_with(**l))?;
        Some((at, label.len()))
    })
}

pub(super) fn push_text(target: &mut String, text: &str) {
    if !target.is_empty() {
        target.push('\n');
    }
    target.push_str(text);
}

#[cfg(test)]
mod tests {
    use super::*;

    // lighthouse-CreateInstances.en-US.page.txt:25: "This parameter is not required for this API".
    #[test]
    fn region_not_required() {
        assert_eq!(
            region_requirement(
                false,
                "Common Params. This parameter is not required for this API."
            ),
            RegionRequirement::None
        );
        assert_eq!(
            region_requirement(false, "公共参数，详见产品支持的 地域列表。"),
            RegionRequirement::Optional
        );
        assert_eq!(
            region_requirement(true, "Common Params."),
            RegionRequirement::Required
        );
    }

    // lighthouse-SyncBlueprint.en-US.page.txt:80 and cbs-CopySnapshotCrossRegions.en-US.page.txt:10.
    #[test]
    fn dates_in_every_site_language() {
        assert_eq!(
            date_of("最后更新时间: 2026-01-13 21:47:51").as_deref(),
            Some("2026-01-13 21:47:51")
        );
        assert_eq!(
            date_of("最終更新日: 2026-05-15 18:15:57").as_deref(),
            Some("2026-05-15 18:15:57")
        );
        assert_eq!(
            date_of("最近更新时间：2025-05-14 01:42:31").as_deref(),
            Some("2025-05-14 01:42:31")
        );
        assert_eq!(
            date_of("Last updated: 2023-12-04 16:31:59").as_deref(),
            Some("2023-12-04 16:31:59")
        );
        assert_eq!(date_of("2023-12-04"), None);
    }

    #[test]
    fn rate_limits_in_both_languages() {
        assert_eq!(rate_limit("默认接口请求频率限制：100次/秒。"), Some(100));
        assert_eq!(
            rate_limit("A maximum of 5 requests can be initiated per second for this API."),
            Some(5)
        );
        assert_eq!(rate_limit("本接口用于..."), None);
    }

    // lighthouse-api-doc.zh-CN.pdf.txt:24290: "示例值" glued to the wrapped line before it.
    #[test]
    fn example_value_split_off_the_description() {
        let (d, e) =
            split_example("云硬盘类型, 取值范围: CLOUD_SSD: SSD云硬盘示例值：CLOUD_PREMIUM");
        assert_eq!(d, "云硬盘类型, 取值范围: CLOUD_SSD: SSD云硬盘");
        assert_eq!(e.as_deref(), Some("CLOUD_PREMIUM"));
        let (d, e) = split_example("网段。\n示例值：0.0.0.0/0。\n互斥说明。\n示例值：0.0.0.0/0");
        assert_eq!(d, "网段。\n示例值：0.0.0.0/0。\n互斥说明。");
        assert_eq!(e.as_deref(), Some("0.0.0.0/0"));
    }

    // lighthouse-api-doc.zh-CN.pdf.txt:26667-26669: the value on the line below its label.
    #[test]
    fn example_value_below_its_label() {
        let (d, e) = split_example("Docker容器详情，json字符串base64编码。\n示例值：\nWwogICAg");
        assert_eq!(d, "Docker容器详情，json字符串base64编码。");
        assert_eq!(e.as_deref(), Some("WwogICAg"));
    }

    #[test]
    fn wire_names_drop_indices() {
        assert_eq!(wire_name("InstanceIds.N"), "InstanceIds");
        assert_eq!(wire_name("Offset"), "Offset");
    }

    #[test]
    fn example_labels_and_titles_in_any_case() {
        assert_eq!(example_label("Input example"), Some(true));
        assert_eq!(example_label("Input Example"), Some(true));
        assert_eq!(example_label("输出示例"), Some(false));
        assert_eq!(example_label("Example"), None);
        assert_eq!(
            example_title("Example1 Creating").as_deref(),
            Some("Creating")
        );
        assert_eq!(example_title("Example 1 Create").as_deref(), Some("Create"));
        assert_eq!(example_title("示例1 创建").as_deref(), Some("创建"));
        assert_eq!(example_title("Examples"), None);
    }

    #[test]
    fn used_by_lines_in_every_wording() {
        assert_eq!(
            used_by_line("Used by actions: AllocateHosts, RenewHosts."),
            Some(vec!["AllocateHosts".to_string(), "RenewHosts".to_string()])
        );
        assert_eq!(
            used_by_line("被如下接口引用：DescribeBlueprints。"),
            Some(vec!["DescribeBlueprints".to_string()])
        );
        assert_eq!(used_by_line("Timed task"), None);
    }
}
