//! What a description says beyond words: the values a field takes ("Only accepts
//! `AccountObj` or `PartnerObj`", `0:失败,1:成功`), a fixed value ("Fixed value: code"),
//! and rules (`8-128 digits or characters`, `最大值为1000`, `默认20`, "multiple of limit").

use serde_json::Value;

/// What a description says of its field.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Hints {
    /// Enumerated values with what each means.
    pub(crate) values: Vec<(Value, String)>,
    pub(crate) fixed: Option<String>,
    /// `(constraint key, value)`, in the README's order.
    pub(crate) constraints: Vec<(&'static str, Value)>,
    pub(crate) default: Option<i64>,
    /// Rules read that the spec cannot hold as written, for a `TODO(import)`.
    pub(crate) doubts: Vec<String>,
}

/// Reads a description. `integer`/`string` say which rules can apply.
pub(crate) fn read(description: &str, integer: bool, string: bool, siblings: &[String]) -> Hints {
    let mut hints = Hints::default();
    let lower = description.to_ascii_lowercase();
    if string {
        hints.fixed = fixed_value(description);
        if hints.fixed.is_none() {
            hints.values = string_values(description);
        }
        if let Some((min, max)) = length_range(&lower) {
            hints.constraints.push(("min_length", min.into()));
            hints.constraints.push(("max_length", max.into()));
        } else if let Some(max) = number_after(
            &lower,
            &[
                "最大长度为",
                "最大长度",
                "长度不超过",
                "max length of ",
                "maximum length of ",
                "maximum length ",
                "max length ",
                "max length:",
                "(max: ",
                "(max:",
                "(max ",
                "最多",
            ],
        ) {
            hints.constraints.push(("max_length", max.into()));
        }
    }
    if integer {
        hints.values = integer_values(description);
        if lower.contains("从0开始")
            || lower.contains("starts at 0")
            || lower.contains("starting from 0")
        {
            hints.constraints.push(("minimum", 0.into()));
        }
        if let Some((max, end)) = number_and_end(&lower, MAXIMA) {
            hints.constraints.push(("maximum", max.into()));
            if number_after(&lower[end..], MAXIMA).is_some() {
                hints.doubts.push(format!(
                    "the page gives more than one bound: \"{description}\"; `maximum: {max}` is the first"
                ));
            }
        }
        hints.default = number_after(
            &lower,
            &[
                "默认值为",
                "默认为",
                "默认",
                "default is ",
                "default: ",
                "default ",
            ],
        );
        if let Some(field) = multiple_of(&lower, siblings) {
            hints
                .constraints
                .push(("multiple_of_field", Value::String(field)));
        }
    }
    hints
}

/// `Fixed value: code`, `固定值:x`, `value for this API: authorization_code`, `固定为x`.
fn fixed_value(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    for marker in [
        "fixed value:",
        "fixed value",
        "固定值:",
        "固定值：",
        "固定值",
        "固定为",
        "value for this api:",
        "本接口取值:",
        "取值为",
    ] {
        // Positions in the lower-cased copy are positions in `text` only where lower-casing
        // keeps lengths; `get` declines the rest rather than cut a character.
        if let Some(rest) = lower
            .find(marker)
            .and_then(|at| text.get(at + marker.len()..))
        {
            let rest = rest.trim_start_matches([':', '：', ' ']);
            let value: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
                .collect();
            let value = value.trim_end_matches('.').to_owned();
            if !value.is_empty() {
                return Some(value);
            }
        }
    }
    None
}

/// `Only accepts "AccountObj" or "PartnerObj"`, `AccountObj: Associated customer;
/// PartnerObj: Associated partner`, `取值:A、B`.
fn string_values(text: &str) -> Vec<(Value, String)> {
    let lower = text.to_ascii_lowercase();
    for marker in [
        "only accepts",
        "only accept",
        "one of",
        "options:",
        "取值范围",
        "可选值",
        "可选:",
        "可选：",
        "取值:",
        "取值：",
        "枚举值",
    ] {
        if let Some(rest) = lower
            .find(marker)
            .and_then(|at| text.get(at + marker.len()..))
        {
            let described = values_with_meanings(rest);
            if described.len() >= 2 {
                return described;
            }
            let values: Vec<(Value, String)> = quoted_or_words(rest)
                .into_iter()
                .map(|v| (Value::String(v), String::new()))
                .collect();
            if values.len() >= 2 {
                return values;
            }
        }
    }
    // `A: meaning; B: meaning`: every part a value and its meaning.
    let parts: Vec<&str> = text
        .split([';', '；'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.len() >= 2 {
        let pairs: Option<Vec<(Value, String)>> = parts
            .iter()
            .map(|p| {
                let (value, meaning) = p.split_once([':', '：'])?;
                let value = value.trim();
                (super::vendor_types::is_type_name(value) || super::tables::is_identifier(value))
                    .then(|| (Value::String(value.to_owned()), meaning.trim().to_owned()))
            })
            .collect();
        if let Some(pairs) = pairs {
            return pairs;
        }
    }
    capitals_with_colons(text)
}

/// `ALL (all apps), CRM (all CRM sub-types)`, `ALL(所有应用)、CRM(CRM 所有子类型)`: each
/// part a value with its meaning in brackets, up to the sentence's end. Empty unless every
/// part reads so.
fn values_with_meanings(text: &str) -> Vec<(Value, String)> {
    let text = text.trim_start_matches([':', '：', ' ']);
    let mut parts = Vec::new();
    let (mut depth, mut start, mut end) = (0usize, 0, text.len());
    for (i, c) in text.char_indices() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            ',' | '，' | '、' | ';' | '；' if depth == 0 => {
                parts.push(&text[start..i]);
                start = i + c.len_utf8();
            }
            '。' if depth == 0 => {
                end = i;
                break;
            }
            '.' if depth == 0 && text[i + 1..].starts_with(' ') => {
                end = i;
                break;
            }
            _ => {}
        }
    }
    parts.push(&text[start..end.max(start)]);
    let read: Option<Vec<(Value, String)>> = parts
        .iter()
        .map(|part| {
            let part = part.trim();
            let open = part.find(['(', '（'])?;
            let value = part[..open].trim();
            let meaning = part[open..]
                .trim_start_matches(['(', '（'])
                .trim_end_matches([')', '）'])
                .trim();
            super::tables::is_identifier(value)
                .then(|| (Value::String(value.to_owned()), meaning.to_owned()))
        })
        .collect();
    read.unwrap_or_default()
}

/// `ALL: All applications CRM: All sub-types TASK: Task application`: two or more values
/// in capitals, each right before a colon, their meanings between them. Prose labels
/// (`NOTE: … TIP: …`) are headings of the text, not values: a description with one reads as
/// no values at all.
fn capitals_with_colons(text: &str) -> Vec<(Value, String)> {
    const PROSE_LABELS: [&str; 16] = [
        "NOTE",
        "NOTES",
        "TIP",
        "TIPS",
        "WARNING",
        "IMPORTANT",
        "EXAMPLE",
        "EG",
        "PS",
        "INFO",
        "HINT",
        "CAUTION",
        "ATTENTION",
        "REMARK",
        "DEFAULT",
        "FORMAT",
    ];
    let starts: Vec<(usize, &str, usize)> = text
        .char_indices()
        .filter(|&(i, _)| {
            text[..i]
                .chars()
                .next_back()
                .is_none_or(|c| c.is_whitespace() || matches!(c, ',' | '，' | '。' | '.'))
        })
        .filter_map(|(i, _)| {
            let rest = &text[i..];
            let len = rest
                .find(|c: char| !(c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'))
                .unwrap_or(rest.len());
            let value = &rest[..len];
            let colon = rest[len..]
                .chars()
                .next()
                .filter(|c| matches!(c, ':' | '：'))?;
            let first_letter = value.starts_with(|c: char| c.is_ascii_uppercase());
            (len >= 2 && first_letter).then_some((i, value, i + len + colon.len_utf8()))
        })
        .collect();
    if starts.len() < 2 || starts.iter().any(|(_, v, _)| PROSE_LABELS.contains(v)) {
        return Vec::new();
    }
    starts
        .iter()
        .enumerate()
        .map(|(n, &(_, value, after))| {
            let end = starts.get(n + 1).map_or(text.len(), |next| next.0);
            let meaning = text[after..end]
                .trim()
                .trim_end_matches([',', '，', ';', '；']);
            (Value::String(value.to_owned()), meaning.trim().to_owned())
        })
        .collect()
}

/// `"AccountObj" or "PartnerObj"`, `AccountObj、PartnerObj`.
fn quoted_or_words(text: &str) -> Vec<String> {
    let text = text.trim_start_matches([':', '：', ' ']);
    let quoted: Vec<String> = text
        .split(['"', '“', '”', '`', '\''])
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .filter(|v| super::tables::is_identifier(v))
        .collect();
    if quoted.len() >= 2 {
        return quoted;
    }
    let end = text.find(['。', '(', '（']).unwrap_or(text.len());
    text[..end]
        .split(['、', ',', '，', '/', '|'])
        .flat_map(|p| p.split(" or "))
        .map(|p| p.trim().trim_end_matches('.').to_owned())
        .filter(|v| super::tables::is_identifier(v))
        .collect()
}

/// `0:失败,1:成功`, `0-失败 1-成功`: integers each with a meaning.
fn integer_values(text: &str) -> Vec<(Value, String)> {
    let mut values = Vec::new();
    for part in text
        .split([',', '，', ';', '；', '、'])
        .flat_map(split_before_digits)
    {
        let part = part.trim();
        // An optional sign, then digits: `-1:失败`, `0-失败`.
        let sign = usize::from(part.starts_with('-'));
        let end = part[sign..]
            .find(|c: char| !c.is_ascii_digit())
            .map_or(part.len(), |at| sign + at);
        let (digits, rest) = part.split_at(end);
        let Some(meaning) = rest.trim_start().strip_prefix([':', '：', '-', '=']) else {
            continue;
        };
        let meaning = meaning.trim();
        if let Ok(n) = digits.parse::<i64>()
            && !meaning.is_empty()
        {
            values.push((Value::from(n), meaning.to_owned()));
        }
    }
    if values.len() >= 2 {
        values
    } else {
        Vec::new()
    }
}

/// `0:失败 1:成功`: a space starts a new part only where a digit (or `-`) follows it.
fn split_before_digits(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices(' ') {
        if text[i + 1..].starts_with(|c: char| c.is_ascii_digit() || c == '-') {
            parts.push(&text[start..i]);
            start = i + 1;
        }
    }
    parts.push(&text[start..]);
    parts
}

/// `8-128 digits or characters`, `8～128位`.
fn length_range(lower: &str) -> Option<(u64, u64)> {
    for (i, _) in lower.match_indices(|c: char| c.is_ascii_digit()) {
        if i > 0 && lower.as_bytes()[i - 1].is_ascii_digit() {
            continue;
        }
        let rest = &lower[i..];
        let a: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let after = &rest[a.len()..];
        let Some(after) = after.strip_prefix(['-', '~', '～']) else {
            continue;
        };
        let b: String = after.chars().take_while(char::is_ascii_digit).collect();
        let unit = after[b.len()..].trim_start();
        let is_length = [
            "letters",
            "digits",
            "characters",
            "chars",
            "位",
            "个字符",
            "字符",
        ]
        .iter()
        .any(|u| unit.starts_with(u));
        if let (true, Ok(a), Ok(b)) = (is_length, a.parse(), b.parse()) {
            return Some((a, b));
        }
    }
    None
}

/// The first integer right after one of the markers.
fn number_after(lower: &str, markers: &[&str]) -> Option<i64> {
    number_and_end(lower, markers).map(|(n, _)| n)
}

/// The number after the first marker that has one, and where the number ends.
fn number_and_end(lower: &str, markers: &[&str]) -> Option<(i64, usize)> {
    markers.iter().find_map(|m| {
        let at = lower.find(m)? + m.len();
        let rest = lower[at..].trim_start_matches([' ', ':', '：', '为']);
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let end = lower.len() - rest.len() + digits.len();
        digits.parse().ok().map(|n| (n, end))
    })
}

/// Words before an integer's upper bound (`最大值为1000`, `max: 100`), longest first.
const MAXIMA: &[&str] = &[
    "最大值为",
    "最大值",
    "最大为",
    "最大",
    "maximum:",
    "maximum ",
    "max:",
    "max ",
    "at most ",
    "不超过",
];

/// `必须为limit的整数倍`, `multiple of limit`: the sibling named.
fn multiple_of(lower: &str, siblings: &[String]) -> Option<String> {
    siblings.iter().find_map(|s| {
        let s_lower = s.to_lowercase();
        let said = lower.contains(&format!("{s_lower}的整数倍"))
            || lower.contains(&format!("multiple of {s_lower}"))
            || lower.contains(&format!("multiple of `{s_lower}`"));
        said.then(|| s.clone())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_rules_and_fixed_values() {
        let h = read(
            "Customer or partner apiName. Only accepts \"AccountObj\" or \"PartnerObj\"",
            false,
            true,
            &[],
        );
        assert_eq!(
            h.values,
            [
                (json!("AccountObj"), String::new()),
                (json!("PartnerObj"), String::new())
            ]
        );
        let h = read(
            "AccountObj: Associated customer; PartnerObj: Associated partner",
            false,
            true,
            &[],
        );
        assert_eq!(
            h.values[1],
            (json!("PartnerObj"), "Associated partner".to_owned())
        );
        let h = read(
            "Client-side state value. 8-128 digits or characters. Used by",
            false,
            true,
            &[],
        );
        assert_eq!(
            h.constraints,
            [("min_length", json!(8)), ("max_length", json!(128))]
        );
        assert_eq!(
            read("Fixed value: code", false, true, &[]).fixed.as_deref(),
            Some("code")
        );
        let h = read(
            "偏移量,从0开始、数值必须为limit的整数倍",
            true,
            false,
            &["limit".to_owned()],
        );
        assert_eq!(
            h.constraints,
            [("minimum", json!(0)), ("multiple_of_field", json!("limit"))]
        );
        let h = read(
            "获取数据条数,默认20,最大值为1000(自定义对象最大值为100)",
            true,
            false,
            &[],
        );
        assert_eq!(
            (h.default, h.constraints.clone()),
            (Some(20), vec![("maximum", json!(1000))])
        );
        assert_eq!(h.doubts.len(), 1);
        let h = read("绑定是否成功。 0:失败,1:成功", true, false, &[]);
        assert_eq!(h.values.len(), 2);
        let h = read("-1-失败 1-成功", true, false, &[]);
        assert_eq!(
            h.values,
            [
                (json!(-1), "失败".to_owned()),
                (json!(1), "成功".to_owned())
            ]
        );
        let h = read(
            "Corresponds to a BOC type. Options: ALL (all apps), CRM (all CRM sub-types), TASK (task apps)",
            false,
            true,
            &[],
        );
        assert_eq!(
            h.values,
            [
                (json!("ALL"), "all apps".to_owned()),
                (json!("CRM"), "all CRM sub-types".to_owned()),
                (json!("TASK"), "task apps".to_owned())
            ]
        );
        let h = read(
            "可选:ALL(所有应用)、CRM(CRM 所有子类型)。默认 ALL",
            false,
            true,
            &[],
        );
        assert_eq!(h.values[1], (json!("CRM"), "CRM 所有子类型".to_owned()));
        assert_eq!(h.values.len(), 2);
        let h = read(
            "Priority given to this field. ALL: All applications CRM: All sub-type applications under CRM TASK: Task application",
            false,
            true,
            &[],
        );
        assert_eq!(
            h.values,
            [
                (json!("ALL"), "All applications".to_owned()),
                (
                    json!("CRM"),
                    "All sub-type applications under CRM".to_owned()
                ),
                (json!("TASK"), "Task application".to_owned())
            ]
        );
        let h = read("0: 关闭, 1: 开启", true, false, &[]);
        assert_eq!(
            h.values,
            [(json!(0), "关闭".to_owned()), (json!(1), "开启".to_owned())]
        );
    }

    #[test]
    fn prose_labels_are_no_values() {
        // One capital word before a colon is prose, not a list.
        assert!(
            read("NOTE: ids are strings", false, true, &[])
                .values
                .is_empty()
        );
        // Nor are two prose labels, or a label among capitals.
        for prose in [
            "NOTE: ids are strings. TIP: use the API name",
            "ALL: every app. NOTE: CRM apps are listed apart",
        ] {
            assert!(read(prose, false, true, &[]).values.is_empty(), "{prose}");
        }
    }

    #[test]
    fn bounds_written_with_colons_and_in_brackets() {
        let h = read("Page size (max: 100)", true, false, &[]);
        assert_eq!(h.constraints, [("maximum", json!(100))]);
        assert!(h.doubts.is_empty(), "{h:?}");
        let h = read("每页条数 (max 500)", true, false, &[]);
        assert_eq!(h.constraints, [("maximum", json!(500))]);
        assert!(h.doubts.is_empty(), "{h:?}");
        let h = read(
            "获取数据条数,默认20,最大值为1000(自定义对象最大值为100)",
            true,
            false,
            &[],
        );
        assert_eq!(h.constraints, [("maximum", json!(1000))]);
        assert_eq!(h.doubts.len(), 1, "{h:?}");
        let h = read("Remark (max: 200)", false, true, &[]);
        assert_eq!(h.constraints, [("max_length", json!(200))]);
        let h = read("备注，最多200个字符", false, true, &[]);
        assert_eq!(h.constraints, [("max_length", json!(200))]);
    }
}
