//! Request examples made to fit the fields the page states: vendor pages fill their request
//! examples with placeholders (`"app": "hello"` where the text lists `ALL`, `CRM`, `TASK`;
//! `"bizType": ""` for a `List`, `""` where the text fixes the value), which the spec loader
//! rightly refuses. A placeholder outside a field's values becomes the first value, one
//! beside a fixed value that value, an empty string for a list an empty list; each change is
//! named on the example. Only placeholders are replaced: a real-looking value outside the
//! values read means the list was misread or is short, so it stays, with a note, and the
//! loader names it. Responses are left as the page shows
//! them: a vendor's answer outside a listed enum means the list is short, which the loader
//! then says.

use serde_json::Value;

use super::model::{Draft, DraftExample, Field, TypeDef};

/// Fits every example's `request` to the draft's request (or, for `GET`, query) fields.
pub(crate) fn request_examples(draft: &mut Draft) {
    let fields = if draft.method == "GET" {
        &draft.query
    } else {
        &draft.request
    };
    let (fields, types) = (fields.clone(), draft.types.clone());
    for example in &mut draft.examples {
        fit_example(example, &fields, &types);
    }
}

fn fit_example(example: &mut DraftExample, fields: &[Field], types: &[TypeDef]) {
    let Some(request) = example.request.as_mut() else {
        return;
    };
    let mut changes = Vec::new();
    fit_object(request, fields, types, "", &mut changes);
    example.todos.extend(changes);
}

fn fit_object(
    value: &mut Value,
    fields: &[Field],
    types: &[TypeDef],
    path: &str,
    changes: &mut Vec<String>,
) {
    let Some(object) = value.as_object_mut() else {
        return;
    };
    for field in fields {
        let Some(item) = object.get_mut(&field.name) else {
            continue;
        };
        let at = if path.is_empty() {
            field.name.clone()
        } else {
            format!("{path}.{}", field.name)
        };
        if let Some(fixed) = &field.fixed
            && let Some(given) = item.as_str()
            && given != fixed
        {
            if !is_placeholder(given, &field.name) {
                changes.push(format!(
                    "the page's request example gives `{at}` as {item}, but its text fixes the value \"{fixed}\": kept, check which is right"
                ));
                continue;
            }
            changes.push(format!(
                "the page's request example gives `{at}` as {item}, but its text fixes the value: \"{fixed}\" is used"
            ));
            *item = Value::String(fixed.clone());
            continue;
        }
        fit_value(item, &field.ty, types, &at, changes);
    }
}

fn fit_value(value: &mut Value, ty: &str, types: &[TypeDef], at: &str, changes: &mut Vec<String>) {
    if let Some(inner) = ty.strip_prefix("list<").and_then(|t| t.strip_suffix('>')) {
        match value {
            Value::String(s) if s.is_empty() => {
                changes.push(format!(
                    "the page's request example gives `{at}` as \"\", not a list: `[]` is used"
                ));
                *value = Value::Array(Vec::new());
            }
            Value::Array(items) => {
                let item_at = format!("{at}[]");
                for item in items {
                    fit_value(item, inner, types, &item_at, changes);
                }
            }
            _ => {}
        }
        return;
    }
    let Some(def) = types.iter().find(|t| t.name == ty) else {
        return;
    };
    if !def.fields.is_empty() {
        fit_object(value, &def.fields, types, at, changes);
        return;
    }
    let Some((first, _)) = def.values.first() else {
        return;
    };
    let listed = def.values.iter().any(|(v, _)| v == &*value);
    // Only strings are replaced: a number outside the list may be a value the page forgot,
    // which the loader then names.
    let Some(given) = value.as_str().filter(|_| !listed && first.is_string()) else {
        return;
    };
    if !is_placeholder(given, field_name(at)) {
        let listed: Vec<String> = def.values.iter().map(|(v, _)| v.to_string()).collect();
        changes.push(format!(
            "the page's request example gives `{at}` as {value}, which is none of the values its text lists ({}): kept, the list may be misread or short",
            listed.join(", ")
        ));
        return;
    }
    changes.push(format!(
        "the page's request example gives `{at}` as {value}, which is none of the values its text lists: the first, {first}, is used"
    ));
    *value = first.clone();
}

/// `data.tags[]` → `tags`.
fn field_name(at: &str) -> &str {
    let at = at.trim_end_matches("[]");
    at.rsplit('.').next().unwrap_or(at)
}

/// Words vendor pages put where a value goes: empty, masked (`xxxxx`, `FSAID_xxx`), a
/// generic word, or the field's own name.
fn is_placeholder(given: &str, field: &str) -> bool {
    const WORDS: [&str; 12] = [
        "hello",
        "test",
        "string",
        "example",
        "demo",
        "sample",
        "value",
        "foo",
        "bar",
        "测试",
        "示例",
        "字符串",
    ];
    let lower = given.trim().to_lowercase();
    lower.is_empty()
        || lower.contains("xxx")
        || WORDS.contains(&lower.as_str())
        || lower == field.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str, ty: &str) -> Field {
        Field {
            name: name.into(),
            ty: ty.into(),
            ..Field::default()
        }
    }

    #[test]
    fn placeholders_become_values_the_fields_take() {
        let mut draft = Draft {
            method: "POST".into(),
            request: vec![field("data", "XData")],
            types: vec![
                TypeDef {
                    name: "XData".into(),
                    fields: vec![
                        field("app", "XApp"),
                        field("bizType", "list<string>"),
                        field("level", "XLevel"),
                        field("note", "string"),
                        Field {
                            fixed: Some("DeliveryNoteObj".into()),
                            ..field("dataObjectApiName", "string")
                        },
                    ],
                    ..TypeDef::default()
                },
                TypeDef {
                    name: "XApp".into(),
                    values: vec![("ALL".into(), String::new()), ("CRM".into(), String::new())],
                    ..TypeDef::default()
                },
                TypeDef {
                    name: "XLevel".into(),
                    values: vec![(Value::from(1), String::new())],
                    ..TypeDef::default()
                },
            ],
            examples: vec![DraftExample {
                request: Some(serde_json::json!({"data": {
                    "app": "hello", "bizType": "", "level": 7, "note": "",
                    "dataObjectApiName": ""
                }})),
                response: Some(serde_json::json!({"app": "hello"})),
                ..DraftExample::default()
            }],
            ..Draft::default()
        };
        request_examples(&mut draft);
        let example = &draft.examples[0];
        assert_eq!(
            example.request,
            Some(serde_json::json!({"data": {
                "app": "ALL", "bizType": [], "level": 7, "note": "",
                "dataObjectApiName": "DeliveryNoteObj"
            }}))
        );
        assert_eq!(example.response, Some(serde_json::json!({"app": "hello"})));
        assert_eq!(
            example.todos,
            [
                "the page's request example gives `data.app` as \"hello\", which is none of the values its text lists: the first, \"ALL\", is used",
                "the page's request example gives `data.bizType` as \"\", not a list: `[]` is used",
                "the page's request example gives `data.dataObjectApiName` as \"\", but its text fixes the value: \"DeliveryNoteObj\" is used",
            ]
        );
        // A value the list has stays.
        let mut again = draft.clone();
        request_examples(&mut again);
        assert_eq!(again.examples[0].request, example.request);
        assert_eq!(again.examples[0].todos.len(), 3);
    }

    #[test]
    fn real_values_stay_with_a_note() {
        let mut draft = Draft {
            method: "POST".into(),
            request: vec![
                field("kind", "XKind"),
                Field {
                    fixed: Some("code".into()),
                    ..field("responseType", "string")
                },
                field("tags", "list<XKind>"),
            ],
            types: vec![TypeDef {
                name: "XKind".into(),
                values: vec![
                    ("NOTE".into(), String::new()),
                    ("TIP".into(), String::new()),
                ],
                ..TypeDef::default()
            }],
            examples: vec![DraftExample {
                request: Some(serde_json::json!({
                    "kind": "AccountObj", "responseType": "token", "tags": ["FSAID_xxx", "Lead"]
                })),
                ..DraftExample::default()
            }],
            ..Draft::default()
        };
        request_examples(&mut draft);
        let example = &draft.examples[0];
        assert_eq!(
            example.request,
            Some(serde_json::json!({
                "kind": "AccountObj", "responseType": "token", "tags": ["NOTE", "Lead"]
            }))
        );
        assert_eq!(
            example.todos,
            [
                "the page's request example gives `kind` as \"AccountObj\", which is none of the values its text lists (\"NOTE\", \"TIP\"): kept, the list may be misread or short",
                "the page's request example gives `responseType` as \"token\", but its text fixes the value \"code\": kept, check which is right",
                "the page's request example gives `tags[]` as \"FSAID_xxx\", which is none of the values its text lists: the first, \"NOTE\", is used",
                "the page's request example gives `tags[]` as \"Lead\", which is none of the values its text lists (\"NOTE\", \"TIP\"): kept, the list may be misread or short",
            ]
        );
    }

    #[test]
    fn placeholders_are_masked_generic_or_the_fields_name() {
        for given in ["", " ", "xxxxx", "FSAID_xxx", "Hello", "测试", "appId"] {
            assert!(is_placeholder(given, "appId"), "{given:?}");
        }
        for given in ["AccountObj", "code", "0", "zh-CN", "x"] {
            assert!(!is_placeholder(given, "appId"), "{given:?}");
        }
        assert_eq!(field_name("data.tags[]"), "tags");
        assert_eq!(field_name("app"), "app");
    }
}
