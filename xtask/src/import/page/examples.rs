//! JSON examples on a page: found where a line opens `{` (or `[` of objects), read to the
//! bracket that closes it, and repaired the way a reader would read them — comments
//! (`// 账号openId`), trailing commas, `...` placeholders and missing commas between lines
//! are taken out or put in, and each repair is noted for the draft.

use std::collections::BTreeSet;

use serde_json::Value;

use super::lines::Line;

/// A JSON block of the page.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Example {
    pub(crate) value: Value,
    /// What was repaired to read it, for the example's `TODO(import)`.
    pub(crate) repairs: Vec<String>,
    /// A title the page gave it (`示例1 …`).
    pub(crate) title: Option<String>,
    pub(crate) source_line: usize,
    /// Where it is among the page's examples (HTML pages are one line).
    pub(crate) order: usize,
    /// The page is cut off inside it: what was there is closed and read for types, and it
    /// is no example.
    pub(crate) partial: bool,
}

/// Whether a line opens a JSON block.
fn opens(text: &str) -> bool {
    let t = text.trim_start();
    if let Some(rest) = t.strip_prefix('{') {
        // `{Host}/v2/…` is a URL template, not an object.
        return rest.is_empty()
            || rest.starts_with(|c: char| c.is_whitespace() || matches!(c, '"' | '}' | '\''));
    }
    let Some(rest) = t.strip_prefix('[') else {
        return false;
    };
    let rest = rest.trim_start();
    rest.is_empty()
        || rest.starts_with(['{', '"', ']'])
        || rest.starts_with(|c: char| c.is_ascii_digit())
}

/// A JSON block of the page, read or not.
pub(crate) enum Block {
    Read(Example, usize),
    /// The block never closes (the page is cut off inside it) or is no JSON even repaired:
    /// what it is, and the index after it.
    Unread(String, usize),
}

/// The JSON block starting at `lines[i]`, if one starts there.
pub(crate) fn block(lines: &[Line], i: usize) -> Option<Block> {
    // A table row (`| [] | array |`) is never a JSON block.
    if lines[i].cells.is_some() {
        return None;
    }
    if let Some(body) = curl_body(&lines[i].text) {
        return curl_block(lines, i, body);
    }
    if !opens(&lines[i].text) {
        return None;
    }
    match at(lines, i) {
        Some((example, next)) => Some(Block::Read(example, next)),
        None => {
            let mut scan = Scan::default();
            let mut j = i;
            while j < lines.len() && lines[j].cells.is_none() {
                scan.feed(&lines[j].text);
                j += 1;
                if scan.depth <= 0 {
                    return Some(Block::Unread(
                        format!(
                            "the JSON block at the page's line {} is no JSON, even repaired",
                            lines[i].source_line
                        ),
                        j,
                    ));
                }
            }
            let text: String = lines[i..j]
                .iter()
                .map(|l| format!("{}\n", l.text))
                .collect();
            match close_cut(&text) {
                Some(value) => Some(Block::Read(
                    Example {
                        value,
                        repairs: vec![
                            "the page is cut off inside it: closed where it breaks off".to_owned(),
                        ],
                        title: None,
                        source_line: lines[i].source_line,
                        order: i,
                        partial: true,
                    },
                    j,
                )),
                None => Some(Block::Unread(
                    format!(
                        "the JSON block at the page's line {} never closes (the page is cut off inside it)",
                        lines[i].source_line
                    ),
                    j,
                )),
            }
        }
    }
}

/// The body a `curl` line sends, quoted after its data flag: `--data-raw '{`.
fn curl_body(text: &str) -> Option<&str> {
    let t = text.trim_start();
    let rest = ["--data-raw ", "--data-binary ", "--data ", "-d "]
        .iter()
        .find_map(|flag| t.strip_prefix(flag))?;
    let body = rest.trim_start().strip_prefix(['\'', '"'])?;
    opens(body).then_some(body)
}

/// A curl command's body as a block: its lines without the flag before it and the quote
/// after it.
fn curl_block(lines: &[Line], i: usize, body: &str) -> Option<Block> {
    let mut copy: Vec<Line> = lines[i..]
        .iter()
        .take_while(|l| l.cells.is_none())
        .cloned()
        .collect();
    copy[0].text = body.to_owned();
    for line in &mut copy {
        let t = line.text.trim_end();
        if let Some(unquoted) = t.strip_suffix(['\'', '"'])
            && unquoted.ends_with(['}', ']'])
        {
            line.text = unquoted.to_owned();
        }
    }
    let read = block(&copy, 0)?;
    Some(match read {
        Block::Read(mut example, next) => {
            example.order = i;
            example
                .repairs
                .push("read from the curl command's body".to_owned());
            Block::Read(example, i + next)
        }
        Block::Unread(why, next) => Block::Unread(why, i + next),
    })
}

/// The JSON block starting at `lines[i]`, and the index after it; `None` when no block
/// starts there or it never closes (a page cut off inside it) or cannot be read.
fn at(lines: &[Line], i: usize) -> Option<(Example, usize)> {
    if !opens(&lines[i].text) {
        return None;
    }
    let mut text = String::new();
    let mut scan = Scan::default();
    let mut j = i;
    while j < lines.len() {
        // A block of code lines or text lines, not a table.
        if lines[j].cells.is_some() {
            return None;
        }
        text.push_str(&lines[j].text);
        text.push('\n');
        scan.feed(&lines[j].text);
        j += 1;
        // Closing past zero (`{"code":0}}`) closes too.
        if scan.depth <= 0 {
            break;
        }
    }
    if scan.depth > 0 {
        return None;
    }
    let (value, repairs) = repair(&text)?;
    Some((
        Example {
            value,
            repairs,
            title: None,
            source_line: lines[i].source_line,
            order: i,
            partial: false,
        },
        j,
    ))
}

/// Every object key of every example of the page, for splitting cells run together.
pub(crate) fn all_keys(lines: &[Line]) -> BTreeSet<String> {
    let mut keys = BTreeSet::new();
    let mut i = 0;
    while i < lines.len() {
        match block(lines, i) {
            Some(Block::Read(example, next)) => {
                collect_keys(&example.value, &mut keys);
                i = next;
            }
            Some(Block::Unread(_, next)) => i = next,
            None => i += 1,
        }
    }
    keys
}

fn collect_keys(value: &Value, keys: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                keys.insert(k.clone());
                collect_keys(v, keys);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_keys(v, keys)),
        _ => {}
    }
}

/// Bracket depth outside strings and comments, line by line.
#[derive(Default)]
struct Scan {
    depth: i64,
    in_string: bool,
    in_block_comment: bool,
}

impl Scan {
    fn feed(&mut self, line: &str) {
        let mut chars = line.chars().peekable();
        let mut escaped = false;
        while let Some(c) = chars.next() {
            if self.in_block_comment {
                if c == '*' && chars.peek() == Some(&'/') {
                    chars.next();
                    self.in_block_comment = false;
                }
                continue;
            }
            if self.in_string {
                match (escaped, c) {
                    (true, _) => escaped = false,
                    (false, '\\') => escaped = true,
                    (false, '"') => self.in_string = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '"' => self.in_string = true,
                '/' if chars.peek() == Some(&'/') => break,
                '/' if chars.peek() == Some(&'*') => {
                    chars.next();
                    self.in_block_comment = true;
                }
                '{' | '[' => self.depth += 1,
                '}' | ']' => self.depth -= 1,
                _ => {}
            }
        }
        // A string does not go on over a line end in JSON: a quote left open was text.
        self.in_string = false;
    }
}

/// Parses the block, repairing what a page's JSON gets wrong. `None` when even the repaired
/// text is no JSON.
pub(crate) fn repair(text: &str) -> Option<(Value, Vec<String>)> {
    if let Ok(value) = serde_json::from_str(text) {
        return Some((value, Vec::new()));
    }
    let mut repairs = Vec::new();
    let mut fixed = strip_comments(text);
    if fixed != text {
        repairs.push("comments removed".to_owned());
    }
    let without_ellipsis = drop_ellipsis(&fixed);
    if without_ellipsis != fixed {
        repairs.push("`...` placeholders removed".to_owned());
        fixed = without_ellipsis;
    }
    let without_trailing = drop_trailing_commas(&fixed);
    if without_trailing != fixed {
        repairs.push("trailing commas removed".to_owned());
        fixed = without_trailing;
    }
    if let Ok(value) = serde_json::from_str(&fixed) {
        return Some((value, repairs));
    }
    let with_commas = add_missing_commas(&fixed);
    if with_commas != fixed
        && let Ok(value) = serde_json::from_str(&with_commas)
    {
        repairs.push("missing commas between lines added".to_owned());
        return Some((value, repairs));
    }
    None
}

/// A block the page breaks off inside, closed after its last whole line: the brackets still
/// open are closed in order, trying one line fewer each time.
fn close_cut(text: &str) -> Option<Value> {
    let lines: Vec<&str> = text.lines().collect();
    // The last few lines only: a block cut off inside holds its break near the end, and a
    // page of thousands of unclosed lines must not cost thousands of parses.
    for keep in (1..=lines.len()).rev().take(32) {
        let head = lines[..keep].join("\n");
        let head = head.trim_end().trim_end_matches(',');
        let mut open = Vec::new();
        let (mut in_string, mut escaped) = (false, false);
        for c in head.chars() {
            if in_string {
                match (escaped, c) {
                    (true, _) => escaped = false,
                    (false, '\\') => escaped = true,
                    (false, '"') => in_string = false,
                    _ => {}
                }
                continue;
            }
            match c {
                '"' => in_string = true,
                '{' => open.push('}'),
                '[' => open.push(']'),
                '}' | ']' => {
                    open.pop();
                }
                _ => {}
            }
        }
        if in_string {
            continue;
        }
        let closed: String = head.chars().chain(open.iter().rev().copied()).collect();
        if let Some((value, _)) = repair(&closed) {
            return Some(value);
        }
    }
    None
}

/// Removes `// …` and `/* … */` outside strings.
fn strip_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let (mut in_string, mut escaped) = (false, false);
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') | (false, '\n') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '/' if chars.peek() == Some(&'/') => {
                while chars.peek().is_some_and(|c| *c != '\n') {
                    chars.next();
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                while let Some(c) = chars.next() {
                    if c == '*' && chars.peek() == Some(&'/') {
                        chars.next();
                        break;
                    }
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// Lines that are only `...`, `…` or `、、、` (a list's "and so on").
fn drop_ellipsis(text: &str) -> String {
    text.lines()
        .filter(|line| {
            let t = line.trim().trim_end_matches(',');
            !(t == "..." || t == "......" || t == "…" || t == "……" || t == "、、、")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `,` before a closing bracket, outside strings.
fn drop_trailing_commas(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for (i, &c) in chars.iter().enumerate() {
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            out.push(c);
            continue;
        }
        if c == '"' {
            in_string = true;
        }
        if c == ',' {
            let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
            if matches!(next, Some('}' | ']') | None) {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// A line ending in a value followed by a line starting a key or item, with no comma.
fn add_missing_commas(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim_end();
        let next = lines.get(i + 1).map(|l| l.trim_start()).unwrap_or_default();
        let ends_value = t.ends_with(['"', '}', ']'])
            || t.ends_with(|c: char| c.is_ascii_digit())
            || t.ends_with("true")
            || t.ends_with("false")
            || t.ends_with("null");
        if ends_value && !t.ends_with([',', '{', '[']) && next.starts_with(['"', '{']) {
            out.push(format!("{t},"));
        } else {
            out.push(t.to_owned());
        }
    }
    out.join("\n")
}

/// A request written as a URL with its query (`{Host}/v2/user/getUserRelation?timestamp=1&…`,
/// a `GET` page's example): its parameters as an object, numbers where a value is all
/// digits.
pub(crate) fn query_example(line: &Line) -> Option<Example> {
    let text = line.text.trim();
    let (before, query) = text.split_once('?')?;
    if before.contains(' ') || !before.contains('/') || query.contains(' ') {
        return None;
    }
    // An HTML page that escaped its `&` twice (`&amp;amp;`) still shows `&amp;` once parsed.
    let mut query = query.to_owned();
    let mut repairs = vec!["read from the URL's query string".to_owned()];
    if query.contains("&amp;") {
        while query.contains("&amp;") {
            query = query.replace("&amp;", "&");
        }
        repairs.push("`&amp;` read as `&`".to_owned());
    }
    let mut object = serde_json::Map::new();
    for pair in query.split('&') {
        let (key, value) = pair.split_once('=')?;
        let value =
            if !value.is_empty() && value.len() < 19 && value.chars().all(|c| c.is_ascii_digit()) {
                value.parse::<i64>().map(Value::from).ok()?
            } else {
                Value::String(value.to_owned())
            };
        object.insert(key.to_owned(), value);
    }
    Some(Example {
        value: Value::Object(object),
        repairs,
        title: None,
        source_line: line.source_line,
        order: 0,
        partial: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs_are_made_and_named() {
        let (value, repairs) = repair("{\n\"a\": 1, // one\n\"b\": [1, 2,],\n...\n}\n").unwrap();
        assert_eq!(value, serde_json::json!({"a": 1, "b": [1, 2]}));
        assert_eq!(
            repairs,
            [
                "comments removed",
                "`...` placeholders removed",
                "trailing commas removed"
            ]
        );
        let (value, repairs) = repair("{\n\"a\": \"x\"\n\"b\": \"http://h/p\"\n}").unwrap();
        assert_eq!(value, serde_json::json!({"a": "x", "b": "http://h/p"}));
        assert_eq!(repairs, ["missing commas between lines added"]);
        assert_eq!(repair("{\"a\": "), None);
    }

    #[test]
    fn a_query_escaped_twice_reads_as_one() {
        let line = Line {
            text: "{Host}/v2/user/getUser?timestamp=16&amp;amp;appKey=ak&amp;accountId=id".into(),
            cells: None,
            code: true,
            source_line: 1,
        };
        let example = query_example(&line).unwrap();
        assert_eq!(
            example.value,
            serde_json::json!({"timestamp": 16, "appKey": "ak", "accountId": "id"})
        );
        assert_eq!(example.repairs[1], "`&amp;` read as `&`");
    }
}
