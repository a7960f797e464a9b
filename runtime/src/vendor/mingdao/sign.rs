//! Mingdao's request signature.

use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use sha2::{Digest, Sha256};

/// Mingdao's request signature: Base64 of the lowercase hex SHA-256 of
/// `AppKey=<appKey>&SecretKey=<secretKey>&Timestamp=<timestamp_ms>` (it is
/// the hex *text* that is Base64-encoded, giving 88 characters).
pub fn sign(app_key: &str, secret_key: &str, timestamp_ms: i64) -> String {
    let plain = format!("AppKey={app_key}&SecretKey={secret_key}&Timestamp={timestamp_ms}");
    let digest_hex = hex::encode(Sha256::digest(plain.as_bytes()));
    base64::engine::general_purpose::STANDARD.encode(digest_hex)
}

pub(super) fn unix_millis(now: SystemTime) -> i64 {
    now.duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_known_answer() {
        let s = sign("ak", "sk", 1_618_837_301_125);
        assert_eq!(
            s,
            "ZjU2MjkyYTFkOWQyNzAwYTg0YzkyODE4NWFiMDQyMzU1MWFhOTMyYzAxZmVjMmQ0NmYyMDQyNGZjNzYyZDI0MA=="
        );
        assert_eq!(s.len(), 88);
    }
}
