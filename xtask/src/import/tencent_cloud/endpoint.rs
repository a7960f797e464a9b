//! One catalogue action as an endpoint file.

use super::ImportError;
use super::catalogue::{Action, Catalogue};
use super::curated;
use super::examples::examples;
use super::map::{Names, Side, text};
use super::output::{Docs, Endpoint};

/// Verbs whose actions only read or check: sending one twice has the effect of once. Every
/// other action (`Export` too: one of ESS's starts an export task) is taken as not idempotent,
/// so never retried blindly, unless its file says otherwise with the reason in `notes`;
/// `api-spec/README.md` documents the rule.
pub const READ_VERBS: &[&str] = &["Describe", "Get", "List", "Verify"];

/// What every action of the provider shares.
pub struct Provider<'a> {
    /// `ess`.
    pub service: &'a str,
    /// `2020-11-11`.
    pub version: &'a str,
    /// The provider's TC3 auth scheme name.
    pub auth: &'a str,
}

/// The endpoint of `name`, with what `kept` curated.
pub fn endpoint(
    provider: &Provider<'_>,
    catalogue: &Catalogue,
    names: &Names<'_>,
    name: &str,
    action: &Action,
    kept: Option<&curated::Endpoint>,
) -> Result<Endpoint, ImportError> {
    let object = |which: &str, object_name: &str| {
        catalogue.api.objects.get(object_name).ok_or_else(|| {
            ImportError::new(format!(
                "action `{name}`: its {which} structure `{object_name}` is not in the \
                 catalogue's `objects`"
            ))
        })
    };
    let input = object("request", &action.input)?;
    let output = object("response", &action.output)?;
    let empty = curated::Endpoint::default();
    let kept_or_empty = kept.unwrap_or(&empty);
    let request = names.fields(
        &format!("action `{name}`, object `{}`", action.input),
        (&action.input, input),
        Side::Request,
        &kept_or_empty.request,
    )?;
    let response = names.fields(
        &format!("action `{name}`, object `{}`", action.output),
        (&action.output, output),
        Side::Result,
        &kept_or_empty.response,
    )?;
    let catalogue_examples = catalogue
        .examples
        .actions
        .get(name)
        .map(Vec::as_slice)
        .unwrap_or_default();
    let deprecated = (action.status == "deprecated").then(|| Docs {
        zh: Some("腾讯云 API 目录已将此接口标记为废弃(deprecated)。".to_owned()),
        en: kept
            .and_then(|k| k.deprecated.as_ref()?.en.clone())
            .or_else(|| Some("Marked deprecated in Tencent Cloud's API catalogue.".to_owned())),
    });
    let idempotent = kept
        .and_then(|k| k.idempotent)
        .unwrap_or_else(|| idempotent_by_verb(name));
    Ok(Endpoint {
        name: name.to_owned(),
        summary: Docs {
            zh: text(&action.name),
            en: kept.and_then(|k| k.summary.en.clone()),
        },
        description: text(&action.document).map(|zh| Docs {
            zh: Some(zh),
            en: kept.and_then(|k| k.description.as_ref()?.en.clone()),
        }),
        docs_url: kept
            .and_then(|k| k.docs_url.clone())
            .unwrap_or_else(|| explorer_url(provider, name)),
        method: "POST",
        path: "/",
        action: name.to_owned(),
        auth: provider.auth.to_owned(),
        idempotent,
        unexplained: idempotent != idempotent_by_verb(name)
            && !kept
                .and_then(|k| k.notes.as_deref())
                .is_some_and(|notes| notes.contains("idempotent")),
        deprecated,
        rate_limit: kept.and_then(|k| k.rate_limit.clone()),
        request,
        requires: kept.and_then(|k| k.requires.clone()),
        response,
        response_open: kept.and_then(|k| k.response_open),
        availability: kept.and_then(|k| k.availability.clone()),
        pagination: kept.and_then(|k| k.pagination.clone()),
        types: kept.and_then(|k| k.types.clone()),
        errors: kept.and_then(|k| k.errors.clone()),
        examples: examples(
            &catalogue.api,
            name,
            input,
            output,
            catalogue_examples,
            &kept_or_empty.examples,
        )?,
        notes: kept.and_then(|k| k.notes.clone()),
    })
}

/// Whether `action`'s verb only reads ([`READ_VERBS`]): the verb is followed by a capital
/// (`DescribeFlow`, not `Getaway`).
pub fn idempotent_by_verb(action: &str) -> bool {
    READ_VERBS.iter().any(|verb| {
        action
            .strip_prefix(verb)
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
    })
}

/// The action's page in Tencent Cloud's API Explorer, which documents every action of every
/// version (the document centre's page ids are not in the catalogue).
fn explorer_url(provider: &Provider<'_>, action: &str) -> String {
    format!(
        "https://console.cloud.tencent.com/api/explorer?Product={}&Version={}&Action={action}",
        provider.service, provider.version
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_reading_verbs_are_idempotent() {
        assert!(idempotent_by_verb("DescribeFlowInfo"));
        assert!(idempotent_by_verb("GetTaskResultApi"));
        assert!(idempotent_by_verb("ListThings"));
        assert!(idempotent_by_verb("VerifyPdf"));
        assert!(!idempotent_by_verb("ExportContractReviewMarkedRisk"));
        assert!(!idempotent_by_verb("CreateFlow"));
        assert!(!idempotent_by_verb("Describe"));
        assert!(!idempotent_by_verb("Getaway"));
    }
}
