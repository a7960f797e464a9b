//! The README's example ("Testing without the vendor"), kept compiling and passing; written
//! as the README shows it (rustfmt would break its chains into a line per call).

use bindery::tencent_ess::{Client, Credentials, DescribeFlowBriefsRequest as Briefs};
use bindery::tencent_ess::{DescribeFlowBriefsResponse, types::UserInfo};
use bindery_mock::{MockServer, tencent};

#[rustfmt::skip]
#[tokio::test]
async fn retries_through_two_gateway_failures() {
    let mock = MockServer::start(&bindery::tencent_ess::mock::PROVIDER).await;
    mock.on::<Briefs>().fail(2, 503).respond(DescribeFlowBriefsResponse::new(vec![]));
    let key = Credentials::new(tencent::SECRET_ID, tencent::SECRET_KEY);
    let client = Client::builder().base_url(mock.uri()).credentials(key).build().unwrap();
    let request = Briefs::new(UserInfo::new().user_id("yDxV…"), vec!["f1".into()]);
    let answer = client.describe_flow_briefs(&request).await.unwrap();
    assert!(answer.flow_briefs.is_empty());
    assert_eq!(mock.received::<Briefs>(), vec![request; 3]); // two 503s, then the answer
}

#[test]
fn the_readme_shows_this_test() {
    let readme = include_str!("../../../README.md");
    let this = include_str!("readme.rs");
    let code = &this[this.find("use bindery").unwrap()..this.find("\n#[test]").unwrap()];
    let shown = code.replace("#[rustfmt::skip]\n", "");
    assert!(
        readme.contains(&format!(
            "```rust,ignore\n{}```",
            shown.trim_end().to_owned() + "\n"
        )),
        "README.md's mock example differs from mock/tests/mock/readme.rs"
    );
}
