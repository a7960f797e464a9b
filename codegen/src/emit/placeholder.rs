//! Values for the compiled doc examples: the spec example's own where it has usable ones,
//! otherwise placeholders that pass the request's validation (the doctest validates it).
//! The mock tables' synthesized answers ([`success_answer`]) are made of the same values.

use serde_json::{Map, Value};

use super::paths::public_path;
use crate::ir::{
    Bound, Constraints, Endpoint, EnumKind, Field, Provider, RequireStep, Struct, Type, TypeDef,
    Types, WireValue,
};

/// A placeholder expression for a field in a compiled doc example. It satisfies the field's
/// constraints, so the example would pass the client-side checks if it were run. `example` is
/// the spec example's object holding the field, whose value is used when it is usable.
fn placeholder(
    field: &Field,
    provider: &Provider,
    e: &Endpoint,
    depth: usize,
    example: Option<&Value>,
    need: &[&[RequireStep]],
) -> String {
    let seen = example.and_then(|object| object.get(&field.json_name));
    if let Some(literal) = seen.and_then(|value| example_literal(field, value)) {
        return literal;
    }
    if let Some(text) = named_text(field) {
        return format!("{text:?}");
    }
    value_placeholder(
        &field.ty,
        &field.constraints,
        provider,
        e,
        depth,
        seen,
        need,
    )
}

/// The spec example's own value of `field` as a Rust literal, for scalars the loader already
/// checked against the field's constraints. Vendor placeholders (`"xxxxx"`), a "URL" that is
/// none, secrets and text that could end the doc block are left to [`placeholder`].
fn example_literal(field: &Field, value: &Value) -> Option<String> {
    match (&field.ty, value) {
        (Type::String, Value::String(text)) => {
            usable_text(&field.json_name, text).then(|| format!("{text:?}"))
        }
        (Type::I32, Value::Number(n)) => n
            .as_i64()
            .filter(|n| i32::try_from(*n).is_ok())
            .map(|n| n.to_string()),
        (Type::I64 | Type::TimestampMs | Type::TimestampS, Value::Number(n)) => {
            n.as_i64().map(|n| n.to_string())
        }
        (Type::U64, Value::Number(n)) => n.as_u64().map(|n| n.to_string()),
        (Type::Bool, Value::Bool(b)) => Some(b.to_string()),
        _ => None,
    }
}

fn usable_text(json_name: &str, text: &str) -> bool {
    let plausible = match named_placeholder(json_name) {
        Some(url) if url.starts_with("https://") => {
            text.starts_with("https://") || text.starts_with("http://")
        }
        Some(_) => text.parse::<std::net::IpAddr>().is_ok(),
        None => true,
    };
    plausible
        && !text.trim().is_empty()
        && !text.to_ascii_lowercase().contains("xxx")
        && !text.chars().any(|c| c == '`' || c.is_control())
}

/// The text a string field's name promises ([`named_placeholder`]), when it fits the
/// field's constraints.
fn named_text(field: &Field) -> Option<&'static str> {
    let text = named_placeholder(&field.json_name).filter(|_| field.ty == Type::String)?;
    let c = &field.constraints;
    let len = text.chars().count() as u64;
    let fits = c.pattern.is_none()
        && c.min_length.is_none_or(|min| len >= min)
        && c.max_length.is_none_or(|max| len <= max);
    fits.then_some(text)
}

/// A value of the kind a field's name promises (a URL for `redirectUrl`, an address for
/// `ClientIp`), so a reader copying the example starts from something plausible. The name's
/// last word decides, not its last letters: `ownership` and `zip` are no addresses.
fn named_placeholder(json_name: &str) -> Option<&'static str> {
    match last_word(json_name).to_ascii_lowercase().as_str() {
        "url" | "uri" => Some("https://app.example.com/callback"),
        "ip" => Some("203.0.113.7"),
        _ => None,
    }
}

/// The last word of a `camelCase`, `PascalCase`, `ALLCAPS`-ending or `snake_case` name
/// (`redirectUrl` → `Url`, `clientIP` → `IP`, `redirect_uri` → `uri`).
fn last_word(name: &str) -> &str {
    let name = name.rsplit(['_', '-']).next().unwrap_or(name);
    let chars: Vec<(usize, char)> = name.char_indices().collect();
    let mut start = 0;
    for (i, &(at, c)) in chars.iter().enumerate().skip(1) {
        let prev = chars[i - 1].1;
        let next_lower = chars.get(i + 1).is_some_and(|&(_, n)| n.is_lowercase());
        if c.is_uppercase() && (!prev.is_uppercase() || next_lower) {
            start = at;
        }
    }
    &name[start..]
}

/// The text of a placeholder decimal.
const DECIMAL: &str = "1";

/// Letters and digits, which fit every pattern the vendors use for identifiers, as long as
/// the length constraints allow (eight characters when they allow that).
fn text_value(c: &Constraints) -> String {
    let min = c.min_length.unwrap_or(0);
    let max = c.max_length.unwrap_or(u64::MAX);
    let len = 8u64.clamp(min.min(max), max);
    "abcd1234".chars().cycle().take(len as usize).collect()
}

/// 1, or the bound itself when 1 is outside the range.
fn float_value(c: &Constraints) -> f64 {
    let mut n = 1.0_f64;
    if let Some(Bound::Float(min)) = c.minimum
        && n < min
    {
        n = min;
    }
    if let Some(Bound::Float(max)) = c.maximum
        && n > max
    {
        n = max;
    }
    n
}

/// 1 (or the minimum, rounded up to the multiple), 0 for a multiple of a sibling (CRM
/// `offset` of `limit`), never above the maximum. Bounds lie within the field type's range,
/// so `i128` holds every step exactly.
fn int_value(c: &Constraints) -> i128 {
    let mut n: i128 = if c.multiple_of_field.is_some() {
        0
    } else {
        match c.minimum {
            Some(Bound::Int(min)) => min.max(1),
            _ => 1,
        }
    };
    if let Some(m) = c.multiple_of.filter(|m| *m > 0).map(i128::from) {
        n = n.saturating_add(m - 1).div_euclid(m).saturating_mul(m);
    }
    if let Some(Bound::Int(max)) = c.maximum
        && n > max
    {
        n = max;
    }
    n
}

/// `need`: the rest of the `requires` paths through this value, whose optional fields the
/// placeholder sets too, so the example passes `validate()`.
fn value_placeholder(
    ty: &Type,
    c: &Constraints,
    provider: &Provider,
    e: &Endpoint,
    depth: usize,
    seen: Option<&Value>,
    need: &[&[RequireStep]],
) -> String {
    let none = Constraints::default();
    match ty {
        Type::Decimal => format!("{DECIMAL:?}"),
        Type::String | Type::Secret => format!("{:?}", text_value(c)),
        Type::Bool => "false".to_owned(),
        Type::F64 => format!("{:?}", float_value(c)),
        Type::I32 | Type::I64 | Type::U64 | Type::TimestampMs | Type::TimestampS => {
            int_value(c).to_string()
        }
        Type::Json => "serde_json::Value::Null".to_owned(),
        Type::List(inner) => match c.min_items.unwrap_or(0) {
            0 => "Vec::new()".to_owned(),
            n => {
                let item = value_placeholder(inner, &none, provider, e, depth, None, &[]);
                let item = if matches!(**inner, Type::String | Type::Secret | Type::Decimal) {
                    format!("{item}.into()")
                } else {
                    item
                };
                format!("vec![{}]", vec![item; n as usize].join(", "))
            }
        },
        Type::Map(_) => "Default::default()".to_owned(),
        Type::Named(r) => {
            let path = public_path(provider, e, &r.name, &r.home);
            match provider.types_for(e).def(&r.home, &r.name) {
                Some(TypeDef::Enum(en)) => {
                    let chosen = en
                        .variants
                        .iter()
                        .find(|v| seen.is_some_and(|json| v.value.is(json)))
                        .or(en.variants.first());
                    match chosen {
                        Some(v) => format!("{path}::{}", v.rust_name),
                        None => format!("{path}::from(\"...\")"),
                    }
                }
                Some(TypeDef::Struct(s)) if depth < 4 => {
                    format!(
                        "{path}::new({}){}",
                        args_at(s, provider, e, depth + 1, seen, need),
                        setters(s, provider, e, depth + 1, seen, need)
                    )
                }
                _ => format!("{path}::new()"),
            }
        }
    }
}

/// The arguments of `s::new` in a doc example: the spec example's values where `example` (the
/// request object) has usable ones, placeholders that pass validation otherwise.
pub(super) fn args(
    s: &Struct,
    provider: &Provider,
    e: &Endpoint,
    example: Option<&Value>,
) -> String {
    args_at(s, provider, e, 0, example, &request_needs(e))
}

/// The setter calls after the request's `new(…)` that its `requires` need (empty without).
pub(super) fn required_setters(
    s: &Struct,
    provider: &Provider,
    e: &Endpoint,
    example: Option<&Value>,
) -> String {
    setters(s, provider, e, 0, example, &request_needs(e))
}

fn request_needs(e: &Endpoint) -> Vec<&[RequireStep]> {
    e.requires.iter().map(|r| r.steps.as_slice()).collect()
}

/// The rest of the paths in `need` that go through `field`.
fn through<'n>(need: &[&'n [RequireStep]], field: &Field) -> Vec<&'n [RequireStep]> {
    need.iter()
        .filter_map(|steps| match steps.split_first() {
            Some((first, rest)) if first.json_name == field.json_name => Some(rest),
            _ => None,
        })
        .collect()
}

fn args_at(
    s: &Struct,
    provider: &Provider,
    e: &Endpoint,
    depth: usize,
    example: Option<&Value>,
    need: &[&[RequireStep]],
) -> String {
    s.fields
        .iter()
        .filter(|f| f.is_constructor_arg())
        .map(|f| placeholder(f, provider, e, depth, example, &through(need, f)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `.field(value)` for each optional field of `s` a path in `need` goes through or ends at.
fn setters(
    s: &Struct,
    provider: &Provider,
    e: &Endpoint,
    depth: usize,
    example: Option<&Value>,
    need: &[&[RequireStep]],
) -> String {
    s.fields
        .iter()
        .filter(|f| !f.required && f.constant.is_none())
        .filter_map(|f| {
            let rest = through(need, f);
            // A path ending at `f` leaves an empty rest, so `rest` is empty only when no
            // path touches `f`.
            if rest.is_empty() {
                return None;
            }
            let value = placeholder(f, provider, e, depth, example, &rest);
            Some(format!(".{}({value})", f.rust_name))
        })
        .collect()
}

/// How many levels of named types a synthesized answer fills completely; below them it has
/// only the required fields (so an optional field of the type's own type ends).
const FULL_DEPTH: usize = 4;

/// The deepest a synthesized answer goes at all (required fields cannot nest without end in
/// a type that compiles; this only keeps a bug from recursing).
const MAX_DEPTH: usize = 32;

/// A success answer to `e` as its vendor would send it, for an endpoint whose spec has no
/// success example: the endpoint's envelope reporting success (the success code at the code
/// path, the success flag if any) with the result at the envelope's result path, or beside
/// the code when there is none (a bare array is then the whole body). The result is the
/// response type filled with the doc examples' placeholders: every field, optional ones too,
/// [`FULL_DEPTH`] levels of named types deep, and below that the required ones; constants
/// have their value, enums their first, lists their minimum number of items.
pub(super) fn success_answer(provider: &Provider, e: &Endpoint) -> Value {
    let envelope = &e.envelope;
    let mut body = Value::Object(Map::new());
    if let Some(code) = envelope.success {
        put(&mut body, &envelope.code, Value::from(code));
    }
    if let Some((path, success)) = &envelope.flag {
        put(&mut body, path, Value::Bool(*success));
    }
    let types = provider.types_for(e);
    // An answer with no body still gets the envelope's result object, as its vendor sends.
    let result = e
        .response
        .as_ref()
        .map_or_else(|| Value::Object(Map::new()), |r| struct_json(r, &types, 0));
    put(&mut body, envelope.result.as_deref().unwrap_or(""), result);
    body
}

/// Puts `value` at the dotted `path` of `body` (the whole body for an empty path), making
/// the objects on the way. An object meeting an object is merged, keeping what is there (the
/// envelope's code wins over a result field of the same name).
fn put(body: &mut Value, path: &str, value: Value) {
    let mut at = body;
    for key in path.split('.').filter(|key| !key.is_empty()) {
        if !at.is_object() {
            *at = Value::Object(Map::new());
        }
        let Value::Object(map) = at else { return };
        at = map.entry(key).or_insert(Value::Null);
    }
    match (at, value) {
        (Value::Object(there), Value::Object(fields)) => {
            for (key, value) in fields {
                there.entry(key).or_insert(value);
            }
        }
        (at, value) => *at = value,
    }
}

fn struct_json(s: &Struct, types: &Types<'_>, depth: usize) -> Value {
    if s.bare {
        return s
            .fields
            .first()
            .map_or(Value::Array(Vec::new()), |f| field_json(f, types, depth));
    }
    let fields = s
        .fields
        .iter()
        .filter(|f| f.required || depth < FULL_DEPTH)
        .map(|f| (f.json_name.clone(), field_json(f, types, depth)));
    Value::Object(fields.collect())
}

fn field_json(f: &Field, types: &Types<'_>, depth: usize) -> Value {
    if let Some(constant) = &f.constant {
        return Value::from(constant.as_str());
    }
    if let Some(text) = named_text(f) {
        return Value::from(text);
    }
    value_json(&f.ty, &f.constraints, types, depth)
}

fn value_json(ty: &Type, c: &Constraints, types: &Types<'_>, depth: usize) -> Value {
    match ty {
        Type::Decimal => Value::from(DECIMAL),
        Type::String | Type::Secret => Value::from(text_value(c)),
        Type::Bool => Value::Bool(false),
        Type::F64 => {
            serde_json::Number::from_f64(float_value(c)).map_or(Value::Null, Value::Number)
        }
        Type::I32 | Type::I64 | Type::U64 | Type::TimestampMs | Type::TimestampS => {
            int_json(int_value(c))
        }
        Type::Json => Value::Null,
        Type::List(inner) => {
            let item = value_json(inner, &Constraints::default(), types, depth);
            let count = usize::try_from(c.min_items.unwrap_or(0)).unwrap_or(0);
            Value::Array(vec![item; count])
        }
        Type::Map(_) => Value::Object(Map::new()),
        Type::Named(r) => match types.def(&r.home, &r.name) {
            Some(TypeDef::Enum(en)) => match (en.variants.first(), en.kind) {
                (Some(v), _) => wire_json(&v.value),
                (None, EnumKind::String) => Value::from(text_value(&Constraints::default())),
                (None, EnumKind::Integer) => Value::from(1),
            },
            Some(TypeDef::Struct(s)) if depth < MAX_DEPTH => struct_json(s, types, depth + 1),
            _ => Value::Object(Map::new()),
        },
    }
}

fn int_json(n: i128) -> Value {
    if let Ok(n) = i64::try_from(n) {
        Value::from(n)
    } else if let Ok(n) = u64::try_from(n) {
        Value::from(n)
    } else {
        Value::Null
    }
}

fn wire_json(value: &WireValue) -> Value {
    match value {
        WireValue::Str(s) => Value::from(s.as_str()),
        WireValue::Int(i) => Value::from(*i),
    }
}

#[cfg(test)]
mod tests {
    use super::{named_placeholder, usable_text};

    #[test]
    fn placeholders_follow_the_last_word_of_the_name() {
        let url = Some("https://app.example.com/callback");
        let ip = Some("203.0.113.7");
        for (name, expected) in [
            ("redirectUrl", url),
            ("redirectURL", url),
            ("redirect_uri", url),
            ("Url", url),
            ("ClientIp", ip),
            ("clientIP", ip),
            ("ip", ip),
            ("ownership", None),
            ("relationship", None),
            ("zip", None),
            ("memberVIP", None),
            ("curl", None),
            ("code", None),
        ] {
            assert_eq!(named_placeholder(name), expected, "{name}");
        }
    }

    #[test]
    fn example_values_are_used_only_when_plausible() {
        assert!(usable_text("OpenId", "yDRS4UUgygqdcj56UuO4zjExBQcOiB68"));
        assert!(usable_text("redirectUrl", "https://crm.example.com/sso"));
        assert!(!usable_text("redirectUrl", "abcd"));
        assert!(!usable_text("code", "xxxxx"));
        assert!(usable_text("ClientIp", "10.0.0.1"));
        assert!(!usable_text("ClientIp", "localhost"));
        assert!(!usable_text("name", "a`b"));
        assert!(!usable_text("name", " "));
    }
}
