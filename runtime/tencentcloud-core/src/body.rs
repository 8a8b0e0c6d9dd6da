//! [`ResponseBody`]: a response body as the chunks it arrived in, and a reader over them that
//! frees each chunk once it has been read.
//!
//! The default transport keeps the chunks the HTTP stack hands over (no contiguous copy), so a
//! large body can be decoded while its chunks are released one by one: the body and the typed
//! output it becomes are then never both whole in memory.

use std::collections::VecDeque;
use std::fmt;
use std::io;

use bytes::{Buf, Bytes, BytesMut};

/// A response body: a list of byte chunks, read in order. Build it from one buffer
/// (`Vec<u8>`, [`Bytes`], `String`, `&'static [u8]` via `From`) or chunk by chunk with
/// [`ResponseBody::push`]; how it is split never changes what it decodes to.
#[derive(Clone, Default)]
pub struct ResponseBody {
    chunks: VecDeque<Bytes>,
    len: usize,
}

impl ResponseBody {
    /// An empty body.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends `chunk` (an empty chunk is dropped).
    pub fn push(&mut self, chunk: Bytes) {
        if !chunk.is_empty() {
            self.len += chunk.len();
            self.chunks.push_back(chunk);
        }
    }

    /// The length in bytes, all chunks together.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the body has no bytes.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The chunks, in order (none empty).
    pub fn chunks(&self) -> impl ExactSizeIterator<Item = &Bytes> + '_ {
        self.chunks.iter()
    }

    /// The bytes of the whole body, in order.
    pub fn bytes(&self) -> impl Iterator<Item = u8> + '_ {
        self.chunks.iter().flat_map(|c| c.iter().copied())
    }

    /// The body as one contiguous buffer: free for a body of one chunk, a copy otherwise.
    pub fn to_bytes(&self) -> Bytes {
        match self.chunks.len() {
            0 => Bytes::new(),
            1 => self.chunks[0].clone(),
            _ => {
                let mut whole = BytesMut::with_capacity(self.len);
                for chunk in &self.chunks {
                    whole.extend_from_slice(chunk);
                }
                whole.freeze()
            }
        }
    }

    /// Up to `max` bytes from the start (a copy).
    pub fn head(&self, max: usize) -> Vec<u8> {
        let mut out = Vec::with_capacity(max.min(self.len));
        for chunk in &self.chunks {
            let take = (max - out.len()).min(chunk.len());
            out.extend_from_slice(&chunk[..take]);
            if out.len() == max {
                break;
            }
        }
        out
    }

    /// A reader over the body that drops each chunk as soon as it has been read to its end,
    /// so a chunk nothing else shares is freed while the rest is still being read.
    pub fn into_reader(self) -> BodyReader {
        BodyReader(Chunks(self).reader())
    }
}

/// [`ResponseBody::into_reader`]: reads the chunks in order, freeing each one once read.
pub struct BodyReader(bytes::buf::Reader<Chunks>);

impl fmt::Debug for BodyReader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BodyReader")
            .field("remaining", &self.0.get_ref().0.len)
            .finish()
    }
}

impl io::Read for BodyReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.read(buf)
    }
}

impl io::BufRead for BodyReader {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.0.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        self.0.consume(amt)
    }
}

/// The chunk queue as a [`Buf`]: advancing past a chunk pops (and so drops) it.
struct Chunks(ResponseBody);

impl Buf for Chunks {
    fn remaining(&self) -> usize {
        self.0.len
    }

    fn chunk(&self) -> &[u8] {
        self.0.chunks.front().map_or(&[], |c| c.as_ref())
    }

    fn advance(&mut self, mut cnt: usize) {
        let body = &mut self.0;
        while cnt > 0 {
            let Some(front) = body.chunks.front_mut() else {
                return;
            };
            let step = cnt.min(front.len());
            front.advance(step);
            body.len -= step;
            cnt -= step;
            if front.is_empty() {
                body.chunks.pop_front();
            }
        }
    }
}

impl PartialEq for ResponseBody {
    /// Equal when the bytes are, however they are split into chunks.
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.bytes().eq(other.bytes())
    }
}

impl Eq for ResponseBody {}

impl fmt::Debug for ResponseBody {
    /// The length and the start of the body (lossy UTF-8), not every byte.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const SHOWN: usize = 64;
        let head = self.head(SHOWN);
        let mut text = String::from_utf8_lossy(&head).into_owned();
        if self.len > SHOWN {
            text.push('…');
        }
        f.debug_struct("ResponseBody")
            .field("len", &self.len)
            .field("chunks", &self.chunks.len())
            .field("start", &text)
            .finish()
    }
}

impl From<Bytes> for ResponseBody {
    fn from(chunk: Bytes) -> Self {
        let mut body = Self::new();
        body.push(chunk);
        body
    }
}

impl From<Vec<u8>> for ResponseBody {
    fn from(bytes: Vec<u8>) -> Self {
        Bytes::from(bytes).into()
    }
}

impl From<String> for ResponseBody {
    fn from(text: String) -> Self {
        Bytes::from(text).into()
    }
}

impl From<&'static [u8]> for ResponseBody {
    fn from(bytes: &'static [u8]) -> Self {
        Bytes::from_static(bytes).into()
    }
}

impl From<&'static str> for ResponseBody {
    fn from(text: &'static str) -> Self {
        Bytes::from_static(text.as_bytes()).into()
    }
}

impl FromIterator<Bytes> for ResponseBody {
    fn from_iter<I: IntoIterator<Item = Bytes>>(chunks: I) -> Self {
        let mut body = Self::new();
        for chunk in chunks {
            body.push(chunk);
        }
        body
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    fn split(text: &'static str, at: &[usize]) -> ResponseBody {
        let bytes = Bytes::from_static(text.as_bytes());
        let mut cuts = vec![0];
        cuts.extend_from_slice(at);
        cuts.push(bytes.len());
        cuts.windows(2).map(|w| bytes.slice(w[0]..w[1])).collect()
    }

    #[test]
    fn chunks_read_back_in_order_and_compare_by_content() {
        let body = split("hello, world", &[0, 3, 3, 7]);
        assert_eq!(body.len(), 12);
        assert_eq!(body.chunks().len(), 3, "empty chunks are dropped");
        assert_eq!(body, ResponseBody::from("hello, world"));
        assert_ne!(body, ResponseBody::from("hello, worle"));
        assert_eq!(&body.to_bytes()[..], b"hello, world");
        assert_eq!(body.head(5), b"hello");
        assert_eq!(body.head(100), b"hello, world");
        let mut text = String::new();
        body.into_reader().read_to_string(&mut text).unwrap();
        assert_eq!(text, "hello, world");
    }

    #[test]
    fn a_chunk_is_released_once_read() {
        let first = Bytes::from(vec![b'a'; 10]);
        let body: ResponseBody = [first.clone(), Bytes::from_static(b"bc")]
            .into_iter()
            .collect();
        drop(body.clone());
        let mut reader = body.into_reader();
        let mut buf = [0; 4];
        reader.read_exact(&mut buf).unwrap();
        assert!(!first.is_unique(), "the reader still holds the first chunk");
        reader.read_exact(&mut [0; 6]).unwrap();
        assert!(first.is_unique(), "read to its end, the chunk is dropped");
        reader.read_exact(&mut [0; 2]).unwrap();
        assert_eq!(reader.read(&mut buf).unwrap(), 0);
    }
}
