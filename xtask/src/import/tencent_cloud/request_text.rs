//! The request of a catalogue example as a JSON body. The vendor writes it in one of two forms:
//! - a raw HTTP request (`POST / HTTP/1.1`, headers, `<公共请求参数>`, a blank line, the JSON
//!   body), as every ESS example is;
//! - a GET URL with the parameters in its query (`https://faceid.tencentcloudapi.com/
//!   ?Action=MobileStatus\n&Mobile=16137688175\n&<公共请求参数>`), as older examples of other
//!   services are (faceid, cvm, ocr). Its values are text; the catalogue's member types say
//!   which are numbers or booleans, and `A.0.B` keys are the flattened lists and structures of
//!   Tencent's GET encoding.
//!
//! Where the example contradicts where the catalogue puts it (a header naming another action,
//! a copy-paste slip of the vendor's), the body is kept as this action's example and a note
//! says so, for the import's report and the example's comment.

use serde_json::{Map, Value};

use super::catalogue::{Api, Member, Object};

/// A request body and what the import noted while reading it.
#[derive(Debug, PartialEq)]
pub struct Request {
    /// The JSON body.
    pub body: Value,
    /// Why the body is not the vendor's text as it stands, one line each.
    pub notes: Vec<String>,
}

/// The common parameters of the GET form, which the client sends as headers, not in the body
/// (a member of the same name is kept).
const COMMON: &[&str] = &[
    "Action",
    "Version",
    "Region",
    "Timestamp",
    "Nonce",
    "SecretId",
    "Signature",
    "SignatureMethod",
    "Token",
    "Language",
    "RequestClient",
];

/// List indices of the GET form are below this: an example lists a few items, and a larger
/// index would only make a list of that many empty items.
const MAX_INDEX: usize = 1000;

/// Keys of the GET form have at most this many dot-separated parts: real ones have four or
/// five (`Filters.0.Values.1`), and a deeper one could only be a broken or hostile page.
const MAX_DEPTH: usize = 16;

/// At most this many list items are made for one example, gaps included, so that indices
/// through a structure that contains itself cannot multiply into gigabytes.
const MAX_ITEMS: usize = 10_000;

/// The body of `raw`, an example request of `action` whose request structure is `input`.
pub fn parse(api: &Api, input: &Object, action: &str, raw: &str) -> Result<Request, String> {
    let raw = raw.replace("\r\n", "\n");
    let trimmed = raw.trim_start();
    if trimmed.starts_with("https://") || trimmed.starts_with("http://") {
        return query(api, input, action, trimmed);
    }
    let (head, body) = raw
        .split_once("\n\n")
        .ok_or("has no blank line between its headers and its body")?;
    let mut notes = Vec::new();
    for line in head.lines() {
        if let Some((name, value)) = line.split_once(':')
            && name.trim().eq_ignore_ascii_case("x-tc-action")
        {
            notes.extend(other_action(action, value.trim(), "`X-TC-Action` header"));
        }
    }
    let body = body.trim();
    if body.is_empty() {
        return Ok(Request {
            body: Value::Object(Map::new()),
            notes,
        });
    }
    let body: Value = serde_json::from_str(body).map_err(|e| format!("body is not JSON: {e}"))?;
    if !body.is_object() {
        return Err("body is not a JSON object".into());
    }
    Ok(Request { body, notes })
}

/// The note for an example that names `named` where the catalogue lists it under `action`.
fn other_action(action: &str, named: &str, how: &str) -> Option<String> {
    (named != action).then(|| {
        format!(
            "the vendor's request names the action `{named}` in its {how}; kept as an example \
             of `{action}`, where the catalogue lists it"
        )
    })
}

/// The GET form's parameters as a JSON body.
fn query(api: &Api, input: &Object, action: &str, url: &str) -> Result<Request, String> {
    let (_, query) = url
        .split_once('?')
        .ok_or("is a URL without a query (`?Action=…`)")?;
    let mut notes = vec![
        "the vendor wrote it as a GET query string: its parameters are the JSON body, typed \
         by the catalogue"
            .to_owned(),
    ];
    let mut body = Value::Object(Map::new());
    let mut items = 0;
    for pair in query.split('&').map(str::trim) {
        if pair.is_empty() || pair == "<公共请求参数>" {
            continue;
        }
        let (key, value) = pair
            .split_once('=')
            .ok_or_else(|| format!("has the query parameter `{pair}` without `=`"))?;
        let (key, value) = (key.trim(), value.trim());
        let path: Vec<&str> = key.split('.').collect();
        if path.len() > MAX_DEPTH {
            let start: String = key.chars().take(40).collect();
            return Err(format!(
                "has the query parameter `{start}…` of more than {MAX_DEPTH} parts"
            ));
        }
        let is_member = input.members.iter().any(|m| m.name == path[0]);
        if !is_member && key == "Action" {
            notes.extend(other_action(action, value, "query's `Action`"));
            continue;
        }
        if !is_member && COMMON.contains(&key) {
            continue;
        }
        insert(api, Some(input), &mut body, &path, value, &mut items)
            .map_err(|why| format!("has the query parameter `{key}`: {why}"))?;
    }
    if let Some(gap) = first_gap(&body, "") {
        return Err(format!(
            "has no item `{gap}` (the list's other items are given)"
        ));
    }
    Ok(Request { body, notes })
}

/// The path of the first list item no parameter gave (`Ids.0` when only `Ids.1` is there).
fn first_gap(value: &Value, path: &str) -> Option<String> {
    match value {
        Value::Object(map) => map.iter().find_map(|(k, v)| first_gap(v, &join(path, k))),
        Value::Array(items) => items.iter().enumerate().find_map(|(i, item)| {
            let here = join(path, &i.to_string());
            if item.is_null() {
                Some(here)
            } else {
                first_gap(item, &here)
            }
        }),
        _ => None,
    }
}

/// The path of `key` below `path` in a body, dot-separated as the vendor writes it
/// (`Filters.0.Name`).
pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// Puts `value` at `path` below `into`, a body of the structure `object` (`None` where the
/// catalogue has no structure: the key is kept as text, and later removed as undeclared).
fn insert(
    api: &Api,
    object: Option<&Object>,
    into: &mut Value,
    path: &[&str],
    value: &str,
    items_made: &mut usize,
) -> Result<(), String> {
    let Some((key, rest)) = path.split_first() else {
        return Ok(());
    };
    let Value::Object(map) = into else {
        return Err("it nests below a value that is not a structure".into());
    };
    let member = object.and_then(|o| o.members.iter().find(|m| m.name == *key));
    let Some(member) = member else {
        if rest.is_empty() {
            map.insert((*key).to_owned(), Value::String(value.to_owned()));
            return Ok(());
        }
        let child = map
            .entry((*key).to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
        return insert(api, None, child, rest, value, items_made);
    };
    let nested = api.objects.get(&member.member);
    let slot = map.entry((*key).to_owned()).or_insert(Value::Null);
    let (slot, rest) = if member.kind == "list" {
        let (index, rest) = rest
            .split_first()
            .ok_or("a list member needs an index (`Name.0`)")?;
        let index: usize = index
            .parse()
            .ok()
            .filter(|i: &usize| *i < MAX_INDEX && i.to_string() == *index)
            .ok_or_else(|| format!("`{index}` is not a list index (0 to {})", MAX_INDEX - 1))?;
        if !slot.is_array() {
            *slot = Value::Array(Vec::new());
        }
        let Value::Array(items) = slot else {
            return Err("not a list".into());
        };
        if items.len() <= index {
            *items_made += index + 1 - items.len();
            if *items_made > MAX_ITEMS {
                return Err(format!(
                    "the example makes more than {MAX_ITEMS} list items"
                ));
            }
            items.resize(index + 1, Value::Null);
        }
        (&mut items[index], rest)
    } else {
        (slot, rest)
    };
    if rest.is_empty() {
        if nested.is_some() {
            return Err(format!(
                "`{}` is a structure: its members are given (`{}.Name=…`), not a value",
                member.name, member.name
            ));
        }
        if !slot.is_null() {
            return Err("it is given twice".into());
        }
        *slot = typed(member, value)?;
        return Ok(());
    }
    if nested.is_none() {
        return Err(format!("`{}` is not a structure", member.name));
    }
    if !slot.is_object() {
        *slot = Value::Object(Map::new());
    }
    insert(api, nested, slot, rest, value, items_made)
}

/// `value` as the JSON the member's type says: a number, a boolean or text.
fn typed(member: &Member, value: &str) -> Result<Value, String> {
    let wrong = |what: &str| format!("`{value}` is not {what}");
    Ok(match member.member.as_str() {
        "int64" => Value::from(value.parse::<i64>().map_err(|_| wrong("an integer"))?),
        "uint64" => Value::from(
            value
                .parse::<u64>()
                .map_err(|_| wrong("an unsigned integer"))?,
        ),
        "float" => value
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
            .ok_or_else(|| wrong("a number"))?,
        "bool" => match value.to_ascii_lowercase().as_str() {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => return Err(wrong("`true` or `false`")),
        },
        _ => Value::String(value.to_owned()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn api() -> Api {
        serde_json::from_value(json!({
            "actions": {},
            "objects": {
                "Req": {"type": "object", "members": [
                    {"name": "Name", "type": "string", "member": "string"},
                    {"name": "Limit", "type": "int", "member": "uint64"},
                    {"name": "Ratio", "type": "float", "member": "float"},
                    {"name": "Dry", "type": "bool", "member": "bool"},
                    {"name": "Ids", "type": "list", "member": "string"},
                    {"name": "Filters", "type": "list", "member": "Filter"},
                ]},
                "Filter": {"usage": "in", "members": [
                    {"name": "Name", "type": "string", "member": "string"},
                    {"name": "Values", "type": "list", "member": "string"},
                    {"name": "Children", "type": "list", "member": "Filter"},
                ]},
            },
            "metadata": {"apiVersion": "2017-03-12", "serviceShortName": "cvm"},
        }))
        .unwrap()
    }

    fn parsed(raw: &str) -> Result<Request, String> {
        let api = api();
        parse(&api, &api.objects["Req"], "A", raw)
    }

    #[test]
    fn the_body_follows_the_blank_line() {
        let raw = "POST / HTTP/1.1\r\nHost: cvm.tencentcloudapi.com\r\nX-TC-Action: A\r\n<公共请求参数>\r\n\r\n{\"Name\": \"x\"}";
        let request = parsed(raw).unwrap();
        assert_eq!(request.body, json!({"Name": "x"}));
        assert!(request.notes.is_empty());
        assert_eq!(parsed("POST /\n\n").unwrap().body, json!({}));
        assert_eq!(
            parsed("POST / HTTP/1.1").unwrap_err(),
            "has no blank line between its headers and its body"
        );
        assert!(
            parsed("POST /\n\n{oops")
                .unwrap_err()
                .starts_with("body is not JSON")
        );
        assert_eq!(
            parsed("POST /\n\n[1]").unwrap_err(),
            "body is not a JSON object"
        );
    }

    #[test]
    fn a_header_naming_another_action_is_noted_not_fatal() {
        let request = parsed("POST /\nX-TC-Action: B\n\n{\"Name\": \"x\"}").unwrap();
        assert_eq!(request.body, json!({"Name": "x"}));
        assert_eq!(
            request.notes,
            [
                "the vendor's request names the action `B` in its `X-TC-Action` header; kept as \
              an example of `A`, where the catalogue lists it"
            ]
        );
    }

    #[test]
    fn a_get_query_becomes_a_typed_body() {
        let raw = "https://cvm.tencentcloudapi.com/?Action=A\n&Name= 韦小宝\n&Limit=20&Ratio=1.5\n\
                   &Dry=TRUE\n&Ids.1=b\n&Ids.0=a\n&Filters.0.Name=zone\n\
                   &Filters.0.Values.0=ap-guangzhou-3\n&Version=2017-03-12\n&Extra=e\n\
                   &<公共请求参数>";
        let request = parsed(raw).unwrap();
        assert_eq!(
            request.body,
            json!({
                "Name": "韦小宝", "Limit": 20, "Ratio": 1.5, "Dry": true, "Ids": ["a", "b"],
                "Filters": [{"Name": "zone", "Values": ["ap-guangzhou-3"]}], "Extra": "e",
            })
        );
        assert_eq!(request.notes.len(), 1, "{:?}", request.notes);
        assert!(request.notes[0].contains("GET query string"));
        let other = parsed("https://x/?Action=B\n&<公共请求参数>").unwrap();
        assert_eq!(other.body, json!({}));
        assert!(other.notes[1].contains("names the action `B` in its query's `Action`"));
    }

    #[test]
    fn a_query_that_would_lose_or_invent_values_is_refused() {
        let error = |raw: &str| parsed(raw).unwrap_err();
        assert_eq!(
            error("https://x/?Ids.1=b"),
            "has no item `Ids.0` (the list's other items are given)"
        );
        assert_eq!(
            error("https://x/?Filters.1.Name=b&Filters.0.Values.1=v"),
            "has no item `Filters.0.Values.0` (the list's other items are given)"
        );
        assert_eq!(
            error("https://x/?Name=a&Name=b"),
            "has the query parameter `Name`: it is given twice"
        );
        assert_eq!(
            error("https://x/?Ids.0=a&Ids.00=b"),
            "has the query parameter `Ids.00`: `00` is not a list index (0 to 999)"
        );
        assert_eq!(
            error("https://x/?Filters.0=zone"),
            "has the query parameter `Filters.0`: `Filters` is a structure: its members are \
             given (`Filters.Name=…`), not a value"
        );
        // Hostile depths and sizes are refused before they cost stack or memory.
        let deep = format!("https://x/?Extra{}=1", ".a".repeat(500_000));
        assert!(error(&deep).contains("of more than 16 parts"));
        // 6,000 items for one key (`Filters` and five `Children` of 1,000), then 5,000 more.
        let deep_item = format!("{}.999.Name", ".999.Children".repeat(5));
        let wide = format!("https://x/?Filters{deep_item}=x&Filters.998.Children{deep_item}=y");
        assert_eq!(
            error(&wide),
            format!(
                "has the query parameter `Filters.998.Children{deep_item}`: the example makes \
                 more than 10000 list items"
            )
        );
        // A member called like a common parameter stays the member's.
        let api: Api = serde_json::from_value(json!({
            "actions": {},
            "objects": {"Req": {"type": "object", "members": [
                {"name": "Action", "type": "string", "member": "string"},
            ]}},
            "metadata": {"apiVersion": "2017-03-12", "serviceShortName": "cvm"},
        }))
        .unwrap();
        let request = parse(&api, &api.objects["Req"], "A", "https://x/?Action=Stop").unwrap();
        assert_eq!(request.body, json!({"Action": "Stop"}));
    }

    #[test]
    fn a_get_value_its_type_refuses_is_an_error_naming_the_parameter() {
        let error = |raw: &str| parsed(raw).unwrap_err();
        assert_eq!(
            error("https://x/?Limit=-1"),
            "has the query parameter `Limit`: `-1` is not an unsigned integer"
        );
        assert_eq!(
            error("https://x/?Dry=yes"),
            "has the query parameter `Dry`: `yes` is not `true` or `false`"
        );
        assert_eq!(
            error("https://x/?Ids=a"),
            "has the query parameter `Ids`: a list member needs an index (`Name.0`)"
        );
        assert_eq!(
            error("https://x/?Ids.x=a"),
            "has the query parameter `Ids.x`: `x` is not a list index (0 to 999)"
        );
        assert!(error("https://x/?Ids.1000=a").contains("`1000` is not a list index"));
        assert_eq!(
            error("https://x/?Name.0=a"),
            "has the query parameter `Name.0`: `Name` is not a structure"
        );
        assert_eq!(
            error("https://x/?Name"),
            "has the query parameter `Name` without `=`"
        );
        assert_eq!(
            error("https://x/"),
            "is a URL without a query (`?Action=…`)"
        );
    }
}
