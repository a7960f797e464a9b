//! The spec check of a request that passed its vendor's admission: which endpoint it is for
//! when several are served at one place, its fields retyped when they came as query text,
//! and the vendor's error for a fault, with secret values kept out of it.

use bindery_runtime::Operation;
use bindery_runtime::served::{FaultKind, RequestFault, ServedEndpoint, ServedProvider};
use serde_json::Value;

use crate::answer::VendorError;
use crate::vendor::Vendor;

/// The endpoint the request is for, and its verdict: `endpoint` if the request satisfies it,
/// else another served at the same place (two Fxiaoke endpoints share a path and differ by a
/// constant, `msgType`) that it satisfies; failing all, the one whose check got furthest
/// into the request (its fault's path is the deepest), with that fault's error. `fields` are
/// left as the chosen endpoint's check retyped them.
pub(crate) fn pick(
    provider: &ServedProvider,
    vendor: &dyn Vendor,
    endpoint: &'static ServedEndpoint,
    fields: &mut Value,
    from_query: bool,
) -> (&'static ServedEndpoint, Result<(), VendorError>) {
    let operation = endpoint.operation;
    let place = |op: &Operation| (op.method, op.path, op.action, op.auth);
    let candidates = std::iter::once(endpoint).chain(provider.endpoints.iter().filter(|other| {
        !std::ptr::eq(*other, endpoint) && place(other.operation) == place(operation)
    }));
    let mut best: Option<(&'static ServedEndpoint, VendorError, usize, Value)> = None;
    for candidate in candidates {
        let mut retyped = fields.clone();
        match verdict(vendor, candidate, &mut retyped, from_query) {
            Ok(()) => {
                *fields = retyped;
                return (candidate, Ok(()));
            }
            Err((error, depth)) => {
                if best
                    .as_ref()
                    .is_none_or(|(_, _, best_depth, _)| depth > *best_depth)
                {
                    best = Some((candidate, error, depth, retyped));
                }
            }
        }
    }
    match best {
        Some((candidate, error, _, retyped)) => {
            *fields = retyped;
            (candidate, Err(error))
        }
        None => (endpoint, Ok(())),
    }
}

/// The vendor's error for `endpoint`'s fault, with how deep in the request it was; a fault
/// the vendor lets pass is no error.
fn verdict(
    vendor: &dyn Vendor,
    endpoint: &ServedEndpoint,
    fields: &mut Value,
    from_query: bool,
) -> Result<(), (VendorError, usize)> {
    let Err(fault) = check(endpoint, fields, from_query) else {
        return Ok(());
    };
    let depth = if fault.field.is_empty() {
        0
    } else {
        1 + fault.field.matches(['.', '[']).count()
    };
    match vendor.fault(&hide_secret(endpoint.operation, fault)) {
        Some(error) => Err((error, depth)),
        None => Ok(()),
    }
}

/// The fault without the value serde quoted, when the field is one the spec types `secret`:
/// a refusal is logged and journaled, and must not repeat an app secret sent as a number.
fn hide_secret(operation: &Operation, mut fault: RequestFault) -> RequestFault {
    let name = fault.field.rsplit(['.', '[']).next().unwrap_or("");
    if fault.kind == FaultKind::Invalid
        && operation
            .secret_fields
            .iter()
            .any(|secret| secret.eq_ignore_ascii_case(name))
    {
        fault.message =
            "is not a valid value of its type (a secret: its value is not repeated)".to_owned();
    }
    fault
}

/// The endpoint's check; a query's text values are retyped one by one where the request
/// type reads a number, a boolean, a list or JSON (a query carries only text).
fn check(
    endpoint: &ServedEndpoint,
    fields: &mut Value,
    from_query: bool,
) -> Result<(), RequestFault> {
    let rounds = fields.as_object().map_or(0, |map| {
        map.values()
            .map(|value| value.as_array().map_or(1, |items| items.len() + 1))
            .sum()
    });
    for _ in 0..=rounds {
        match (endpoint.check)(fields) {
            Err(fault)
                if from_query && fault.kind == FaultKind::Invalid && retype(fields, &fault) => {}
            outcome => return outcome,
        }
    }
    (endpoint.check)(fields)
}

/// Retypes the query text at the fault's field (`key`, or `key[i]` of a repeated key): a
/// single text where a list is read becomes a list of it; a text that spells JSON other
/// than a string becomes that JSON.
fn retype(fields: &mut Value, fault: &RequestFault) -> bool {
    let mut steps = fault.field.split(['.', '[']);
    let key = steps.next().unwrap_or("");
    let index = steps
        .next()
        .and_then(|step| step.strip_suffix(']'))
        .and_then(|index| index.parse::<usize>().ok());
    let Some(mut slot) = fields.get_mut(key) else {
        return false;
    };
    if let Some(index) = index {
        match slot.get_mut(index) {
            Some(item) => slot = item,
            None => return false,
        }
    }
    let Value::String(text) = slot else {
        return false;
    };
    if fault.message.contains("expected a sequence") {
        *slot = Value::Array(vec![Value::String(std::mem::take(text))]);
        return true;
    }
    match serde_json::from_str::<Value>(text) {
        Ok(typed) if !typed.is_string() => {
            *slot = typed;
            true
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invalid(field: &str, message: &str) -> RequestFault {
        RequestFault {
            kind: FaultKind::Invalid,
            field: field.to_owned(),
            message: message.to_owned(),
        }
    }

    #[test]
    fn retyping_turns_only_non_string_json() {
        let mut fields = serde_json::json!({"n": "5", "s": "abc", "q": "\"x\""});
        assert!(retype(
            &mut fields,
            &invalid("n", "invalid type: string \"5\", expected i64")
        ));
        assert_eq!(fields["n"], 5);
        assert!(!retype(&mut fields, &invalid("s", "")));
        assert!(!retype(&mut fields, &invalid("q", "")));
        assert!(!retype(&mut fields, &invalid("missing", "")));
    }

    #[test]
    fn retyping_makes_lists_of_single_texts_and_types_their_items() {
        let mut fields = serde_json::json!({"ids": "7", "more": ["1", "x"]});
        assert!(retype(
            &mut fields,
            &invalid("ids", "invalid type: string \"7\", expected a sequence")
        ));
        assert_eq!(fields["ids"], serde_json::json!(["7"]));
        assert!(retype(
            &mut fields,
            &invalid("more[0]", "invalid type: string \"1\", expected i64")
        ));
        assert_eq!(fields["more"], serde_json::json!([1, "x"]));
        assert!(!retype(&mut fields, &invalid("more[5]", "")));
    }
}
