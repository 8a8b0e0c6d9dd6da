//! Fixtures are cut from `spec/sources/`; each names the file and line it comes from. Fixture
//! files under `tests/fixtures/examples/` hold `LINE|text` per source line, so the line numbers
//! the parser reports are the real ones.

use serde_json::json;

use super::*;
use crate::diagnostics::Severity;
use crate::spec::{Field, TypeDef};

const PDF: &str = "spec/sources/lighthouse-api-doc.zh-CN.pdf.txt";
const CREATE_INSTANCES: &str = "spec/sources/lighthouse-CreateInstances.en-US.page.txt";

/// Lines of a `LINE|text` fixture file.
fn fixture(text: &str) -> Vec<(usize, String)> {
    text.lines()
        .filter_map(|l| {
            let (n, t) = l.split_once('|')?;
            Some((n.parse().ok()?, t.to_string()))
        })
        .collect()
}

/// Lines `first..` of an inline snippet, numbered from `first`.
fn numbered(first: usize, text: &str) -> Vec<(usize, String)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (first + i, l.to_string()))
        .collect()
}

fn parse(lines: &[(usize, String)]) -> (Option<Value>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let value = parse_json_example(lines, PDF, &mut diags);
    (value, diags)
}

fn lines_of(lines: &[(usize, String)], from: usize, to: usize) -> Vec<(usize, String)> {
    lines
        .iter()
        .filter(|(n, _)| (from..=to).contains(n))
        .cloned()
        .collect()
}

#[test]
fn strict_example_with_http_preamble_parses_without_warnings() {
    // lighthouse-SyncBlueprint.en-US.page.txt lines 125-137.
    let lines = numbered(
        125,
        "POST / HTTP/1.1\nHost: lighthouse.intl.tencentcloudapi.com\n\
         Content-Type: application/json\nX-TC-Action: SyncBlueprint\n\
         <Common request parameters>\n\n{\n    \"BlueprintId\": \"lhbp-ls883feh\",\n    \
         \"DestinationRegions\": [\n        \"ap-singapore\",\n        \"ap-hongkong\"\n    \
         ]\n}",
    );
    let (value, diags) = parse(&lines);
    let expected = json!({"BlueprintId": "lhbp-ls883feh",
                          "DestinationRegions": ["ap-singapore", "ap-hongkong"]});
    assert_eq!(value, Some(expected));
    assert!(diags.is_empty(), "{diags:?}");
}

#[test]
fn pdf_blank_lines_and_page_start_space_are_layout() {
    // lighthouse-api-doc.zh-CN.pdf.txt lines 6623-6654 (SyncBlueprint input), the page
    // furniture at 6631-6647 removed as the front-end does; line 6648 keeps its page-start
    // space.
    let lines = vec![
        (6623, "POST / HTTP/1.1".to_string()),
        (6625, "Host: lighthouse.tencentcloudapi.com".to_string()),
        (6627, "Content-Type: application/json".to_string()),
        (6629, "X-TC-Action: SyncBlueprint".to_string()),
        (6631, "<公共请求参数>".to_string()),
        (6632, String::new()),
        (6633, "{".to_string()),
        (6648, " \"BlueprintId\": \"lhbp-ls883feh\",".to_string()),
        (6649, String::new()),
        (6650, "\"DestinationRegions\": [".to_string()),
        (6652, "\"ap-singapore\",".to_string()),
        (6654, "\"ap-hongkong\"".to_string()),
        (6656, "]".to_string()),
        (6658, "}".to_string()),
    ];
    let (value, diags) = parse(&lines);
    let expected = json!({"BlueprintId": "lhbp-ls883feh",
                          "DestinationRegions": ["ap-singapore", "ap-hongkong"]});
    assert_eq!(value, Some(expected));
    assert!(diags.is_empty(), "{diags:?}");
}

#[test]
fn strings_cut_by_line_breaks_are_joined_and_key_order_kept() {
    // lighthouse-api-doc.zh-CN.pdf.txt lines 6162-6302, page furniture 6172-6184 removed.
    let lines = fixture(include_str!(
        "../../../tests/fixtures/examples/pdf-6162-DescribeBlueprintInstances-output.txt"
    ));
    let (value, diags) = parse(&lines);
    assert!(diags.is_empty(), "{diags:?}");
    let value = value.expect("the example is recovered");
    let instance = &value["Response"]["BlueprintInstanceSet"][0];
    // Line 6221/6223: ".../styles/sli" + "ce/bt-panel.svg".
    assert_eq!(
        instance["Blueprint"]["ImageUrl"],
        "https://cloudcache.tencent-cloud.com/open_proj/proj_qcloud_v2/tc-console/\
         tea-static-lighthouse/src/styles/slice/bt-panel.svg"
    );
    // Lines 6197-6201: one description cut over three lines.
    let description = instance["Blueprint"]["Description"]
        .as_str()
        .unwrap_or_default();
    assert!(
        description.contains("100多项服务器管理功能"),
        "{description}"
    );
    assert!(description.contains("DNS解析插件，让用户"), "{description}");
    assert!(
        description.ends_with("OpenCloudOS 9操作系统。"),
        "{description}"
    );
    let keys: Vec<&String> = instance["Blueprint"]
        .as_object()
        .map(|m| m.keys().collect())
        .unwrap_or_default();
    assert_eq!(keys.first().map(|k| k.as_str()), Some("BlueprintId"));
    assert_eq!(keys.last().map(|k| k.as_str()), Some("CreatedTime"));
    let software = &instance["SoftwareSet"][0];
    assert_eq!(
        software["DetailSet"][2]["Value"],
        "sudo /etc/init.d/bt default"
    );
    assert_eq!(
        value["Response"]["RequestId"],
        "128d0517-4eb0-4301-868c-650eaeac5556"
    );
}

#[test]
fn indented_page_that_lost_its_brace_lines_is_rebuilt() {
    // lighthouse-CreateInstances.en-US.page.txt lines 59-68: the input example lost its
    // `{`, `}` and `}` lines; members and indentation survived.
    let lines = lines_of(
        &fixture(include_str!(
            "../../../tests/fixtures/examples/en-57-CreateInstances-examples.txt"
        )),
        59,
        68,
    );
    let mut diags = Vec::new();
    let value = parse_json_example(&lines, CREATE_INSTANCES, &mut diags);
    let expected = json!({
        "BundleId": "bundle_gen_03",
        "BlueprintId": "lhbp-g0tn7djh",
        "InstanceChargePrepaid": {"Period": "1", "RenewFlag": "NOTIFY_AND_MANUAL_RENEW"}
    });
    assert_eq!(value, Some(expected));
    assert!(diags.iter().all(|d| d.severity == Severity::Warning));
    let text: Vec<String> = diags.iter().map(ToString::to_string).collect();
    assert!(
        text.iter().any(|t| t.starts_with(&format!("{CREATE_INSTANCES}:64:"))
            && t.contains("opening `{`")),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|t| t.starts_with(&format!("{CREATE_INSTANCES}:66:"))
                && t.contains("closing line of the object opened at line 66")),
        "{text:?}"
    );
}

#[test]
fn lost_brace_lines_are_closed_at_the_end_even_without_indentation() {
    // lighthouse-CreateInstances.en-US.page.txt lines 64-68 as a front-end that trims lines
    // hands them over: the lost root brace shows the brace-only lines went missing, and at
    // the end of the example only closing lines can have followed.
    let lines: Vec<(usize, String)> = lines_of(
        &fixture(include_str!(
            "../../../tests/fixtures/examples/en-57-CreateInstances-examples.txt"
        )),
        64,
        68,
    )
    .into_iter()
    .map(|(n, l)| (n, l.trim().to_string()))
    .collect();
    let (value, diags) = parse(&lines);
    let expected = json!({
        "BundleId": "bundle_gen_03",
        "BlueprintId": "lhbp-g0tn7djh",
        "InstanceChargePrepaid": {"Period": "1", "RenewFlag": "NOTIFY_AND_MANUAL_RENEW"}
    });
    assert_eq!(value, Some(expected));
    assert_eq!(diags.len(), 3, "{diags:?}");
}

#[test]
fn array_whose_elements_were_lost_is_not_invented() {
    // lighthouse-CreateInstances.en-US.page.txt lines 72-74: `"InstanceIdSet": [` is
    // followed directly by a sibling member; whatever the array held is gone, so the
    // output must not claim an empty list.
    let lines = lines_of(
        &fixture(include_str!(
            "../../../tests/fixtures/examples/en-57-CreateInstances-examples.txt"
        )),
        72,
        74,
    );
    let mut diags = Vec::new();
    let value = parse_json_example(&lines, CREATE_INSTANCES, &mut diags);
    assert_eq!(value, None);
    assert_eq!(diags.len(), 1, "{diags:?}");
    let text = diags[0].to_string();
    assert!(
        text.starts_with(&format!("{CREATE_INSTANCES}:73:")),
        "{text}"
    );
    assert!(text.contains("array opened at line 73"), "{text}");
}

#[test]
fn text_after_the_example_is_ignored_with_a_warning() {
    // lighthouse-api-doc.zh-CN.pdf.txt lines 10951-10965: the output example is followed by
    // "发者资源", the tail of a section title the page break pushed here.
    let lines = numbered(
        10951,
        "{\n\n\"Response\": {\n\n\"Available\": 49,\n\n\
         \"RequestId\": \"c263d410-adc0-4461-82b1-133db778ff25\",\n\n\"Total\": 50\n\n}\n\n}\n\n\
         发者资源",
    );
    let (value, diags) = parse(&lines);
    let expected = json!({"Response": {"Available": 49,
        "RequestId": "c263d410-adc0-4461-82b1-133db778ff25", "Total": 50}});
    assert_eq!(value, Some(expected));
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].line, 10965);
    assert!(diags[0].message.contains("ignored text"), "{diags:?}");
}

#[test]
fn truncated_flat_example_is_null_with_the_line() {
    // lighthouse-api-doc.zh-CN.pdf.txt lines 18693-18695: the output example as it stands
    // before the page break; without the rest of the page it cannot be closed honestly.
    let lines = numbered(18693, "{\n\n\"Response\": {");
    let (value, diags) = parse(&lines);
    assert_eq!(value, None);
    assert_eq!(diags.len(), 1, "{diags:?}");
    assert_eq!(diags[0].line, 18695);
    assert!(
        diags[0].message.contains("ends before the object"),
        "{diags:?}"
    );
}

#[test]
fn flat_example_missing_an_inner_close_is_not_guessed() {
    // Lines 20370-20380 of the PDF text (DescribeCcnAttachedInstances output) with the `]`
    // line after the CidrBlock element deleted: without indentation the place of the lost
    // close is unknown ("State" could belong to either level).
    let lines = numbered(
        20370,
        "{\n\"Response\": {\n\"CcnAttachedInstanceSet\": [\n{\n\"CcnId\": \"ccn-pf78xmcp\",\n\
         \"CidrBlock\": [\n\"10.0.0.0/16\"\n,\n\"State\": \"PENDING\"\n}\n]\n}\n}",
    );
    let (value, diags) = parse(&lines);
    assert_eq!(value, None);
    assert_eq!(diags.len(), 1, "{diags:?}");
}

#[test]
fn lost_comma_and_trailing_comma_are_repaired_with_warnings() {
    // lighthouse-api-doc.zh-CN.pdf.txt lines 7963-7967 (CreateDiskBackup input) with the
    // comma after the first member moved to the last one.
    let lines = numbered(
        7963,
        "{\n\"DiskBackupName\": \"disk-backup-01\"\n\"DiskId\": \"lhdisk-qtovvuzq\",\n}",
    );
    let (value, diags) = parse(&lines);
    let expected = json!({"DiskBackupName": "disk-backup-01", "DiskId": "lhdisk-qtovvuzq"});
    assert_eq!(value, Some(expected));
    let lines: Vec<usize> = diags.iter().map(|d| d.line).collect();
    assert_eq!(lines, vec![7965, 7966], "{diags:?}");
}

#[test]
fn number_cut_after_its_key_is_joined() {
    // lighthouse-api-doc.zh-CN.pdf.txt lines 10955-10961 with the value 49 cut as "4" / "9".
    let lines = numbered(10955, "{\n\"Available\": 4\n9,\n\"Total\": 50\n}");
    let (value, diags) = parse(&lines);
    assert_eq!(value, Some(json!({"Available": 49, "Total": 50})));
    assert!(diags.is_empty(), "{diags:?}");
}

#[test]
fn array_elements_that_lost_their_braces_are_refused() {
    // lighthouse-SyncBlueprint.en-US.page.txt lines 143-152 with the brace-only lines of
    // the array's objects removed: where one element ends cannot be told.
    let lines = numbered(
        143,
        "        \"DestinationRegionBlueprintSet\": [\n                \"Region\": \"ap-singapore\",\n\
         \x20               \"BlueprintId\": \"lhbp-lf3gjs2f\"\n                \"Region\": \"ap-hongkong\",",
    );
    let (value, diags) = parse(&lines);
    assert_eq!(value, None);
    assert!(
        diags[0].message.contains("directly in an array"),
        "{diags:?}"
    );
}

#[test]
fn empty_and_junk_examples_are_null_with_a_warning() {
    let (value, diags) = parse(&numbered(5963, "POST / HTTP/1.1\n<公共请求参数>\n\n"));
    assert_eq!(value, None);
    assert_eq!(diags.len(), 1);
    // The page furniture of lighthouse-api-doc.zh-CN.pdf.txt line 18712 where JSON belongs.
    let (value, diags) = parse(&numbered(18712, "轻量应用服务器"));
    assert_eq!(value, None);
    assert_eq!(diags[0].line, 18712);
    let (value, _) = parse(&numbered(1, "{\"a\": 1, \"a\": 2}"));
    assert_eq!(value, None, "duplicate keys are ambiguous");
    let (value, diags) = parse(&numbered(1, "{\"a\": \"open"));
    assert_eq!(value, None);
    assert!(diags[0].message.contains("inside a string"), "{diags:?}");
}

#[test]
fn deep_nesting_is_refused_not_overflowing() {
    let text = format!("{}\n{}", "[".repeat(10_000), "]".repeat(9_999));
    let (value, diags) = parse(&numbered(1, &text));
    assert_eq!(value, None);
    assert_eq!(diags.len(), 1);
}

// ---- query strings ----

fn field(name: &str, ty: &str) -> Field {
    Field {
        name: name.to_string(),
        ty: ty.to_string(),
        required: false,
        nullable: false,
        description: Default::default(),
        example: None,
    }
}

fn structure(name: &str, fields: Vec<Field>) -> TypeDef {
    TypeDef {
        name: name.to_string(),
        description: Default::default(),
        used_by: Vec::new(),
        fields,
        inferred: false,
        source: crate::spec::SourceRef {
            path: PDF.to_string(),
            line: 0,
        },
    }
}

#[test]
fn query_with_array_index_and_common_placeholder() {
    // lighthouse-api-doc.zh-CN.pdf.txt lines 6154-6158 (DescribeBlueprintInstances); the
    // input table at 6124 gives InstanceIds.N as Array of String.
    let query = "https://lighthouse.tencentcloudapi.com/?Action=DescribeBlueprintInstances\n\n\
                 &InstanceIds.0=lhins-f4s49nap\n\n&<公共请求参数>";
    let input = [field("InstanceIds", "Array of String")];
    let value = query_to_json(query, &input, &[]);
    assert_eq!(value, Ok(json!({"InstanceIds": ["lhins-f4s49nap"]})));
}

#[test]
fn query_values_are_typed_by_the_documented_fields() {
    // lighthouse-api-doc.zh-CN.pdf.txt lines 9682-9690 (DescribeFirewallRules); Offset and
    // Limit are Integer in its input table (6801 shows the same row shape).
    let query = "https://lighthouse.tencentcloudapi.com/?Action=DescribeFirewallRules\n\
                 &InstanceId=lhins-aglzynfg\n&Offset=0\n&Limit=1\n&<公共请求参数>";
    let input = [
        field("InstanceId", "String"),
        field("Offset", "Integer"),
        field("Limit", "Integer"),
    ];
    let value = query_to_json(query, &input, &[]);
    let expected = json!({"InstanceId": "lhins-aglzynfg", "Offset": 0, "Limit": 1});
    assert_eq!(value, Ok(expected));
}

#[test]
fn query_folds_indexed_structures_into_arrays_of_objects() {
    // lighthouse-api-doc.zh-CN.pdf.txt lines 13709-13715 (DescribeSnapshots); Filter is
    // defined at 31757 with Name String and Values Array of String.
    let query = "https://lighthouse.tencentcloudapi.com/?Action=DescribeSnapshots\n\
                 &Filters.0.Name=disk-id\n&Filters.0.Values.0=lhdisk-f71kc5bh\n&<公共请求参数>";
    let input = [field("Filters", "Array of Filter")];
    let types = [structure(
        "Filter",
        vec![field("Name", "String"), field("Values", "Array of String")],
    )];
    let value = query_to_json(query, &input, &types);
    let expected = json!({"Filters": [{"Name": "disk-id", "Values": ["lhdisk-f71kc5bh"]}]});
    assert_eq!(value, Ok(expected));
}

#[test]
fn query_members_of_a_structure_are_typed_through_the_type() {
    // lighthouse-api-doc.zh-CN.pdf.txt lines 29686-29692 (InquirePriceCreateInstances);
    // InstanceChargePrepaid (32320) has Period Integer and RenewFlag String. Also lines
    // 9180-9192 (CreateFirewallRules): FirewallRule.Port is a String, "22,443" stays one.
    let query = "https://lighthouse.tencentcloudapi.com/?Action=InquirePriceCreateInstances\n\
                 &BundleId=bundle_ntp_small1_500\n&InstanceChargePrepaid.RenewFlag=NOTIFY_AND_AUTO_RENEW\n\
                 &InstanceChargePrepaid.Period=1\n&FirewallRules.1.Protocol=UDP\n\
                 &FirewallRules.0.Port=80\n&FirewallRules.1.Port=22,443";
    let input = [
        field("BundleId", "String"),
        field("InstanceChargePrepaid", "InstanceChargePrepaid"),
        field("FirewallRules", "Array of  FirewallRule"),
    ];
    let types = [
        structure(
            "InstanceChargePrepaid",
            vec![field("Period", "Integer"), field("RenewFlag", "String")],
        ),
        structure(
            "FirewallRule",
            vec![field("Protocol", "String"), field("Port", "String")],
        ),
    ];
    let value = query_to_json(query, &input, &types).map(|v| v.to_string());
    let expected = json!({
        "BundleId": "bundle_ntp_small1_500",
        "InstanceChargePrepaid": {"RenewFlag": "NOTIFY_AND_AUTO_RENEW", "Period": 1},
        "FirewallRules": [{"Port": "80"}, {"Protocol": "UDP", "Port": "22,443"}]
    });
    assert_eq!(value, Ok(expected.to_string()));
}

#[test]
fn query_without_url_and_percent_escapes() {
    // lighthouse-api-doc.zh-CN.pdf.txt lines 31764-31767: the Filter description's example
    // starts with a page-start space and has no URL; the escapes are added to test decoding.
    let query = " Filters.0.Name=instance-name\n&Filters.0.Values.0=my%20test%E5%AE%9E\n\
                 &Filters.1.Name=private-ip-address\n&Filters.1.Values.0=10.10.10.10";
    let input = [field("Filters", "Array of Filter")];
    let types = [structure(
        "Filter",
        vec![field("Name", "String"), field("Values", "Array of String")],
    )];
    let value = query_to_json(query, &input, &types);
    let expected = json!({"Filters": [
        {"Name": "instance-name", "Values": ["my test实"]},
        {"Name": "private-ip-address", "Values": ["10.10.10.10"]}]});
    assert_eq!(value, Ok(expected));
}

#[test]
fn query_keeps_a_documented_field_named_like_a_common_parameter() {
    let query = "?Action=X&Version=2020-03-24&Region=ap-guangzhou&Language=en-US&Nonce=1";
    let value = query_to_json(query, &[field("Language", "String")], &[]);
    assert_eq!(value, Ok(json!({"Language": "en-US"})));
}

#[test]
fn query_errors_name_the_parameter() {
    let input = [
        field("Limit", "Integer"),
        field("InstanceIds", "Array of String"),
        field("DryRun", "Boolean"),
    ];
    let cases = [
        ("?Limit=ten", "`Limit`"),
        ("?Unknown=1", "`Unknown`"),
        ("?InstanceIds=lhins-1", "`InstanceIds`"),
        ("?InstanceIds.1=lhins-1", "`InstanceIds.0`"),
        ("?InstanceIds.0=a&InstanceIds.0=b", "`InstanceIds.0`"),
        ("?Limit=%zz", "`Limit`"),
        ("?DryRun=yes", "`DryRun`"),
        ("?Limit", "`Limit`"),
        ("?Limit.Member=1", "`Limit.Member`"),
    ];
    for (query, name) in cases {
        match query_to_json(query, &input, &[]) {
            Err(e) => assert!(e.contains(name), "{query}: {e}"),
            Ok(v) => panic!("{query} gave {v}"),
        }
    }
    assert_eq!(
        query_to_json("?DryRun=true&Limit=-3", &input, &[]),
        Ok(json!({"DryRun": true, "Limit": -3}))
    );
}

#[test]
fn query_array_elements_take_the_element_type() {
    // Shape of lighthouse-api-doc.zh-CN.pdf.txt lines 29107-29109 (ResourceNames.0=...),
    // with numeric arrays and a Float added to cover the other scalar types.
    let query = "?ResourceNames.0=GENERAL_BUNDLE_INSTANCE&Ports.0=22&Ports.1=443&Ratio=0.5";
    let input = [
        field("ResourceNames", "Array of String"),
        field("Ports", "Array of Integer"),
        field("Ratio", "Float"),
    ];
    let value = query_to_json(query, &input, &[]);
    let expected = json!({"ResourceNames": ["GENERAL_BUNDLE_INSTANCE"], "Ports": [22, 443],
                          "Ratio": 0.5});
    assert_eq!(value, Ok(expected));
}

// spec/sources/qcloud-documents/api/API 3.0/计算/云服务器/密钥相关接口/导入密钥对_intl.md:62:
// `&keyName=operation_key` where the input table lists `KeyName`.
#[test]
fn parameter_names_take_the_documented_case() {
    let input = [
        field("KeyName", "String"),
        field("InstanceIds", "Array of String"),
    ];
    let (query, renamed) = documented_case(
        "Action=ImportKeyPair&keyName=operation_key&instanceIds.0=ins-1&<Common request parameters>",
        &input,
    );
    assert_eq!(
        query,
        "Action=ImportKeyPair&KeyName=operation_key&InstanceIds.0=ins-1&<Common request parameters>"
    );
    assert_eq!(
        renamed,
        [
            ("keyName".to_string(), "KeyName".to_string()),
            ("instanceIds".to_string(), "InstanceIds".to_string())
        ]
    );
    assert_eq!(
        query_to_json(&query, &input, &[]),
        Ok(json!({"KeyName": "operation_key", "InstanceIds": ["ins-1"]}))
    );
}

// spec/sources/qcloud-documents/api/API 3.0/计算/云硬盘/云硬盘相关接口/退还云硬盘_intl.md:53-58
// (TerminateDisks): the parameter lines after the URL lost their `&`.
#[test]
fn query_lines_that_start_a_documented_parameter_without_ampersand_are_parameters() {
    let input = [field("DiskIds", "Array of String")];
    let query = "https://cbs.tencentcloudapi.com/?Action=TerminateDisks\n\
                 DiskIds.0=disk-lzrg2pwi\n\
                 DiskIds.1=disk-g27hqeo2\n\
                 &<Common request parameters>";
    let (query, renamed) = documented_case(query, &input);
    assert!(renamed.is_empty());
    assert_eq!(
        query_to_json(&query, &input, &[]),
        Ok(json!({"DiskIds": ["disk-lzrg2pwi", "disk-g27hqeo2"]}))
    );
    // A value wrapped onto the next line still joins its first part (no documented name there).
    let wrapped = "?Action=TerminateDisks&DiskIds.0=disk-lzrg\n2pwi";
    assert_eq!(
        query_to_json(wrapped, &input, &[]),
        Ok(json!({"DiskIds": ["disk-lzrg2pwi"]}))
    );
}

/// Every code block of every page of `spec/sources/`, as `(path, lines)`.
fn corpus_code_blocks() -> Vec<(String, Vec<(usize, String)>)> {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = manifest.parent().unwrap_or(manifest);
    let files = crate::generate::output::list_files(root, "spec/sources")
        .unwrap_or_else(|e| panic!("spec/sources: {e}"));
    let mut out = Vec::new();
    for rel in files {
        let Ok(text) = std::fs::read_to_string(root.join(&rel)) else {
            continue;
        };
        let Some(kind) = crate::parse::source_kind(&rel, &text) else {
            continue;
        };
        let mut diags = Vec::new();
        let blocks = crate::parse::blocks_of(kind, &text, &rel, &mut diags).unwrap_or_default();
        for block in &blocks {
            if let Some(lines) = block.code_lines() {
                let lines = lines.into_iter().map(|(n, t)| (n, t.to_string())).collect();
                out.push((rel.clone(), lines));
            }
        }
    }
    out
}

// The strict one-pass read is a fast path only: on every example of the corpus that it reads,
// the tokens and the builder give the same value with no repair, and what it refuses (the
// repaired examples among them) is left to them.
#[test]
fn strict_read_agrees_with_the_builder_on_the_corpus() {
    let (mut strict, mut repaired) = (0, 0);
    for (path, lines) in corpus_code_blocks() {
        let body = json_lines(&lines);
        let by_tokens = read_tokens(&body);
        match strict::read_strict(&body) {
            Some(value) => {
                strict += 1;
                let line = body[0].0;
                assert_eq!(by_tokens, Ok((value, Vec::new())), "{path}:{line}");
            }
            None => {
                if matches!(&by_tokens, Ok((_, notes)) if !notes.is_empty()) {
                    repaired += 1;
                }
            }
        }
    }
    assert!(strict >= 250, "{strict} examples read strictly");
    assert!(repaired >= 1, "{repaired} examples repaired");
}

#[test]
fn strict_read_refuses_what_the_builder_refuses_or_repairs() {
    let read = |text: &str| {
        let lines = numbered(1, text);
        let lines: Vec<(usize, &str)> = lines.iter().map(|(n, l)| (*n, l.as_str())).collect();
        strict::read_strict(&lines)
    };
    assert_eq!(
        read("{\"A\": 1,\n\"B\": [true, null]}"),
        Some(json!({"A": 1, "B": [true, null]}))
    );
    // A key twice, a trailing comma, a lost `{` line, text after the end.
    assert_eq!(read("{\"A\": 1,\n\"A\": 2}"), None);
    assert_eq!(read("{\"A\": 1,\n}"), None);
    assert_eq!(read("\"A\": 1"), None);
    assert_eq!(read("{}\nThe response."), None);
    // Nesting: as deep as the builder takes, and one level deeper.
    let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    assert!(read(&deep(build::MAX_DEPTH)).is_some());
    assert_eq!(read(&deep(build::MAX_DEPTH + 1)), None);
}
