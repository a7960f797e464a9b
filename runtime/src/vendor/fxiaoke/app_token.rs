//! What a token endpoint's answer must hold before its token is cached and used.
//!
//! The generated fetch (`FetchToken`) decodes the endpoint's answer into a
//! [`Token`]; decoding only proves the fields are strings. An empty token, or
//! one with characters an HTTP header cannot carry, would be sent as it is and
//! earn an "invalid token" at best, so such an answer counts as a failed fetch:
//! nothing is cached, every caller that waited for the fetch gets the error,
//! and the next call fetches again.

use std::future::Future;

use crate::credentials::is_header_safe;
use crate::error::Error;
use crate::token::Token;

/// One auth scheme's token endpoint, as `api-spec/fxiaoke/provider.yaml`
/// (`auth[].token`) and `api-spec/fxiaoke/oauth/*.yaml` describe it. The wire
/// tests (`integration/tests/suite/tokens/failures.rs`) check these names against the
/// generated operations.
pub(super) struct TokenEndpoint {
    /// The operation's name.
    operation: &'static str,
    /// Its path.
    path: &'static str,
    /// The answer's field holding the token.
    value: &'static str,
    /// The answer's field the scheme sends beside the token
    /// (also the key of [`Token::fields`] it is kept under).
    pub(super) field: &'static str,
    /// Whether the token and `field` are sent in HTTP headers.
    header: bool,
}

/// The header scheme's `POST /oauth2.0/token`: `accessToken` and `ea`, both sent in headers.
pub(super) const ACCESS_TOKEN: TokenEndpoint = TokenEndpoint {
    operation: "accessToken",
    path: "/oauth2.0/token",
    value: "accessToken",
    field: "ea",
    header: true,
};

/// The body scheme's `POST /cgi/corpAccessToken/get/V2`: `corpAccessToken` and
/// `corpId`, both sent in the JSON body.
pub(super) const CORP_ACCESS_TOKEN: TokenEndpoint = TokenEndpoint {
    operation: "corpAccessToken",
    path: "/cgi/corpAccessToken/get/V2",
    value: "corpAccessToken",
    field: "corpId",
    header: false,
};

impl TokenEndpoint {
    /// `fetch`'s token, or an [`Error::Decode`] of this endpoint naming the
    /// unusable field (never its value) when the token or the scheme's field
    /// is missing, blank, or (for a header scheme) not visible ASCII.
    pub(super) async fn checked(
        &'static self,
        fetch: impl Future<Output = Result<Token, Error>>,
    ) -> Result<Token, Error> {
        let token = fetch.await?;
        self.check(self.value, Some(token.value.expose()))?;
        self.check(self.field, token.field(self.field))?;
        Ok(token)
    }

    fn check(&self, field: &'static str, value: Option<&str>) -> Result<(), Error> {
        let problem = match value {
            None => format!("answered no `{field}`"),
            Some(value) if value.trim().is_empty() => format!("answered an empty `{field}`"),
            Some(value) if self.header && !is_header_safe(value) => format!(
                "answered a `{field}` with characters an HTTP header cannot carry (only \
                 visible ASCII is allowed)"
            ),
            Some(_) => return Ok(()),
        };
        Err(Error::Decode {
            provider: "fxiaoke",
            operation: self.operation,
            path: field.to_owned(),
            message: format!(
                "the token endpoint `POST {}` {problem}: the token is not used, the fetch \
                 counts as failed",
                self.path
            ),
            // The answer holds the token; none of it is shown.
            snippet: "[withheld]".to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    async fn check(endpoint: &'static TokenEndpoint, token: Token) -> Result<Token, Error> {
        endpoint.checked(async { Ok(token) }).await
    }

    fn decode_path(error: &Error) -> &str {
        match error {
            Error::Decode { path, .. } => path,
            other => panic!("expected a decode error, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn empty_missing_and_unsendable_values_fail_the_fetch() {
        let hour = Duration::from_secs(3600);
        let ok = Token::new("T-1", hour).with_field("ea", "ea-1");
        assert!(check(&ACCESS_TOKEN, ok).await.is_ok());

        let empty = check(&ACCESS_TOKEN, Token::new("", hour).with_field("ea", "ea-1"))
            .await
            .unwrap_err();
        assert_eq!(decode_path(&empty), "accessToken");
        let text = empty.to_string();
        assert!(
            text.contains("fxiaoke accessToken")
                && text.contains("POST /oauth2.0/token")
                && text.contains("empty `accessToken`"),
            "{text}"
        );
        assert!(!empty.is_local());

        let unsendable = check(
            &ACCESS_TOKEN,
            Token::new("T\u{e9}-SECRET", hour).with_field("ea", "ea-1"),
        )
        .await
        .unwrap_err();
        assert_eq!(decode_path(&unsendable), "accessToken");
        assert!(!unsendable.to_string().contains("SECRET"), "{unsendable}");

        let no_ea = check(&ACCESS_TOKEN, Token::new("T-1", hour))
            .await
            .unwrap_err();
        assert_eq!(decode_path(&no_ea), "ea");
        let bad_ea = check(
            &ACCESS_TOKEN,
            Token::new("T-1", hour).with_field("ea", "e a"),
        )
        .await
        .unwrap_err();
        assert_eq!(decode_path(&bad_ea), "ea");

        // The body scheme sends JSON: any non-blank text will do.
        let body = Token::new("T\u{e9}", hour).with_field("corpId", "企业");
        assert!(check(&CORP_ACCESS_TOKEN, body).await.is_ok());
        let blank = check(
            &CORP_ACCESS_TOKEN,
            Token::new(" ", hour).with_field("corpId", "c"),
        )
        .await
        .unwrap_err();
        assert!(
            blank
                .to_string()
                .contains("POST /cgi/corpAccessToken/get/V2"),
            "{blank}"
        );
    }
}
