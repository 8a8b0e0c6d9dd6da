//! Randomness for jitter and client tokens, from the OS with a non-panicking fallback.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use sha2::{Digest, Sha256};

/// 16 random bytes: from the OS, or (if that fails) a hash of time, a counter and the pid.
pub(crate) fn bytes16() -> [u8; 16] {
    let mut buf = [0u8; 16];
    if getrandom::getrandom(&mut buf).is_ok() {
        return buf;
    }
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let mut h = Sha256::new();
    h.update(nanos.to_le_bytes());
    h.update(COUNTER.fetch_add(1, Ordering::Relaxed).to_le_bytes());
    h.update(std::process::id().to_le_bytes());
    let digest = h.finalize();
    buf.copy_from_slice(&digest[..16]);
    buf
}

/// A random `u64`.
pub(crate) fn u64() -> u64 {
    let b = bytes16();
    let mut eight = [0u8; 8];
    eight.copy_from_slice(&b[..8]);
    u64::from_le_bytes(eight)
}

/// A fresh idempotency token (UUID v4, lowercase hyphenated) for actions that accept
/// `ClientToken`. Generated code sets it once per call, so every retry sends the same token.
pub fn new_client_token() -> String {
    let mut b = bytes16();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h = crate::sign::hex(&b);
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_token_is_a_v4_uuid_and_unique() {
        let a = new_client_token();
        let b = new_client_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 36);
        let parts: Vec<&str> = a.split('-').collect();
        assert_eq!(
            parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(parts[2].starts_with('4'));
        assert!(matches!(
            parts[3].chars().next(),
            Some('8' | '9' | 'a' | 'b')
        ));
    }
}
