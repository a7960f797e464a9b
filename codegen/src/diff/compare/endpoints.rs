//! Endpoints: matched by spec file (or, moved, by vendor operation), and each pair compared
//! for what its method, wire behaviour, paging, errors, docs and types do to callers.

use std::collections::{BTreeMap, BTreeSet};

use super::derived::{
    action_header, auth_name, client_method, folder_key, folder_path, method_notes, methods,
    show_rate_limit, type_names,
};
use super::paging::{errors, paging};
use super::sink::{Sink, endpoint_scope, sink};
use super::types::{strukt, type_defs};
use super::usage::{Usage, Use};
use crate::diff::change::{Change, ChangeKind, Impact};
use crate::ir::{Endpoint, Kind, Provider, TypeDef, TypeHome};

/// The reason of a change the generated Rust does not show.
const NO_RUST: &str = "the Rust API is unchanged";

/// Every endpoint of a provider, then the endpoint-local types.
pub(super) fn endpoints(
    name: &str,
    old: &Provider,
    new: &Provider,
    usage: &Usage,
    out: &mut Vec<Change>,
) {
    let old_eps: Vec<&Endpoint> = old.root.all_endpoints();
    let new_eps: Vec<&Endpoint> = new.root.all_endpoints();
    let by_source = |eps: &[&Endpoint], source: &str| eps.iter().position(|e| e.source == source);
    let mut matched_new = BTreeSet::new();
    let mut removed = Vec::new();
    for o in &old_eps {
        match by_source(&new_eps, &o.source) {
            Some(i) => {
                matched_new.insert(i);
                endpoint(name, action_header(old, new), o, new_eps[i], out);
                local_serde_impls(name, (old, o), (new, new_eps[i]), out);
            }
            None => removed.push(*o),
        }
    }
    let mut added: Vec<(usize, &Endpoint)> = new_eps
        .iter()
        .enumerate()
        .filter(|(i, _)| !matched_new.contains(i))
        .map(|(i, e)| (i, *e))
        .collect();
    for o in removed {
        // The same vendor operation in another file: the module or method moved.
        if let Some(pos) = added
            .iter()
            .position(|(_, n)| n.vendor_name == o.vendor_name && n.action == o.action)
        {
            let (_, n) = added.remove(pos);
            let mut s = sink(name, endpoint_scope(n), out);
            let mut moves = Vec::new();
            if o.method_name != n.method_name {
                moves.push(format!(
                    "{} {} now {}",
                    methods(name, o).0,
                    if methods(name, o).1 { "are" } else { "is" },
                    methods(name, n).0
                ));
            }
            if o.modules != n.modules {
                moves.push(format!(
                    "{} move from `{}` to `{}`",
                    type_names(o),
                    folder_path(name, o),
                    folder_path(name, n)
                ));
            }
            s.push(
                ChangeKind::EndpointMoved,
                format!("endpoint `{}` (was {})", o.vendor_name, o.source),
                Impact::Breaking,
                moves.join("; "),
                None,
            );
            s.finish();
            endpoint(name, action_header(old, new), o, n, out);
            continue;
        }
        let mut s = sink(name, endpoint_scope(o), out);
        let (gone, several) = methods(name, o);
        s.push(
            ChangeKind::EndpointRemoved,
            format!("endpoint `{}`", o.vendor_name),
            Impact::Breaking,
            format!(
                "{gone} {}, and with {} {} from `{}` and `bindery::{name}::operations::{}`",
                if several { "are gone" } else { "is gone" },
                if several { "them" } else { "it" },
                type_names(o),
                folder_path(name, o),
                o.operation_const
            ),
            None,
        );
        s.finish();
    }
    for (_, n) in added {
        let mut s = sink(name, endpoint_scope(n), out);
        let (new_methods, several) = methods(name, n);
        let notes = method_notes(n);
        let notes = if notes.is_empty() {
            String::new()
        } else {
            format!(" ({})", notes.join("; "))
        };
        s.push(
            ChangeKind::EndpointAdded,
            format!("endpoint `{}`", n.vendor_name),
            Impact::Addition,
            format!(
                "new method{} {new_methods}{notes}, with {} in `{}` and `bindery::{name}::operations::{}`",
                if several { "s" } else { "" },
                type_names(n),
                folder_path(name, n),
                n.operation_const
            ),
            Some(format!("`{} {}`", n.http_method.as_str(), n.path)),
        );
        s.finish();
    }
    local_types(name, old, new, usage, out);
}

/// The serde impls an endpoint's own structs lost (`serde_impls`).
fn local_serde_impls(
    name: &str,
    (old, o): (&Provider, &Endpoint),
    (new, n): (&Provider, &Endpoint),
    out: &mut Vec<Change>,
) {
    let before = o.crossings(&old.types_for(o), &TypeHome::Local);
    let after = n.crossings(&new.types_for(n), &TypeHome::Local);
    let mut s = sink(name, endpoint_scope(n), out);
    super::serde_impls::lost(
        super::serde_impls::Side {
            defs: &o.types,
            crossings: &before,
        },
        super::serde_impls::Side {
            defs: &n.types,
            crossings: &after,
        },
        &folder_path(name, n),
        &mut s,
    );
}

/// One endpoint in both versions.
fn endpoint(name: &str, header: &str, o: &Endpoint, n: &Endpoint, out: &mut Vec<Change>) {
    let mut s = sink(name, endpoint_scope(n), out);
    identity(o, n, &mut s);
    deprecation(o, n, &mut s);
    wire(o, n, header, &mut s);
    auth(o, n, &mut s);
    retries(o, n, &mut s);
    envelope_choice(o, n, &mut s);
    query_placement(o, n, &mut s);
    paging(o, n, &mut s);
    super::usepoint::requirements(o, n, &mut s);
    super::usepoint::availability(o, n, &mut s);
    errors(o, n, &mut s);
    s.docs_text("summary", &o.summary, &n.summary);
    s.docs_text("description", &o.description, &n.description);
    if o.docs_url != n.docs_url {
        s.docs("vendor link");
    }
    let examples = |e: &Endpoint| {
        e.examples
            .iter()
            .map(|x| {
                (
                    x.name.clone(),
                    x.request.clone(),
                    x.response.clone(),
                    x.error_code.clone(),
                )
            })
            .collect::<Vec<_>>()
    };
    if examples(o) != examples(n) {
        s.docs("examples");
    }

    let request = Use {
        request: true,
        response: false,
    };
    let response = Use {
        request: false,
        response: true,
    };
    let home = folder_path(name, n);
    strukt(&o.request, &n.request, request, "request", &home, &mut s);
    body_shape(&o.request, &n.request, "request", &mut s);
    // Without a response on one side the kind changed, or the body did, said next.
    match (&o.response, &n.response) {
        (Some(a), Some(b)) => {
            body_shape(a, b, "response", &mut s);
            strukt(a, b, response, "response", &home, &mut s);
        }
        (a, b) if o.kind == Kind::Call && n.kind == Kind::Call => {
            response_body(a.as_ref(), b.as_ref(), &mut s)
        }
        _ => {}
    }
    s.finish();
}

/// A body that became a bare JSON array, or stopped being one: its type keeps its fields,
/// but the JSON it stands for is another shape.
fn body_shape(o: &crate::ir::Struct, n: &crate::ir::Struct, part: &str, s: &mut Sink<'_>) {
    if o.bare == n.bare {
        return;
    }
    let shape = |bare: bool| if bare { "a bare array" } else { "an object" };
    let whom = if part == "request" {
        "the vendor reads"
    } else {
        "the vendor sends"
    };
    s.push(
        ChangeKind::BodyShapeChanged,
        format!("{part} body: {} → {}", shape(o.bare), shape(n.bare)),
        Impact::Breaking,
        format!(
            "`{}` stands for {} instead of {} on the wire",
            n.name,
            shape(n.bare),
            shape(o.bare)
        ),
        Some(format!("the JSON {whom} is {} now", shape(n.bare))),
    );
}

/// A call that starts or stops answering with no body: its method's return type changes
/// between the response struct and `()`.
fn response_body(o: Option<&crate::ir::Struct>, n: Option<&crate::ir::Struct>, s: &mut Sink<'_>) {
    let show = |r: Option<&crate::ir::Struct>| {
        r.map_or("no body (`()`)".to_owned(), |r| format!("`{}`", r.name))
    };
    s.push(
        ChangeKind::ResponseBodyChanged,
        format!("response body: {} → {}", show(o), show(n)),
        Impact::Breaking,
        format!("the method returns {} instead of {}", show(n), show(o)),
        Some(match n {
            None => "a success answer with no body decodes; its body is no longer read".to_owned(),
            Some(_) => "a success answer must carry the result; an empty one fails".to_owned(),
        }),
    );
}

/// Whether the method is a call or a URL builder, and its operation constant.
fn identity(o: &Endpoint, n: &Endpoint, s: &mut Sink<'_>) {
    if o.kind != n.kind {
        let what = |k: Kind| match k {
            Kind::Call => "an async call",
            Kind::Redirect => "a URL builder",
        };
        let provider = s.provider().to_owned();
        s.push(
            ChangeKind::EndpointKindChanged,
            "endpoint kind",
            Impact::Breaking,
            format!(
                "`{}` ({}) is now `{}` ({})",
                client_method(&provider, &o.method_name),
                what(o.kind),
                client_method(&provider, &n.method_name),
                what(n.kind)
            ),
            None,
        );
    } else if o.operation_const != n.operation_const {
        s.push(
            ChangeKind::EndpointMoved,
            "operation constant",
            Impact::Breaking,
            format!(
                "`bindery::{p}::operations::{}` is now `bindery::{p}::operations::{}`",
                o.operation_const,
                n.operation_const,
                p = s.provider()
            ),
            None,
        );
    }
}

/// Whether the vendor retired the endpoint. Either way code keeps compiling (a deprecation
/// is a warning, which only `-D warnings` builds turn into an error), so both directions are
/// compatible; a changed note while it stays deprecated is documentation.
fn deprecation(o: &Endpoint, n: &Endpoint, s: &mut Sink<'_>) {
    let (names, several) = methods(s.provider(), n);
    let (is, them) = if several {
        ("are", "them")
    } else {
        ("is", "it")
    };
    match (&o.deprecated, &n.deprecated) {
        (None, Some(_)) => s.push(
            ChangeKind::Deprecated,
            format!("endpoint `{}`", n.vendor_name),
            Impact::Compatible,
            format!("{names} {is} `#[deprecated]`: calls to {them} warn"),
            None,
        ),
        (Some(_), None) => s.push(
            ChangeKind::Undeprecated,
            format!("endpoint `{}`", n.vendor_name),
            Impact::Compatible,
            format!("{names} {is} no longer `#[deprecated]`"),
            None,
        ),
        (Some(a), Some(b)) if a != b => s.docs("deprecation note"),
        _ => {}
    }
}

/// Where and how requests are sent, and what errors call the operation.
/// `header`: what the action is sent in, from the protocol table.
fn wire(o: &Endpoint, n: &Endpoint, header: &str, s: &mut Sink<'_>) {
    if o.path != n.path {
        s.push(
            ChangeKind::PathChanged,
            "path",
            Impact::Compatible,
            NO_RUST,
            Some(format!(
                "requests go to `{}` instead of `{}`",
                n.path, o.path
            )),
        );
    }
    if o.http_method != n.http_method {
        s.push(
            ChangeKind::HttpMethodChanged,
            "HTTP method",
            Impact::Compatible,
            NO_RUST,
            Some(format!(
                "sent as `{}` instead of `{}` (fields move between query and body)",
                n.http_method.as_str(),
                o.http_method.as_str()
            )),
        );
    }
    if o.action != n.action {
        s.push(
            ChangeKind::ActionChanged,
            "action",
            Impact::Compatible,
            NO_RUST,
            Some(format!(
                "`{header}: {}` instead of `{}`",
                n.action.as_deref().unwrap_or("(none)"),
                o.action.as_deref().unwrap_or("(none)")
            )),
        );
    }
    if o.vendor_name != n.vendor_name {
        s.push(
            ChangeKind::OperationRenamed,
            "operation name",
            Impact::Compatible,
            NO_RUST,
            Some(format!(
                "errors and traces name the operation `{}` instead of `{}`",
                n.vendor_name, o.vendor_name
            )),
        );
    }
}

/// The auth scheme calls need.
fn auth(o: &Endpoint, n: &Endpoint, s: &mut Sink<'_>) {
    if o.auth != n.auth {
        let (old_auth, new_auth) = (auth_name(o.auth), auth_name(n.auth));
        let (impact, reason) = match (o.auth, n.auth) {
            (Some(_), None) => (
                Impact::Compatible,
                "calls no longer need credentials".to_owned(),
            ),
            (None, Some(_)) => (
                Impact::Breaking,
                format!(
                    "calls now need `{new_auth}` credentials; a client built without them fails with `Error::Credentials`"
                ),
            ),
            _ => (
                Impact::Breaking,
                format!(
                    "calls need `{new_auth}` credentials instead of `{old_auth}`; a client given only the old ones fails with `Error::Credentials`"
                ),
            ),
        };
        s.push(
            ChangeKind::AuthChanged,
            "auth scheme",
            impact,
            reason,
            Some(format!(
                "authenticated with `{new_auth}` instead of `{old_auth}`"
            )),
        );
    }
}

/// The envelope an endpoint answers in. Only a switch between envelopes is reported here;
/// a change inside one envelope is the provider's (every endpoint using it sees it). The
/// Rust API is unchanged, so the verdict is compatible, like any envelope change: what
/// changes is which answers decode as success.
fn envelope_choice(o: &Endpoint, n: &Endpoint, s: &mut Sink<'_>) {
    if o.envelope.name == n.envelope.name {
        return;
    }
    let show = |e: &Endpoint| {
        e.envelope
            .name
            .as_deref()
            .map_or("the provider's `envelope`".to_owned(), |name| {
                format!("envelope `{name}`")
            })
    };
    s.push(
        ChangeKind::EndpointEnvelopeChanged,
        format!("envelope: {} → {}", show(o), show(n)),
        Impact::Compatible,
        NO_RUST,
        Some(format!(
            "answers are read with {} instead of {}",
            show(n),
            show(o)
        )),
    );
}

/// A request field that stays but moves between a `POST`'s URL query and its body: the
/// Rust API is the same field, the wire is not.
fn query_placement(o: &Endpoint, n: &Endpoint, s: &mut Sink<'_>) {
    for field in &n.request.fields {
        let name = &field.json_name;
        if !o.request.fields.iter().any(|f| &f.json_name == name) {
            continue;
        }
        let (was, is) = (o.query_fields.contains(name), n.query_fields.contains(name));
        if was == is {
            continue;
        }
        let place = |query: bool| {
            if query {
                "the URL query"
            } else {
                "the JSON body"
            }
        };
        s.push(
            ChangeKind::FieldPlaceChanged,
            format!("request field `{name}`: {} → {}", place(was), place(is)),
            Impact::Compatible,
            NO_RUST,
            Some(format!(
                "`{name}` is sent in {} instead of {}",
                place(is),
                place(was)
            )),
        );
    }
}

/// Retry safety and pacing.
fn retries(o: &Endpoint, n: &Endpoint, s: &mut Sink<'_>) {
    if o.idempotent != n.idempotent {
        let wire = if n.idempotent {
            "now retried after errors where the request may already have been processed"
        } else {
            "no longer retried after errors where the request may already have been processed"
        };
        s.push(
            ChangeKind::IdempotencyChanged,
            format!("idempotent: {} → {}", o.idempotent, n.idempotent),
            Impact::Compatible,
            NO_RUST,
            Some(wire.to_owned()),
        );
    }
    if o.rate_limit != n.rate_limit {
        let show = show_rate_limit;
        s.push(
            ChangeKind::RateLimitChanged,
            format!(
                "rate limit: {} → {}",
                show(o.rate_limit),
                show(n.rate_limit)
            ),
            Impact::Compatible,
            NO_RUST,
            Some(format!(
                "the client paces calls to {} instead of {}",
                show(n.rate_limit),
                show(o.rate_limit)
            )),
        );
    }
}

/// Endpoint-local types, compared per folder: moving one between files of a folder keeps its
/// public path. Each change is reported with the endpoint that defines the type.
fn local_types(name: &str, old: &Provider, new: &Provider, usage: &Usage, out: &mut Vec<Change>) {
    type Defs<'a> = BTreeMap<(String, String), (&'a Endpoint, &'a TypeDef)>;
    fn defs(p: &Provider) -> Defs<'_> {
        let mut map = BTreeMap::new();
        for e in p.root.all_endpoints() {
            for t in &e.types {
                map.insert((folder_key(e), t.name().to_owned()), (e, t));
            }
        }
        map
    }
    let (old_defs, new_defs) = (defs(old), defs(new));
    let keys: BTreeSet<&(String, String)> = old_defs.keys().chain(new_defs.keys()).collect();
    let none = BTreeMap::new();
    for key in keys {
        let folder_use = usage.local.get(&key.0).unwrap_or(&none);
        let (o, n) = (old_defs.get(key), new_defs.get(key));
        let Some((scope_of, _)) = n.or(o) else {
            continue;
        };
        let mut s = sink(name, endpoint_scope(scope_of), out);
        let side = |d: Option<&(&Endpoint, &TypeDef)>| {
            d.map(|(_, t)| (*t).clone()).into_iter().collect::<Vec<_>>()
        };
        type_defs(
            &side(o),
            &side(n),
            folder_use,
            &folder_path(name, scope_of),
            &mut s,
        );
        s.finish();
    }
}
