//! Facts a page writes in running text rather than tables: labelled values (`请求路径:`,
//! `Method:`), URLs and their parts, the Tencent action, rate limits, headings that name
//! the table below them (`UserRelation 实体`); and the lines that are the site's, not the
//! endpoint's (reading times, dates, language switches), and warnings (`Not recommended to
//! continue using offline APIs!!!`).

use super::tables;

pub(super) const PATH_LABELS: &[&str] = &[
    "请求路径",
    "请求url",
    "请求地址",
    "接口地址",
    "接口url",
    "request path",
    "request url",
    "endpoint",
    "path",
    "url",
    "接口请求域名",
];
pub(super) const METHOD_LABELS: &[&str] = &[
    "请求方式",
    "请求方法",
    "http method",
    "request method",
    "method",
];

/// The value after a label (`请求路径:https://…`, `Method: POST`), or on the next line when
/// the label stands alone (ShowDoc's `请求URL:` list).
pub(super) fn label_value(text: &str, labels: &[&str], next: Option<&str>) -> Option<String> {
    // ASCII lower case keeps every byte where it is (`K`, `İ` stay as they are).
    let lower = text.to_ascii_lowercase();
    let lower = lower.trim_start_matches(['#', '*', ' ', '-', '•']);
    let label = labels.iter().find(|l| lower.starts_with(*l))?;
    let rest = &lower[label.len()..];
    let rest = rest.trim_start_matches(['*', ' ']);
    let rest = rest.strip_prefix(':').or_else(|| rest.strip_prefix('：'))?;
    // `rest` is a suffix of the lower-cased copy: the same bytes of `text` where lower-casing
    // kept lengths (every label is ASCII), else nothing.
    let value = text.get(text.len().checked_sub(rest.len())?..)?;
    let value = value.trim().trim_start_matches(['*', ' ']).trim();
    if value.is_empty() {
        return next.map(|n| n.trim_start_matches(['-', '•', ' ']).to_owned());
    }
    Some(value.to_owned())
}

/// Splits a written URL into host, path and query: `https://${Enter cloud domain}/cgi/x?a=b`,
/// `{Host}/v2/user/x`, `/cgi/x`.
pub(crate) fn split_url(written: &str) -> (Option<String>, String, Option<String>) {
    let written = written.trim().trim_matches('`');
    let (before_query, query) = match written.split_once('?') {
        Some((b, q)) => (b, Some(q.to_owned())),
        None => (written, None),
    };
    let mut rest = before_query;
    let mut host = String::new();
    if let Some((scheme, after)) = rest.split_once("://") {
        host.push_str(scheme);
        host.push_str("://");
        rest = after;
    }
    if (rest.starts_with("${") || rest.starts_with('{'))
        && let Some(end) = rest.find('}')
    {
        host.push_str(&rest[..=end]);
        rest = &rest[end + 1..];
    }
    if !host.is_empty() && !host.ends_with('}') {
        let end = rest.find('/').unwrap_or(rest.len());
        host.push_str(&rest[..end]);
        rest = &rest[end..];
    }
    // `GET /api/user`: a method word before the path is no path.
    let path = rest
        .split_whitespace()
        .find(|w| {
            !matches!(
                w.to_ascii_uppercase().as_str(),
                "GET" | "POST" | "PUT" | "DELETE" | "PATCH"
            )
        })
        .unwrap_or("/");
    let path = if path.starts_with('/') {
        path.to_owned()
    } else {
        format!("/{path}")
    };
    ((!host.is_empty()).then_some(host), path, query)
}

/// `此接口(BindEmployeeUserIdWithClientOpenId)用于…`: Tencent's action in the description.
pub(super) fn paren_action(text: &str) -> Option<String> {
    let rest = text
        .split_once("此接口（")
        .or_else(|| text.split_once("此接口("))?
        .1;
    let name: String = rest
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    tables::is_identifier(&name).then_some(name)
}

/// `默认接口请求频率限制:20次/秒`, `100 calls per 20 seconds`.
pub(super) fn rate_limit(text: &str) -> Option<(u64, u64)> {
    if !(text.contains("频率限制") || text.to_lowercase().contains("rate limit")) {
        return None;
    }
    let digits: String = text
        .split_once(|c: char| c.is_ascii_digit())
        .map(|(_, _)| {
            text.chars()
                .skip_while(|c| !c.is_ascii_digit())
                .take_while(char::is_ascii_digit)
                .collect()
        })?;
    let requests: u64 = digits.parse().ok()?;
    let per = if text.contains("次/分") || text.contains("per minute") {
        60
    } else if text.contains("次/秒") || text.contains("次/s") || text.contains("per second") {
        1
    } else {
        return None;
    };
    Some((requests, per))
}

/// A line naming the next table: `UserRelation 实体:` / `UserInfo` (an entity, `true`) or
/// `operator参数说明` (a field whose values follow, `false`).
pub(super) fn named_table(text: &str) -> Option<(String, bool)> {
    let text = text.trim_end_matches([':', '：']).trim();
    for suffix in ["实体", "结构体", "结构", "对象", " entity", " object"] {
        if let Some(name) = text.strip_suffix(suffix) {
            let name = name.trim();
            if super::vendor_types::is_type_name(name) {
                return Some((name.to_owned(), true));
            }
        }
    }
    for suffix in ["参数说明", "取值说明", "可选值", "枚举值"] {
        if let Some(name) = text.strip_suffix(suffix)
            && tables::is_identifier(name.trim())
        {
            return Some((name.trim().to_owned(), false));
        }
    }
    None
}

/// The first `http(s)://` URL in running text, spaces inside `{…}` placeholders included
/// (`https://{Fxiaoke Open Platform Domain}/er/oauth/authorize?…`).
pub(super) fn url_in(text: &str) -> Option<String> {
    let start = text.find("http://").or_else(|| text.find("https://"))?;
    let mut depth = 0usize;
    let mut end = text.len();
    for (i, c) in text[start..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            c if c.is_whitespace() && depth == 0 => {
                end = start + i;
                break;
            }
            _ => {}
        }
    }
    Some(text[start..end].to_owned())
}

/// A line of the site around the page, not of the endpoint: a date or time (`2026-01-29`),
/// a reading time (`About 199 wordsLess than 1 minute`, `阅读需 2 分钟`), a language switch
/// (`English`, `简体中文`), an update stamp (`Last updated: …`, `更新时间：…`).
pub(crate) fn is_page_chrome(text: &str) -> bool {
    let text = text.trim_start_matches(['#', '*', ' ', '>']).trim();
    let lower = text.to_lowercase();
    let no_words = !text.chars().any(|c| c.is_alphabetic());
    let reading_time = (lower.starts_with("about ") && lower.contains(" words"))
        || lower.starts_with("less than ") && lower.contains("minute")
        || lower.contains("min read")
        || text.starts_with("阅读需")
        || text.starts_with("约") && text.contains("字");
    let language = matches!(
        lower.as_str(),
        "english" | "中文" | "简体中文" | "繁體中文" | "english | 中文" | "中文 | english"
    );
    let stamp = [
        "last updated",
        "updated on",
        "更新时间",
        "最后更新",
        "发布时间",
    ]
    .iter()
    .any(|p| lower.starts_with(p));
    (!text.is_empty() && no_words) || reading_time || language || stamp
}

/// The page's warning about the endpoint, if the line is one: `Not recommended to continue
/// using offline APIs!!!`, `该接口已废弃`, `不再维护`.
pub(crate) fn warning(text: &str) -> Option<String> {
    let text = text.trim_start_matches(['#', '*', ' ', '>']).trim();
    let lower = text.to_lowercase();
    let warns = [
        "not recommended",
        "deprecated",
        "no longer supported",
        "no longer maintained",
        "不推荐",
        "不建议",
        "已废弃",
        "已弃用",
        "已下线",
        "不再维护",
        "停止维护",
    ];
    // A short line that says so, not a description that mentions it in passing.
    (text.chars().count() <= 80 && warns.iter().any(|w| lower.contains(w))).then(|| text.to_owned())
}

/// A request written without labels, as API tools export pages: `POST` on a line with the
/// URL on the next, `POST https://…/cgi/crm/v2/data/get`, or a `curl` command
/// (`curl --location --request POST 'https://…'`; `-X`, else `POST` when it sends data).
/// The method and the URL.
pub(crate) fn request_line(text: &str, next: Option<&str>) -> Option<(String, String)> {
    const METHODS: [&str; 5] = ["GET", "POST", "PUT", "DELETE", "PATCH"];
    let is_url = |t: &str| {
        let t = t.trim().trim_matches(['\'', '"']);
        (t.starts_with("http://") || t.starts_with("https://") || t.starts_with("{Host}/"))
            && !t.contains(char::is_whitespace)
    };
    let text = text.trim();
    if let Some(rest) = text.strip_prefix("curl ") {
        let words: Vec<&str> = rest.split_whitespace().collect();
        let url = words.iter().find(|w| is_url(w))?;
        let method = (words.windows(2))
            .find(|w| matches!(w[0], "-X" | "--request"))
            .map(|w| w[1].trim_matches(['\'', '"']).to_ascii_uppercase())
            .filter(|m| METHODS.contains(&m.as_str()));
        let sends = words.iter().any(|w| w.starts_with("--data") || *w == "-d");
        let method = method.unwrap_or_else(|| if sends { "POST" } else { "GET" }.to_owned());
        return Some((method, url.trim_matches(['\'', '"']).to_owned()));
    }
    let (word, rest) = text.split_once(' ').unwrap_or((text, ""));
    let method = METHODS.iter().find(|m| m.eq_ignore_ascii_case(word))?;
    let url = if rest.trim().is_empty() { next? } else { rest };
    is_url(url).then(|| {
        (
            (*method).to_owned(),
            url.trim().trim_matches(['\'', '"']).to_owned(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_lines_are_no_titles() {
        for chrome in [
            "2026-01-29",
            "-01-29",
            "12:30",
            "About 199 wordsLess than 1 minute",
            "English",
            "简体中文",
            "Last updated: 2025/3/1",
            "更新时间：2025-03-01",
        ] {
            assert!(is_page_chrome(chrome), "{chrome}");
        }
        for title in [
            "Change Custom Object Owner",
            "获取部门详情",
            "Description",
            "v2",
        ] {
            assert!(!is_page_chrome(title), "{title}");
        }
    }

    #[test]
    fn requests_written_without_labels() {
        let url = "https://open.fxiaoke.com/cgi/crm/v2/data/get";
        let read = |text: &str, next: Option<&str>| request_line(text, next);
        assert_eq!(read("POST", Some(url)), Some(("POST".into(), url.into())));
        assert_eq!(
            read(&format!("get {url}"), None),
            Some(("GET".into(), url.into()))
        );
        let curl = format!("curl --location --request PUT '{url}' \\");
        assert_eq!(read(&curl, None), Some(("PUT".into(), url.into())));
        let curl = format!("curl -d '{{}}' \"{url}\"");
        assert_eq!(read(&curl, None), Some(("POST".into(), url.into())));
        assert_eq!(
            read(&format!("curl {url}"), None),
            Some(("GET".into(), url.into()))
        );
        // Words, not a request.
        assert_eq!(read("POST", Some("the body is JSON")), None);
        assert_eq!(read("Post the form to the server", None), None);
        assert_eq!(read("GET", None), None);
    }

    #[test]
    fn warnings_are_short_lines_that_retire_the_endpoint() {
        assert_eq!(
            warning("# Not recommended to continue using offline APIs!!!").as_deref(),
            Some("Not recommended to continue using offline APIs!!!")
        );
        assert!(warning("该接口已废弃，请使用 v2 接口").is_some());
        assert!(warning("Create a preset object").is_none());
        let passing = "Whether to return deleted records; deprecated fields are left out of the answer unless includeDeprecated is true and the caller has the right";
        assert!(warning(passing).is_none());
    }
}
