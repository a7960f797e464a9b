//! Turning a typed request into what goes on the wire: validation, the credentials check
//! and serialisation once per call, and the URL, query, body and the protocol's parts once
//! per attempt. No I/O.

use std::borrow::Cow;
use std::time::SystemTime;

use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderValue};
use serde::Serialize;
use serde_json::{Map, Value};
use url::Url;

use super::Protocol;
use super::handle::Client;
use super::outgoing::Outgoing;
use crate::error::Error;
use crate::operation::{BodyShape, Method, Operation};
use crate::query::{append_query, json_kind, query_pairs};
use crate::validate::Validate;

/// The key of a bare-array body in the request's fields: a request type whose body is an
/// array serialises to nothing else, and no vendor field is named with the empty string.
const ARRAY_BODY: &str = "";

impl<P: Protocol> Client<P> {
    /// The URL a user's browser should open for `op` (an authorisation
    /// redirect, not an API call): base URL + path + the request's top-level
    /// fields as query parameters, encoded as in [`Client::call`] for GET.
    /// Validates the request; no I/O, no credentials.
    pub fn redirect_url<Req>(&self, op: &'static Operation, request: &Req) -> Result<Url, Error>
    where
        Req: Serialize + Validate + ?Sized,
    {
        validate(op, request)?;
        let fields = to_object(op, request)?;
        let mut url = self.endpoint(op);
        append_query(&mut url, &query_pairs(&fields));
        Ok(url)
    }

    /// Validation, credentials check and serialisation: once per call.
    pub(super) fn checked_fields<Req>(
        &self,
        op: &Operation,
        request: &Req,
    ) -> Result<Map<String, Value>, Error>
    where
        Req: Serialize + Validate + ?Sized,
    {
        validate(op, request)?;
        self.inner
            .protocol
            .check_credentials(op, self.inner.credentials.as_ref())
            .map_err(|message| Error::Credentials {
                provider: op.provider,
                message,
            })?;
        to_object(op, request)
    }

    /// The request with the protocol's parts: once per attempt. The body borrows `fields`
    /// until something changes it (a field moved to the query, a protocol's parameter), so
    /// the call's fields stay as they were for the next attempt.
    pub(super) fn build_request<'f>(
        &self,
        op: &Operation,
        fields: &'f Map<String, Value>,
        credentials: Option<&P::Credentials>,
    ) -> Result<(Outgoing<'f>, Vec<u8>), Error> {
        let protocol = &self.inner.protocol;
        let mut url = self.endpoint(op);
        let mut array = None;
        let json = match op.method {
            Method::Post => {
                let mut fields = Cow::Borrowed(fields);
                // Only the fields the vendor reads from the URL leave the body, in the
                // operation's order; a protocol's own parameters are appended after them.
                let mut pairs = Vec::new();
                for name in op.query {
                    if let Some(value) = take(&mut fields, name) {
                        let one = Map::from_iter([((*name).to_owned(), value)]);
                        pairs.extend(query_pairs(&one));
                    }
                }
                append_query(&mut url, &pairs);
                // Only an array operation's request is kept under the empty key; any other
                // request's fields, an empty key included, are the body.
                match op.request_body {
                    BodyShape::Array => match take(&mut fields, ARRAY_BODY) {
                        Some(Value::Array(items)) => {
                            array = Some(items);
                            None
                        }
                        _ => Some(fields),
                    },
                    BodyShape::Object => Some(fields),
                }
            }
            Method::Get => {
                append_query(&mut url, &query_pairs(fields));
                None
            }
        };
        let mut outgoing = Outgoing {
            method: op.method,
            url,
            headers: HeaderMap::new(),
            json,
            array,
        };
        let now = SystemTime::now();
        protocol.prepare(op, &mut outgoing, credentials, now)?;
        let body = match (&outgoing.json, &outgoing.array) {
            (Some(json), _) => serde_json::to_vec(json),
            (None, Some(items)) => serde_json::to_vec(items),
            (None, None) => Ok(Vec::new()),
        }
        .map_err(|e| Error::InvalidRequest {
            provider: op.provider,
            operation: op.name,
            field: String::new(),
            rule: format!("cannot be serialised to JSON: {e}"),
        })?;
        if outgoing.has_body() && !outgoing.headers.contains_key(CONTENT_TYPE) {
            outgoing
                .headers
                .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        }
        protocol.sign(op, &mut outgoing, &body, credentials, now)?;
        Ok((outgoing, body))
    }

    /// Base URL joined with the operation's path, without doubling slashes.
    fn endpoint(&self, op: &Operation) -> Url {
        let mut url = self.inner.base_url.clone();
        let base = url.path().trim_end_matches('/');
        let path = if op.path.is_empty() {
            format!("{base}/")
        } else if op.path.starts_with('/') {
            format!("{base}{}", op.path)
        } else {
            format!("{base}/{}", op.path)
        };
        url.set_path(&path);
        url
    }
}

/// Removes `key` from `fields`, copying borrowed fields only when they hold it.
fn take(fields: &mut Cow<'_, Map<String, Value>>, key: &str) -> Option<Value> {
    if fields.contains_key(key) {
        fields.to_mut().remove(key)
    } else {
        None
    }
}

fn validate<Req: Validate + ?Sized>(op: &Operation, request: &Req) -> Result<(), Error> {
    request.validate().map_err(|v| Error::InvalidRequest {
        provider: op.provider,
        operation: op.name,
        field: v.field,
        rule: v.rule,
    })
}

fn to_object<Req: Serialize + ?Sized>(
    op: &Operation,
    request: &Req,
) -> Result<Map<String, Value>, Error> {
    let invalid = |rule: String| Error::InvalidRequest {
        provider: op.provider,
        operation: op.name,
        field: String::new(),
        rule,
    };
    match serde_json::to_value(request) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(Value::Null) => Ok(Map::new()),
        // The request fields travel as one map from here to the body; a bare-array body is
        // kept under a key no JSON field of a request type can have.
        Ok(items @ Value::Array(_)) if op.request_body == BodyShape::Array => {
            Ok(Map::from_iter([(ARRAY_BODY.to_owned(), items)]))
        }
        Ok(other) => Err(invalid(format!(
            "must serialise to a JSON {}, not {}",
            match op.request_body {
                BodyShape::Object => "object",
                BodyShape::Array => "array",
            },
            json_kind(&other)
        ))),
        Err(e) => Err(invalid(format!("cannot be serialised to JSON: {e}"))),
    }
}

#[cfg(test)]
mod tests {
    use crate::client::tests::Custom;
    use crate::test_ops::{MD_OP, TC_OP};

    use super::*;

    #[test]
    fn endpoint_joins_paths() {
        // A protocol that adds nothing: joining paths is the client's, whatever the vendor.
        let bare = Custom { classifies: false };
        let client = |base: &str| Client::builder(bare.clone(), base).build().unwrap();
        assert_eq!(
            client("https://api.mingdao.com/generalintegrate/")
                .endpoint(&MD_OP)
                .as_str(),
            "https://api.mingdao.com/generalintegrate/v2/user/getUserRelations"
        );
        assert_eq!(
            client("https://api.mingdao.com/generalintegrate")
                .endpoint(&MD_OP)
                .as_str(),
            "https://api.mingdao.com/generalintegrate/v2/user/getUserRelations"
        );
        assert_eq!(
            client("https://ess.tencentcloudapi.com")
                .endpoint(&TC_OP)
                .as_str(),
            "https://ess.tencentcloudapi.com/"
        );
        assert_eq!(
            client("https://x.example/gw/").endpoint(&TC_OP).as_str(),
            "https://x.example/gw/"
        );
    }
}
