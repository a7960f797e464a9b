//! The credentials a server checks requests with: the vendor's names, each with a default a
//! test may replace.

use std::collections::BTreeMap;

/// One credential a vendor's checks use, with the value a server starts with.
#[derive(Clone, Copy, Debug)]
pub struct CredentialSpec {
    /// The credential's name, as the spec's provider file names it (`secret_key`).
    pub name: &'static str,
    /// The value a [`MockServer`](crate::MockServer) uses unless told another.
    pub default: &'static str,
    /// Whether it is a secret (never printed).
    pub secret: bool,
}

/// Named credential values (`secret_id`, `secret_key`, …).
#[derive(Clone)]
pub(crate) struct Credentials {
    values: BTreeMap<&'static str, String>,
    specs: &'static [CredentialSpec],
}

impl Credentials {
    /// The vendor's defaults.
    pub(crate) fn defaults(specs: &'static [CredentialSpec]) -> Self {
        Credentials {
            values: specs
                .iter()
                .map(|spec| (spec.name, spec.default.to_owned()))
                .collect(),
            specs,
        }
    }

    /// Replaces one value.
    ///
    /// # Errors
    ///
    /// A name the vendor does not check, with the names it does.
    pub(crate) fn set(&mut self, name: &str, value: String) -> Result<(), String> {
        let Some(spec) = self.specs.iter().find(|spec| spec.name == name) else {
            let known: Vec<_> = self.specs.iter().map(|spec| spec.name).collect();
            return Err(format!(
                "no credential `{name}` for this vendor (it checks {})",
                known.join(", ")
            ));
        };
        self.values.insert(spec.name, value);
        Ok(())
    }

    /// The value of `name` (empty if the vendor has no such credential: a vendor asks only
    /// for its own).
    pub(crate) fn get(&self, name: &str) -> &str {
        self.values.get(name).map_or("", String::as_str)
    }
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut map = f.debug_map();
        for spec in self.specs {
            let value = self.get(spec.name);
            if spec.secret {
                map.entry(&spec.name, &"***");
            } else {
                map.entry(&spec.name, &value);
            }
        }
        map.finish()
    }
}
