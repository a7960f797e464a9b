//! Nothing is sent when a call fails its checks: an invalid request or missing
//! credentials, for every protocol.

use bindery_runtime::{Client, Error, fxiaoke, mingdao, tencent};
use serde_json::Value;
use wiremock::{Mock, MockServer, ResponseTemplate};

use super::fxiaoke::{
    CRM_GET, CrmGetRequest, GET_MAPPER_OBJECT_ID, GetData, MapperRequest, fxiaoke_client,
};
use super::mingdao::{GET_USER_RELATIONS, UserRelationsRequest};
use super::tencent::{BIND, bind_request};

/// A server that must receive nothing (checked by `verify`).
async fn silent_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn invalid_requests_send_nothing() {
    let server = silent_server().await;
    let with_token = fxiaoke_client(
        &server,
        fxiaoke::Credentials::new().with_access_token("AT", "ea", "1000"),
    );
    let bad = MapperRequest {
        object_api_name: "LeadsObj".into(),
        downstream_outer_tenant_id: None,
    };
    match with_token
        .call::<_, Value>(&GET_MAPPER_OBJECT_ID, &bad)
        .await
        .unwrap_err()
    {
        Error::InvalidRequest {
            provider,
            operation,
            field,
            rule,
        } => {
            assert_eq!((provider, operation), ("fxiaoke", "getMapperObjectId"));
            assert_eq!(field, "objectApiName");
            assert_eq!(rule, "must match AccountObj|PartnerObj");
        }
        other => panic!("unexpected {other:?}"),
    }
    let empty_id = CrmGetRequest {
        data: GetData {
            data_object_api_name: "AccountObj".into(),
            object_data_id: String::new(),
        },
    };
    let err = with_token
        .call::<_, Value>(&CRM_GET, &empty_id)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::InvalidRequest { field, .. } if field == "data.objectDataId"),
        "{err:?}"
    );
    server.verify().await;
}

#[tokio::test]
async fn missing_or_unusable_credentials_send_nothing() {
    let server = silent_server().await;
    let with_token = fxiaoke_client(
        &server,
        fxiaoke::Credentials::new().with_access_token("AT", "ea", "1000"),
    );
    // Header-scheme credentials cannot serve a body-scheme operation.
    let request = CrmGetRequest {
        data: GetData {
            data_object_api_name: "AccountObj".into(),
            object_data_id: "x".into(),
        },
    };
    let err = with_token
        .call::<_, Value>(&CRM_GET, &request)
        .await
        .unwrap_err();
    match &err {
        Error::Credentials { provider, message } => {
            assert_eq!(*provider, "fxiaoke");
            assert!(message.contains("with_corp_access_token"), "{message}");
        }
        other => panic!("unexpected {other:?}"),
    }

    let no_credentials = Client::builder(mingdao::Mingdao, &server.uri())
        .build()
        .unwrap();
    let err = no_credentials
        .call::<_, Value>(
            &GET_USER_RELATIONS,
            &UserRelationsRequest {
                corp_user_ids: vec!["u".into()],
            },
        )
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Credentials {
                provider: "mingdao",
                ..
            }
        ),
        "{err:?}"
    );

    let no_credentials = Client::builder(
        tencent::TencentCloud::new("ess", "2020-11-11"),
        &server.uri(),
    )
    .build()
    .unwrap();
    let err = no_credentials
        .call::<_, Value>(&BIND, &bind_request())
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Credentials {
                provider: "tencent",
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.is_local());

    // A token that cannot be a header value is refused locally, not sent.
    let broken = fxiaoke_client(
        &server,
        fxiaoke::Credentials::new().with_access_token("AT\nInjected: 1", "ea", "1000"),
    );
    let good = MapperRequest {
        object_api_name: "AccountObj".into(),
        downstream_outer_tenant_id: None,
    };
    let err = broken
        .call::<_, Value>(&GET_MAPPER_OBJECT_ID, &good)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Credentials { message, .. } if !message.contains("Injected")),
        "{err:?}"
    );

    server.verify().await;
}
