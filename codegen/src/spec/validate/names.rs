//! Names the generator makes up itself — client methods, stream and URL methods, setters,
//! request, response and constant-marker types — must never meet a name from the spec in the
//! same Rust namespace. Each clash is refused where the spec names the thing, with the way
//! out (`rust_name`, or renaming the file or type); nothing is renamed behind the writer's
//! back, so the Rust API is always the one the spec reads as. The reserved names themselves
//! live in [`crate::naming`], which the emitter uses too.

use std::path::Path;

use super::super::model::{EndpointKind, Field, TypeDef};
use super::super::span::Pos;
use super::super::tree::EndpointSpec;
use super::super::type_expr::PRIMITIVES;
use super::util::{FirstSeen, slash_path};
use super::{Cx, ProviderInput, START, backticked};
use crate::naming;

/// Why a field's Rust name cannot be used because of a method every generated struct has;
/// `None` when it can.
pub(super) fn struct_method_clash(rust: &str, field: &str) -> Option<(String, Option<String>)> {
    naming::STRUCT_METHOD_NAMES.contains(&rust).then(|| {
        (
            format!(
                "field `{field}` becomes Rust field `{rust}`, whose setter would collide with the method `{rust}` every generated struct has (reserved: {})",
                backticked(naming::STRUCT_METHOD_NAMES.iter().copied())
            ),
            Some(format!("set `rust_name` (e.g. `rust_name: {rust}_value`)")),
        )
    })
}

/// The Rust name a field gets (its `rust_name`, or the one derived from its JSON name).
pub(super) fn rust_field_name(f: &Field) -> String {
    f.rust_name
        .as_ref()
        .map_or_else(|| naming::field_name(&f.name.value), |r| r.value.clone())
}

/// The constant-marker types the fields of `owner` generate, with the field each is for.
fn markers<'f>(owner: &str, fields: &'f [Field]) -> impl Iterator<Item = (String, &'f Field)> {
    fields
        .iter()
        .filter(|f| f.constant.is_some())
        .map(move |f| (naming::constant_marker(owner, &rust_field_name(f)), f))
}

impl Cx<'_> {
    /// Every client method of a provider — endpoint methods, `_url` methods of redirects,
    /// `_stream` methods of paged endpoints — is unique and none is a method the `Client`
    /// has anyway.
    pub(super) fn client_methods(&mut self, input: &ProviderInput<'_>) {
        let mut methods = FirstSeen::new();
        for ep in &input.endpoints {
            let file = ep.file.as_path();
            let kind = ep
                .spec
                .kind
                .as_ref()
                .map_or(EndpointKind::Call, |k| k.value);
            let method = naming::client_method(&ep.stem, kind == EndpointKind::Redirect);
            let mut names = vec![(method.clone(), "client method")];
            if ep.spec.pagination.is_some() {
                names.push((naming::stream_method(&method), "stream method"));
            }
            for (name, what) in names {
                if naming::CLIENT_METHOD_NAMES.contains(&name.as_str()) {
                    self.err(
                        file,
                        START,
                        format!(
                            "endpoint `{}` becomes {what} `{name}`, which every generated `Client` has (reserved: {})",
                            slash_path(file),
                            backticked(naming::CLIENT_METHOD_NAMES.iter().copied())
                        ),
                        Some("rename the file: its stem names the method".to_owned()),
                    );
                } else if let Some((first, first_what)) =
                    methods.repeated(name.clone(), (ep.file.as_path(), what))
                {
                    let of = if *first_what == "client method" {
                        String::new()
                    } else {
                        format!("the {first_what} of ")
                    };
                    self.err(
                        file,
                        START,
                        format!(
                            "endpoint `{}` becomes {what} `{name}`, like {of}`{}`",
                            slash_path(file),
                            slash_path(first)
                        ),
                        Some("rename one of the files: all endpoints of a provider are methods of one client".to_owned()),
                    );
                }
            }
        }
    }

    /// The types the generator defines in one endpoint module: each endpoint's request and
    /// response, and a marker per constant field of those and of the local types. Two
    /// generated names that meet are reported here; the spec's own type names are checked
    /// against the result by the caller.
    pub(super) fn generated_types(&mut self, eps: &[&EndpointSpec]) -> FirstSeen<String, String> {
        let mut taken = FirstSeen::new();
        for ep in eps {
            let base = naming::type_name(&ep.stem);
            let kind = ep
                .spec
                .kind
                .as_ref()
                .map_or(EndpointKind::Call, |k| k.value);
            let input = if kind == EndpointKind::Redirect
                || ep.spec.method.value == super::HttpMethod::Get
            {
                &ep.spec.query
            } else {
                &ep.spec.request
            };
            let request = format!("{base}Request");
            let response = format!("{base}Response");
            let mut names = vec![(
                request.clone(),
                format!("the request type generated for `{}`", slash_path(&ep.file)),
                ep.spec.name.pos,
            )];
            for (marker, f) in markers(&request, input) {
                names.push(marker_entry(marker, f, &request));
            }
            if kind == EndpointKind::Call {
                names.push((
                    response.clone(),
                    format!("the response type generated for `{}`", slash_path(&ep.file)),
                    ep.spec.name.pos,
                ));
                for (marker, f) in markers(&response, &ep.spec.response) {
                    names.push(marker_entry(marker, f, &response));
                }
            }
            for def in &ep.spec.types {
                for (marker, f) in markers(&def.name.value, def.fields.as_deref().unwrap_or(&[])) {
                    names.push(marker_entry(marker, f, &def.name.value));
                }
            }
            for (name, what, pos) in names {
                self.claim(&mut taken, name, what, &ep.file, pos);
            }
        }
        taken
    }

    /// The shared types of `types.yaml` and the markers of their constant fields do not meet.
    pub(super) fn shared_markers(&mut self, file: &Path, defs: &[TypeDef]) {
        let mut taken = FirstSeen::new();
        for def in defs {
            for (marker, f) in markers(&def.name.value, def.fields.as_deref().unwrap_or(&[])) {
                let (name, what, pos) = marker_entry(marker, f, &def.name.value);
                self.claim(&mut taken, name, what, file, pos);
            }
        }
        for def in defs {
            if let Some(what) = taken.get(&def.name.value) {
                let message = format!(
                    "type `{}` collides with {what} in module `types`",
                    def.name.value
                );
                self.err(
                    file,
                    def.name.pos,
                    message,
                    Some("rename the type".to_owned()),
                );
            }
        }
    }

    fn claim(
        &mut self,
        taken: &mut FirstSeen<String, String>,
        name: String,
        what: String,
        file: &Path,
        pos: Pos,
    ) {
        if let Some(first) = taken.repeated(name.clone(), what.clone()) {
            let message = format!("{what} is named `{name}`, like {first}");
            self.err(
                file,
                pos,
                message,
                Some("set `rust_name` on the field, or rename the file or type".to_owned()),
            );
        }
    }
}

fn marker_entry(marker: String, f: &Field, owner: &str) -> (String, String, Pos) {
    (
        marker,
        format!(
            "the marker type generated for constant field `{}` of `{owner}`",
            f.name.value
        ),
        f.name.pos,
    )
}

/// Lower-case ASCII letters, digits and `_`, starting with a letter.
pub(super) fn is_snake(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// A `snake_case` name suggestion, if heck's conversion gives a usable one.
pub(super) fn snake_suggestion(name: &str) -> Option<String> {
    let s = naming::module_name(name);
    is_snake(&s).then(|| format!("use `{s}`"))
}

/// Problems of a `snake_case` name that is not a module (base URL, credential, example...).
pub(super) fn snake_problem(what: &str, name: &str) -> Option<(String, Option<String>)> {
    if !is_snake(name) {
        return Some((
            format!("{what} `{name}` is not snake_case"),
            snake_suggestion(name),
        ));
    }
    None
}

/// Problems of a name that becomes a Rust module or method.
pub(super) fn module_name_problem(what: &str, name: &str) -> Option<(String, Option<String>)> {
    if !is_snake(name) || naming::module_name(name) != name {
        return Some((
            format!("{what} `{name}` is not a snake_case identifier"),
            snake_suggestion(name),
        ));
    }
    if naming::is_keyword(name) {
        return Some((
            format!("{what} `{name}` is a Rust keyword"),
            Some("choose another name".to_owned()),
        ));
    }
    if naming::RESERVED_MODULE_NAMES.contains(&name) {
        return Some((
            format!("{what} `{name}` is reserved for a module of the generated crate"),
            Some("choose another name".to_owned()),
        ));
    }
    None
}

/// Problems of a `rust_name` for a field.
pub(super) fn rust_field_problem(name: &str) -> Option<(String, Option<String>)> {
    if !is_snake(name) {
        return Some((
            format!("`rust_name` `{name}` is not a snake_case identifier"),
            snake_suggestion(name),
        ));
    }
    if naming::is_keyword(name) {
        return Some((
            format!("`rust_name` `{name}` is a Rust keyword"),
            Some("choose another name".to_owned()),
        ));
    }
    if naming::RESERVED_FIELD_NAMES.contains(&name) {
        return Some((
            format!("`rust_name` `{name}` is used by generated structs for themselves"),
            Some("choose another name".to_owned()),
        ));
    }
    None
}

pub(super) fn is_pascal(name: &str) -> bool {
    naming::is_identifier(name)
        && name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && naming::type_name(name) == name
}

/// Problems of a type name.
pub(super) fn type_name_problem(name: &str) -> Option<(String, Option<String>)> {
    if PRIMITIVES.contains(&name) || name == "list" || name == "map" {
        return Some((
            format!("type name `{name}` is a word of the type language"),
            Some("choose another name".to_owned()),
        ));
    }
    if !is_pascal(name) {
        let suggestion = naming::type_name(name);
        return Some((
            format!("type name `{name}` is not a PascalCase identifier"),
            is_pascal(&suggestion).then(|| format!("use `{suggestion}`")),
        ));
    }
    if naming::RESERVED_TYPE_NAMES.contains(&name) || naming::is_keyword(name) {
        return Some((
            format!("type name `{name}` is reserved: the generated code uses it"),
            Some("choose another name".to_owned()),
        ));
    }
    None
}

/// Problems of an enum variant's `rust_name`.
pub(super) fn variant_name_problem(name: &str) -> Option<(String, Option<String>)> {
    if !is_pascal(name) {
        let suggestion = naming::type_name(name);
        return Some((
            format!("`rust_name` `{name}` is not a PascalCase identifier"),
            is_pascal(&suggestion).then(|| format!("use `{suggestion}`")),
        ));
    }
    if naming::is_keyword(name) {
        return Some((
            format!("`rust_name` `{name}` is a Rust keyword"),
            Some("choose another name".to_owned()),
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_names() {
        assert!(module_name_problem("x", "crm").is_none());
        assert!(module_name_problem("x", "Crm").is_some());
        assert!(module_name_problem("x", "types").is_some());
        assert!(module_name_problem("x", "mod").is_some());
        assert!(type_name_problem("UserInfo").is_none());
        assert!(type_name_problem("userInfo").is_some());
        assert!(type_name_problem("Client").is_some());
        assert!(type_name_problem("string").is_some());
        assert!(rust_field_problem("type_").is_none());
    }
}
