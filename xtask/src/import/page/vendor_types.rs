//! The vendors' type words (`String`, `Int`, `Long`, `Map`, `List`, `string[]`, `Integer`,
//! `UserRelation[]`, …) and what they are in the spec's type language.

/// A page's type, read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum VendorType {
    /// A scalar of the type language (`string`, `i32`, `i64`, `bool`, `f64`, `json`).
    Scalar(&'static str),
    /// An object: fields of its own (nested rows) or open keys.
    Object,
    /// A list of the inner type; `None` when the page does not say of what.
    List(Option<Box<VendorType>>),
    /// A named type: an entity table on the page or a shared type (`UserInfo`).
    Named(String),
}

/// Scalar and container words, lower-cased, longest first where one is a prefix of another.
const WORDS: &[(&str, Word)] = &[
    ("string", Word::Scalar("string")),
    ("varchar", Word::Scalar("string")),
    ("str", Word::Scalar("string")),
    ("text", Word::Scalar("string")),
    ("integer", Word::Int),
    ("int32", Word::Scalar("i32")),
    ("int64", Word::Scalar("i64")),
    ("int", Word::Int),
    ("long", Word::Scalar("i64")),
    ("bigint", Word::Scalar("i64")),
    ("number", Word::Scalar("f64")),
    ("double", Word::Scalar("f64")),
    ("float", Word::Scalar("f64")),
    ("bigdecimal", Word::Scalar("f64")),
    ("decimal", Word::Scalar("f64")),
    ("boolean", Word::Scalar("bool")),
    ("bool", Word::Scalar("bool")),
    ("map", Word::Object),
    ("object", Word::Object),
    ("jsonobject", Word::Object),
    ("json", Word::Object),
    ("dict", Word::Object),
    ("list", Word::List),
    ("array", Word::List),
    ("jsonarray", Word::List),
];

#[derive(Clone, Copy)]
enum Word {
    Scalar(&'static str),
    /// `Int`/`Integer`: `i32`, or `i64` where the provider's integers are 64-bit.
    Int,
    Object,
    List,
}

/// How a provider's plain integer word reads.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Dialect {
    /// What `Int` / `Integer` mean (`i32` on Fxiaoke and Mingdao pages, `i64` in Tencent's).
    pub(crate) int: &'static str,
}

/// Reads a type cell (`String`, `List<String>`, `string[]`, `UserRelation[]`, `Map`), or
/// `None` when it is no type word at all.
pub(crate) fn read(cell: &str, dialect: Dialect) -> Option<VendorType> {
    read_nested(cell, dialect, 0)
}

/// Lists of lists go no deeper than this; past it a cell is no type (a hostile page's
/// `string[][]…` stays off the stack).
const MAX_NESTING: usize = 16;

fn read_nested(cell: &str, dialect: Dialect, depth: usize) -> Option<VendorType> {
    if depth > MAX_NESTING {
        return None;
    }
    let read = |inner: &str, dialect: Dialect| read_nested(inner, dialect, depth + 1);
    let cell = cell.trim().trim_matches('`');
    if cell.is_empty() {
        return None;
    }
    if let Some(inner) = cell.strip_suffix("[]") {
        return read(inner, dialect).map(|t| VendorType::List(Some(Box::new(t))));
    }
    for open in ['<', '['] {
        if let Some((outer, rest)) = cell.split_once(open) {
            let inner = rest.trim_end_matches(['>', ']']);
            return match word(outer, dialect) {
                Some(VendorType::List(_)) => {
                    Some(VendorType::List(read(inner, dialect).map(Box::new)))
                }
                Some(VendorType::Object) => Some(VendorType::Object),
                _ => None,
            };
        }
    }
    word(cell, dialect).or_else(|| is_type_name(cell).then(|| VendorType::Named(cell.to_owned())))
}

/// A plain word (`String`, `int`, `Map`).
fn word(text: &str, dialect: Dialect) -> Option<VendorType> {
    let lower = text.trim().to_ascii_lowercase();
    WORDS
        .iter()
        .find(|(w, _)| *w == lower)
        .map(|(_, w)| match *w {
            Word::Scalar(s) => VendorType::Scalar(s),
            Word::Int => VendorType::Scalar(dialect.int),
            Word::Object => VendorType::Object,
            Word::List => VendorType::List(None),
        })
}

/// Whether `text` is a plain type word (not a type name).
pub(crate) fn is_word(text: &str) -> bool {
    let lower = text.trim().to_ascii_lowercase();
    WORDS.iter().any(|(w, _)| *w == lower)
}

/// The longest type word `text` ends with, as its byte length (for cells run together:
/// `offsetint` ends with `int`). Only words, not names: a name cannot be told from the text
/// before it.
pub(crate) fn word_suffixes(text: &str) -> Vec<usize> {
    let lower = text.to_ascii_lowercase();
    let mut lengths: Vec<usize> = WORDS
        .iter()
        .map(|(w, _)| *w)
        .chain(["string[]", "int[]", "long[]", "list<string>"])
        .filter(|w| lower.ends_with(w) && lower.len() > w.len())
        .map(str::len)
        .collect();
    lengths.sort_unstable_by(|a, b| b.cmp(a));
    lengths.dedup();
    lengths
}

/// A type name a page may use for an entity (`UserRelation`, `UserInfo`): an ASCII
/// identifier starting with an upper-case letter.
pub(crate) fn is_type_name(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl VendorType {
    /// The type expression, given the names chosen for objects with fields of their own.
    pub(crate) fn expression(&self, object: &str) -> String {
        match self {
            VendorType::Scalar(s) => (*s).to_owned(),
            VendorType::Object => object.to_owned(),
            VendorType::List(Some(inner)) => format!("list<{}>", inner.expression(object)),
            VendorType::List(None) => format!("list<{object}>"),
            VendorType::Named(name) => name.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FX: Dialect = Dialect { int: "i32" };

    #[test]
    fn words_and_names() {
        assert_eq!(read("String", FX), Some(VendorType::Scalar("string")));
        assert_eq!(read("Long", FX), Some(VendorType::Scalar("i64")));
        assert_eq!(
            read("Integer", Dialect { int: "i64" }),
            Some(VendorType::Scalar("i64"))
        );
        assert_eq!(
            read("string[]", FX),
            Some(VendorType::List(Some(Box::new(VendorType::Scalar(
                "string"
            )))))
        );
        assert_eq!(
            read("List<String>", FX),
            Some(VendorType::List(Some(Box::new(VendorType::Scalar(
                "string"
            )))))
        );
        assert_eq!(
            read("UserRelation[]", FX),
            Some(VendorType::List(Some(Box::new(VendorType::Named(
                "UserRelation".into()
            )))))
        );
        assert_eq!(read("Map", FX), Some(VendorType::Object));
        assert_eq!(read("二级对象", FX), None);
        assert_eq!(word_suffixes("offsetint"), vec![3]);
        assert_eq!(word_suffixes("corpIdString"), vec![6]);
    }
}
