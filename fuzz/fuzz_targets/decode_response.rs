//! Fuzzes `bindery::runtime::decode_response` with the generated operations and
//! response types of every provider.
//!
//! Input layout: byte 0 picks the operation/response type, byte 1 the HTTP
//! status, the rest is the response body. Besides "no panic", every error must
//! keep the runtime's promises: a decoding-side variant (`Decode`, `Vendor`,
//! `Http`), a message naming the provider and the operation, a short snippet,
//! and no success for a non-2xx status.
#![no_main]

use bindery::fxiaoke::crm::DataQueryResponse;
use bindery::fxiaoke::oauth::AccessTokenResponse;
use bindery::mingdao::user::GetUserRelationsResponse;
use bindery::runtime::{Error, Operation, decode_response};
use bindery::tencent_ess::BindEmployeeUserIdWithClientOpenIdResponse;
use libfuzzer_sys::fuzz_target;
use serde::de::DeserializeOwned;

/// Statuses worth telling apart: success, redirects, client and server errors,
/// and values outside the valid HTTP range.
const STATUSES: [u16; 16] = [
    200, 200, 200, 201, 204, 299, 302, 400, 401, 404, 429, 500, 502, 503, 0, 999,
];

/// Most characters a snippet may have (the runtime's limit plus the ellipsis).
const SNIPPET_MAX_CHARS: usize = 201;

/// Most characters an error's `Display` may have: provider, operation, a bounded message,
/// a JSON path and a snippet, never the whole body.
const DISPLAY_MAX_CHARS: usize = 1200;

fuzz_target!(|input: &[u8]| {
    let [selector, status, body @ ..] = input else {
        return;
    };
    let status = STATUSES[usize::from(*status) % STATUSES.len()];
    match selector % 5 {
        0 => check::<DataQueryResponse>(&bindery::fxiaoke::operations::DATA_QUERY, status, body),
        1 => {
            check::<AccessTokenResponse>(&bindery::fxiaoke::operations::ACCESS_TOKEN, status, body)
        }
        2 => check::<BindEmployeeUserIdWithClientOpenIdResponse>(
            &bindery::tencent_ess::operations::BIND_EMPLOYEE_USER_ID_WITH_CLIENT_OPEN_ID,
            status,
            body,
        ),
        3 => check::<GetUserRelationsResponse>(
            &bindery::mingdao::operations::GET_USER_RELATIONS,
            status,
            body,
        ),
        // Any JSON is acceptable as a result here, so the envelope logic is
        // exercised on its own for every provider in turn.
        _ => {
            let op = match body.len() % 3 {
                0 => &bindery::fxiaoke::operations::DATA_QUERY,
                1 => &bindery::mingdao::operations::GET_USER_RELATIONS,
                _ => &bindery::tencent_ess::operations::BIND_EMPLOYEE_USER_ID_WITH_CLIENT_OPEN_ID,
            };
            check::<serde_json::Value>(op, status, body);
        }
    }
});

fn check<R: DeserializeOwned>(op: &'static Operation, status: u16, body: &[u8]) {
    let error = match decode_response::<R>(op, status, body) {
        Ok(_) => {
            assert!(
                (200..300).contains(&status),
                "HTTP {status} decoded as success"
            );
            return;
        }
        Err(error) => error,
    };
    let text = error.to_string();
    assert!(
        text.chars().count() <= DISPLAY_MAX_CHARS,
        "Display of {} chars",
        text.chars().count()
    );
    assert!(text.contains(op.provider), "provider missing: {text}");
    assert!(text.contains(op.name), "operation missing: {text}");
    assert_eq!(error.provider(), Some(op.provider));
    assert_eq!(error.operation(), Some(op.name));
    match &error {
        Error::Decode { snippet, .. } => {
            assert!((200..300).contains(&status), "Decode for HTTP {status}");
            assert!(
                snippet.chars().count() <= SNIPPET_MAX_CHARS,
                "snippet of {} chars",
                snippet.chars().count()
            );
            assert!(!snippet.contains('\n'), "multi-line snippet");
        }
        Error::Http {
            status: got,
            snippet,
            ..
        } => {
            assert_eq!(*got, status);
            assert!(
                !(200..300).contains(&status),
                "Http error for HTTP {status}"
            );
            assert!(
                snippet.chars().count() <= SNIPPET_MAX_CHARS,
                "snippet of {} chars",
                snippet.chars().count()
            );
            assert!(!snippet.contains('\n'), "multi-line snippet");
        }
        Error::Vendor(vendor) => {
            assert_eq!(vendor.http_status, status);
        }
        other => panic!("unexpected error variant from decoding: {other:?}"),
    }
}
