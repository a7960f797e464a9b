//! The provider file of an imported folder: read for the facts the endpoints need, and
//! written only when the folder has none (a first import). It is never rewritten: its hosts,
//! credentials, limits and docs are the people's.

use std::fs;
use std::path::Path;

use serde::Deserialize;
use serde_json::json;

use super::ImportError;
use super::catalogue::Catalogue;
use super::output::yaml;

const FILE: &str = "provider.yaml";
const TC3: &str = "tc3_hmac_sha256";

#[derive(Deserialize)]
struct Facts {
    protocol: String,
    #[serde(default)]
    tencent_cloud: Option<Service>,
    #[serde(default)]
    auth: Vec<Scheme>,
}

#[derive(Deserialize)]
struct Service {
    service: String,
    version: String,
}

#[derive(Deserialize)]
struct Scheme {
    name: String,
    kind: String,
}

/// Writes `dir/provider.yaml` for a Tencent Cloud API 3.0 service unless it exists; whether
/// it did.
pub fn ensure(dir: &Path, name: &str, catalogue: &Catalogue) -> Result<bool, ImportError> {
    let path = dir.join(FILE);
    if path.exists() {
        return Ok(false);
    }
    let meta = &catalogue.api.metadata;
    let service = &meta.service_short_name;
    let title = if meta.service_name_cn.is_empty() {
        format!("Tencent Cloud {service} API 3.0")
    } else {
        format!("Tencent Cloud {} ({service}) API 3.0", meta.service_name_cn)
    };
    let provider = json!({
        "name": name,
        "title": title,
        "docs": {
            "zh": format!(
                "{}腾讯云 API 3.0,POST / + JSON 请求体,TC3-HMAC-SHA256 签名。",
                if meta.service_name_cn.is_empty() { String::new() } else { format!("{}:", meta.service_name_cn) }
            ),
            "en": format!(
                "Tencent Cloud `{service}` through Tencent Cloud API 3.0: `POST /` with a JSON body, \
                 the action in `X-TC-Action`, version `{}`, signed with TC3-HMAC-SHA256.",
                meta.api_version
            ),
        },
        "protocol": "tencent_cloud",
        "tencent_cloud": {"service": service, "version": meta.api_version},
        "base_urls": [{
            "name": "default",
            "url": format!("https://{service}.tencentcloudapi.com"),
            "docs": {"zh": "接口请求域名。", "en": "Production endpoint."},
        }],
        "envelope": {
            "code": "Response.Error.Code",
            "message": "Response.Error.Message",
            "request_id": "Response.RequestId",
            "result": "Response",
        },
        "auth": [{
            "name": "tc3",
            "kind": TC3,
            "docs": {"zh": "TC3-HMAC-SHA256 签名。", "en": "TC3-HMAC-SHA256 signature."},
            "headers": ["authorization", "x-tc-action", "x-tc-version", "x-tc-timestamp"],
        }],
        "credentials": [
            {"name": "secret_id", "env": "TENCENTCLOUD_SECRET_ID",
             "docs": {"zh": "云 API 密钥 SecretId。", "en": "Cloud API key SecretId."}},
            {"name": "secret_key", "env": "TENCENTCLOUD_SECRET_KEY", "secret": true,
             "docs": {"zh": "云 API 密钥 SecretKey。", "en": "Cloud API key SecretKey; used only for signing."}},
            {"name": "session_token", "env": "TENCENTCLOUD_SESSION_TOKEN", "secret": true,
             "optional": true,
             "docs": {"zh": "临时密钥的 Token(X-TC-Token),仅使用临时密钥时需要。",
                      "en": "Session token of temporary credentials (sent as `X-TC-Token`); \
                             only for temporary credentials."}},
        ],
        "notes": "Written by the first `cargo xtask import tencent-cloud`; the importer never \
                  rewrites this file, so edit it freely.",
    });
    let text = yaml(&provider, "../spec.schema.json", &[])
        .map_err(|e| ImportError::new(format!("cannot write YAML: {e}")))?;
    fs::write(&path, text).map_err(|e| ImportError::new(format!("{}: {e}", path.display())))?;
    Ok(true)
}

/// The name of the provider's TC3 auth scheme, after checking the provider is the catalogue's
/// service and version.
pub fn tc3_scheme(dir: &Path, service: &str, version: &str) -> Result<String, ImportError> {
    let path = dir.join(FILE);
    let shown = path.display();
    let text = fs::read_to_string(&path).map_err(|e| {
        ImportError::new(if e.kind() == std::io::ErrorKind::NotFound {
            format!("{shown}: not found (an import without `--check` writes it first)")
        } else {
            format!("{shown}: {e}")
        })
    })?;
    let facts: Facts = serde_saphyr::from_str(&text)
        .map_err(|e| ImportError::new(format!("{shown}: cannot read it: {e}")))?;
    if facts.protocol != "tencent_cloud" {
        return Err(ImportError::new(format!(
            "{shown}: `protocol` is `{}`, not `tencent_cloud`",
            facts.protocol
        )));
    }
    match &facts.tencent_cloud {
        Some(s) if s.service == service && s.version == version => {}
        Some(s) => {
            return Err(ImportError::new(format!(
                "{shown}: `tencent_cloud` is service `{}` version `{}`, but the import is for \
                 `{service}` `{version}`",
                s.service, s.version
            )));
        }
        None => return Err(ImportError::new(format!("{shown}: has no `tencent_cloud`"))),
    }
    facts
        .auth
        .into_iter()
        .find(|scheme| scheme.kind == TC3)
        .map(|scheme| scheme.name)
        .ok_or_else(|| ImportError::new(format!("{shown}: no `auth` scheme of kind `{TC3}`")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::tencent_cloud::catalogue::{Api, Examples};

    #[test]
    fn a_first_import_writes_a_provider_whose_credentials_all_have_docs() {
        let api: Api = serde_json::from_value(json!({
            "actions": {}, "objects": {},
            "metadata": {"apiVersion": "2021-01-11", "serviceShortName": "sms",
                         "serviceNameCN": "短信"},
        }))
        .unwrap();
        let catalogue = Catalogue {
            api,
            examples: Examples::default(),
            package_version: None,
        };
        let dir = tempfile::tempdir().unwrap();
        assert!(ensure(dir.path(), "tencent_sms", &catalogue).unwrap());
        assert!(!ensure(dir.path(), "tencent_sms", &catalogue).unwrap());
        let text = fs::read_to_string(dir.path().join(FILE)).unwrap();
        let file: serde_json::Value = serde_saphyr::from_str(&text).unwrap();
        let credentials = file["credentials"].as_array().unwrap();
        assert_eq!(credentials.len(), 3, "{text}");
        for credential in credentials {
            assert!(credential["docs"]["zh"].is_string(), "{credential}");
            assert!(credential["docs"]["en"].is_string(), "{credential}");
        }
        assert_eq!(credentials[2]["name"], "session_token");
        assert_eq!(credentials[2]["optional"], true);
        assert_eq!(tc3_scheme(dir.path(), "sms", "2021-01-11").unwrap(), "tc3");
    }
}
