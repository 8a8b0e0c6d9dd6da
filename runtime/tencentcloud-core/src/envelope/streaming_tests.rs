//! A body in chunks decodes as the same body in one piece, whether it is joined or streamed,
//! wherever the chunks are cut; errors in a streamed body are described as in a joined one.

use bytes::Bytes;
use serde::Deserialize;

use super::{parse_response, parse_with_threshold, Parsed, STREAMING_THRESHOLD};
use crate::body::ResponseBody;
use crate::transport::HttpResponse;

#[derive(Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
struct Item {
    #[serde(rename = "Name")]
    name: String,
    #[serde(rename = "Size")]
    size: Option<f64>,
    #[serde(rename = "Tags")]
    tags: Vec<String>,
}

#[derive(Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
struct Out {
    #[serde(rename = "TotalCount")]
    total_count: i64,
    #[serde(rename = "Items")]
    items: Vec<Item>,
    #[serde(rename = "RequestId")]
    request_id: String,
}

/// Escapes, a surrogate pair, multi-byte UTF-8 (2, 3 and 4 bytes), nulls, numbers, an unknown
/// nested member and whitespace: every place a cut between chunks can fall.
const BODY: &str = r#" {"Response": {"TotalCount": -12, "Items": [
  {"Name": "q\"uote\\back\nline\t\u00e9\ud83d\ude00\/", "Size": 1.5e3, "Tags": ["é", "中文", "😀", null]},
  null,
  {"Name": "plain", "Size": null, "Tags": null, "Extra": {"Deep": [1, {"X": "\u4e2d"}], "N": null}}
 ], "Unknown": [true, false, null, 0.25], "RequestId": "req-é-1"}, "After": "x"} "#;

fn response(body: ResponseBody) -> HttpResponse {
    HttpResponse {
        status: 200,
        headers: vec![("content-type".to_owned(), "application/json".to_owned())],
        body,
    }
}

/// `text` cut at each of `cuts`.
fn cut(text: &str, cuts: &[usize]) -> ResponseBody {
    let bytes = Bytes::copy_from_slice(text.as_bytes());
    let mut bounds = vec![0];
    bounds.extend_from_slice(cuts);
    bounds.push(bytes.len());
    bounds.windows(2).map(|w| bytes.slice(w[0]..w[1])).collect()
}

/// `text` in chunks of `size` bytes.
fn every(text: &str, size: usize) -> ResponseBody {
    let cuts: Vec<usize> = (size..text.len()).step_by(size).collect();
    cut(text, &cuts)
}

/// Decoded through the reader, whatever the size.
fn streamed(body: ResponseBody) -> Parsed<Out> {
    parse_with_threshold(response(body), usize::MAX, 0)
}

fn joined(text: &str) -> Parsed<Out> {
    parse_response(response(text.to_owned().into()), usize::MAX)
}

fn success(parsed: Parsed<Out>) -> (Out, String) {
    match parsed {
        Parsed::Success(o, id) => (o, id),
        other => panic!("not a success: {other:?}"),
    }
}

#[test]
fn a_chunked_body_decodes_as_the_contiguous_one_wherever_it_is_cut() {
    let expected = success(joined(BODY));
    assert_eq!(expected.0.items.len(), 2);
    assert_eq!(expected.0.items[0].name, "q\"uote\\back\nline\té😀/");
    assert_eq!(expected.0.items[0].tags, ["é", "中文", "😀"]);
    assert_eq!(expected.1, "req-é-1");
    for at in 1..BODY.len() {
        assert_eq!(success(streamed(cut(BODY, &[at]))), expected, "cut at {at}");
        // Joined (under the threshold), the same.
        let parsed = parse_response(response(cut(BODY, &[at])), usize::MAX);
        assert_eq!(success(parsed), expected, "joined, cut at {at}");
    }
    for size in 1..8 {
        assert_eq!(
            success(streamed(every(BODY, size))),
            expected,
            "chunks of {size}"
        );
    }
}

#[test]
fn a_body_over_the_threshold_in_chunks_decodes_as_in_one_piece() {
    let item = r#"{"Name": "n-\u00e9-中", "Size": 2, "Tags": ["a", null, "b"]},"#;
    let count = STREAMING_THRESHOLD / item.len() + 1;
    let text = format!(
        r#"{{"Response": {{"TotalCount": {count}, "Items": [{}null], "RequestId": "r"}}}}"#,
        item.repeat(count)
    );
    assert!(text.len() > STREAMING_THRESHOLD);
    let expected = success(joined(&text));
    assert_eq!(expected.0.items.len(), count);
    // 64 KiB chunks and one odd cut: streamed by `parse_response` itself.
    let parsed = parse_response(response(every(&text, (64 << 10) + 3)), usize::MAX);
    assert_eq!(success(parsed), expected);
}

fn reason(parsed: Parsed<Out>) -> String {
    match parsed {
        Parsed::Invalid(e) => e.reason().to_owned(),
        other => panic!("expected an invalid response, got {other:?}"),
    }
}

#[test]
fn a_truncated_streamed_body_is_described_as_when_joined_and_never_panics() {
    let text = BODY.trim_end();
    for len in 1..text.len() - 1 {
        let Some(prefix) = text.get(..len).filter(|p| !p.trim().is_empty()) else {
            continue;
        };
        let streamed_reason = reason(streamed(every(prefix, 3)));
        assert_eq!(streamed_reason, reason(joined(prefix)), "prefix of {len}");
        assert!(
            streamed_reason.starts_with("body is not JSON ("),
            "{streamed_reason}"
        );
    }
    // Cut inside a UTF-8 sequence: invalid text, still described.
    let inside = text.find('中').expect("a 3-byte character") + 1;
    let bytes = Bytes::copy_from_slice(&text.as_bytes()[..inside]);
    let cut_in_char = reason(streamed(ResponseBody::from(bytes)));
    assert!(cut_in_char.starts_with("body is not JSON"), "{cut_in_char}");
}

#[test]
fn malformed_and_mismatched_streamed_bodies_are_described() {
    let cases = [
        (
            r#"{"Response": {"TotalCount": 1,, "Items": []}}"#,
            "body is not JSON (key must be a string",
        ),
        (
            r#"{"Response": {}} trailing"#,
            "body is not JSON (trailing characters",
        ),
        (
            r#"{"Response": {"Items": [{"Name": "\x"}]}}"#,
            "body is not JSON (invalid escape",
        ),
        ("<html>bad gateway</html>", "body is not JSON"),
        (
            r#"{"Response": 5}"#,
            "\"Response\" is not a valid response object",
        ),
        (
            r#"{"Response": {"TotalCount": "many"}}"#,
            "\"Response\" does not match the expected type",
        ),
        (r#"{"Other": {}}"#, "JSON without a \"Response\" object"),
    ];
    for (text, start) in cases {
        match streamed(every(text, 2)) {
            Parsed::Invalid(e) => {
                assert!(e.reason().starts_with(start), "{text}: {}", e.reason());
                assert_eq!(e.snippet(), text, "the snippet is the body's start");
            }
            other => panic!("{text}: {other:?}"),
        }
    }
    let bad_utf8 = ResponseBody::from_iter([
        Bytes::from_static(b"{\"Response\": {\"RequestId\": \"r\xff"),
        Bytes::from_static(b"\"}}"),
    ]);
    let reason = reason(streamed(bad_utf8));
    assert!(reason.starts_with("body is not JSON"), "{reason}");
}

#[test]
fn an_error_envelope_streamed_is_a_service_error() {
    let text =
        r#"{"Response": {"Error": {"Code": "LimitExceeded", "Message": "m"}, "RequestId": "r-9"}}"#;
    for size in [1, 5, 64] {
        match streamed(every(text, size)) {
            Parsed::Service(e) => assert_eq!(
                (e.code(), e.message(), e.request_id()),
                ("LimitExceeded", "m", "r-9")
            ),
            other => panic!("chunks of {size}: {other:?}"),
        }
    }
}
