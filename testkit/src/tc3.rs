//! Tencent Cloud TC3-HMAC-SHA256, written from the vendor's description ("签名方法 v3"), not
//! from the runtime: the wire tests recompute the signature with this and compare it with the
//! `Authorization` header the client sent.

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

/// The lowercase hex SHA-256 of `bytes`.
pub fn hex_sha256(bytes: &[u8]) -> String {
    let mut hasher = Sha256::new();
    hasher.update(bytes);
    hex::encode(hasher.finalize())
}

fn hmac(key: &[u8], message: &str) -> Vec<u8> {
    // HMAC takes keys of any length, so this cannot fail; an empty tag would only make the
    // comparison fail, never pass.
    let Ok(mut mac) = <Hmac<Sha256> as KeyInit>::new_from_slice(key) else {
        return Vec::new();
    };
    mac.update(message.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// `yyyy-mm-dd` (UTC) of a Unix timestamp, by counting days (timestamps before 1970 count
/// as 1970-01-01: no request carries one).
pub fn utc_date(timestamp: i64) -> String {
    let mut days = timestamp.max(0) / 86_400;
    let mut year = 1970;
    loop {
        let in_year = if is_leap(year) { 366 } else { 365 };
        if days < in_year {
            break;
        }
        days -= in_year;
        year += 1;
    }
    let february = if is_leap(year) { 29 } else { 28 };
    let lengths = [31, february, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut month = 1;
    for length in lengths {
        if days < length {
            break;
        }
        days -= length;
        month += 1;
    }
    format!("{year:04}-{month:02}-{:02}", days + 1)
}

/// Everything a TC3 signature of a `POST /` request signing `content-type` and `host` covers.
#[derive(Clone, Copy, Debug)]
pub struct Tc3<'a> {
    /// The key id (`SecretId`), named in the credential.
    pub secret_id: &'a str,
    /// The key (`SecretKey`) the signing key is derived from.
    pub secret_key: &'a str,
    /// The service of the credential scope (`ess`).
    pub service: &'a str,
    /// The `host` header as sent.
    pub host: &'a str,
    /// The `content-type` header as sent.
    pub content_type: &'a str,
    /// The body bytes as sent.
    pub body: &'a [u8],
    /// `X-TC-Timestamp`, Unix seconds; its UTC date is the credential scope's date.
    pub timestamp: i64,
}

impl Tc3<'_> {
    /// The credential scope, `<date>/<service>/tc3_request`.
    pub fn scope(&self) -> String {
        format!("{}/{}/tc3_request", utc_date(self.timestamp), self.service)
    }

    /// The hex signature.
    pub fn signature(&self) -> String {
        let canonical_request = [
            "POST".to_owned(),
            "/".to_owned(),
            String::new(),
            format!("content-type:{}", self.content_type.trim()),
            format!("host:{}", self.host.trim()),
            String::new(),
            "content-type;host".to_owned(),
            hex_sha256(self.body),
        ]
        .join("\n");
        let date = utc_date(self.timestamp);
        let string_to_sign = [
            "TC3-HMAC-SHA256".to_owned(),
            self.timestamp.to_string(),
            self.scope(),
            hex_sha256(canonical_request.as_bytes()),
        ]
        .join("\n");
        let secret_date = hmac(format!("TC3{}", self.secret_key).as_bytes(), &date);
        let secret_service = hmac(&secret_date, self.service);
        let secret_signing = hmac(&secret_service, "tc3_request");
        hex::encode(hmac(&secret_signing, &string_to_sign))
    }

    /// The `Authorization` header value.
    pub fn authorization(&self) -> String {
        format!(
            "TC3-HMAC-SHA256 Credential={}/{}, SignedHeaders=content-type;host, Signature={}",
            self.secret_id,
            self.scope(),
            self.signature()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_vendor_known_answer() {
        let known = Tc3 {
            secret_id: "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE",
            secret_key: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
            service: "cvm",
            host: "cvm.tencentcloudapi.com",
            content_type: "application/json; charset=utf-8",
            body: br#"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#,
            timestamp: 1_551_113_065,
        };
        assert_eq!(
            known.signature(),
            "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"
        );
        assert_eq!(
            known.authorization(),
            "TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, \
             SignedHeaders=content-type;host, \
             Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"
        );
    }

    #[test]
    fn dates_count_leap_years() {
        assert_eq!(utc_date(0), "1970-01-01");
        assert_eq!(utc_date(-5), "1970-01-01");
        assert_eq!(utc_date(951_782_400), "2000-02-29");
        assert_eq!(utc_date(951_868_799), "2000-02-29");
        assert_eq!(utc_date(951_868_800), "2000-03-01");
        assert_eq!(utc_date(1_704_067_199), "2023-12-31");
        assert_eq!(utc_date(1_704_067_200), "2024-01-01");
    }
}
