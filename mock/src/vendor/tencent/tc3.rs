//! TC3-HMAC-SHA256 as the server checks it, written from the vendor's description ("签名方法
//! v3"), not from the runtime's signer: the headers signed are whichever the request's
//! `SignedHeaders` lists (the official SDKs sign more than bindery's client does), each as
//! `name:value` lower-cased and trimmed.

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

/// The lowercase hex SHA-256 of `bytes`.
pub fn hex_sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn hmac(key: &[u8], message: &str) -> Vec<u8> {
    // HMAC takes keys of any length; an empty tag could only fail a comparison.
    let Ok(mut mac) = <Hmac<Sha256> as KeyInit>::new_from_slice(key) else {
        return Vec::new();
    };
    mac.update(message.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

/// `yyyy-mm-dd`, the UTC date of a Unix timestamp (the credential scope's date); `None` for a
/// timestamp no calendar holds.
pub fn utc_date(timestamp: i64) -> Option<String> {
    let date = time::OffsetDateTime::from_unix_timestamp(timestamp)
        .ok()?
        .date();
    Some(format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    ))
}

/// What a signature covers.
#[derive(Clone, Copy, Debug)]
pub struct Signing<'a> {
    /// The key the signing key is derived from (`SecretKey`).
    pub secret_key: &'a str,
    /// The credential scope's service (`ess`).
    pub service: &'a str,
    /// `X-TC-Timestamp`, Unix seconds.
    pub timestamp: i64,
    /// The HTTP method (`POST`).
    pub method: &'a str,
    /// The path (`/`).
    pub path: &'a str,
    /// The query string as sent (empty for a `POST`).
    pub query: &'a str,
    /// The signed headers, in `SignedHeaders` order: (lower-case name, value as sent).
    pub headers: &'a [(&'a str, &'a str)],
    /// The body bytes as received.
    pub body: &'a [u8],
}

impl Signing<'_> {
    /// The hex signature; `None` when the timestamp has no date.
    pub fn signature(&self) -> Option<String> {
        let date = utc_date(self.timestamp)?;
        let mut canonical_headers = String::new();
        for (name, value) in self.headers {
            canonical_headers.push_str(&name.to_ascii_lowercase());
            canonical_headers.push(':');
            canonical_headers.push_str(&value.trim().to_ascii_lowercase());
            canonical_headers.push('\n');
        }
        let signed: Vec<_> = self.headers.iter().map(|(name, _)| *name).collect();
        let canonical_request = format!(
            "{}\n{}\n{}\n{canonical_headers}\n{}\n{}",
            self.method,
            self.path,
            self.query,
            signed.join(";"),
            hex_sha256(self.body)
        );
        let scope = format!("{date}/{}/tc3_request", self.service);
        let string_to_sign = format!(
            "TC3-HMAC-SHA256\n{}\n{scope}\n{}",
            self.timestamp,
            hex_sha256(canonical_request.as_bytes())
        );
        let secret_date = hmac(format!("TC3{}", self.secret_key).as_bytes(), &date);
        let secret_service = hmac(&secret_date, self.service);
        let secret_signing = hmac(&secret_service, "tc3_request");
        Some(hex::encode(hmac(&secret_signing, &string_to_sign)))
    }
}

/// The parts of an `Authorization` header: `TC3-HMAC-SHA256 Credential=<id>/<date>/<service>/
/// tc3_request, SignedHeaders=<a;b>, Signature=<hex>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Authorization<'a> {
    /// The key id.
    pub secret_id: &'a str,
    /// The scope's date.
    pub date: &'a str,
    /// The scope's service.
    pub service: &'a str,
    /// The signed header names, `;`-separated.
    pub signed_headers: &'a str,
    /// The hex signature.
    pub signature: &'a str,
}

impl<'a> Authorization<'a> {
    /// The parts, or `None` when the header is not of that form.
    pub fn parse(value: &'a str) -> Option<Self> {
        let rest = value.strip_prefix("TC3-HMAC-SHA256 ")?;
        let mut fields = rest.split(',').map(str::trim);
        let credential = fields.next()?.strip_prefix("Credential=")?;
        let signed_headers = fields.next()?.strip_prefix("SignedHeaders=")?;
        let signature = fields.next()?.strip_prefix("Signature=")?;
        if fields.next().is_some() {
            return None;
        }
        let mut scope = credential.split('/');
        let (secret_id, date, service, terminator) =
            (scope.next()?, scope.next()?, scope.next()?, scope.next()?);
        (terminator == "tc3_request" && scope.next().is_none()).then_some(Authorization {
            secret_id,
            date,
            service,
            signed_headers,
            signature,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_vendor_known_answer() {
        let body = br#"{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}"#;
        let signing = Signing {
            secret_key: "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE",
            service: "cvm",
            timestamp: 1_551_113_065,
            method: "POST",
            path: "/",
            query: "",
            headers: &[
                ("content-type", "application/json; charset=utf-8"),
                ("host", "cvm.tencentcloudapi.com"),
            ],
            body,
        };
        assert_eq!(
            signing.signature().as_deref(),
            Some("72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168")
        );
    }

    #[test]
    fn dates_are_utc_and_count_leap_days() {
        assert_eq!(utc_date(951_782_400).as_deref(), Some("2000-02-29"));
        assert_eq!(utc_date(1_551_113_065).as_deref(), Some("2019-02-25"));
        assert_eq!(utc_date(i64::MAX), None);
    }

    #[test]
    fn authorization_headers_parse_into_their_parts() {
        let header = "TC3-HMAC-SHA256 Credential=AKID/2019-02-25/cvm/tc3_request, \
                      SignedHeaders=content-type;host, Signature=abc";
        assert_eq!(
            Authorization::parse(header),
            Some(Authorization {
                secret_id: "AKID",
                date: "2019-02-25",
                service: "cvm",
                signed_headers: "content-type;host",
                signature: "abc",
            })
        );
        for broken in [
            "HMAC Credential=a/b/c/tc3_request, SignedHeaders=h, Signature=s",
            "TC3-HMAC-SHA256 Credential=a/b/c/other, SignedHeaders=h, Signature=s",
            "TC3-HMAC-SHA256 Credential=a/b/c/tc3_request, Signature=s",
            "TC3-HMAC-SHA256 Credential=a/b/c/tc3_request, SignedHeaders=h, Signature=s, X=1",
        ] {
            assert_eq!(Authorization::parse(broken), None, "{broken}");
        }
    }
}
