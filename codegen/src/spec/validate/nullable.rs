//! `nullable`: where it means something. It says what the vendor sends, so it belongs on
//! fields the client reads; an endpoint's `request` and `query` are only sent, and a `const`
//! field always has its value. A nullable field is an `Option` in Rust whether or not it is
//! required, so the rules that need a value (`multiple_of_field`) cannot use it.

use std::path::Path;

use super::super::model::Field;
use super::{Cx, Owner};

/// Whether the spec says the field may be `null`.
pub(super) fn is_nullable(f: &Field) -> bool {
    f.nullable.as_ref().is_some_and(|n| n.value)
}

impl Cx<'_> {
    /// The `nullable` of `f`, one of `fields` of `owner`.
    pub(super) fn nullable(&mut self, file: &Path, f: &Field, fields: &[Field], owner: &Owner<'_>) {
        let Some(flag) = f.nullable.as_ref().filter(|n| n.value) else {
            return;
        };
        let name = &f.name.value;
        if let Owner::Endpoint(list @ ("request" | "query")) = owner {
            self.err(
                file,
                flag.pos,
                format!(
                    "`nullable` describes what the vendor sends, and `{name}` is a `{list}` field, which the client sends"
                ),
                Some(
                    "remove `nullable`: an optional field the caller leaves unset is left out, never sent as `null`"
                        .to_owned(),
                ),
            );
            return;
        }
        if f.constant.is_some() {
            self.err(
                file,
                flag.pos,
                format!("field `{name}` has a `const` value, so it is never `null`"),
                Some("remove `nullable`".to_owned()),
            );
        }
        let own_rule = f
            .constraints
            .as_ref()
            .and_then(|c| c.multiple_of_field.as_ref())
            .map(|other| other.value.clone());
        let named_by = fields.iter().find(|s| {
            s.constraints
                .as_ref()
                .and_then(|c| c.multiple_of_field.as_ref())
                .is_some_and(|m| m.value == *name)
        });
        let partner = own_rule.or_else(|| named_by.map(|s| s.name.value.clone()));
        if let Some(other) = partner {
            self.err(
                file,
                flag.pos,
                format!(
                    "field `{name}` is `nullable`, so `multiple_of_field` between `{name}` and `{other}` could meet a `null` it cannot check"
                ),
                Some("remove `nullable`, or the `multiple_of_field` rule".to_owned()),
            );
        }
    }
}
