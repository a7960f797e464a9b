//! TC3-HMAC-SHA256 request signing.

use std::time::{SystemTime, UNIX_EPOCH};

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};
use time::{Date, OffsetDateTime};

fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

fn hmac_sha256(key: &[u8], data: &[u8]) -> Vec<u8> {
    // HMAC is defined for keys of any length, so this never fails; an empty
    // result would only make the vendor reject the signature, never panic.
    match <Hmac<Sha256> as KeyInit>::new_from_slice(key) {
        Ok(mut mac) => {
            mac.update(data);
            mac.finalize().into_bytes().to_vec()
        }
        Err(_) => Vec::new(),
    }
}

/// `yyyy-mm-dd` of the UTC day holding `timestamp` (Unix seconds). Outside the years
/// -9999..=9999 `time` covers, the nearest end of that range: no such signature is
/// accepted anyway, and signing must not panic.
fn utc_date(timestamp: i64) -> String {
    let date = match OffsetDateTime::from_unix_timestamp(timestamp) {
        Ok(moment) => moment.date(),
        Err(_) if timestamp < 0 => Date::MIN,
        Err(_) => Date::MAX,
    };
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// The TC3-HMAC-SHA256 signature (lowercase hex) of a `POST /` request with
/// body `payload`, signing the `content-type` and `host` headers.
pub fn tc3_signature(
    secret_key: &str,
    service: &str,
    host: &str,
    content_type: &str,
    payload: &[u8],
    timestamp: i64,
) -> String {
    let canonical_request = format!(
        "POST\n/\n\ncontent-type:{}\nhost:{}\n\ncontent-type;host\n{}",
        content_type.trim(),
        host.trim(),
        sha256_hex(payload)
    );
    let date = utc_date(timestamp);
    let string_to_sign = format!(
        "TC3-HMAC-SHA256\n{timestamp}\n{date}/{service}/tc3_request\n{}",
        sha256_hex(canonical_request.as_bytes())
    );
    let k_date = hmac_sha256(format!("TC3{secret_key}").as_bytes(), date.as_bytes());
    let k_service = hmac_sha256(&k_date, service.as_bytes());
    let k_signing = hmac_sha256(&k_service, b"tc3_request");
    hex::encode(hmac_sha256(&k_signing, string_to_sign.as_bytes()))
}

/// The complete `Authorization` header value for [`tc3_signature`]'s request:
/// `TC3-HMAC-SHA256 Credential=<id>/<date>/<service>/tc3_request, SignedHeaders=content-type;host, Signature=<hex>`.
pub fn tc3_authorization(
    secret_id: &str,
    secret_key: &str,
    service: &str,
    host: &str,
    content_type: &str,
    payload: &[u8],
    timestamp: i64,
) -> String {
    let signature = tc3_signature(secret_key, service, host, content_type, payload, timestamp);
    format!(
        "TC3-HMAC-SHA256 Credential={secret_id}/{}/{service}/tc3_request, SignedHeaders=content-type;host, Signature={signature}",
        utc_date(timestamp)
    )
}

pub(super) fn unix_seconds(now: SystemTime) -> i64 {
    now.duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KAT_BODY: &str =
        r#"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#;

    #[test]
    fn tc3_known_answer() {
        // The `\u` escapes are literal backslash sequences in the signed body.
        assert!(KAT_BODY.contains(r"\u672a"));
        let signature = tc3_signature(
            "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
            "cvm",
            "cvm.tencentcloudapi.com",
            "application/json; charset=utf-8",
            KAT_BODY.as_bytes(),
            1_551_113_065,
        );
        assert_eq!(
            signature,
            "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"
        );
        let authorization = tc3_authorization(
            "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
            "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
            "cvm",
            "cvm.tencentcloudapi.com",
            "application/json; charset=utf-8",
            KAT_BODY.as_bytes(),
            1_551_113_065,
        );
        assert_eq!(
            authorization,
            "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, \
             SignedHeaders=content-type;host, \
             Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"
        );
    }

    #[test]
    fn utc_dates() {
        assert_eq!(utc_date(0), "1970-01-01");
        assert_eq!(utc_date(-1), "1969-12-31");
        assert_eq!(utc_date(1_551_113_065), "2019-02-25");
        assert_eq!(utc_date(951_782_400), "2000-02-29");
        assert_eq!(utc_date(4_107_542_399), "2100-02-28");
        assert_eq!(utc_date(4_107_542_400), "2100-03-01");
        // Extremes must not overflow.
        assert_eq!(utc_date(i64::MAX), "9999-12-31");
        assert_eq!(utc_date(i64::MIN), "-9999-01-01");
    }
}
