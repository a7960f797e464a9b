//! The OpenAPI export (`bindery_codegen::openapi`) on the real spec: one endpoint per
//! provider, asserting the structure a reader relies on — the `X-TC-Action` header's one
//! value on the `/#Action` path, the envelopes, a constraint, an enum, the security schemes —
//! in both versions, and that the output does not depend on anything but the spec.

use std::path::Path;

use bindery_codegen::ir::Crate;
use bindery_codegen::openapi::{self, Version};
use serde_json::{Value, json};

use crate::support;

fn spec() -> Crate {
    support::lowered(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../api-spec"))
}

fn doc(krate: &Crate, provider: &str, version: Version) -> Value {
    openapi::export(krate, version)
        .expect("exports")
        .into_iter()
        .find(|d| d.provider == provider)
        .unwrap_or_else(|| panic!("no document for {provider}"))
        .json
}

/// The schema a `$ref` names (also through 3.0's `allOf: [$ref]` beside siblings).
fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    if let Some([only]) = schema["allOf"].as_array().map(Vec::as_slice) {
        return resolve(doc, only);
    }
    match schema["$ref"].as_str() {
        Some(r) => doc
            .pointer(&r["#".len()..])
            .unwrap_or_else(|| panic!("no {r}")),
        None => schema,
    }
}

fn param<'a>(op: &'a Value, name: &str) -> &'a Value {
    op["parameters"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["name"] == name))
        .unwrap_or_else(|| panic!("no parameter {name}"))
}

#[test]
fn tencent_action_is_a_header_of_one_value_on_a_fragment_path() {
    let krate = spec();
    for version in Version::ALL {
        let d = doc(&krate, "tencent_ess", version);
        assert_eq!(d["openapi"], version.full());
        assert_eq!(d["servers"][0]["url"], "https://ess.tencentcloudapi.com");
        let op = &d["paths"]["/#BindEmployeeUserIdWithClientOpenId"]["post"];
        assert_eq!(op["operationId"], "BindEmployeeUserIdWithClientOpenId");
        let action = param(op, "X-TC-Action");
        assert_eq!(
            (&action["in"], &action["required"]),
            (&json!("header"), &json!(true))
        );
        let version_header = &param(op, "X-TC-Version")["schema"];
        match version {
            Version::V3_1 => {
                assert_eq!(
                    action["schema"]["const"],
                    "BindEmployeeUserIdWithClientOpenId"
                );
                assert_eq!(version_header["const"], "2020-11-11");
            }
            Version::V3_0 => {
                assert_eq!(
                    action["schema"]["enum"],
                    json!(["BindEmployeeUserIdWithClientOpenId"])
                );
                assert_eq!(version_header["enum"], json!(["2020-11-11"]));
                assert!(action["schema"].get("const").is_none());
            }
        }
        assert_eq!(param(op, "X-TC-Timestamp")["required"], true);
        assert_eq!(op["security"], json!([{"tc3_hmac_sha256": []}]));
        let scheme = &d["components"]["securitySchemes"]["tc3_hmac_sha256"];
        assert_eq!(
            (&scheme["type"], &scheme["in"]),
            (&json!("apiKey"), &json!("header"))
        );
        assert_eq!(scheme["name"], "Authorization");
        assert!(
            scheme["description"]
                .as_str()
                .unwrap()
                .contains("TC3-HMAC-SHA256")
        );

        // The request: a constraint and the shared type by reference.
        let body = &op["requestBody"]["content"]["application/json"];
        let request = resolve(&d, &body["schema"]);
        let open_id = &request["properties"]["OpenId"];
        assert_eq!(
            (&open_id["maxLength"], &open_id["pattern"]),
            (&json!(64), &json!("[A-Za-z0-9]+"))
        );
        assert!(
            request["required"]
                .as_array()
                .unwrap()
                .contains(&json!("UserId"))
        );
        assert!(body["examples"].as_object().is_some_and(|e| !e.is_empty()));

        // The answer: `{"Response": {..., "RequestId"}}` or `{"Response": {"Error": …}}`.
        let answer = &op["responses"]["200"]["content"]["application/json"];
        let [success, error] = answer["schema"]["anyOf"].as_array().unwrap().as_slice() else {
            panic!("success or error");
        };
        let success = resolve(&d, success);
        assert_eq!(success["required"], json!(["Response"]));
        let result = resolve(&d, &success["properties"]["Response"]);
        assert!(result["properties"].get("RequestId").is_some());
        let status = resolve(&d, &result["properties"]["Status"]);
        assert_eq!(
            (&status["type"], &status["enum"]),
            (&json!("integer"), &json!([0, 1]))
        );
        let error = resolve(&d, error);
        let vendor = &error["properties"]["Response"]["properties"]["Error"];
        assert_eq!(vendor["required"], json!(["Code", "Message"]));
        assert_eq!(vendor["properties"]["Code"]["type"], "string");
    }
}

#[test]
fn fxiaoke_envelope_enum_and_token_scheme() {
    let krate = spec();
    for version in Version::ALL {
        let d = doc(&krate, "fxiaoke", version);
        let (key, item) = d["paths"]
            .as_object()
            .unwrap()
            .iter()
            .find(|(_, item)| item["post"]["operationId"] == "er_get_mapper_object_id")
            .expect("er_get_mapper_object_id");
        assert!(key.starts_with('/') && !key.contains('#'), "{key}");
        let op = &item["post"];
        let trace = param(op, "thirdTraceId");
        assert_eq!(
            (&trace["in"], &trace["schema"]["format"]),
            (&json!("query"), &json!("uuid"))
        );
        let success = resolve(
            &d,
            &op["responses"]["200"]["content"]["application/json"]["schema"]["anyOf"][0],
        );
        let code = &success["properties"]["errorCode"];
        match version {
            Version::V3_1 => assert_eq!(code["const"], 0),
            Version::V3_0 => assert_eq!(code["enum"], json!([0])),
        }
        assert!(
            success["required"]
                .as_array()
                .unwrap()
                .contains(&json!("errorCode"))
        );
        let error = &d["components"]["schemas"]["VendorError"];
        assert_eq!(error["required"], json!(["errorCode", "errorMessage"]));
        assert_eq!(error["properties"]["errorCode"]["type"], "integer");
        let api_name = &d["components"]["schemas"]["MapperObjectApiName"];
        assert_eq!(api_name["enum"], json!(["AccountObj", "PartnerObj"]));
        assert_eq!(
            api_name["x-description-zh"]
                .as_str()
                .map(|s| s.contains("互联")),
            Some(true)
        );

        let bearer = &d["components"]["securitySchemes"]["fxiaoke_header.authorization"];
        assert_eq!(
            (&bearer["type"], &bearer["scheme"]),
            (&json!("http"), &json!("bearer"))
        );
        assert_eq!(
            bearer["x-bindery-token"]["operationId"],
            "oauth_access_token"
        );
        let ea = &d["components"]["securitySchemes"]["fxiaoke_header.x-fs-ea"];
        assert_eq!(
            (&ea["in"], &ea["name"]),
            (&json!("header"), &json!("x-fs-ea"))
        );
    }
}

#[test]
fn fxiaoke_body_credentials_are_body_properties_not_schemes() {
    let krate = spec();
    let d = doc(&krate, "fxiaoke", Version::V3_1);
    let body_op = d["paths"]
        .as_object()
        .unwrap()
        .values()
        .map(|item| &item["post"])
        .find(|op| op["x-bindery-auth"] == "fxiaoke_body")
        .expect("an endpoint of the body scheme");
    assert!(body_op.get("security").is_none());
    let request = resolve(
        &d,
        &body_op["requestBody"]["content"]["application/json"]["schema"],
    );
    assert_eq!(
        request["properties"]["corpAccessToken"]["x-bindery-auth"],
        "fxiaoke_body"
    );
    assert!(
        request["required"]
            .as_array()
            .unwrap()
            .contains(&json!("corpId"))
    );
    assert!(d["x-bindery-auth"]["fxiaoke_body"]["parts"].is_array());
}

#[test]
fn mingdao_get_signs_in_the_query_and_a_named_envelope_has_its_flag() {
    let krate = spec();
    let d = doc(&krate, "mingdao", Version::V3_1);
    let op = &d["paths"]["/v2/user/getUser"]["get"];
    assert_eq!(param(op, "accountId")["required"], true);
    let names: Vec<&str> = op["security"][0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        names,
        [
            "mingdao_sign.appKey",
            "mingdao_sign.sign",
            "mingdao_sign.timestamp",
            "mingdao_sign.projectId"
        ]
    );
    let sign = &d["components"]["securitySchemes"]["mingdao_sign.sign"];
    assert_eq!(
        (&sign["type"], &sign["in"]),
        (&json!("apiKey"), &json!("query"))
    );
    // Private deployments only: the operation's servers are the templated URL.
    assert_eq!(
        op["servers"][0]["url"],
        "https://{host}/generalintegrateapi"
    );
    assert_eq!(
        op["servers"][0]["variables"]["host"]["default"],
        "localhost"
    );

    let structure = &d["components"]["schemas"]["VendorErrorStructure"];
    assert_eq!(structure["properties"]["error_code"]["type"], "integer");
    assert_eq!(structure["properties"]["success"]["type"], "boolean");
    let success = d["components"]["schemas"]
        .as_object()
        .unwrap()
        .iter()
        .find(|(_, s)| {
            s["x-bindery-envelope"]["name"] == "structure"
                && s.get("anyOf").is_none()
                && s["properties"].get("success").is_some()
        })
        .map(|(_, s)| s)
        .expect("a success body in the structure envelope");
    assert_eq!(success["properties"]["success"]["const"], true);
    assert_eq!(success["properties"]["error_code"]["const"], 1);
}

#[test]
fn export_is_deterministic_and_sorted() {
    let krate = spec();
    let first: Vec<String> = openapi::export_all(&krate)
        .unwrap()
        .iter()
        .map(openapi::render)
        .collect();
    let again: Vec<String> = openapi::export_all(&spec())
        .unwrap()
        .iter()
        .map(openapi::render)
        .collect();
    assert_eq!(first, again);
    for doc in openapi::export_all(&krate).unwrap() {
        let schemas: Vec<&String> = doc.json["components"]["schemas"]
            .as_object()
            .unwrap()
            .keys()
            .collect();
        let mut sorted = schemas.clone();
        sorted.sort();
        assert_eq!(schemas, sorted, "{}", doc.file_name());
        let paths: Vec<&String> = doc.json["paths"].as_object().unwrap().keys().collect();
        let mut sorted = paths.clone();
        sorted.sort();
        assert_eq!(paths, sorted, "{}", doc.file_name());
    }
}

#[test]
fn nullable_fields_follow_the_version() {
    let krate = spec();
    let find = |version| {
        let d = doc(&krate, "tencent_ess", version);
        let schemas = d["components"]["schemas"].as_object().unwrap().clone();
        schemas.values().find_map(|s| {
            s["properties"].as_object().and_then(|ps| {
                ps.values()
                    .find(|p| {
                        p.get("nullable").is_some() || p["type"].is_array() || p["anyOf"].is_array()
                    })
                    .cloned()
            })
        })
    };
    let v30 = find(Version::V3_0).expect("a nullable field in 3.0");
    assert!(v30["nullable"] == true || v30["allOf"].is_array(), "{v30}");
    let v31 = find(Version::V3_1).expect("a nullable field in 3.1");
    assert!(v31.get("nullable").is_none(), "{v31}");
}
