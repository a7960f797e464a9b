//! The provider's own changes: protocol, constructor arguments, base URLs, envelope and token
//! sources.

use super::derived::{
    and_list, auth_name, base_url_item, client_method, constructor_args, constructor_subject,
    default_url, show_args,
};
use super::sink::Sink;
use crate::diff::change::{ChangeKind, Impact};
use crate::ir::{BaseUrl, Envelope, Provider};
use crate::protocols::AppCredentialsDef;

/// The protocol a provider's clients speak.
pub(super) fn protocol(old: &Provider, new: &Provider, s: &mut Sink<'_>) {
    let name = new.name.as_str();
    if old.protocol != new.protocol {
        let mut reason = format!(
            "`bindery::{name}::Credentials` and request signing follow `{}` instead of `{}`",
            new.protocol.type_name, old.protocol.type_name
        );
        // The items the protocol table adds to every provider module of the protocol.
        let items = |p: &Provider| -> Vec<String> {
            let reexports = p
                .protocol
                .reexports
                .iter()
                .map(|r| format!("`bindery::{name}::{r}`"));
            let setters = p
                .protocol
                .setters
                .iter()
                .map(|st| format!("`bindery::{name}::ClientBuilder::{}`", st.name));
            reexports.chain(setters).collect()
        };
        let (old_items, new_items) = (items(old), items(new));
        let gone: Vec<String> = old_items
            .iter()
            .filter(|i| !new_items.contains(i))
            .cloned()
            .collect();
        let added: Vec<String> = new_items
            .iter()
            .filter(|i| !old_items.contains(i))
            .cloned()
            .collect();
        if !gone.is_empty() {
            let verb = if gone.len() > 1 { "are" } else { "is" };
            reason.push_str(&format!("; {} {verb} gone", and_list(gone)));
        }
        if !added.is_empty() {
            reason.push_str(&format!("; new {}", and_list(added)));
        }
        s.push(
            ChangeKind::ProtocolChanged,
            "protocol",
            Impact::Breaking,
            reason,
            None,
        );
    }
}

/// The arguments of the protocol's constructor (as the protocol table describes them).
pub(super) fn constructor(old: &Provider, new: &Provider, s: &mut Sink<'_>) {
    let (old_args, new_args) = (constructor_args(old), constructor_args(new));
    if old_args != new_args {
        s.push(
            ChangeKind::ApiVersionChanged,
            constructor_subject(old, new),
            Impact::Compatible,
            "the Rust API is unchanged",
            Some(format!(
                "requests are signed and sent for {} instead of {}",
                show_args(&new_args),
                show_args(&old_args)
            )),
        );
    }
}

/// Named base URLs and the default one.
pub(super) fn base_urls(old_p: &Provider, new_p: &Provider, s: &mut Sink<'_>) {
    let (old, new) = (&old_p.base_urls, &new_p.base_urls);
    let module = format!("bindery::{}::", s.provider());
    for o in old {
        match new.iter().find(|n| n.name == o.name) {
            None => s.push(
                ChangeKind::BaseUrlRemoved,
                format!("base URL `{}`", o.name),
                Impact::Breaking,
                format!("{} is gone", base_url_item(&module, o)),
                None,
            ),
            Some(n) if n.templated != o.templated => s.push(
                ChangeKind::BaseUrlFormChanged,
                format!("base URL `{}`", o.name),
                Impact::Breaking,
                format!(
                    "{} is now {}",
                    base_url_item(&module, o),
                    base_url_item(&module, n)
                ),
                None,
            ),
            Some(n) => {
                if n.url != o.url {
                    s.push(
                        ChangeKind::BaseUrlChanged,
                        format!("base URL `{}`", o.name),
                        Impact::Compatible,
                        format!("{} keeps its name", base_url_item(&module, n)),
                        Some(format!("`{}` instead of `{}`", n.url, o.url)),
                    );
                }
                s.docs_text(&format!("docs of base URL `{}`", o.name), &o.docs, &n.docs);
            }
        }
    }
    for n in new.iter().filter(|n| !old.iter().any(|o| o.name == n.name)) {
        s.push(
            ChangeKind::BaseUrlAdded,
            format!("base URL `{}`", n.name),
            Impact::Addition,
            format!("new {}", base_url_item(&module, n)),
            None,
        );
    }
    let show = |b: Option<&BaseUrl>| {
        b.map_or(
            "no default (every client sets `base_url`)".to_owned(),
            |b| format!("`{}` ({})", b.url, b.name),
        )
    };
    let (old_default, new_default) = (default_url(old_p), default_url(new_p));
    if old_default.map(|b| &b.name) != new_default.map(|b| &b.name) {
        s.push(
            ChangeKind::DefaultBaseUrlChanged,
            "default base URL",
            Impact::Compatible,
            "the Rust API is unchanged",
            Some(format!(
                "clients built without `base_url` talk to {} instead of {}",
                show(new_default),
                show(old_default)
            )),
        );
    }
}

/// The named envelopes: added (a new static), removed (a static gone, breaking), changed.
pub(super) fn named_envelopes(old: &[Envelope], new: &[Envelope], s: &mut Sink<'_>) {
    let label = |e: &Envelope| format!("envelope `{}`", e.name.as_deref().unwrap_or_default());
    for o in old {
        match new.iter().find(|n| n.name == o.name) {
            Some(n) => envelope(&label(n), o, n, s),
            None => s.push(
                ChangeKind::EnvelopeRemoved,
                label(o),
                Impact::Breaking,
                format!("the static `operations::envelopes::{}` is gone", o.item),
                None,
            ),
        }
    }
    for n in new.iter().filter(|n| !old.iter().any(|o| o.name == n.name)) {
        s.push(
            ChangeKind::EnvelopeAdded,
            label(n),
            Impact::Addition,
            format!("new static `operations::envelopes::{}`", n.item),
            None,
        );
    }
}

/// Where an envelope (`label`: `envelope` for the default) keeps code, message, request id,
/// result and success flag.
pub(super) fn envelope(label: &str, old: &Envelope, new: &Envelope, s: &mut Sink<'_>) {
    let flag = |f: &Option<(String, bool)>| {
        f.as_ref()
            .map_or("(none)".to_owned(), |(path, v)| format!("`{path}` = {v}"))
    };
    let opt = |v: &Option<String>| {
        v.as_deref()
            .map_or("(none)".to_owned(), |p| format!("`{p}`"))
    };
    let parts = [
        (
            "code path",
            format!("`{}`", old.code),
            format!("`{}`", new.code),
        ),
        (
            "success code",
            old.success
                .map_or("(code absent)".to_owned(), |c| c.to_string()),
            new.success
                .map_or("(code absent)".to_owned(), |c| c.to_string()),
        ),
        (
            "message path",
            format!("`{}`", old.message),
            format!("`{}`", new.message),
        ),
        (
            "request id path",
            opt(&old.request_id),
            opt(&new.request_id),
        ),
        ("result path", opt(&old.result), opt(&new.result)),
        ("success flag", flag(&old.flag), flag(&new.flag)),
    ];
    for (what, o, n) in parts {
        if o != n {
            s.push(
                ChangeKind::EnvelopeChanged,
                format!("{label} {what}"),
                Impact::Compatible,
                "the Rust API is unchanged",
                Some(format!(
                    "every response is read with {what} {n} instead of {o}"
                )),
            );
        }
    }
}

/// What generated code gains while any scheme's token is fetched by the client: the
/// `app_credentials` builder method and the protocol's app-credential types (from the
/// protocol table; see `emit/client.rs`).
fn app_items(provider: &str, app: Option<&AppCredentialsDef>) -> String {
    match app {
        Some(app) => format!(
            "`bindery::{provider}::ClientBuilder::app_credentials` and the re-exports `bindery::{provider}::{}` and `bindery::{provider}::{}`",
            app.app_type, app.operator.1
        ),
        None => format!("`bindery::{provider}::ClientBuilder::app_credentials`"),
    }
}

/// The schemes whose tokens clients fetch themselves, and how.
pub(super) fn token_sources(old_p: &Provider, new_p: &Provider, s: &mut Sink<'_>) {
    let (old, new) = (&old_p.token_sources, &new_p.token_sources);
    let provider = s.provider().to_owned();
    let method = |m: &str| client_method(&provider, m);
    for o in old {
        let scheme = auth_name(Some(o.auth));
        match new.iter().find(|n| n.auth == o.auth) {
            None => s.push(
                ChangeKind::TokenSourceRemoved,
                format!("token source of `{scheme}`"),
                Impact::Breaking,
                if new.is_empty() {
                    format!(
                        "clients given app credentials no longer fetch `{scheme}` tokens, and {} are gone",
                        app_items(&provider, old_p.protocol.app_credentials.as_ref())
                    )
                } else {
                    format!(
                        "clients given app credentials no longer fetch `{scheme}` tokens; calls need a token set directly"
                    )
                },
                None,
            ),
            Some(n) => {
                let same = n.method == o.method
                    && n.request == o.request
                    && n.modules == o.modules
                    && n.value == o.value
                    && n.lifetime == o.lifetime
                    && n.fields == o.fields
                    && n.args == o.args;
                if !same {
                    s.push(
                        ChangeKind::TokenSourceChanged,
                        format!("token source of `{scheme}`"),
                        Impact::Compatible,
                        "the Rust API is unchanged",
                        Some(format!(
                            "`{scheme}` tokens are fetched through `{}` (token `{}`, lifetime `{}`)",
                            method(&n.method), n.value, n.lifetime
                        )),
                    );
                }
            }
        }
    }
    for n in new.iter().filter(|n| !old.iter().any(|o| o.auth == n.auth)) {
        let scheme = auth_name(Some(n.auth));
        let gains = if old.is_empty() {
            format!(
                "new {}; ",
                app_items(&provider, new_p.protocol.app_credentials.as_ref())
            )
        } else {
            String::new()
        };
        s.push(
            ChangeKind::TokenSourceAdded,
            format!("token source of `{scheme}`"),
            Impact::Addition,
            format!(
                "{gains}clients given app credentials fetch `{scheme}` tokens themselves through `{}`",
                method(&n.method)
            ),
            None,
        );
    }
}
