//! What the importer needs to know of the provider a page is for, read from its
//! `provider.yaml` and `types.yaml`: which keys its auth scheme and envelope already carry
//! (they are not fields), its shared type names, how its pages write integers.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;

use super::vendor_types::Dialect;

/// One auth scheme.
#[derive(Clone, Debug)]
pub(crate) struct Auth {
    pub(crate) name: String,
    pub(crate) kind: String,
    pub(crate) body_fields: Vec<String>,
}

/// A struct of the provider's `types.yaml`, by its field names.
#[derive(Clone, Debug)]
pub(crate) struct SharedStruct {
    pub(crate) name: String,
    pub(crate) fields: BTreeSet<String>,
    /// It keeps keys it does not list (`open: true`).
    pub(crate) open: bool,
}

/// A named envelope of the provider's (Mingdao's `structure`: `{success, error_code,
/// error_msg, data}`), which an endpoint selects with `envelope: <name>`.
#[derive(Clone, Debug, Default)]
pub(crate) struct Alternative {
    pub(crate) name: String,
    pub(crate) code_key: Option<String>,
    pub(crate) success: Option<Value>,
}

/// A provider, as the importer reads it.
#[derive(Clone, Debug)]
pub(crate) struct Provider {
    pub(crate) protocol: String,
    pub(crate) auth: Vec<Auth>,
    /// Top-level keys of the envelopes (`errorCode`, `errorMessage`, `code`, `Response`…).
    pub(crate) envelope_keys: BTreeSet<String>,
    /// The envelope's code key and success value, to tell error examples.
    pub(crate) code_key: Option<String>,
    pub(crate) success: Option<Value>,
    /// The named envelopes (`envelopes:`) beside the default one.
    pub(crate) alternatives: Vec<Alternative>,
    pub(crate) shared_types: BTreeSet<String>,
    /// The shared types that are structs.
    pub(crate) shared_structs: Vec<SharedStruct>,
    /// The provider's rate limit `(requests, per_seconds)`.
    pub(crate) rate_limit: Option<(u64, u64)>,
}

impl Provider {
    /// Reads `api-spec/<name>/`.
    pub(crate) fn read(spec_dir: &Path, name: &str) -> Result<Provider, String> {
        let folder = spec_dir.join(name);
        let provider = yaml(&folder.join("provider.yaml"))?;
        let types = if folder.join("types.yaml").exists() {
            Some(yaml(&folder.join("types.yaml"))?)
        } else {
            None
        };
        let text = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(str::to_owned);
        let auth = provider
            .get("auth")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .map(|a| Auth {
                name: text(a, "name").unwrap_or_default(),
                kind: text(a, "kind").unwrap_or_default(),
                body_fields: a
                    .get("body_fields")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(|f| f.as_str().map(str::to_owned))
                    .collect(),
            })
            .collect();
        let envelope = provider.get("envelope").cloned().unwrap_or(Value::Null);
        let mut envelope_keys = BTreeSet::new();
        let envelopes = std::iter::once(&envelope).chain(
            provider
                .get("envelopes")
                .and_then(Value::as_array)
                .into_iter()
                .flatten(),
        );
        for e in envelopes {
            for key in ["code", "message", "request_id", "description", "trace_id"] {
                if let Some(path) = text(e, key) {
                    envelope_keys.insert(path.split('.').next().unwrap_or(&path).to_owned());
                }
            }
            if let Some(flag) = e
                .get("flag")
                .and_then(|f| f.get("path"))
                .and_then(Value::as_str)
            {
                envelope_keys.insert(flag.to_owned());
            }
        }
        let alternatives = provider
            .get("envelopes")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|e| {
                Some(Alternative {
                    name: text(e, "name")?,
                    code_key: text(e, "code"),
                    success: e.get("success").cloned(),
                })
            })
            .collect();
        let protocol = text(&provider, "protocol").unwrap_or_default();
        // Envelope keys the protocol knows beside the provider's envelope: Tencent's request
        // id inside `Response`, Fxiaoke's `errorDescription` (reference/vendors.md).
        match protocol.as_str() {
            "tencent_cloud" => {
                envelope_keys.insert("RequestId".to_owned());
            }
            "fxiaoke" => {
                envelope_keys.insert("errorDescription".to_owned());
            }
            _ => {}
        }
        let shared_types = types
            .as_ref()
            .and_then(|t| t.get("types"))
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|t| text(t, "name"))
            .collect();
        let shared_structs = types
            .as_ref()
            .and_then(|t| t.get("types"))
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|t| {
                let fields = t.get("fields")?.as_array()?;
                Some(SharedStruct {
                    name: text(t, "name")?,
                    fields: fields.iter().filter_map(|f| text(f, "name")).collect(),
                    open: t.get("open").and_then(Value::as_bool).unwrap_or(false),
                })
            })
            .collect();
        let rate_limit = provider.get("rate_limit").and_then(|r| {
            Some((
                r.get("requests")?.as_u64()?,
                r.get("per_seconds")?.as_u64()?,
            ))
        });
        Ok(Provider {
            code_key: text(&envelope, "code"),
            success: envelope.get("success").cloned(),
            alternatives,
            protocol,
            auth,
            envelope_keys,
            shared_types,
            shared_structs,
            rate_limit,
        })
    }

    /// The shared struct an object of these keys is: the one with exactly these keys (two at
    /// least, so a lone `id` matches nothing), else, where the page says the object is open
    /// (a `Map`, or a placeholder key such as `xxx`), an open struct that has them all: the
    /// one whose name is the field's (`object_data` → `ObjectData`), else the only one, when
    /// two keys or more say so. `None` when none or several fit.
    pub(crate) fn shared_struct_for(
        &self,
        keys: &BTreeSet<String>,
        open: bool,
        field: &str,
    ) -> Option<&str> {
        let exact: Vec<&SharedStruct> = self
            .shared_structs
            .iter()
            .filter(|s| keys.len() >= 2 && &s.fields == keys)
            .collect();
        if let [one] = exact.as_slice() {
            return Some(&one.name);
        }
        if !exact.is_empty() || !open || keys.is_empty() {
            return None;
        }
        let open_ones: Vec<&SharedStruct> = self
            .shared_structs
            .iter()
            .filter(|s| s.open && keys.is_subset(&s.fields))
            .collect();
        // `object_data` and `ObjectData` name the same thing.
        let plain = |name: &str| name.replace('_', "").to_ascii_lowercase();
        let field = plain(field);
        if let Some(named) = open_ones
            .iter()
            .find(|s| !field.is_empty() && plain(&s.name) == field)
        {
            return Some(&named.name);
        }
        match open_ones.as_slice() {
            [one] if keys.len() >= 2 => Some(&one.name),
            _ => None,
        }
    }

    /// The open shared struct an example record is, by most of its keys: half of the
    /// struct's fields at least, four or more (`{_id, name, owner, life_status, …,
    /// UDCal2__c}` is Fxiaoke's `ObjectData`; the keys of its own an open struct keeps).
    pub(crate) fn open_struct_holding(
        &self,
        keys: &serde_json::Map<String, Value>,
    ) -> Option<&str> {
        let holding = |s: &&SharedStruct| s.fields.iter().filter(|f| keys.contains_key(*f)).count();
        let fits: Vec<&SharedStruct> = (self.shared_structs.iter())
            .filter(|s| s.open)
            .filter(|s| {
                let held = holding(s);
                held >= 4 && held * 2 >= s.fields.len()
            })
            .collect();
        match fits.as_slice() {
            [one] => Some(&one.name),
            _ => None,
        }
    }

    /// The named envelope an endpoint answers in, read from the top-level keys of its answers
    /// (examples, or the response table's rows): one that has a named envelope's code key
    /// and not the default's. `None`: the default envelope.
    pub(crate) fn envelope_for<'k>(
        &self,
        answers: impl IntoIterator<Item = BTreeSet<&'k str>>,
    ) -> Option<&Alternative> {
        let default = self.code_key.as_deref();
        answers.into_iter().find_map(|keys| {
            if default.is_some_and(|c| keys.contains(c)) {
                return None;
            }
            self.alternatives
                .iter()
                .find(|a| a.code_key.as_deref().is_some_and(|c| keys.contains(c)))
        })
    }

    /// How the provider's pages write integers: Tencent's `Integer` is 64-bit.
    pub(crate) fn dialect(&self) -> Dialect {
        Dialect {
            int: if self.protocol == "tencent_cloud" {
                "i64"
            } else {
                "i32"
            },
        }
    }

    /// The scheme whose body fields the page's request table lists (Fxiaoke's `body`), else
    /// the one that puts nothing in the body (the header scheme), else the first.
    pub(crate) fn auth_for(&self, request_names: &[&str], headers: bool) -> Option<&Auth> {
        let in_body = self.auth.iter().find(|a| {
            !a.body_fields.is_empty()
                && a.body_fields
                    .iter()
                    .any(|f| request_names.contains(&f.as_str()))
        });
        in_body
            .or_else(|| {
                headers
                    .then(|| self.auth.iter().find(|a| a.body_fields.is_empty()))
                    .flatten()
            })
            .or_else(|| {
                self.auth.iter().find(|a| {
                    a.body_fields.is_empty() && self.auth.len() > 1 && a.kind.contains("header")
                })
            })
            .or_else(|| self.auth.first())
    }
}

fn yaml(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_saphyr::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn provider(structs: &[(&str, &[&str], bool)]) -> Provider {
        Provider {
            protocol: "fxiaoke".into(),
            auth: Vec::new(),
            envelope_keys: BTreeSet::new(),
            code_key: None,
            success: None,
            alternatives: Vec::new(),
            shared_types: structs.iter().map(|s| s.0.to_owned()).collect(),
            shared_structs: structs
                .iter()
                .map(|&(name, fields, open)| SharedStruct {
                    name: name.into(),
                    fields: fields.iter().map(|&f| f.to_owned()).collect(),
                    open,
                })
                .collect(),
            rate_limit: None,
        }
    }

    fn keys(keys: &[&str]) -> BTreeSet<String> {
        keys.iter().map(|&k| k.to_owned()).collect()
    }

    #[test]
    fn shared_structs_match_exact_keys_or_an_open_one_by_name_or_by_two_keys() {
        let p = provider(&[
            ("QueryOrder", &["fieldName", "isAsc"], false),
            ("Page", &["id", "name"], false),
            ("ObjectData", &["dataObjectApiName", "_id", "name"], true),
            ("ExtraData", &["_id", "remark"], true),
        ]);
        // Exact keys, two at least, open or not.
        let order = keys(&["fieldName", "isAsc"]);
        assert_eq!(
            p.shared_struct_for(&order, false, "orders"),
            Some("QueryOrder")
        );
        assert_eq!(p.shared_struct_for(&keys(&["id"]), true, "page"), None);
        // Some of an open struct's keys: only where the page says the object is open.
        let some = keys(&["dataObjectApiName", "name"]);
        assert_eq!(p.shared_struct_for(&some, false, "data"), None);
        assert_eq!(p.shared_struct_for(&some, true, "data"), Some("ObjectData"));
        // One key is too little to tell, unless the field is named after the struct.
        let one = keys(&["dataObjectApiName"]);
        assert_eq!(p.shared_struct_for(&one, true, "data"), None);
        assert_eq!(
            p.shared_struct_for(&one, true, "object_data"),
            Some("ObjectData")
        );
        // Keys two open structs hold: the name decides, else nothing.
        let both = keys(&["_id"]);
        assert_eq!(
            p.shared_struct_for(&both, true, "extra_data"),
            Some("ExtraData")
        );
        assert_eq!(p.shared_struct_for(&both, true, "data"), None);
        assert_eq!(
            p.shared_struct_for(&BTreeSet::new(), true, "object_data"),
            None
        );
    }

    #[test]
    fn records_with_most_keys_of_an_open_struct_are_it() {
        let p = provider(&[
            (
                "ObjectData",
                &[
                    "_id",
                    "name",
                    "owner",
                    "life_status",
                    "is_deleted",
                    "version",
                ],
                true,
            ),
            ("QueryOrder", &["fieldName", "isAsc"], false),
        ]);
        let record = |keys: &[&str]| -> serde_json::Map<String, Value> {
            keys.iter().map(|&k| (k.to_owned(), Value::Null)).collect()
        };
        let held = record(&["_id", "name", "owner", "life_status", "UDCal2__c", "remark"]);
        assert_eq!(p.open_struct_holding(&held), Some("ObjectData"));
        // Three keys are too few, and half the struct's at least are needed.
        assert_eq!(
            p.open_struct_holding(&record(&["_id", "name", "owner", "x"])),
            None
        );
        assert_eq!(
            p.open_struct_holding(&record(&["_id", "name", "x", "y", "z"])),
            None
        );
        // Closed structs are matched by their exact keys elsewhere, never by most.
        let order = record(&["fieldName", "isAsc", "a", "b"]);
        assert_eq!(p.open_struct_holding(&order), None);
    }

    #[test]
    fn answers_in_a_named_envelope_select_it() {
        let mut p = provider(&[]);
        p.code_key = Some("code".into());
        p.success = Some(1.into());
        p.alternatives = vec![Alternative {
            name: "structure".into(),
            code_key: Some("error_code".into()),
            success: Some(1.into()),
        }];
        let answer = |keys: &[&'static str]| keys.iter().copied().collect::<BTreeSet<&str>>();
        let chosen = p.envelope_for([answer(&["data", "error_code", "success"])]);
        assert_eq!(chosen.map(|a| a.name.as_str()), Some("structure"));
        // The default's code wins: an answer with both is the default's.
        assert!(p.envelope_for([answer(&["code", "error_code"])]).is_none());
        assert!(
            p.envelope_for([answer(&["data"]), answer(&["code"])])
                .is_none()
        );
        // Failures are told by the envelope the answer is in.
        let failed = serde_json::json!({"error_code": 10001, "success": false});
        assert_eq!(
            super::super::model::failure_code(&failed, &p),
            Some(10001.into())
        );
        let fine = serde_json::json!({"error_code": 1, "success": true});
        assert_eq!(super::super::model::failure_code(&fine, &p), None);
        let default_failed = serde_json::json!({"code": 0, "message": "x"});
        assert_eq!(
            super::super::model::failure_code(&default_failed, &p),
            Some(0.into())
        );
    }
}
