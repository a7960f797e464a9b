//! Parameter tables in the four forms the vendors' pages use: cells (HTML and `|` rows),
//! words separated by whitespace (seed 000), and cells run together with no separator at all
//! (seed 003, `corpIdString企业ID`). Each is found by its header, whose words say which
//! column is which; the header's form says how its rows split.

use super::lines::Line;
use super::vendor_types;

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    Name,
    Type,
    Required,
    Description,
    /// An error code (`错误码`).
    Code,
    /// A value's meaning in a value table (`参数含义`).
    Meaning,
}

/// Header words, longest first so a run-together header splits into the longest words.
const HEADER_WORDS: &[(&str, Role)] = &[
    ("parameter name", Role::Name),
    ("parameters", Role::Name),
    ("parameter", Role::Name),
    ("param", Role::Name),
    ("field name", Role::Name),
    ("field", Role::Name),
    ("name", Role::Name),
    ("参数名称", Role::Name),
    ("参数名字", Role::Name),
    ("字段名称", Role::Name),
    ("参数字段", Role::Name),
    ("参数名", Role::Name),
    ("字段名", Role::Name),
    ("属性名", Role::Name),
    ("返回字段", Role::Name),
    ("参数", Role::Name),
    // A value table's value column (`| 值 | 含义 |`).
    ("取值", Role::Name),
    ("值", Role::Name),
    ("value", Role::Name),
    ("字段", Role::Name),
    ("名称", Role::Name),
    ("属性", Role::Name),
    ("参数类型", Role::Type),
    ("字段类型", Role::Type),
    ("数据类型", Role::Type),
    ("值类型", Role::Type),
    ("类型", Role::Type),
    ("type", Role::Type),
    ("是否必须", Role::Required),
    ("是否必填", Role::Required),
    ("是否必选", Role::Required),
    ("是否必传", Role::Required),
    ("必选", Role::Required),
    ("必须", Role::Required),
    ("必填", Role::Required),
    ("必传", Role::Required),
    ("required", Role::Required),
    ("参数含义", Role::Meaning),
    ("取值说明", Role::Meaning),
    ("含义", Role::Meaning),
    ("meaning", Role::Meaning),
    ("参数说明", Role::Description),
    ("字段说明", Role::Description),
    ("参数描述", Role::Description),
    ("字段描述", Role::Description),
    ("说明", Role::Description),
    ("描述", Role::Description),
    ("备注", Role::Description),
    ("释义", Role::Description),
    ("description", Role::Description),
    ("错误码", Role::Code),
    ("错误代码", Role::Code),
    ("返回码", Role::Code),
    ("error code", Role::Code),
];

/// How a table's rows split.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Form {
    Cells,
    Whitespace,
    RunTogether,
}

/// What a table is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Fields: name, and some of type, required, description.
    Fields,
    /// Error codes and what they mean.
    Errors,
    /// Values and their meaning (Fxiaoke's operator table), in one or more column pairs.
    Values,
}

/// A table header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Header {
    pub(crate) roles: Vec<Role>,
    pub(crate) form: Form,
    pub(crate) kind: Kind,
}

/// One row as the page gives it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Row {
    /// The name, markers of nesting removed (`data.object_data`, `uuid`).
    pub(crate) name: String,
    /// How deep a `-`/`└` marker nests it under the rows above (0: not marked).
    pub(crate) depth: usize,
    pub(crate) ty: Option<String>,
    pub(crate) required: Option<bool>,
    pub(crate) description: String,
    pub(crate) source_line: usize,
    /// What the reader was not sure of, for a `TODO(import)`.
    pub(crate) doubts: Vec<String>,
}

/// A table: its header and rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Table {
    pub(crate) header: Header,
    pub(crate) rows: Vec<Row>,
    /// The raw text of rows that could not be split (value tables run together).
    pub(crate) raw: Vec<String>,
}

/// Reads `line` as a table header.
pub(crate) fn header(line: &Line) -> Option<Header> {
    let (roles, form) = if let Some(cells) = &line.cells {
        (
            cells.iter().map(|c| role(c)).collect::<Option<Vec<_>>>()?,
            Form::Cells,
        )
    } else if line.text.contains(' ') {
        (whitespace_roles(&line.text)?, Form::Whitespace)
    } else {
        (segment(&line.text)?, Form::RunTogether)
    };
    let names = roles.iter().filter(|r| **r == Role::Name).count();
    let kind = if roles.contains(&Role::Code) {
        Kind::Errors
    } else if names >= 2 || roles.contains(&Role::Meaning) {
        Kind::Values
    } else if names == 1 && roles.len() >= 2 && roles[0] == Role::Name {
        Kind::Fields
    } else {
        return None;
    };
    Some(Header { roles, form, kind })
}

fn role(cell: &str) -> Option<Role> {
    let cell = cell
        .trim()
        .trim_matches(['*', ':', '：'])
        .trim()
        .to_lowercase();
    HEADER_WORDS
        .iter()
        .find(|(w, _)| *w == cell)
        .map(|(_, r)| *r)
}

/// `Parameter Type Required Description`: every word (or English word pair) a header word.
fn whitespace_roles(text: &str) -> Option<Vec<Role>> {
    let words: Vec<&str> = text.split(' ').collect();
    let mut roles = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if i + 1 < words.len()
            && let Some(r) = role(&format!("{} {}", words[i], words[i + 1]))
        {
            roles.push(r);
            i += 2;
            continue;
        }
        roles.push(role(words[i])?);
        i += 1;
    }
    (roles.len() >= 2).then_some(roles)
}

/// `参数参数类型必须备注`: the text as header words run together, longest first.
fn segment(text: &str) -> Option<Vec<Role>> {
    // Chinese headers only: an ASCII word run together is a row (`errorCode返回码`).
    if text.chars().any(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let lower = text.to_lowercase();
    let mut rest = lower.as_str();
    let mut roles = Vec::new();
    while !rest.is_empty() {
        let (word, r) = HEADER_WORDS
            .iter()
            .filter(|(w, _)| rest.starts_with(w))
            .max_by_key(|(w, _)| w.len())?;
        roles.push(*r);
        rest = &rest[word.len()..];
    }
    (roles.len() >= 2).then_some(roles)
}

/// Reads the table whose header is `lines[start]`: its rows up to the first line that is
/// not one. Returns the table and the index after it.
pub(crate) fn read(
    lines: &[Line],
    start: usize,
    header: Header,
    known_keys: &dyn Fn(&str) -> bool,
    ends: &dyn Fn(&str) -> bool,
) -> (Table, usize) {
    let mut table = Table {
        header,
        rows: Vec::new(),
        raw: Vec::new(),
    };
    let mut i = start + 1;
    while i < lines.len() {
        let line = &lines[i];
        if line.code || (line.cells.is_none() && ends(&line.text)) || self::header(line).is_some() {
            break;
        }
        if table.header.kind == Kind::Values {
            if table.header.form == Form::Cells && line.cells.is_none() {
                break;
            }
            if table.header.form != Form::Cells && !starts_with_ascii_word(&line.text) {
                break;
            }
            table.raw.push(line.text.clone());
            i += 1;
            continue;
        }
        // A name alone on its line, its type and text on the next (seed 003's
        // `fieldProjection`).
        let joined;
        // Or the name alone and its text on the next line, no type (`enterpriseId` / `企业id`).
        let next_goes_on = |next: &Line| {
            !next.code
                && next.cells.is_none()
                && !ends(&next.text)
                && (vendor_types::is_word(leading_ascii(&next.text))
                    || next.text.starts_with(|c: char| !c.is_ascii()))
        };
        let text = if table.header.form == Form::RunTogether
            && is_identifier(&line.text)
            && i + 1 < lines.len()
            && next_goes_on(&lines[i + 1])
        {
            i += 1;
            joined = format!("{}{}", line.text, lines[i].text);
            joined.as_str()
        } else {
            line.text.as_str()
        };
        let row = match table.header.form {
            Form::Cells => line
                .cells
                .as_deref()
                .and_then(|c| cells_row(&table.header, c)),
            Form::Whitespace => whitespace_row(&table.header, text),
            Form::RunTogether => run_together_row(&table.header, text, known_keys),
        };
        let Some(mut row) = row else {
            // A row of cells without a name (the page lost it) is kept as text for a note;
            // in the other forms a line that is no row ends the table.
            if table.header.form == Form::Cells && line.cells.is_some() {
                table.raw.push(line.text.clone());
                i += 1;
                continue;
            }
            break;
        };
        row.source_line = line.source_line;
        table.rows.push(row);
        i += 1;
    }
    (table, i)
}

fn starts_with_ascii_word(text: &str) -> bool {
    text.chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric())
}

/// The leading run of ASCII identifier characters.
fn leading_ascii(text: &str) -> &str {
    let end = text
        .find(|c: char| {
            !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '$' | '[' | ']' | '<' | '>'))
        })
        .unwrap_or(text.len());
    &text[..end]
}

/// A field name: an ASCII identifier, dots allowed for nesting.
pub(crate) fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '$' | '[' | ']'))
}

/// Removes nesting markers (`- uuid`, `└ uuid`, `&emsp;uuid`, `&ensp: uuid`, `` `uuid` ``): the name and
/// how many markers there were.
fn unmark(name: &str) -> (String, usize) {
    let mut depth = 0;
    let mut rest = name.trim();
    loop {
        let before = rest;
        for marker in [
            "- ", "-", "└─", "└", "├─", "├", "|-", "&emsp;", "&ensp;", "&nbsp;", "\u{2003}",
            "\u{2002}", "··", "·", "»", ">",
            // Entities whose `;` the page lost or mistyped (`&ensp: content`).
            "&emsp:", "&ensp:", "&nbsp:", "&emsp", "&ensp", "&nbsp",
        ] {
            if let Some(r) = rest.strip_prefix(marker) {
                rest = r.trim_start();
                depth += 1;
                break;
            }
        }
        if rest == before {
            break;
        }
    }
    (rest.trim_matches('`').trim().to_owned(), depth)
}

fn required_word(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        "是" | "yes" | "y" | "true" | "必填" | "必选" | "必须" | "required" | "必传" => {
            Some(true)
        }
        "否" | "no" | "n" | "false" | "可选" | "选填" | "optional" | "非必填" | "非必须" => {
            Some(false)
        }
        _ => None,
    }
}

fn cells_row(header: &Header, cells: &[String]) -> Option<Row> {
    let mut row = Row::default();
    for (index, role) in header.roles.iter().enumerate() {
        let cell = if index + 1 == header.roles.len() && cells.len() > header.roles.len() {
            // A `|` inside the last cell.
            cells[index..].join(" | ")
        } else {
            cells.get(index).cloned().unwrap_or_default()
        };
        match role {
            Role::Name => (row.name, row.depth) = unmark(&cell),
            // `-1` is a code, not a nested row.
            Role::Code => row.name = cell.trim().trim_matches('`').to_owned(),
            Role::Type => row.ty = Some(cell).filter(|c| !c.is_empty()),
            Role::Required => {
                row.required = required_word(&cell);
                if row.required.is_none() && !cell.is_empty() {
                    row.doubts
                        .push(format!("the page's required cell reads `{cell}`"));
                }
            }
            Role::Description | Role::Meaning => {
                if !row.description.is_empty() {
                    row.description.push(' ');
                }
                row.description.push_str(&cell);
            }
        }
    }
    let valid = if header.kind == Kind::Errors {
        !row.name.is_empty()
    } else {
        is_identifier(&row.name)
    };
    valid.then_some(row)
}

fn whitespace_row(header: &Header, text: &str) -> Option<Row> {
    let mut words = text.split(' ').peekable();
    let (name, depth) = unmark(words.next()?);
    if !is_identifier(&name) && header.kind != Kind::Errors {
        return None;
    }
    let mut row = Row {
        name,
        depth,
        ..Row::default()
    };
    for role in &header.roles[1..] {
        match role {
            Role::Type => {
                let word = *words.peek()?;
                vendor_types::read(word, vendor_types::Dialect { int: "i32" })?;
                row.ty = words.next().map(str::to_owned);
            }
            Role::Required => {
                if let Some(required) = words.peek().and_then(|w| required_word(w)) {
                    row.required = Some(required);
                    words.next();
                }
            }
            _ => {}
        }
    }
    row.description = words.collect::<Vec<_>>().join(" ");
    Some(row)
}

fn run_together_row(header: &Header, text: &str, known_keys: &dyn Fn(&str) -> bool) -> Option<Row> {
    let ascii = leading_ascii(text);
    if ascii.is_empty()
        || !ascii
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
    {
        return None;
    }
    let mut rest = &text[ascii.len()..];
    let mut row = Row::default();
    let wants_type = header.roles.contains(&Role::Type);
    let (name, ty) = if wants_type {
        split_type(ascii, known_keys, &mut row.doubts)
    } else {
        (ascii.to_owned(), None)
    };
    (row.name, row.depth) = unmark(&name);
    row.ty = ty;
    // `是否停用` (whether …) is a description, not a required cell run into one.
    if header.roles.contains(&Role::Required) && !rest.starts_with("是否") {
        for word in ["是", "否", "必填", "可选", "Y", "N"] {
            if let Some(r) = rest.strip_prefix(word) {
                row.required = required_word(word);
                rest = r;
                break;
            }
        }
    }
    row.description = rest.trim().to_owned();
    is_identifier(&row.name).then_some(row)
}

/// Splits `offsetint` into `offset` and `int`: the longest type word at the end whose name
/// before it is a key of the page's examples; failing that the longest, with a doubt when a
/// lower-case word sticks to a lower-case letter (`po`+`int`?).
fn split_type(
    ascii: &str,
    known_keys: &dyn Fn(&str) -> bool,
    doubts: &mut Vec<String>,
) -> (String, Option<String>) {
    let candidates = vendor_types::word_suffixes(ascii);
    let split = |len: usize| {
        let (name, ty) = ascii.split_at(ascii.len() - len);
        (name.to_owned(), Some(ty.to_owned()))
    };
    let last_segment = |name: &str| name.rsplit('.').next().unwrap_or(name).to_owned();
    if known_keys(&last_segment(ascii)) {
        return (ascii.to_owned(), None);
    }
    if let Some(len) = candidates
        .iter()
        .copied()
        .find(|len| known_keys(&last_segment(&ascii[..ascii.len() - len])))
    {
        return split(len);
    }
    match candidates.first() {
        Some(&len) => {
            let (name, ty) = split(len);
            let glued = ty
                .as_deref()
                .is_some_and(|t| t.starts_with(|c: char| c.is_ascii_lowercase()))
                && name.ends_with(|c: char| c.is_ascii_lowercase());
            if glued {
                doubts.push(format!(
                    "the cells ran together as `{ascii}`: read as name `{name}`, type `{}`",
                    ty.as_deref().unwrap_or_default()
                ));
            }
            (name, ty)
        }
        None => (ascii.to_owned(), None),
    }
}
