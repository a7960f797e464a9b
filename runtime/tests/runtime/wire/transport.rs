//! What a call shows of itself: transport and configuration errors, thread safety, and
//! traces that carry facts but no secrets or bodies.

use bindery_runtime::{Client, Error, fxiaoke, mingdao, tencent};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::fxiaoke::{
    CORP_TOKEN, CRM_GET, CorpTokenRequest, CrmGetRequest, GetData, fxiaoke_client,
};
use super::tencent::{BIND, BindResponse, bind_request};
use crate::support::traces::capture_traces;
use crate::support::{FX_BASE_URL, MD_BASE_URL, TC_ESS_BASE_URL, free_port};

#[tokio::test]
async fn connection_refused_is_a_transport_error() {
    let port = free_port();
    let client = Client::builder(fxiaoke::Fxiaoke, &format!("http://127.0.0.1:{port}"))
        .build()
        .unwrap();
    let request = CorpTokenRequest {
        app_id: "FSAID_1".into(),
        app_secret: "APP-SECRET".into(),
        permanent_code: "PERM".into(),
    };
    let err = client
        .call::<_, Value>(&CORP_TOKEN, &request)
        .await
        .unwrap_err();
    match &err {
        Error::Transport {
            provider,
            operation,
            source,
        } => {
            assert_eq!(
                (*provider, *operation),
                ("fxiaoke", "corpAccessToken.get.V2")
            );
            assert!(source.url().is_none(), "URL must be stripped");
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(!err.is_timeout());
    let text = err.to_string();
    assert!(
        !text.contains("thirdTraceId") && !text.contains("APP-SECRET"),
        "{text}"
    );
}

#[test]
fn bad_base_urls_are_config_errors() {
    for bad in [
        "not a url",
        "ftp://x.example",
        "https://x.example/?q=1",
        "/relative",
    ] {
        let err = Client::builder(fxiaoke::Fxiaoke, FX_BASE_URL)
            .base_url(bad)
            .build()
            .unwrap_err();
        assert!(matches!(err, Error::Config { .. }), "{bad}: {err:?}");
    }
    let err = Client::builder(mingdao::Mingdao, MD_BASE_URL)
        .timeout(std::time::Duration::ZERO)
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::Config { .. }), "{err:?}");
    let client = Client::builder(mingdao::Mingdao, MD_BASE_URL)
        .credentials(mingdao::Credentials::new("ak", "SK-SECRET", "p"))
        .http_client(bindery_runtime::reqwest::Client::new())
        .build()
        .unwrap();
    assert_eq!(
        client.base_url().as_str(),
        "https://api.mingdao.com/generalintegrate"
    );
    let debug = format!("{client:?}");
    assert!(!debug.contains("SK-SECRET"), "{debug}");
}

#[test]
fn clients_futures_and_errors_cross_threads() {
    fn assert_send<T: Send>(_: &T) {}
    fn assert_send_sync<T: Send + Sync + 'static>() {}
    assert_send_sync::<Error>();
    assert_send_sync::<Client<fxiaoke::Fxiaoke>>();
    assert_send_sync::<Client<mingdao::Mingdao>>();
    assert_send_sync::<Client<tencent::TencentCloud>>();
    let client = Client::builder(
        tencent::TencentCloud::new("ess", "2020-11-11"),
        TC_ESS_BASE_URL,
    )
    .build()
    .unwrap();
    let request = bind_request();
    // Never polled: only its type matters (tokio::spawn needs it to be Send).
    let future = client.call::<_, BindResponse>(&BIND, &request);
    assert_send(&future);
}

#[tokio::test]
async fn traces_carry_facts_but_no_secrets_or_bodies() {
    let traces = capture_traces();

    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/cgi/crm/v2/data/get"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "errorCode": 20016, "errorMessage": "PERSONAL-DATA", "traceId": "E-O.77"
        })))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "Response": {"Status": "BODY-VALUE", "RequestId": "req-77"}
        })))
        .mount(&server)
        .await;

    let fx = fxiaoke_client(
        &server,
        fxiaoke::Credentials::new().with_corp_access_token("CAT-SECRET", "corp-1", "FSUID_1"),
    );
    let request = CrmGetRequest {
        data: GetData {
            data_object_api_name: "AccountObj".into(),
            object_data_id: "REQUEST-VALUE".into(),
        },
    };
    assert!(fx.call::<_, Value>(&CRM_GET, &request).await.is_err());

    let tc = Client::builder(
        tencent::TencentCloud::new("ess", "2020-11-11"),
        &server.uri(),
    )
    .credentials(tencent::Credentials::new("AKID-1", "KEY-SECRET").with_token("TMP-TOKEN"))
    .build()
    .unwrap();
    let err = tc
        .call::<_, BindResponse>(&BIND, &bind_request())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Decode { ref path, .. } if path == "Response.Status"));

    let text = traces.lines().join("\n");
    for expected in [
        "span bindery.call",
        "provider=\"fxiaoke\"",
        "operation=\"crm.v2.data.get\"",
        "vendor.code=\"20016\"",
        "request_id=\"E-O.77\"",
        "request_id=\"req-77\"",
        "http.status=200",
        "error.path=Response.Status",
        "latency_ms=",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
    for leaked in [
        "CAT-SECRET",
        "KEY-SECRET",
        "TMP-TOKEN",
        "PERSONAL-DATA",
        "BODY-VALUE",
        "REQUEST-VALUE",
        "n9527",
    ] {
        assert!(
            !text.contains(leaked),
            "{leaked} leaked into traces:\n{text}"
        );
    }
}
