//! How a table's rows nest: dotted names (`data.object_data`) under the row of their
//! prefix, marked rows (`- uuid`) under the row a level up, and rows a table lists flat
//! under the object the page's example holds them in, or, with no example to tell, under
//! the row whose keys they are by the provider's shared types.

use serde_json::Value;

use super::context::SharedStruct;
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
/// row marked less deep. Depths are compared, not counted: a page that indents each level
/// with two `&nbsp;` (0, 2, 4) or skips one nests the same as one marker a level.
pub(super) fn tree(rows: &[Row]) -> (Vec<Node>, Vec<usize>) {
    let mut nodes: Vec<Node> = Vec::new();
    let mut roots = Vec::new();
    // `(depth, node)` of the rows that can still hold the next one, shallowest first.
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for row in rows {
        let name = row.name.replace("[]", "");
        while stack.last().is_some_and(|&(depth, _)| depth >= row.depth) {
            stack.pop();
        }
        let parent = if let Some((prefix, _)) = name.rsplit_once('.') {
            nodes.iter().rposition(|n| n.path == prefix)
        } else if row.depth > 0 {
            stack.last().map(|&(_, node)| node)
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
        stack.push((row.depth, index));
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

/// Rows a table lists flat with no example to place them (`filters | List`, then
/// `field_name`, `field_values`, `operator`): a run of rows right after an object or list
/// row that are keys of one of the provider's closed shared structs (half its keys at
/// least, two or more) is nested under that row, innermost runs first. Once a run was
/// nested, the table is known to be flattened, and the rows after its one top-level `Map`
/// row still without keys are that map's keys. Each moved row carries a doubt.
pub(super) fn nest_by_shared_types(rows: &mut [Row], structs: &[SharedStruct]) {
    if rows.iter().any(|r| r.depth > 0 || r.name.contains('.')) {
        return;
    }
    let n = rows.len();
    let mut parent: Vec<Option<usize>> = vec![None; n];
    let mut why: Vec<Option<String>> = vec![None; n];
    let top_after = |parent: &[Option<usize>], i: usize| {
        (i + 1..n)
            .filter(|&j| parent[j].is_none())
            .collect::<Vec<_>>()
    };
    let mut changed = true;
    while changed {
        changed = false;
        // Last rows first: inner runs are nested before the run that holds them is read.
        for i in (0..n).rev() {
            if parent[i].is_some() || !is_container(&rows[i]) {
                continue;
            }
            let after = top_after(&parent, i);
            let best = structs
                .iter()
                .filter(|s| !s.open)
                .map(|s| {
                    let run = after
                        .iter()
                        .take_while(|&&j| s.fields.contains(&rows[j].name))
                        .count();
                    (run, s)
                })
                .filter(|(run, s)| *run >= 2 && run * 2 >= s.fields.len())
                .max_by_key(|(run, _)| *run);
            if let Some((run, s)) = best {
                for &j in &after[..run] {
                    parent[j] = Some(i);
                    why[j] = Some(format!(
                        "the table lists `{}` flat after `{}`; it is a key of the provider's shared type `{}`: nested there",
                        rows[j].name, rows[i].name, s.name
                    ));
                }
                changed = true;
            }
        }
    }
    let tops: Vec<usize> = (0..n).filter(|&i| parent[i].is_none()).collect();
    // Maps still without keys: one that got its keys above holds nothing more.
    let maps: Vec<usize> = (tops.iter().copied())
        .filter(|&i| is_container(&rows[i]) && !is_list(&rows[i]))
        .filter(|&i| !parent.contains(&Some(i)))
        .collect();
    if parent.iter().any(Option::is_some)
        && let [map] = maps.as_slice()
    {
        for &j in tops.iter().filter(|&&j| j > *map) {
            parent[j] = Some(*map);
            why[j] = Some(format!(
                "the table is flattened; `{}` is listed after `{}`, its only Map: nested there",
                rows[j].name, rows[*map].name
            ));
        }
    }
    let paths: Vec<String> = (0..n).map(|i| path_of(rows, &parent, i)).collect();
    for (i, row) in rows.iter_mut().enumerate() {
        if let Some(why) = why[i].take() {
            row.doubts.push(why);
            row.name = paths[i].clone();
        }
    }
}

fn path_of(rows: &[Row], parent: &[Option<usize>], i: usize) -> String {
    match parent[i] {
        Some(p) => format!("{}.{}", path_of(rows, parent, p), rows[i].name),
        None => rows[i].name.clone(),
    }
}

fn type_word(row: &Row) -> String {
    row.ty
        .as_deref()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// A row whose type word says it holds keys: `Map`, `Object`, `List`, `List<Object>`.
fn is_container(row: &Row) -> bool {
    let ty = type_word(row);
    ty.starts_with("map")
        || ty.starts_with("object")
        || ty.starts_with("jsonobject")
        || is_list(row)
}

fn is_list(row: &Row) -> bool {
    let ty = type_word(row);
    matches!(ty.as_str(), "list" | "array" | "jsonarray")
        || [
            "list<object",
            "list[object",
            "list<map",
            "list[map",
            "array<object",
        ]
        .iter()
        .any(|p| ty.starts_with(p))
}

/// An object, or the first object of a list.
fn object_of(value: &Value) -> Option<&serde_json::Map<String, Value>> {
    match value {
        Value::Object(o) => Some(o),
        Value::Array(items) => items.first().and_then(object_of),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, depth: usize) -> Row {
        Row {
            name: name.into(),
            depth,
            ..Row::default()
        }
    }

    #[test]
    fn marked_rows_nest_by_comparing_depths() {
        // Two `&nbsp;` a level, and a level skipped: each row goes under the last one less deep.
        let rows = [
            row("data", 0),
            row("user", 2),
            row("name", 4),
            row("tags", 8),
            row("dept", 2),
            row("total", 0),
        ];
        let (nodes, roots) = tree(&rows);
        let paths: Vec<&str> = nodes.iter().map(|n| n.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "data",
                "data.user",
                "data.user.name",
                "data.user.name.tags",
                "data.dept",
                "total"
            ]
        );
        assert_eq!(roots, [0, 5]);
        assert_eq!(nodes[0].children, [1, 4]);
    }
}
