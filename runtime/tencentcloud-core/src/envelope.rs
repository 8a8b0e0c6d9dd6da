//! Decoding the `{"Response": {...}}` envelope of every API 3.0 answer, in one pass.
//!
//! The body bytes are read once, straight into the typed output: the `Response` object's
//! members go to `O`'s derived decoding under the null-tolerant rule
//! ([`crate::serde_helpers::NullAsAbsent`]), while `RequestId` is recorded (and still passed on,
//! for output types that keep it) and `Error` is taken out, on the way. No intermediate
//! `serde_json::Value` of the body is built.

use std::borrow::Cow;
use std::fmt;
use std::io::BufReader;

use serde::de::{
    self, value::BorrowedStrDeserializer, value::StringDeserializer, DeserializeOwned,
    DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor,
};
use serde::Deserialize;
use serde_json::de::Read;

use crate::error::{ResponseError, ServiceError, SNIPPET_CHARS};
use crate::serde_helpers::NullAsAbsent;
use crate::transport::{find_header, HttpResponse};

/// What an HTTP response turned out to be.
#[derive(Debug)]
pub enum Parsed<O> {
    /// A success envelope whose `Response` deserialized into `O`, and its `RequestId`.
    Success(O, String),
    /// An error envelope.
    Service(ServiceError),
    /// Anything else.
    Invalid(ResponseError),
}

/// Bodies of at least this many bytes that came in more than one chunk are decoded through a
/// reader that frees each chunk once read (so the body and the output are never both whole in
/// memory); smaller bodies are made contiguous (a copy, when in several chunks) and decoded
/// from one slice, which is faster per byte. A body of one chunk is always decoded from it.
pub const STREAMING_THRESHOLD: usize = 4 << 20;

/// The buffer the streaming decode reads the chunks through.
const READ_BUFFER: usize = 64 << 10;

/// The bytes of a body kept for the snippet of a [`ResponseError`] when the body is streamed.
const SNIPPET_BYTES: usize = 4 * SNIPPET_CHARS + 4;

/// Parses `response` into `O`, a service error, or a described invalid response; never panics.
///
/// A 2xx body is decoded once, into `O` with `RequestId` and `Error` read in the same pass; a
/// body of any other status is only searched for its `Error` (it cannot be a success). A large
/// body in several chunks is decoded as it is read (see [`STREAMING_THRESHOLD`]), each chunk
/// dropped once read.
pub fn parse_response<O: DeserializeOwned>(response: HttpResponse, max_bytes: usize) -> Parsed<O> {
    parse_with_threshold(response, max_bytes, STREAMING_THRESHOLD)
}

/// [`parse_response`] with the size from which a body in chunks is streamed.
fn parse_with_threshold<O: DeserializeOwned>(
    response: HttpResponse,
    max_bytes: usize,
    streaming_threshold: usize,
) -> Parsed<O> {
    let HttpResponse {
        status,
        headers,
        body,
    } = response;
    let reply = Reply {
        status,
        content_type: find_header(&headers, "content-type").unwrap_or(""),
    };
    if body.len() > max_bytes {
        let reason = format!("body larger than the {max_bytes}-byte limit");
        return reply.invalid(reason, &body.head(SNIPPET_BYTES));
    }
    if body.bytes().all(|b| b.is_ascii_whitespace()) {
        return reply.invalid("empty body".to_owned(), &body.head(SNIPPET_BYTES));
    }
    if body.len() < streaming_threshold || body.chunks().len() == 1 {
        let whole = body.to_bytes();
        drop(body);
        let mut seen = Seen::default();
        let de = serde_json::Deserializer::from_slice(&whole);
        let decoded = reply.decode::<O, _>(de, &mut seen);
        reply.judge(decoded, seen, &whole, || probe_error(&whole))
    } else {
        let head = body.head(SNIPPET_BYTES);
        let reader = BufReader::with_capacity(READ_BUFFER, body.into_reader());
        let mut seen = Seen::default();
        let de = serde_json::Deserializer::from_reader(reader);
        let decoded = reply.decode::<O, _>(de, &mut seen);
        // The bytes before a member that failed to decode are gone: no second pass.
        reply.judge(decoded, seen, &head, || None)
    }
}

/// The status and content type of the response being parsed.
struct Reply<'h> {
    status: u16,
    content_type: &'h str,
}

impl Reply<'_> {
    fn invalid<O>(&self, reason: String, body: &[u8]) -> Parsed<O> {
        Parsed::Invalid(ResponseError::new(
            self.status,
            self.content_type,
            reason,
            body,
        ))
    }

    fn success_status(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// Decodes the body from `de`: `O` for a success status, only the envelope otherwise.
    fn decode<'de, O: DeserializeOwned, R: Read<'de>>(
        &self,
        de: serde_json::Deserializer<R>,
        seen: &mut Seen,
    ) -> serde_json::Result<Option<O>> {
        if self.success_status() {
            decode::<O, R>(de, seen)
        } else {
            decode::<IgnoredAny, R>(de, seen).map(|_| None)
        }
    }

    /// What the decode's outcome and what it saw make of the response; `head` is the start of
    /// the body (for the snippet), `probe` looks for an `Error` after a member that failed.
    fn judge<O>(
        &self,
        decoded: serde_json::Result<Option<O>>,
        mut seen: Seen,
        head: &[u8],
        probe: impl FnOnce() -> Option<ServiceError>,
    ) -> Parsed<O> {
        if let Some(error) = seen.error.take() {
            return Parsed::Service(error.into_service_error(seen.request_id.take()));
        }
        match decoded {
            Ok(Some(o)) => Parsed::Success(o, seen.request_id.unwrap_or_default()),
            Ok(None) if seen.response_object && !self.success_status() => {
                self.invalid("error status with a success envelope".to_owned(), head)
            }
            Ok(None) => self.invalid("JSON without a \"Response\" object".to_owned(), head),
            Err(e) if !e.is_data() => self.invalid(format!("body is not JSON ({e})"), head),
            Err(e) if !seen.response_object => self.invalid(
                format!("\"Response\" is not a valid response object ({e})"),
                head,
            ),
            Err(e) => match probe() {
                Some(service) => Parsed::Service(service),
                None => self.invalid(
                    format!("\"Response\" does not match the expected type ({e})"),
                    head,
                ),
            },
        }
    }
}

/// An `Error` member that came after the member that failed to decode still wins: a second,
/// untyped pass finds it (only on this failure path, and only for a body decoded from one
/// slice: a streamed body is not kept).
fn probe_error(body: &[u8]) -> Option<ServiceError> {
    let mut seen = Seen::default();
    let _ = decode::<IgnoredAny, _>(serde_json::Deserializer::from_slice(body), &mut seen);
    let error = seen.error?;
    Some(error.into_service_error(seen.request_id))
}

/// What the pass saw besides the output.
#[derive(Default)]
struct Seen {
    /// `Response` was an object.
    response_object: bool,
    request_id: Option<String>,
    error: Option<ErrorBody>,
}

#[derive(Deserialize)]
struct ErrorBody {
    #[serde(rename = "Code")]
    code: Option<String>,
    #[serde(rename = "Message")]
    message: Option<String>,
}

impl ErrorBody {
    fn into_service_error(self, request_id: Option<String>) -> ServiceError {
        ServiceError::new(
            self.code.unwrap_or_default(),
            self.message.unwrap_or_default(),
            request_id.unwrap_or_default(),
        )
    }
}

/// Decodes the whole body: `Ok(None)` when there is no `Response` object (or it is `null`).
fn decode<'de, O: DeserializeOwned, R: Read<'de>>(
    mut de: serde_json::Deserializer<R>,
    seen: &mut Seen,
) -> serde_json::Result<Option<O>> {
    let output = de.deserialize_any(EnvelopeVisitor::<O> {
        seen,
        output: std::marker::PhantomData,
    })?;
    de.end()?;
    Ok(output)
}

/// The top-level object: `Response` decoded, every other member skipped.
struct EnvelopeVisitor<'s, O> {
    seen: &'s mut Seen,
    output: std::marker::PhantomData<O>,
}

impl<'de, O: DeserializeOwned> Visitor<'de> for EnvelopeVisitor<'_, O> {
    type Value = Option<O>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object with a \"Response\" member")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<O>, A::Error> {
        let mut output = None;
        while let Some(key) = map.next_key::<Key<'de>>()? {
            if key.as_str() == "Response" && output.is_none() {
                output = map.next_value_seed(ResponseSeed::<O> {
                    seen: &mut *self.seen,
                    output: std::marker::PhantomData,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(output)
    }

    // Any other JSON document has no `Response` object.
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Option<O>, E> {
        Ok(None)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Option<O>, E> {
        Ok(None)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Option<O>, E> {
        Ok(None)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Option<O>, E> {
        Ok(None)
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<Option<O>, E> {
        Ok(None)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Option<O>, E> {
        Ok(None)
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Option<O>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(None)
    }
}

/// A member name, borrowed from the body when it has no escapes.
struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a member name")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

/// The `Response` member's value: `None` for `null`, else `O` from the object.
struct ResponseSeed<'s, O> {
    seen: &'s mut Seen,
    output: std::marker::PhantomData<O>,
}

impl<'de, O: DeserializeOwned> DeserializeSeed<'de> for ResponseSeed<'_, O> {
    type Value = Option<O>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<O>, D::Error> {
        d.deserialize_option(self)
    }
}

impl<'de, O: DeserializeOwned> Visitor<'de> for ResponseSeed<'_, O> {
    type Value = Option<O>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the \"Response\" object")
    }

    fn visit_none<E: de::Error>(self) -> Result<Option<O>, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<O>, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<O>, D::Error> {
        let object = ResponseObject {
            inner: d,
            seen: self.seen,
        };
        O::deserialize(NullAsAbsent::new(object)).map(Some)
    }
}

/// The `Response` object as `O` sees it: `RequestId` recorded in `seen` and passed on,
/// `Error` recorded and taken out.
struct ResponseObject<'s, D> {
    inner: D,
    seen: &'s mut Seen,
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for ResponseObject<'_, D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_map(ObjectVisitor {
            visitor,
            seen: self.seen,
        })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

struct ObjectVisitor<'s, V> {
    visitor: V,
    seen: &'s mut Seen,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for ObjectVisitor<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.visitor.expecting(f)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.seen.response_object = true;
        self.visitor.visit_map(ResponseMembers {
            map,
            seen: self.seen,
            request_id: None,
        })
    }
}

/// The `Response` object's members, `RequestId` recorded, `Error` taken out.
struct ResponseMembers<'s, A> {
    map: A,
    seen: &'s mut Seen,
    /// The `RequestId` just read, for the output's own `next_value_seed`.
    request_id: Option<String>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for ResponseMembers<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        loop {
            let Some(key) = self.map.next_key::<Key<'de>>()? else {
                return Ok(None);
            };
            match key.as_str() {
                "Error" => {
                    self.seen.error = self.map.next_value()?;
                    continue;
                }
                "RequestId" => {
                    // Read for `seen` and handed on to the output as a string of its own (a
                    // `null` one is left out, as absent); the output's field decoding then
                    // sees a deserializer that instantiates almost nothing.
                    let Some(id) = self.map.next_value::<Option<String>>()? else {
                        continue;
                    };
                    self.seen.request_id = Some(id.clone());
                    self.request_id = Some(id);
                }
                _ => {}
            }
            return match key.0 {
                Cow::Borrowed(k) => seed.deserialize(BorrowedStrDeserializer::new(k)),
                Cow::Owned(k) => seed.deserialize(StringDeserializer::new(k)),
            }
            .map(Some);
        }
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        match self.request_id.take() {
            // Already read from the body: handed on as a small value of its own.
            Some(id) => seed.deserialize(StringDeserializer::new(id)),
            None => self.map.next_value_seed(seed),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, Deserialize, PartialEq)]
    #[serde(default)]
    struct Out {
        #[serde(rename = "TotalCount")]
        total_count: i64,
        #[serde(rename = "Names")]
        names: Vec<String>,
    }

    fn parse(status: u16, body: &str) -> Parsed<Out> {
        let response = HttpResponse {
            status,
            headers: vec![("content-type".to_owned(), "application/json".to_owned())],
            body: body.to_owned().into(),
        };
        parse_response(response, 1 << 20)
    }

    fn reason(p: Parsed<Out>) -> String {
        match p {
            Parsed::Invalid(e) => e.reason().to_owned(),
            other => panic!("expected an invalid response, got {other:?}"),
        }
    }

    #[test]
    fn success_with_request_id_and_nulls() {
        let p = parse(
            200,
            r#"{"Response": {"RequestId": "r-1", "TotalCount": null, "Names": ["a", null, "b"]}, "Extra": 1}"#,
        );
        match p {
            Parsed::Success(o, id) => {
                assert_eq!(
                    o,
                    Out {
                        total_count: 0,
                        names: vec!["a".into(), "b".into()]
                    }
                );
                assert_eq!(id, "r-1");
            }
            other => panic!("{other:?}"),
        }
    }

    #[derive(Debug, Deserialize)]
    struct WithId {
        #[serde(rename = "RequestId")]
        request_id: String,
        #[serde(rename = "Note", default)]
        note: Option<String>,
    }

    #[test]
    fn an_output_type_may_keep_the_request_id() {
        let response = HttpResponse {
            status: 200,
            headers: Vec::new(),
            body: br#"{"Response": {"RequestId": "r-2", "Note": null}}"#[..].into(),
        };
        match parse_response::<WithId>(response, 1 << 20) {
            Parsed::Success(o, id) => {
                assert_eq!(
                    (o.request_id.as_str(), id.as_str(), o.note),
                    ("r-2", "r-2", None)
                )
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_escaped_member_name_still_matches() {
        match parse(
            200,
            r#"{"Respons\u0065": {"Total\u0043ount": 2, "Request\u0049d": "r"}}"#,
        ) {
            Parsed::Success(o, id) => assert_eq!((o.total_count, id.as_str()), (2, "r")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_error_envelope_is_a_service_error_at_any_status_and_position() {
        for (status, body) in [
            (
                200,
                r#"{"Response": {"Error": {"Code": "AuthFailure", "Message": "m"}, "RequestId": "r"}}"#,
            ),
            (
                200,
                r#"{"Response": {"RequestId": "r", "Error": {"Code": "AuthFailure", "Message": "m"}}}"#,
            ),
            (
                200,
                r#"{"Response": {"TotalCount": "x", "RequestId": "r", "Error": {"Code": "AuthFailure", "Message": "m"}}}"#,
            ),
            (
                500,
                r#"{"Response": {"Error": {"Code": "AuthFailure", "Message": "m"}, "RequestId": "r"}}"#,
            ),
        ] {
            match parse(status, body) {
                Parsed::Service(e) => {
                    assert_eq!(
                        (e.code(), e.message(), e.request_id()),
                        ("AuthFailure", "m", "r"),
                        "{body}"
                    )
                }
                other => panic!("{body}: {other:?}"),
            }
        }
    }

    #[test]
    fn malformed_bodies_are_described() {
        assert_eq!(reason(parse(200, "  ")), "empty body");
        assert!(reason(parse(200, "<html>")).starts_with("body is not JSON"));
        assert!(
            reason(parse(200, r#"{"Response": {"TotalCount": 1"#)).starts_with("body is not JSON")
        );
        assert!(reason(parse(200, r#"{"Response": {}} x"#)).starts_with("body is not JSON"));
        assert_eq!(
            reason(parse(200, r#"{"Other": 1}"#)),
            "JSON without a \"Response\" object"
        );
        assert_eq!(
            reason(parse(200, r#"{"Response": null}"#)),
            "JSON without a \"Response\" object"
        );
        assert_eq!(
            reason(parse(200, "[1, 2]")),
            "JSON without a \"Response\" object"
        );
        assert!(reason(parse(200, r#"{"Response": 5}"#))
            .starts_with("\"Response\" is not a valid response object"));
        assert!(reason(parse(
            200,
            r#"{"Response": {"TotalCount": 9223372036854775808}}"#
        ))
        .starts_with("\"Response\" does not match the expected type"));
        assert!(reason(parse(200, r#"{"Response": {"RequestId": 5}}"#))
            .starts_with("\"Response\" does not match the expected type"));
        assert_eq!(
            reason(parse(502, r#"{"Response": {"RequestId": "r"}}"#)),
            "error status with a success envelope"
        );
    }
}

#[cfg(test)]
mod streaming_tests;
