//! Fetching and forgetting tokens with app credentials, at the protocol: what the client's
//! call loop relies on when a vendor says a token expired (one refetch per stale token,
//! however many calls report it; tokens given in code are never dropped).

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use super::*;
use crate::Protocol;
use crate::VendorError;
use crate::fxiaoke::{
    ACCESS_TOKEN_EXPIRED, AppCredentials, CORP_ACCESS_TOKEN_EXPIRED, FetchToken, Operator,
    REFRESH_POLICY, TokenFuture,
};
use crate::test_ops::FX_ENVELOPE;
use crate::token::{RefreshPolicy, Token};

#[test]
fn refresh_policy_is_the_vendors_window() {
    let p = REFRESH_POLICY;
    assert_ne!(p, RefreshPolicy::default(), "not the generic default");
    assert_eq!(
        p.refresh_delay(Duration::from_secs(7200)),
        Duration::from_secs(6600)
    );
    assert_eq!(p.refresh_delay(Duration::ZERO), Duration::from_secs(6600));
    assert_eq!(
        p.refresh_delay(Duration::from_secs(360_000)),
        Duration::from_secs(6600)
    );
    assert_eq!(
        p.refresh_delay(Duration::from_secs(300)),
        Duration::from_secs(270)
    );
}

#[test]
fn app_credentials_use_the_vendors_policy() {
    fn never(_: Client<Fxiaoke>, _: AppCredentials, _: AuthKind) -> TokenFuture {
        Box::pin(async { unreachable!("not fetched") })
    }
    let app = AppCredentials::new("id", "secret", "code");
    let c = Credentials::from_app(app, Operator::new(), never);
    let auth = c.app.as_ref().expect("app credentials");
    assert_eq!(auth.header.policy(), REFRESH_POLICY);
    assert_eq!(auth.body.policy(), REFRESH_POLICY);
}

static BODY_OP: Operation = Operation {
    provider: "fxiaoke",
    name: "dataQuery",
    method: crate::Method::Post,
    path: "/cgi/crm/v2/data/query",
    action: None,
    auth: Some(AuthKind::FxiaokeBody),
    idempotent: true,
    envelope: &FX_ENVELOPE,
    rate_limit: None,
    secret_fields: &[],
    query: &[],
    request_body: crate::operation::BodyShape::Object,
    response_body: crate::operation::BodyShape::Object,
};

static HEADER_OP: Operation = Operation {
    auth: Some(AuthKind::FxiaokeHeader),
    ..BODY_OP
};

/// Fetches per test (the fetch is a plain `fn`, so each test counts in its own slot).
static FETCHES: [AtomicU64; 8] = [const { AtomicU64::new(0) }; 8];

/// Hands out `t1`, `t2`, … with the scheme's field; from fetch number `FAIL_FROM` on
/// (1-based; 0 for never) the token endpoint answers `20015` instead.
fn fetch<const SLOT: usize, const FAIL_FROM: u64>(
    _: Client<Fxiaoke>,
    _: AppCredentials,
    scheme: AuthKind,
) -> TokenFuture {
    let n = FETCHES[SLOT].fetch_add(1, Ordering::SeqCst) + 1;
    Box::pin(async move {
        if FAIL_FROM != 0 && n >= FAIL_FROM {
            return Err(vendor_error("20015"));
        }
        let token = Token::new(format!("t{n}"), Duration::from_secs(7200));
        Ok(match scheme {
            AuthKind::FxiaokeHeader => token.with_field("ea", "ea-1"),
            _ => token.with_field("corpId", "corp-1"),
        })
    })
}

fn fetches(slot: usize) -> u64 {
    FETCHES[slot].load(Ordering::SeqCst)
}

fn vendor_error(code: &str) -> Error {
    Error::from(VendorError {
        provider: "fxiaoke",
        operation: "dataQuery",
        code: code.to_owned(),
        message: "m".to_owned(),
        request_id: None,
        http_status: 200,
    })
}

fn client(fetch: FetchToken) -> Client<Fxiaoke> {
    let operator = Operator::new().user_id("1000").open_user_id("FSUID_1");
    let app = AppCredentials::new("FSAID_1", "APP-SECRET", "PERM-CODE");
    Client::builder(Fxiaoke, "http://127.0.0.1:9")
        .credentials(Credentials::from_app(app, operator, fetch))
        .build()
        .expect("a valid client")
}

async fn resolve(client: &Client<Fxiaoke>, op: &'static Operation) -> Result<Credentials, Error> {
    let resolved = Fxiaoke.resolve(client, op).await?;
    Ok(resolved.expect("configured credentials"))
}

fn body_token(c: &Credentials) -> &str {
    c.body
        .as_ref()
        .expect("body scheme")
        .corp_access_token
        .expose()
}

fn header_token(c: &Credentials) -> &str {
    c.header
        .as_ref()
        .expect("header scheme")
        .access_token
        .expose()
}

#[tokio::test]
async fn an_expired_token_is_forgotten_and_fetched_once_more() {
    let client = client(fetch::<0, 0>);
    let used = resolve(&client, &BODY_OP).await.unwrap();
    assert_eq!(body_token(&used), "t1");
    let expired = vendor_error(CORP_ACCESS_TOKEN_EXPIRED);
    assert!(
        Fxiaoke
            .forget(&client, &BODY_OP, Some(&used), &expired)
            .await
    );
    let fresh = resolve(&client, &BODY_OP).await.unwrap();
    assert_eq!(body_token(&fresh), "t2");
    // Cached again: no third fetch.
    assert_eq!(body_token(&resolve(&client, &BODY_OP).await.unwrap()), "t2");
    assert_eq!(fetches(0), 2);

    // The header scheme has its own token and code.
    let used = resolve(&client, &HEADER_OP).await.unwrap();
    assert_eq!(header_token(&used), "t3");
    let expired = vendor_error(ACCESS_TOKEN_EXPIRED);
    assert!(
        Fxiaoke
            .forget(&client, &HEADER_OP, Some(&used), &expired)
            .await
    );
    assert_eq!(
        header_token(&resolve(&client, &HEADER_OP).await.unwrap()),
        "t4"
    );
    assert_eq!(body_token(&resolve(&client, &BODY_OP).await.unwrap()), "t2");
    assert_eq!(client.credentials().unwrap().token_fetches(), 4);
}

#[tokio::test]
async fn other_errors_keep_the_token() {
    let client = client(fetch::<1, 0>);
    let used = resolve(&client, &BODY_OP).await.unwrap();
    for error in [
        vendor_error("20014"),
        Error::Config {
            message: CORP_ACCESS_TOKEN_EXPIRED.to_owned(),
        },
    ] {
        assert!(!Fxiaoke.forget(&client, &BODY_OP, Some(&used), &error).await);
    }
    assert!(
        !Fxiaoke
            .forget(
                &client,
                &BODY_OP,
                None,
                &vendor_error(CORP_ACCESS_TOKEN_EXPIRED)
            )
            .await,
        "nothing was used"
    );
    assert_eq!(body_token(&resolve(&client, &BODY_OP).await.unwrap()), "t1");
    assert_eq!(fetches(1), 1);
}

#[tokio::test]
async fn tokens_given_in_code_are_never_forgotten() {
    let given = Credentials::new().with_corp_access_token("GIVEN", "corp-1", "FSUID_1");
    let client = Client::builder(Fxiaoke, "http://127.0.0.1:9")
        .credentials(given)
        .build()
        .unwrap();
    let used = resolve(&client, &BODY_OP).await.unwrap();
    assert_eq!(body_token(&used), "GIVEN");
    let expired = vendor_error(CORP_ACCESS_TOKEN_EXPIRED);
    assert!(
        !Fxiaoke
            .forget(&client, &BODY_OP, Some(&used), &expired)
            .await
    );
}

#[tokio::test]
async fn a_failed_refetch_is_the_calls_error() {
    let client = client(fetch::<2, 2>);
    let used = resolve(&client, &BODY_OP).await.unwrap();
    let expired = vendor_error(CORP_ACCESS_TOKEN_EXPIRED);
    assert!(
        Fxiaoke
            .forget(&client, &BODY_OP, Some(&used), &expired)
            .await
    );
    let error = resolve(&client, &BODY_OP).await.unwrap_err();
    assert!(matches!(error, Error::TokenFetch { .. }), "{error:?}");
    assert_eq!(error.vendor_code(), Some("20015"));
    assert_eq!(fetches(2), 2);
}

#[tokio::test]
async fn concurrent_reports_of_one_expired_token_refetch_once() {
    let client = client(fetch::<3, 0>);
    let (a, b) = tokio::join!(resolve(&client, &BODY_OP), resolve(&client, &BODY_OP));
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!((body_token(&a), body_token(&b)), ("t1", "t1"));
    let expired = vendor_error(CORP_ACCESS_TOKEN_EXPIRED);
    let (forgot_a, forgot_b) = tokio::join!(
        Fxiaoke.forget(&client, &BODY_OP, Some(&a), &expired),
        Fxiaoke.forget(&client, &BODY_OP, Some(&b), &expired)
    );
    assert!(forgot_a && forgot_b, "both calls are tried once more");
    let (c, d) = tokio::join!(resolve(&client, &BODY_OP), resolve(&client, &BODY_OP));
    assert_eq!(
        (body_token(&c.unwrap()), body_token(&d.unwrap())),
        ("t2", "t2")
    );
    // A late report about the first token does not throw the second away.
    assert!(Fxiaoke.forget(&client, &BODY_OP, Some(&a), &expired).await);
    assert_eq!(body_token(&resolve(&client, &BODY_OP).await.unwrap()), "t2");
    assert_eq!(fetches(3), 2, "one initial fetch, one refetch");
}
