//! How a table's rows nest: dotted names (`data.object_data`) under the row of their
//! prefix, marked rows (`- uuid`) under the row a level up, and rows a table lists flat
//! under the object the page's example holds them in.

use serde_json::Value;

use super::examples::Example;
use super::model::example_value;
use super::tables::Row;

/// A row and the rows nested under it.
pub(super) struct Node {
    pub(super) path: String,
    pub(super) row: Row,
    pub(super) children: Vec<usize>,
}

/// Nests the rows: a dotted name under the row of its prefix, a marked row under the last
/// row one level up.
pub(super) fn tree(rows: &[Row]) -> (Vec<Node>, Vec<usize>) {
    let mut nodes: Vec<Node> = Vec::new();
    let mut roots = Vec::new();
    // The last node at each marker depth.
    let mut stack: Vec<usize> = Vec::new();
    for row in rows {
        let name = row.name.replace("[]", "");
        let parent = if let Some((prefix, _)) = name.rsplit_once('.') {
            nodes.iter().rposition(|n| n.path == prefix)
        } else if row.depth > 0 {
            stack.get(row.depth - 1).copied()
        } else {
            None
        };
        let path = match parent {
            Some(p) if !name.contains('.') => format!("{}.{}", nodes[p].path, name),
            _ => name.clone(),
        };
        let index = nodes.len();
        nodes.push(Node {
            path,
            row: row.clone(),
            children: Vec::new(),
        });
        match parent {
            Some(p) => nodes[p].children.push(index),
            None => roots.push(index),
        }
        stack.truncate(row.depth);
        stack.push(index);
    }
    (nodes, roots)
}

/// Rows a table lists flat although they belong inside an object row above them (Fxiaoke's
/// English pages list `data`'s keys right after `data`): where the page's examples hold the
/// key inside that object and not at the top, the row is nested there, with a doubt.
pub(super) fn nest_by_examples(rows: &mut [Row], examples: &[&Example]) {
    let top: std::collections::BTreeSet<&str> = examples
        .iter()
        .filter_map(|e| e.value.as_object())
        .flat_map(|o| o.keys().map(String::as_str))
        .collect();
    if top.is_empty() {
        return;
    }
    // Rows whose example value is an object (or a list of them), most recent last.
    let mut containers: Vec<String> = Vec::new();
    // The object the row before was nested into, while rows keep being nested.
    let mut nesting: Option<String> = None;
    for row in rows.iter_mut() {
        if row.depth == 0 && !row.name.contains('.') && !top.contains(row.name.as_str()) {
            let holder = containers.iter().rev().find(|c| {
                example_value(examples, c)
                    .is_some_and(|v| object_of(v).is_some_and(|o| o.contains_key(&row.name)))
            });
            if let Some(holder) = holder {
                row.doubts.push(format!(
                    "the table lists `{}` at the top, its example inside `{holder}`: nested there",
                    row.name
                ));
                nesting = Some(holder.clone());
                row.name = format!("{holder}.{}", row.name);
            } else if let Some(holder) = &nesting {
                // In neither place of the example (a key it leaves out, or one after a
                // cut): it stays with the keys it is listed among.
                row.doubts.push(format!(
                    "the example has `{}` nowhere; the table lists it among `{holder}`'s keys: nested there",
                    row.name
                ));
                row.name = format!("{holder}.{}", row.name);
            }
        } else {
            nesting = None;
        }
        let path = row.name.replace("[]", "");
        if example_value(examples, &path).is_some_and(|v| object_of(v).is_some()) {
            containers.push(path);
        }
    }
}

/// An object, or the first object of a list.
fn object_of(value: &Value) -> Option<&serde_json::Map<String, Value>> {
    match value {
        Value::Object(o) => Some(o),
        Value::Array(items) => items.first().and_then(object_of),
        _ => None,
    }
}
