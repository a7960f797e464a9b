//! The one walk over a graph of named types, used by every pass that follows fields into the
//! types they name: lowering (paths through the response), the secret-field list of each
//! operation, spec-diff's "which types do requests use", and (through its own
//! [`TypeGraph`] impl for the types one spec file sees) the spec validator's paging paths
//! and the edges its cycle finding follows.
//!
//! A pass describes *what* it wants with a [`Visitor`]; *how* the graph is walked (depth
//! first, each named type entered at most once, cycles reported instead of followed) is
//! written once, here. The graph itself is a small trait so that the IR ([`crate::ir`]) and
//! the spec model can both be walked without this module importing either.
//!
//! ```text
//! roots ─ field ─ edge ─▶ named type ─ field ─ edge ─▶ named type …
//!            │              (enter)       │
//!         Visitor::field                Visitor::field
//! ```

use std::collections::BTreeSet;

/// Named types whose fields refer to other named types.
pub trait TypeGraph {
    /// Identity of a named type (two references to one type give equal keys).
    type Key: Ord + Clone;
    /// A field, as the graph stores it.
    type Field;

    /// The fields of the named type `key`: `None` for a type without fields (an enum) or a
    /// name the graph does not define.
    fn fields(&self, key: &Self::Key) -> Option<&[Self::Field]>;

    /// The named types a field's type refers to, in the order they appear in the type.
    /// `owner` is the named type the field belongs to (`None` for the roots): in the spec a
    /// name resolves differently from an endpoint's own types than from `types.yaml`.
    fn edges(&self, owner: Option<&Self::Key>, field: &Self::Field) -> Vec<Edge<Self::Key>>;

    /// The field's JSON name, which [`field_at_path`] matches path segments against.
    fn name<'f>(&self, field: &'f Self::Field) -> &'f str;
}

/// A reference from a field's type to a named type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edge<K> {
    /// The type referred to.
    pub to: K,
    /// Whether the field holds the type itself, not inside a list or a map: only such
    /// references make a value contain another (what the validator's cycle rule is about,
    /// and what a dotted path can go through).
    pub direct: bool,
}

/// What a pass does at each step of [`walk`]. Every method has a default that does nothing
/// (or follows every edge), so a pass implements only what it needs.
pub trait Visitor<G: TypeGraph + ?Sized> {
    /// A field reached: of the roots (`owner` is `None`) or of the named type `owner`.
    /// Each named type's fields are visited once, however often the type is referred to.
    fn field(&mut self, owner: Option<&G::Key>, field: &G::Field) {
        let _ = (owner, field);
    }

    /// Whether to follow `edge` into the type it names (default: always).
    fn follow(&mut self, edge: &Edge<G::Key>) -> bool {
        let _ = edge;
        true
    }

    /// A named type reached for the first time, before its fields.
    fn enter(&mut self, key: &G::Key) {
        let _ = key;
    }

    /// A named type whose fields have all been visited.
    fn leave(&mut self, key: &G::Key) {
        let _ = key;
    }

    /// An edge back to `to`, which is on the current `path` of entered types (outermost
    /// first): a cycle. It is not followed.
    fn cycle(&mut self, path: &[G::Key], to: &G::Key) {
        let _ = (path, to);
    }
}

/// One type being walked: its fields and how far the walk has got through them.
struct Frame<'g, G: TypeGraph + ?Sized> {
    fields: &'g [G::Field],
    next_field: usize,
    edges: Vec<Edge<G::Key>>,
    next_edge: usize,
}

impl<'g, G: TypeGraph + ?Sized> Frame<'g, G> {
    fn new(fields: &'g [G::Field]) -> Self {
        Self {
            fields,
            next_field: 0,
            edges: Vec::new(),
            next_edge: 0,
        }
    }
}

/// Walks depth first from `roots` (the fields of a request, a response, or all
/// definitions), calling `visitor` at every step. Each named type is entered at most once;
/// an edge to a type on the current path is reported as [`Visitor::cycle`]. The walk keeps
/// its own stack, so deep type nesting cannot overflow the thread's.
pub fn walk<G, V>(graph: &G, roots: &[G::Field], visitor: &mut V)
where
    G: TypeGraph + ?Sized,
    V: Visitor<G> + ?Sized,
{
    let mut seen: BTreeSet<G::Key> = BTreeSet::new();
    let mut path: Vec<G::Key> = Vec::new();
    let mut frames: Vec<Frame<'_, G>> = vec![Frame::new(roots)];
    while let Some(frame) = frames.last_mut() {
        if let Some(edge) = frame.edges.get(frame.next_edge).cloned() {
            frame.next_edge += 1;
            if !visitor.follow(&edge) {
                continue;
            }
            if path.contains(&edge.to) {
                visitor.cycle(&path, &edge.to);
                continue;
            }
            if !seen.insert(edge.to.clone()) {
                continue;
            }
            visitor.enter(&edge.to);
            let fields = graph.fields(&edge.to).unwrap_or(&[]);
            path.push(edge.to);
            frames.push(Frame::new(fields));
        } else if let Some(field) = frame.fields.get(frame.next_field) {
            frame.next_field += 1;
            frame.edges = graph.edges(path.last(), field);
            frame.next_edge = 0;
            visitor.field(path.last(), field);
        } else {
            frames.pop();
            // The roots' frame has no type of its own; every other frame was pushed with one.
            if !frames.is_empty()
                && let Some(key) = path.pop()
            {
                visitor.leave(&key);
            }
        }
    }
}

/// Where [`field_at_path`] stopped short of the end of its path.
pub struct PathStop<'g, 'p, G: TypeGraph + ?Sized> {
    /// The path segment that could not be followed.
    pub key: &'p str,
    /// The named type whose fields were searched for `key` (`None`: the roots).
    pub owner: Option<G::Key>,
    /// The field named `key`, when there is one but the path cannot go through it (its type
    /// is not a named type held directly, or that type has no fields).
    pub field: Option<&'g G::Field>,
}

/// The field at a dot-separated JSON path (`result.items`) from `roots`, going through
/// fields that hold a named type directly; where and why it stopped otherwise.
pub fn field_at_path<'g, 'p, G>(
    graph: &'g G,
    roots: &'g [G::Field],
    path: &'p str,
) -> Result<&'g G::Field, PathStop<'g, 'p, G>>
where
    G: TypeGraph + ?Sized,
{
    let mut current = roots;
    let mut owner: Option<G::Key> = None;
    let mut keys = path.split('.').peekable();
    while let Some(key) = keys.next() {
        let stop = |field| PathStop {
            key,
            owner: owner.clone(),
            field,
        };
        let field = current
            .iter()
            .find(|f| graph.name(f) == key)
            .ok_or_else(|| stop(None))?;
        if keys.peek().is_none() {
            return Ok(field);
        }
        let (to, fields) = graph
            .edges(owner.as_ref(), field)
            .into_iter()
            .find(|e| e.direct)
            .and_then(|e| graph.fields(&e.to).map(|fields| (e.to, fields)))
            .ok_or_else(|| stop(Some(field)))?;
        current = fields;
        owner = Some(to);
    }
    // `split` yields at least one segment, so the loop returns.
    Err(PathStop {
        key: path,
        owner,
        field: None,
    })
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// A field: its name and the types it refers to, each with `direct`.
    type TestField = (&'static str, Vec<(&'static str, bool)>);

    /// Types by name.
    struct Graph(BTreeMap<&'static str, Vec<TestField>>);

    impl TypeGraph for Graph {
        type Key = &'static str;
        type Field = TestField;
        fn fields(&self, key: &&'static str) -> Option<&[TestField]> {
            self.0.get(key).map(Vec::as_slice)
        }
        fn edges(&self, _: Option<&&'static str>, field: &TestField) -> Vec<Edge<&'static str>> {
            field
                .1
                .iter()
                .map(|&(to, direct)| Edge { to, direct })
                .collect()
        }
        fn name<'f>(&self, field: &'f TestField) -> &'f str {
            field.0
        }
    }

    #[derive(Default)]
    struct Log(Vec<String>);

    impl Visitor<Graph> for Log {
        fn field(&mut self, owner: Option<&&'static str>, field: &TestField) {
            self.0
                .push(format!("{}.{}", owner.copied().unwrap_or("root"), field.0));
        }
        fn enter(&mut self, key: &&'static str) {
            self.0.push(format!("enter {key}"));
        }
        fn leave(&mut self, key: &&'static str) {
            self.0.push(format!("leave {key}"));
        }
        fn cycle(&mut self, path: &[&'static str], to: &&'static str) {
            self.0.push(format!("cycle {} -> {to}", path.join(">")));
        }
    }

    fn graph() -> Graph {
        Graph(BTreeMap::from([
            (
                "A",
                vec![("b", vec![("B", true)]), ("bs", vec![("B", false)])],
            ),
            (
                "B",
                vec![("a", vec![("A", true)]), ("e", vec![("E", true)])],
            ),
            ("E", vec![]),
        ]))
    }

    #[test]
    fn enters_each_type_once_and_reports_cycles() {
        let roots = vec![("x", vec![("A", true)]), ("y", vec![("B", false)])];
        let mut log = Log::default();
        walk(&graph(), &roots, &mut log);
        assert_eq!(
            log.0,
            [
                "root.x",
                "enter A",
                "A.b",
                "enter B",
                "B.a",
                "cycle A>B -> A",
                "B.e",
                "enter E",
                "leave E",
                "leave B",
                "A.bs",
                "leave A",
                "root.y",
            ]
        );
    }

    #[test]
    fn follow_can_skip_edges() {
        struct Direct(Vec<&'static str>);
        impl Visitor<Graph> for Direct {
            fn follow(&mut self, edge: &Edge<&'static str>) -> bool {
                edge.direct
            }
            fn enter(&mut self, key: &&'static str) {
                self.0.push(key);
            }
        }
        let roots = vec![("y", vec![("B", false)]), ("x", vec![("E", true)])];
        let mut v = Direct(Vec::new());
        walk(&graph(), &roots, &mut v);
        assert_eq!(v.0, ["E"]);
    }

    #[test]
    fn paths_go_through_direct_fields_only() {
        let g = graph();
        let roots = vec![("x", vec![("A", true)]), ("y", vec![("B", false)])];
        let at = |path| field_at_path(&g, &roots, path).map(|f| f.0);
        assert_eq!(at("x.b.e").ok(), Some("e"));
        let stop = |path| {
            field_at_path(&g, &roots, path)
                .err()
                .map(|s| (s.key, s.owner, s.field.map(|f| f.0)))
        };
        assert_eq!(stop("x.bs.e"), Some(("bs", Some("A"), Some("bs"))));
        assert_eq!(stop("y.a"), Some(("y", None, Some("y"))));
        assert_eq!(stop("z"), Some(("z", None, None)));
        assert_eq!(stop("x.b.e.f"), Some(("f", Some("E"), None)));
    }
}
