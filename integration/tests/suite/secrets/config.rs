//! Credential values on their own, runtime-level clients and builders, configuration errors:
//! no secret shows.

use super::*;

/// A token source that needs no server: the fetch hands out the LEAK tokens.
fn fixed_token(
    _: bindery::runtime::Client<Fxiaoke>,
    _: AppCredentials,
    scheme: AuthKind,
) -> TokenFuture {
    Box::pin(async move {
        Ok(match scheme {
            AuthKind::FxiaokeBody => Token::new(CORP_ACCESS_TOKEN, Duration::from_secs(7200))
                .with_field("corpId", CORP_ID),
            _ => Token::new(ACCESS_TOKEN, Duration::from_secs(7200))
                .with_field("ea", EA)
                // A credential-looking field is masked by Token's Debug all the same.
                .with_field("refreshToken", STATIC_ACCESS_TOKEN),
        })
    })
}

struct Shown<'a>(&'a dyn fmt::Display);

impl Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.0, f)
    }
}

/// A runtime-level client whose app credentials fetch through `fixed_token`: its builder,
/// client, credentials and two calls captured, the fetched token used.
async fn runtime_client_with_fetched_tokens(capture: &mut Capture) {
    let server = MockServer::start().await;
    mount(&server, FX_MAPPER, &fxiaoke_success(FX_MAPPER)).await;
    mount(&server, FX_GET, &fxiaoke_success(FX_GET)).await;
    let credentials = fxiaoke::Credentials::from_app(app_credentials(), operator(), fixed_token);
    capture.debug("fxiaoke app Credentials before", &credentials);
    let builder = bindery::runtime::Client::builder(Fxiaoke, &server.uri())
        .credentials(credentials.clone())
        .retry(RetryPolicy::none())
        .rate_limiting(false)
        .log_bodies(true);
    capture.debug("runtime fxiaoke ClientBuilder", &builder);
    let client = builder.build().expect("client builds");
    let request = GetMapperObjectIdRequest::new(MapperObjectApiName::AccountObj);
    let result = capture
        .call(
            "runtime fxiaoke getMapperObjectId",
            &request,
            client.call::<_, fxiaoke::er::GetMapperObjectIdResponse>(
                &fxiaoke::operations::GET_MAPPER_OBJECT_ID,
                &request,
            ),
        )
        .await;
    Expect::Ok.check("runtime fxiaoke getMapperObjectId", &result.map(drop));
    let request = DataGetRequest::new(GetData::new("AccountObj", "rec-1"));
    let result = capture
        .call(
            "runtime fxiaoke dataGet",
            &request,
            client
                .call::<_, fxiaoke::crm::DataGetResponse>(&fxiaoke::operations::DATA_GET, &request),
        )
        .await;
    Expect::Ok.check("runtime fxiaoke dataGet", &result.map(drop));
    assert_eq!(credentials.token_fetches(), 2, "one fetch per scheme");
    capture.debug("fxiaoke app Credentials after", &credentials);
    capture.debug("runtime fxiaoke Client", &client);
    let sent = common::received(&server).await;
    assert!(
        sent.iter()
            .any(|r| common::header(r, "authorization") == Some(&*format!("Bearer {ACCESS_TOKEN}"))),
        "the fetched token was used"
    );
}

/// Clients that cannot be built: the error names the problem, not the credentials.
fn configuration_errors(capture: &mut Capture) {
    let errors = [
        fxiaoke::Client::builder()
            .base_url("not a url")
            .credentials(fxiaoke_static_credentials())
            .build()
            .map(drop),
        fxiaoke::Client::builder()
            .base_url("ftp://127.0.0.1/")
            .app_credentials(app_credentials(), operator())
            .build()
            .map(drop),
        mingdao::Client::builder()
            .base_url("http://user:pw@127.0.0.1/")
            .credentials(mingdao_credentials())
            .build()
            .map(drop),
        tencent_ess::Client::builder()
            .base_url("http://127.0.0.1/")
            .timeout(Duration::ZERO)
            .credentials(tencent_credentials())
            .build()
            .map(drop),
    ];
    for (index, result) in errors.iter().enumerate() {
        let label = format!("configuration error #{index}");
        capture.calls += 1;
        capture.result(&label, result);
        assert!(
            matches!(result, Err(Error::Config { .. })),
            "{label}: {result:?}"
        );
    }
}

#[tokio::test]
async fn credential_values_and_configuration_errors_never_show_secrets() {
    install_recorder();
    let mut capture = Capture::default();

    for secret in SECRETS {
        let secret = Secret::new(*secret);
        capture.debug("Secret", &secret);
        capture.debug("Secret Display", &Shown(&secret));
    }
    capture.debug("AppCredentials", &app_credentials());
    capture.debug("Operator", &operator());
    capture.debug("fxiaoke static Credentials", &fxiaoke_static_credentials());
    capture.debug("mingdao Credentials", &mingdao_credentials());
    capture.debug("tencent Credentials", &tencent_credentials());
    let token = Token::new(ACCESS_TOKEN, Duration::from_secs(7200))
        .with_field("ea", EA)
        .with_field("corpAccessToken", CORP_ACCESS_TOKEN);
    capture.debug("Token", &token);

    runtime_client_with_fetched_tokens(&mut capture).await;

    let mingdao_builder = bindery::runtime::Client::builder(
        bindery::runtime::mingdao::Mingdao,
        bindery::mingdao::DEFAULT_BASE_URL,
    )
    .credentials(mingdao_credentials());
    capture.debug("runtime mingdao ClientBuilder", &mingdao_builder);
    capture.debug(
        "runtime mingdao Client",
        &mingdao_builder.build().expect("client builds"),
    );
    let tencent_builder = bindery::runtime::Client::builder(
        bindery::runtime::tencent::TencentCloud::new("ess", "2020-11-11"),
        bindery::tencent_ess::DEFAULT_BASE_URL,
    )
    .credentials(tencent_credentials());
    capture.debug("runtime tencent ClientBuilder", &tencent_builder);
    capture.debug(
        "runtime tencent Client",
        &tencent_builder.build().expect("client builds"),
    );

    configuration_errors(&mut capture);

    assert_nothing_leaks(
        "credentials",
        &capture,
        SECRETS,
        &[
            APP_ID,
            EA,
            CORP_ID,
            MINGDAO_APP_KEY,
            TENCENT_SECRET_ID,
            "[redacted]",
            "corpAccessToken",
            "base URL",
        ],
        &["span bindery.call", "operation=getMapperObjectId"],
    );
}
