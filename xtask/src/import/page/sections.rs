//! A page's lines read as endpoints: where one starts (a request path, or a new "request"
//! heading after one), which section a table or an example belongs to (by the heading above
//! it), and the facts written in running text (method, path, action, rate limit: read by
//! [`super::running_text`]).

use super::examples::{self, Example};
use super::lines::Line;
use super::running_text::{
    METHOD_LABELS, PATH_LABELS, is_page_chrome, label_value, named_table, paren_action, rate_limit,
    request_line, split_url, url_in, warning,
};
use super::tables::{self, Kind, Table};

/// What a heading introduces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Section {
    Description,
    RequestSpec,
    Headers,
    RequestParams,
    ResponseParams,
    RequestExample,
    ResponseExample,
    ErrorExample,
    ErrorCodes,
    Notes,
}

/// Heading words, most specific first (`错误的Json返回示例` before `返回示例`).
const HEADINGS: &[(&str, Section)] = &[
    ("错误的json返回", Section::ErrorExample),
    ("失败返回示例", Section::ErrorExample),
    ("错误返回示例", Section::ErrorExample),
    ("error example", Section::ErrorExample),
    ("错误码", Section::ErrorCodes),
    ("error code", Section::ErrorCodes),
    ("请求包结构体示例", Section::RequestExample),
    ("提交数据示例", Section::RequestExample),
    ("请求参数示例", Section::RequestExample),
    ("body参数示例", Section::RequestExample),
    ("请求示例", Section::RequestExample),
    ("请求体示例", Section::RequestExample),
    ("输入示例", Section::RequestExample),
    ("request example", Section::RequestExample),
    ("正确的json返回", Section::ResponseExample),
    ("成功返回示例", Section::ResponseExample),
    ("返回示例", Section::ResponseExample),
    ("返回数据示例", Section::ResponseExample),
    ("返回结果示例", Section::ResponseExample),
    ("响应示例", Section::ResponseExample),
    ("输出示例", Section::ResponseExample),
    ("response example", Section::ResponseExample),
    ("header参数", Section::Headers),
    ("请求头", Section::Headers),
    ("request header", Section::Headers),
    ("返回数据说明", Section::ResponseParams),
    ("返回参数", Section::ResponseParams),
    ("返回说明", Section::ResponseParams),
    ("返回字段", Section::ResponseParams),
    ("返回值", Section::ResponseParams),
    ("响应参数", Section::ResponseParams),
    ("输出参数", Section::ResponseParams),
    ("出参", Section::ResponseParams),
    ("response parameter", Section::ResponseParams),
    ("body参数说明", Section::RequestParams),
    ("请求参数", Section::RequestParams),
    ("输入参数", Section::RequestParams),
    ("参数说明", Section::RequestParams),
    ("参数列表", Section::RequestParams),
    ("入参", Section::RequestParams),
    ("request parameter", Section::RequestParams),
    ("简要描述", Section::Description),
    ("接口描述", Section::Description),
    ("功能描述", Section::Description),
    ("接口说明", Section::Description),
    ("description", Section::Description),
    ("请求说明", Section::RequestSpec),
    ("request specification", Section::RequestSpec),
    ("注意事项", Section::Notes),
    ("special notes", Section::Notes),
    ("notes", Section::Notes),
];

/// The exact headings that are their word alone (a table's own line, `参数:`).
const BARE_HEADINGS: &[(&str, Section)] = &[
    ("参数", Section::RequestParams),
    ("成功", Section::ResponseExample),
    ("失败", Section::ErrorExample),
];

/// One endpoint as a page documents it.
#[derive(Clone, Debug, Default)]
pub(crate) struct PageEndpoint {
    pub(crate) title: Option<String>,
    pub(crate) description: Vec<String>,
    pub(crate) method: Option<String>,
    pub(crate) content_type: Option<String>,
    pub(crate) path: Option<String>,
    /// The host part the path was written with (`https://open.71360.com`), dropped.
    pub(crate) host: Option<String>,
    /// The query string the path was written with (`thirdTraceId=${Random String}`), dropped.
    pub(crate) dropped_query: Option<String>,
    pub(crate) action: Option<String>,
    /// `GET` URL for a browser, with its query keys (`/er/oauth/authorize?…`).
    pub(crate) redirect: bool,
    pub(crate) request: Option<Table>,
    pub(crate) query: Option<Table>,
    pub(crate) headers: bool,
    pub(crate) response: Option<Table>,
    /// Tables of named entities (`UserRelation 实体`).
    pub(crate) entities: Vec<(String, Table)>,
    /// Value tables and the field they are about (`operator参数说明`).
    pub(crate) values: Vec<(String, Table)>,
    pub(crate) errors: Vec<(String, String)>,
    pub(crate) request_examples: Vec<Example>,
    pub(crate) response_examples: Vec<Example>,
    pub(crate) error_examples: Vec<Example>,
    /// `(requests, per_seconds)`.
    pub(crate) rate_limit: Option<(u64, u64)>,
    /// Running text that said something the importer used or could not, for notes.
    pub(crate) notes: Vec<String>,
    /// What the page warns of the endpoint (`Not recommended to continue using … APIs!!!`).
    pub(crate) warnings: Vec<String>,
}

/// Which section a line is the heading of.
pub(crate) fn heading(text: &str) -> Option<Section> {
    let trimmed = text
        .trim_start_matches(['#', '*', ' ', '>'])
        .trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '.' | '、' | ')' | ' '));
    let trimmed = trimmed
        .strip_prefix("a)")
        .or_else(|| trimmed.strip_prefix("b)"))
        .unwrap_or(trimmed);
    let trimmed = trimmed
        .trim_end_matches([':', '：', '*', ' '])
        .to_lowercase();
    if trimmed.chars().count() > 40 {
        return None;
    }
    if let Some((_, s)) = BARE_HEADINGS.iter().find(|(w, _)| *w == trimmed) {
        return Some(*s);
    }
    HEADINGS
        .iter()
        .find(|(w, _)| {
            trimmed.starts_with(w) || (trimmed.chars().count() <= 16 && trimmed.contains(w))
        })
        .map(|(_, s)| *s)
}

/// Reads the endpoints of a page.
pub(crate) fn read(lines: &[Line]) -> Vec<PageEndpoint> {
    let keys = examples::all_keys(lines);
    let known = |k: &str| keys.contains(k);
    let mut reader = Reader::default();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        match examples::block(lines, i) {
            Some(examples::Block::Read(example, next)) => {
                reader.example(example);
                i = next;
                continue;
            }
            Some(examples::Block::Unread(why, next)) => {
                reader.current.notes.push(format!("Not an example: {why}."));
                i = next;
                continue;
            }
            None => {}
        }
        if !line.code
            && let Some(header) = tables::header(line)
        {
            let ends = |t: &str| heading(t).is_some() && !tables::is_identifier(t);
            let (table, next) = tables::read(lines, i, header, &known, &ends);
            reader.table(table);
            i = next;
            continue;
        }
        reader.text(lines, i);
        i += 1;
    }
    reader.finish()
}

#[derive(Default)]
struct Reader {
    done: Vec<PageEndpoint>,
    current: PageEndpoint,
    section: Option<Section>,
    last_plain: Option<String>,
    /// Warnings met before the endpoint they are about starts.
    warnings: Vec<String>,
    /// How many lines of running text were read.
    plain_lines: usize,
    /// A heading naming what the next table describes (`UserRelation 实体`, `operator参数说明`).
    pending_name: Option<(String, bool)>,
    /// A URL with a query string met in running text (a browser URL the next table explains).
    free_url: Option<String>,
    /// The title of the example coming next (`示例1 …`).
    example_title: Option<String>,
}

impl Reader {
    fn started(&self) -> bool {
        self.current.path.is_some()
    }

    fn new_endpoint(&mut self, title: Option<String>) {
        let done = std::mem::take(&mut self.current);
        self.done.push(done);
        self.current.title = title;
        self.current.warnings = std::mem::take(&mut self.warnings);
        self.section = None;
    }

    fn text(&mut self, lines: &[Line], i: usize) {
        let text = lines[i].text.as_str();
        let next = lines.get(i + 1).map(|l| l.text.as_str());
        if self.section == Some(Section::RequestExample)
            && let Some(mut example) = examples::query_example(&lines[i])
        {
            example.order = i;
            self.example(example);
            return;
        }
        if lines[i].code {
            return;
        }
        if let Some(path) = label_value(text, PATH_LABELS, next) {
            self.path(&path);
            return;
        }
        if let Some(method) = label_value(text, METHOD_LABELS, next) {
            self.method(&method);
            return;
        }
        // Only where no labelled path came first: in a page with labels, a curl command is
        // an example of the same endpoint.
        if !self.started()
            && let Some((method, url)) = request_line(text, next)
        {
            self.path(&url);
            self.method(&method);
            return;
        }
        if let Some(title) = text
            .strip_prefix("示例")
            .filter(|t| t.starts_with(|c: char| c.is_ascii_digit()))
        {
            self.example_title = Some(
                title
                    .trim_start_matches(|c: char| c.is_ascii_digit())
                    .trim()
                    .to_owned(),
            );
            return;
        }
        if let Some(section) = heading(text) {
            if matches!(section, Section::Description | Section::RequestSpec) {
                if self.started() {
                    let title = self.last_plain.take();
                    self.new_endpoint(title);
                } else if self.current.title.is_none() {
                    self.current.title = self.last_plain.take();
                    self.current.warnings.append(&mut self.warnings);
                }
            }
            self.section = Some(section);
            if let Some(named) = named_table(text) {
                self.pending_name = Some(named);
            }
            return;
        }
        if let Some(named) = named_table(text) {
            self.pending_name = Some(named);
            return;
        }
        if is_page_chrome(text) {
            return;
        }
        if let Some(warning) = warning(text) {
            self.warnings.push(warning);
            return;
        }
        self.facts(text);
        if self.section == Some(Section::Description) && !self.started() {
            self.current.description.push(text.to_owned());
        }
        self.plain_lines += 1;
        // A title is short and no URL: a sentence stays the description.
        if !text.contains("://") && text.chars().count() <= 60 {
            self.last_plain = Some(text.to_owned());
        }
    }

    /// Facts in running text: the action, a rate limit, a browser URL.
    fn facts(&mut self, text: &str) {
        if let Some(action) = text
            .split_once("X-TC-Action:")
            .map(|(_, a)| a.trim().to_owned())
            .or_else(|| paren_action(text))
        {
            self.current.action.get_or_insert(action);
        }
        if let Some(limit) = rate_limit(text) {
            self.current.rate_limit = Some(limit);
        }
        if let Some(url) = url_in(text).filter(|u| u.contains('?') && u.contains('=')) {
            self.free_url = Some(url);
        }
    }

    fn path(&mut self, written: &str) {
        if self.started() {
            let title = self.last_plain.take();
            self.new_endpoint(title);
        } else if self.current.title.is_none() && self.plain_lines == 1 {
            // A page that opens with its title and then the request, with no heading.
            self.current.title = self.last_plain.take();
            self.current.warnings.append(&mut self.warnings);
        }
        // `接口请求域名: ess.tencentcloudapi.com 。`: a host alone, the path is `/`.
        let written = written.trim_end_matches(['。', '.', ' ']);
        let (host, path, query) = if written.contains('/') {
            split_url(written)
        } else {
            (Some(written.to_owned()), "/".to_owned(), None)
        };
        self.current.path = Some(path);
        self.current.host = host;
        self.current.dropped_query = query;
    }

    fn method(&mut self, text: &str) {
        let upper = text.to_uppercase();
        for method in ["POST", "GET", "PUT", "DELETE", "PATCH"] {
            if upper.contains(method) {
                self.current.method = Some(method.to_owned());
                break;
            }
        }
        if upper.contains("APPLICATION/JSON") || upper.contains("JSON") {
            self.current.content_type = Some("application/json".to_owned());
        } else if upper.contains("FORM") {
            self.current.content_type = Some("application/x-www-form-urlencoded".to_owned());
        }
    }

    fn table(&mut self, table: Table) {
        let pending = self.pending_name.take();
        if table.header.kind == Kind::Fields {
            for raw in &table.raw {
                self.current.notes.push(format!(
                    "A row of the page's table has no field name and was left out: `{raw}`."
                ));
            }
        }
        match table.header.kind {
            Kind::Errors => {
                self.current.errors.extend(
                    table
                        .rows
                        .iter()
                        .map(|r| (r.name.clone(), r.description.clone())),
                );
                return;
            }
            Kind::Values => {
                let field = pending.map(|(n, _)| n).unwrap_or_default();
                self.current.values.push((field, table));
                return;
            }
            Kind::Fields => {}
        }
        if let Some((name, true)) = pending {
            self.current.entities.push((name, table));
            return;
        }
        if let Some(url) = self.free_url.take()
            && self.redirect_table(&url, &table)
        {
            return;
        }
        match self.section {
            Some(Section::Headers) => self.current.headers = true,
            Some(Section::ResponseParams | Section::ResponseExample) => {
                if self.current.response.is_some() {
                    self.current.notes.push(
                        "a second response table was read as more response fields".to_owned(),
                    );
                    if let Some(r) = self.current.response.as_mut() {
                        r.rows.extend(table.rows);
                    }
                } else {
                    self.current.response = Some(table);
                }
            }
            _ if self.current.request.is_some() => self.current.response = Some(table),
            _ => self.current.request = Some(table),
        }
    }

    /// A table whose rows are the query keys of a URL in the text before it: a URL a browser
    /// opens (an OAuth authorize URL), its own endpoint.
    fn redirect_table(&mut self, url: &str, table: &Table) -> bool {
        let (host, path, query) = split_url(url);
        let keys: Vec<&str> = query
            .as_deref()
            .unwrap_or_default()
            .split('&')
            .filter_map(|kv| kv.split_once('=').map(|(k, _)| k))
            .collect();
        let all =
            !table.rows.is_empty() && table.rows.iter().all(|r| keys.contains(&r.name.as_str()));
        if !all || Some(&path) == self.current.path.as_ref() {
            return false;
        }
        let title = self.last_plain.take();
        self.new_endpoint(title);
        self.current.path = Some(path);
        self.current.host = host;
        self.current.method = Some("GET".to_owned());
        self.current.redirect = true;
        let mut ordered = table.clone();
        ordered
            .rows
            .sort_by_key(|r| keys.iter().position(|k| *k == r.name).unwrap_or(usize::MAX));
        self.current.query = Some(ordered);
        self.current
            .notes
            .push(format!("the page gives this as a URL to open: {url}"));
        true
    }

    fn example(&mut self, mut example: Example) {
        if example.partial {
            self.current.notes.push(format!(
                "The page is cut off inside the JSON block at its line {}: what is there was read for types, not kept as an example.",
                example.source_line
            ));
        }
        example.title = self.example_title.take().or(example.title);
        match self.section {
            Some(Section::RequestExample | Section::RequestParams) => {
                self.current.request_examples.push(example);
            }
            Some(Section::ErrorExample) => self.current.error_examples.push(example),
            Some(Section::Notes) => self.current.notes.push(format!(
                "The page's notes hold a JSON block (its line {}) that was not read as an example of this endpoint.",
                example.source_line
            )),
            _ => self.current.response_examples.push(example),
        }
    }

    fn finish(mut self) -> Vec<PageEndpoint> {
        let mut last = std::mem::take(&mut self.current);
        last.warnings.append(&mut self.warnings);
        self.done.push(last);
        self.done
            .into_iter()
            .filter(|e| e.path.is_some() || e.action.is_some())
            .collect()
    }
}
