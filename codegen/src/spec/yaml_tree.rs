//! A spec file re-read as a plain YAML tree in which every key and value keeps its position.
//!
//! The model keeps one position per value it names, so what is *inside* a value (an example's
//! nested keys) or what the model rejected before reading on (every unknown key after the
//! first) has no position of its own. This tree has one for every node. It is built only when
//! a message needs it, from the same text the loader read, so the common path (a spec without
//! mistakes) pays nothing.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::diagnostics::Pos;

/// A YAML node with its position.
#[derive(Debug)]
pub(crate) struct Node {
    pub(crate) pos: Pos,
    pub(crate) kind: Kind,
}

/// What a node holds. Scalars keep only what messages say about them.
#[derive(Debug)]
pub(crate) enum Kind {
    Null,
    Bool,
    Integer,
    Number,
    String(String),
    List(Vec<Node>),
    Map(Vec<(Key, Node)>),
}

/// A mapping key: its text and where it is written.
#[derive(Debug)]
pub(crate) struct Key {
    pub(crate) text: String,
    pub(crate) pos: Pos,
}

impl Node {
    /// Parses `text` (the whole file). `None` when it is not YAML the loader could read, in
    /// which case the parse error was reported already.
    pub(crate) fn parse(text: &str) -> Option<Node> {
        // Every level of nesting costs several deserializer frames per span wrapper: up to
        // the parser's depth budget (64) that is more stack than a test thread (2 MiB) has
        // in a debug build, so the tree is read on a thread of its own with room to spare.
        std::thread::scope(|scope| {
            std::thread::Builder::new()
                .name("yaml-tree".to_owned())
                .stack_size(PARSE_STACK)
                .spawn_scoped(scope, || parse_here(text))
                .ok()?
                .join()
                .ok()?
        })
    }

    /// The value under `key`, if this is a mapping that has it.
    pub(crate) fn get(&self, key: &str) -> Option<(&Key, &Node)> {
        match &self.kind {
            Kind::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.text == key)
                .map(|(k, v)| (k, v)),
            _ => None,
        }
    }

    /// The item of a list whose mapping has `key: value` (e.g. the example named `x`).
    pub(crate) fn item_with(&self, key: &str, value: &str) -> Option<&Node> {
        let Kind::List(items) = &self.kind else {
            return None;
        };
        items.iter().find(|item| {
            item.get(key)
                .is_some_and(|(_, v)| matches!(&v.kind, Kind::String(s) if s == value))
        })
    }

    /// Where the node at a JSON path (`a.b[0].c`) below this one is written: the key of a
    /// mapping member, the item of a list. A path that leaves the tree (a missing field)
    /// ends at the deepest node it reached, which is the mapping that lacks it.
    pub(crate) fn locate(&self, path: &str) -> Pos {
        let mut node = self;
        let mut pos = self.pos;
        for segment in segments(path) {
            let next = match (segment, &node.kind) {
                (Segment::Key(key), Kind::Map(_)) => node.get(key).map(|(k, v)| (k.pos, v)),
                (Segment::Index(i), Kind::List(items)) => items.get(i).map(|v| (v.pos, v)),
                _ => None,
            };
            match next {
                Some((at, child)) => {
                    pos = at;
                    node = child;
                }
                None => break,
            }
        }
        pos
    }
}

/// The stack of the thread a tree is read on.
const PARSE_STACK: usize = 64 << 20;

fn parse_here(text: &str) -> Option<Node> {
    let options = serde_saphyr::options! {
        with_snippet: false,
        strict_booleans: true,
    };
    serde_saphyr::from_str_with_options::<Spanned>(text, options)
        .ok()
        .map(|s| s.0)
}

/// One step of a JSON path as the example checks write them.
#[derive(Debug, PartialEq)]
enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

/// `a.b[0][1].c` → `a`, `b`, `0`, `1`, `c`. Keys that contain `.` or `[` cannot be told
/// apart from steps; such a path is located as far as it can be followed.
fn segments(path: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, mut rest) = match part.find('[') {
            Some(i) => part.split_at(i),
            None => (part, ""),
        };
        if !key.is_empty() {
            out.push(Segment::Key(key));
        }
        while let Some(inner) = rest.strip_prefix('[') {
            let Some(end) = inner.find(']') else { break };
            match inner.get(..end).and_then(|n| n.parse().ok()) {
                Some(i) => out.push(Segment::Index(i)),
                None => return out,
            }
            rest = inner.get(end + 1..).unwrap_or_default();
        }
    }
    out
}

fn pos_of(loc: serde_saphyr::Location) -> Pos {
    Pos {
        line: loc.line(),
        column: loc.column(),
    }
    .or_start()
}

/// A node read through serde-saphyr's span support.
struct Spanned(Node);

impl<'de> Deserialize<'de> for Spanned {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let inner = serde_saphyr::Spanned::<Bare>::deserialize(deserializer)?;
        Ok(Spanned(Node {
            pos: pos_of(inner.referenced),
            kind: inner.value.0,
        }))
    }
}

/// A key read with its position; any scalar is a key (as YAML allows), by its text.
struct SpannedKey(Key);

impl<'de> Deserialize<'de> for SpannedKey {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let inner = serde_saphyr::Spanned::<Bare>::deserialize(deserializer)?;
        let text = match inner.value.0 {
            Kind::String(s) => s,
            other => format!("{other:?}"),
        };
        Ok(SpannedKey(Key {
            text,
            pos: pos_of(inner.referenced),
        }))
    }
}

/// A node's content, without its own position.
struct Bare(Kind);

impl<'de> Deserialize<'de> for Bare {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(BareVisitor)
    }
}

struct BareVisitor;

impl<'de> Visitor<'de> for BareVisitor {
    type Value = Bare;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Bare, E> {
        Ok(Bare(Kind::Bool))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Bare, E> {
        Ok(Bare(Kind::Integer))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Bare, E> {
        Ok(Bare(Kind::Integer))
    }
    fn visit_i128<E: de::Error>(self, _: i128) -> Result<Bare, E> {
        Ok(Bare(Kind::Integer))
    }
    fn visit_u128<E: de::Error>(self, _: u128) -> Result<Bare, E> {
        Ok(Bare(Kind::Integer))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Bare, E> {
        Ok(Bare(Kind::Number))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Bare, E> {
        Ok(Bare(Kind::String(v.to_owned())))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Bare, E> {
        Ok(Bare(Kind::String(v)))
    }
    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Bare, E> {
        Ok(Bare(Kind::String(String::new())))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Bare, E> {
        Ok(Bare(Kind::Null))
    }
    fn visit_none<E: de::Error>(self) -> Result<Bare, E> {
        Ok(Bare(Kind::Null))
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Bare, D::Error> {
        Bare::deserialize(d)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Bare, D::Error> {
        Bare::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Bare, A::Error> {
        let mut items = Vec::new();
        while let Some(Spanned(node)) = seq.next_element()? {
            items.push(node);
        }
        Ok(Bare(Kind::List(items)))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Bare, A::Error> {
        let mut entries = Vec::new();
        while let Some(SpannedKey(key)) = map.next_key()? {
            let Spanned(value) = map.next_value()?;
            entries.push((key, value));
        }
        Ok(Bare(Kind::Map(entries)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(line: u64, column: u64) -> Pos {
        Pos { line, column }
    }

    #[test]
    fn splits_json_paths() {
        assert_eq!(
            segments("data.users[0][12].id"),
            vec![
                Segment::Key("data"),
                Segment::Key("users"),
                Segment::Index(0),
                Segment::Index(12),
                Segment::Key("id")
            ]
        );
        assert_eq!(segments(""), vec![]);
    }

    #[test]
    fn locates_nested_keys_items_and_missing_members() {
        let text = "examples:\n  - name: a\n    request:\n      data:\n        idList: [1, x]\n      flow: {k: 1, m: {n: 2}}\n";
        let root = Node::parse(text).expect("parses");
        let (_, examples) = root.get("examples").expect("examples");
        let ex = examples.item_with("name", "a").expect("example a");
        let (_, req) = ex.get("request").expect("request");
        assert_eq!(req.locate("data.idList"), pos(5, 9));
        assert_eq!(req.locate("data.idList[1]"), pos(5, 21));
        assert_eq!(req.locate("data.missing"), pos(4, 7));
        assert_eq!(req.locate("flow.m.n"), pos(6, 24));
        assert_eq!(req.locate(""), req.pos);
    }

    #[test]
    fn broken_yaml_is_no_tree() {
        assert!(Node::parse("a: [").is_none());
    }
}
