//! The floors: what a user without bindery would write by hand for the same work, each as
//! lean as a careful user would make it.

use bindery::fxiaoke::crm::DataQueryResponse;
use bindery::fxiaoke::types::ObjectData;
use bindery::tencent_ess::BindEmployeeUserIdWithClientOpenIdResponse;
use hmac::{Hmac, KeyInit, Mac};
use serde::Deserialize;
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::ess::{ACTION, SECRET_ID, SECRET_KEY, VERSION};

fn hmac(key: &[u8], data: &[u8]) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes any key");
    mac.update(data);
    mac.finalize().into_bytes().into()
}

/// The TC3-HMAC-SHA256 `Authorization` header of a `POST /` with `payload`, written directly
/// on hmac / sha2 / hex, for a `date` (`YYYY-MM-DD`) the caller already has.
#[must_use]
pub fn tc3_authorization(host: &str, payload: &[u8], timestamp: i64, date: &str) -> String {
    let canonical = format!(
        "POST\n/\n\ncontent-type:application/json\nhost:{host}\n\ncontent-type;host\n{}",
        hex::encode(Sha256::digest(payload))
    );
    let to_sign = format!(
        "TC3-HMAC-SHA256\n{timestamp}\n{date}/ess/tc3_request\n{}",
        hex::encode(Sha256::digest(canonical.as_bytes()))
    );
    let key = hmac(
        &hmac(
            &hmac(format!("TC3{SECRET_KEY}").as_bytes(), date.as_bytes()),
            b"ess",
        ),
        b"tc3_request",
    );
    format!(
        "TC3-HMAC-SHA256 Credential={SECRET_ID}/{date}/ess/tc3_request, SignedHeaders=content-type;host, Signature={}",
        hex::encode(hmac(&key, to_sign.as_bytes()))
    )
}

#[derive(Deserialize)]
struct TencentAnswer<T> {
    #[serde(rename = "Response")]
    response: T,
}

/// A hand-written e-Sign call: the body serialized, signed with the runtime's own TC3 signer
/// (so the comparison is of everything but signing), posted with reqwest, the answer read
/// with serde.
///
/// # Errors
///
/// Transport errors and answers that do not decode.
pub async fn ess_call(
    http: &reqwest::Client,
    base_url: &str,
    host: &str,
    request: &bindery::tencent_ess::BindEmployeeUserIdWithClientOpenIdRequest,
) -> Result<BindEmployeeUserIdWithClientOpenIdResponse, Box<dyn std::error::Error>> {
    let body = serde_json::to_vec(request)?;
    let timestamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_secs()
        .try_into()?;
    let authorization = bindery_runtime::tencent::tc3_authorization(
        SECRET_ID,
        SECRET_KEY,
        "ess",
        host,
        "application/json",
        &body,
        timestamp,
    );
    let answer = http
        .post(base_url)
        .header("Content-Type", "application/json")
        .header("X-TC-Action", ACTION)
        .header("X-TC-Version", VERSION)
        .header("X-TC-Timestamp", timestamp.to_string())
        .header("Authorization", authorization)
        .body(body)
        .send()
        .await?
        .bytes()
        .await?;
    Ok(serde_json::from_slice::<TencentAnswer<_>>(&answer)?.response)
}

/// A hand-written offset pager over `data/query`: pages of `page_size` by offset until a
/// short page, each answer read with serde into the generated page type, records handed to
/// `each`. Returns the number of records read.
///
/// # Errors
///
/// Transport errors and pages that do not decode.
pub async fn crm_pager(
    http: &reqwest::Client,
    base_url: &str,
    page_size: usize,
    mut each: impl FnMut(ObjectData),
) -> Result<usize, Box<dyn std::error::Error>> {
    let url = format!("{base_url}/cgi/crm/v2/data/query");
    let mut offset = 0;
    loop {
        let request = json!({
            "corpAccessToken": "T", "corpId": "C", "currentOpenUserId": "FSUID_1",
            "data": {"dataObjectApiName": "PaymentObj",
                     "search_query_info": {"offset": offset, "limit": page_size}},
        });
        let answer = http.post(&url).json(&request).send().await?.bytes().await?;
        let page: DataQueryResponse = serde_json::from_slice(&answer)?;
        let count = page.data.data_list.len();
        page.data.data_list.into_iter().for_each(&mut each);
        offset += count;
        if count < page_size {
            return Ok(offset);
        }
    }
}
