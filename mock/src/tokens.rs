//! The tokens a server issued from its token endpoints, per auth scheme, until they are
//! expired.

use std::sync::Mutex;

use bindery_runtime::AuthKind;

/// Tokens issued and still valid.
#[derive(Debug, Default)]
pub(crate) struct TokenBook {
    inner: Mutex<Issued>,
}

#[derive(Debug, Default)]
struct Issued {
    valid: Vec<(AuthKind, String)>,
    count: u64,
}

impl TokenBook {
    /// The token of `kind`, valid until [`expire_all`](Self::expire_all): the one issued
    /// before while it is valid (the vendor answers the same token within its lifetime), else
    /// a fresh one.
    pub(crate) fn issue(&self, kind: AuthKind) -> String {
        let mut issued = self
            .inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((_, token)) = issued.valid.iter().find(|(valid, _)| *valid == kind) {
            return token.clone();
        }
        issued.count += 1;
        let token = format!(
            "mock-token-{}-{}",
            issued.count,
            uuid::Uuid::new_v4().simple()
        );
        issued.valid.push((kind, token.clone()));
        token
    }

    /// Whether `token` was issued for `kind` and has not expired.
    pub(crate) fn is_valid(&self, kind: AuthKind, token: &str) -> bool {
        let issued = self
            .inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        issued
            .valid
            .iter()
            .any(|(issued_kind, issued)| *issued_kind == kind && issued == token)
    }

    /// Expires every token issued so far.
    pub(crate) fn expire_all(&self) {
        let mut issued = self
            .inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        issued.valid.clear();
    }

    /// How many distinct tokens were issued.
    pub(crate) fn issued(&self) -> u64 {
        let issued = self
            .inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        issued.count
    }
}
