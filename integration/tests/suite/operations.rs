//! The generated operation statics carry what the spec says about each endpoint: its rate
//! limit (provider-wide or the endpoint's own) and the JSON names of its `secret` fields.

use bindery::runtime::{Operation, RateLimit, RateLimitScope};
use bindery::{fxiaoke, mingdao, tencent_ess};

/// `api-spec/fxiaoke/provider.yaml`: 100 calls per 20 s for every endpoint.
const FXIAOKE: Option<RateLimit> = Some(RateLimit {
    requests: 100,
    per_seconds: 20,
    scope: RateLimitScope::Operation,
});
/// `api-spec/fxiaoke/oauth/*.yaml`: the token endpoints' own 10 calls a minute.
const FXIAOKE_TOKEN: Option<RateLimit> = Some(RateLimit {
    requests: 10,
    per_seconds: 60,
    scope: RateLimitScope::Operation,
});
/// `api-spec/tencent_ess/provider.yaml`: 20 calls per second.
const ESS: Option<RateLimit> = Some(RateLimit {
    requests: 20,
    per_seconds: 1,
    scope: RateLimitScope::Operation,
});

#[test]
fn generated_operations_carry_the_spec_rate_limits() {
    let expected: [(&Operation, Option<RateLimit>); 11] = [
        (&fxiaoke::operations::AUTHORIZE, FXIAOKE),
        (&fxiaoke::operations::DATA_CREATE, FXIAOKE),
        (&fxiaoke::operations::DATA_GET, FXIAOKE),
        (&fxiaoke::operations::DATA_QUERY, FXIAOKE),
        (&fxiaoke::operations::DATA_UPDATE, FXIAOKE),
        (&fxiaoke::operations::GET_MAPPER_OBJECT_ID, FXIAOKE),
        (&fxiaoke::operations::GET_USER_INFO_BY_CODE, FXIAOKE),
        (&fxiaoke::operations::ACCESS_TOKEN, FXIAOKE_TOKEN),
        (&fxiaoke::operations::CORP_ACCESS_TOKEN, FXIAOKE_TOKEN),
        (
            &tencent_ess::operations::BIND_EMPLOYEE_USER_ID_WITH_CLIENT_OPEN_ID,
            ESS,
        ),
        // The Mingdao spec documents no limit.
        (&mingdao::operations::GET_USER_RELATIONS, None),
    ];
    for (op, limit) in expected {
        assert_eq!(op.rate_limit, limit, "{} {}", op.provider, op.name);
    }
}

#[test]
fn generated_operations_name_their_secret_fields() {
    let expected: [(&Operation, &[&str]); 4] = [
        (
            &fxiaoke::operations::ACCESS_TOKEN,
            &["accessToken", "appSecret", "permanentCode"],
        ),
        (
            &fxiaoke::operations::CORP_ACCESS_TOKEN,
            &["appSecret", "corpAccessToken", "permanentCode"],
        ),
        (&fxiaoke::operations::GET_USER_INFO_BY_CODE, &["appSecret"]),
        (&fxiaoke::operations::DATA_GET, &[]),
    ];
    for (op, fields) in expected {
        assert_eq!(op.secret_fields, fields, "{}", op.name);
    }
}

/// One `use` of a provider module is enough: what its methods take besides requests is
/// re-exported there (this test is the compile check; the README's stream example imports
/// `bindery::fxiaoke::StreamExt`).
#[test]
fn provider_modules_reexport_what_their_users_name() {
    let _: [bindery::runtime::RetryPolicy; 3] = [
        fxiaoke::RetryPolicy::default(),
        mingdao::RetryPolicy::default(),
        tencent_ess::RetryPolicy::default(),
    ];
    let app: bindery::runtime::fxiaoke::AppCredentials =
        fxiaoke::AppCredentials::new("FSAID_1", "secret", "code");
    assert_eq!(app.app_id(), "FSAID_1");
    let operator: bindery::runtime::fxiaoke::Operator = fxiaoke::Operator::new().user_id("1000");
    assert_eq!(
        operator,
        bindery::runtime::fxiaoke::Operator::new().user_id("1000")
    );
}
